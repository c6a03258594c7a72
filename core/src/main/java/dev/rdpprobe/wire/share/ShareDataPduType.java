package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;

/**
 * pduType2 of the Share Data Header (MS-RDPBCGR 2.2.8.1.1.1.2): which Data PDU follows. An open
 * set: unknown types are kept and named {@code unknown (0x..)}.
 *
 * @param value the 8-bit type as sent
 */
public record ShareDataPduType(int value) {
  public static final int PDUTYPE2_UPDATE = 0x02;
  public static final int PDUTYPE2_CONTROL = 0x14;
  public static final int PDUTYPE2_POINTER = 0x1B;
  public static final int PDUTYPE2_INPUT = 0x1C;
  public static final int PDUTYPE2_SYNCHRONIZE = 0x1F;
  public static final int PDUTYPE2_REFRESH_RECT = 0x21;
  public static final int PDUTYPE2_PLAY_SOUND = 0x22;
  public static final int PDUTYPE2_SUPPRESS_OUTPUT = 0x23;
  public static final int PDUTYPE2_SHUTDOWN_REQUEST = 0x24;
  public static final int PDUTYPE2_SHUTDOWN_DENIED = 0x25;
  public static final int PDUTYPE2_SAVE_SESSION_INFO = 0x26;
  public static final int PDUTYPE2_FONTLIST = 0x27;
  public static final int PDUTYPE2_FONTMAP = 0x28;
  public static final int PDUTYPE2_SET_KEYBOARD_INDICATORS = 0x29;
  public static final int PDUTYPE2_BITMAPCACHE_PERSISTENT_LIST = 0x2B;
  public static final int PDUTYPE2_BITMAPCACHE_ERROR_PDU = 0x2C;
  public static final int PDUTYPE2_SET_KEYBOARD_IME_STATUS = 0x2D;
  public static final int PDUTYPE2_OFFSCRCACHE_ERROR_PDU = 0x2E;
  public static final int PDUTYPE2_SET_ERROR_INFO_PDU = 0x2F;
  public static final int PDUTYPE2_DRAWNINEGRID_ERROR_PDU = 0x30;
  public static final int PDUTYPE2_DRAWGDIPLUS_ERROR_PDU = 0x31;
  public static final int PDUTYPE2_ARC_STATUS_PDU = 0x32;
  public static final int PDUTYPE2_STATUS_INFO_PDU = 0x36;
  public static final int PDUTYPE2_MONITOR_LAYOUT_PDU = 0x37;
  public static final int PDUTYPE2_FRAME_ACKNOWLEDGE = 0x38;

  private static final NamedBits NAMES =
      NamedBits.of(
          PDUTYPE2_UPDATE, "PDUTYPE2_UPDATE",
          PDUTYPE2_CONTROL, "PDUTYPE2_CONTROL",
          PDUTYPE2_POINTER, "PDUTYPE2_POINTER",
          PDUTYPE2_INPUT, "PDUTYPE2_INPUT",
          PDUTYPE2_SYNCHRONIZE, "PDUTYPE2_SYNCHRONIZE",
          PDUTYPE2_REFRESH_RECT, "PDUTYPE2_REFRESH_RECT",
          PDUTYPE2_PLAY_SOUND, "PDUTYPE2_PLAY_SOUND",
          PDUTYPE2_SUPPRESS_OUTPUT, "PDUTYPE2_SUPPRESS_OUTPUT",
          PDUTYPE2_SHUTDOWN_REQUEST, "PDUTYPE2_SHUTDOWN_REQUEST",
          PDUTYPE2_SHUTDOWN_DENIED, "PDUTYPE2_SHUTDOWN_DENIED",
          PDUTYPE2_SAVE_SESSION_INFO, "PDUTYPE2_SAVE_SESSION_INFO",
          PDUTYPE2_FONTLIST, "PDUTYPE2_FONTLIST",
          PDUTYPE2_FONTMAP, "PDUTYPE2_FONTMAP",
          PDUTYPE2_SET_KEYBOARD_INDICATORS, "PDUTYPE2_SET_KEYBOARD_INDICATORS",
          PDUTYPE2_BITMAPCACHE_PERSISTENT_LIST, "PDUTYPE2_BITMAPCACHE_PERSISTENT_LIST",
          PDUTYPE2_BITMAPCACHE_ERROR_PDU, "PDUTYPE2_BITMAPCACHE_ERROR_PDU",
          PDUTYPE2_SET_KEYBOARD_IME_STATUS, "PDUTYPE2_SET_KEYBOARD_IME_STATUS",
          PDUTYPE2_OFFSCRCACHE_ERROR_PDU, "PDUTYPE2_OFFSCRCACHE_ERROR_PDU",
          PDUTYPE2_SET_ERROR_INFO_PDU, "PDUTYPE2_SET_ERROR_INFO_PDU",
          PDUTYPE2_DRAWNINEGRID_ERROR_PDU, "PDUTYPE2_DRAWNINEGRID_ERROR_PDU",
          PDUTYPE2_DRAWGDIPLUS_ERROR_PDU, "PDUTYPE2_DRAWGDIPLUS_ERROR_PDU",
          PDUTYPE2_ARC_STATUS_PDU, "PDUTYPE2_ARC_STATUS_PDU",
          PDUTYPE2_STATUS_INFO_PDU, "PDUTYPE2_STATUS_INFO_PDU",
          PDUTYPE2_MONITOR_LAYOUT_PDU, "PDUTYPE2_MONITOR_LAYOUT_PDU",
          PDUTYPE2_FRAME_ACKNOWLEDGE, "PDUTYPE2_FRAME_ACKNOWLEDGE");

  public ShareDataPduType {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException("pduType2 out of range (8 bits): " + value);
    }
  }

  /** The specification name, e.g. {@code PDUTYPE2_SYNCHRONIZE}, or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value);
  }

  /** Whether the table names this type. */
  public boolean isKnown() {
    return NAMES.knowsCode(value);
  }

  @Override
  public String toString() {
    return isKnown() ? name() + " (" + Wire.hex(value) + ")" : name();
  }
}
