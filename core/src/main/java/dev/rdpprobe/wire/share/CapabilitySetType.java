package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;

/**
 * capabilitySetType of a capability set (MS-RDPBCGR 2.2.1.13.1.1.1): the names of the
 * specification's table, its spelling kept ({@code CAPSSETTYPE_FRAME_ACKNOWLEDGE}). Unknown types
 * are kept and named {@code unknown (0x..)}.
 *
 * @param value the 16-bit type as sent
 */
public record CapabilitySetType(int value) {
  public static final int CAPSTYPE_GENERAL = 0x0001;
  public static final int CAPSTYPE_BITMAP = 0x0002;
  public static final int CAPSTYPE_ORDER = 0x0003;
  public static final int CAPSTYPE_BITMAPCACHE = 0x0004;
  public static final int CAPSTYPE_CONTROL = 0x0005;
  public static final int CAPSTYPE_ACTIVATION = 0x0007;
  public static final int CAPSTYPE_POINTER = 0x0008;
  public static final int CAPSTYPE_SHARE = 0x0009;
  public static final int CAPSTYPE_COLORCACHE = 0x000A;
  public static final int CAPSTYPE_SOUND = 0x000C;
  public static final int CAPSTYPE_INPUT = 0x000D;
  public static final int CAPSTYPE_FONT = 0x000E;
  public static final int CAPSTYPE_BRUSH = 0x000F;
  public static final int CAPSTYPE_GLYPHCACHE = 0x0010;
  public static final int CAPSTYPE_OFFSCREENCACHE = 0x0011;
  public static final int CAPSTYPE_BITMAPCACHE_HOSTSUPPORT = 0x0012;
  public static final int CAPSTYPE_BITMAPCACHE_REV2 = 0x0013;
  public static final int CAPSTYPE_VIRTUALCHANNEL = 0x0014;
  public static final int CAPSTYPE_DRAWNINEGRIDCACHE = 0x0015;
  public static final int CAPSTYPE_DRAWGDIPLUS = 0x0016;
  public static final int CAPSTYPE_RAIL = 0x0017;
  public static final int CAPSTYPE_WINDOW = 0x0018;
  public static final int CAPSETTYPE_COMPDESK = 0x0019;
  public static final int CAPSETTYPE_MULTIFRAGMENTUPDATE = 0x001A;
  public static final int CAPSETTYPE_LARGE_POINTER = 0x001B;
  public static final int CAPSETTYPE_SURFACE_COMMANDS = 0x001C;
  public static final int CAPSETTYPE_BITMAP_CODECS = 0x001D;
  public static final int CAPSSETTYPE_FRAME_ACKNOWLEDGE = 0x001E;

  private static final NamedBits NAMES =
      NamedBits.of(
          CAPSTYPE_GENERAL, "CAPSTYPE_GENERAL",
          CAPSTYPE_BITMAP, "CAPSTYPE_BITMAP",
          CAPSTYPE_ORDER, "CAPSTYPE_ORDER",
          CAPSTYPE_BITMAPCACHE, "CAPSTYPE_BITMAPCACHE",
          CAPSTYPE_CONTROL, "CAPSTYPE_CONTROL",
          CAPSTYPE_ACTIVATION, "CAPSTYPE_ACTIVATION",
          CAPSTYPE_POINTER, "CAPSTYPE_POINTER",
          CAPSTYPE_SHARE, "CAPSTYPE_SHARE",
          CAPSTYPE_COLORCACHE, "CAPSTYPE_COLORCACHE",
          CAPSTYPE_SOUND, "CAPSTYPE_SOUND",
          CAPSTYPE_INPUT, "CAPSTYPE_INPUT",
          CAPSTYPE_FONT, "CAPSTYPE_FONT",
          CAPSTYPE_BRUSH, "CAPSTYPE_BRUSH",
          CAPSTYPE_GLYPHCACHE, "CAPSTYPE_GLYPHCACHE",
          CAPSTYPE_OFFSCREENCACHE, "CAPSTYPE_OFFSCREENCACHE",
          CAPSTYPE_BITMAPCACHE_HOSTSUPPORT, "CAPSTYPE_BITMAPCACHE_HOSTSUPPORT",
          CAPSTYPE_BITMAPCACHE_REV2, "CAPSTYPE_BITMAPCACHE_REV2",
          CAPSTYPE_VIRTUALCHANNEL, "CAPSTYPE_VIRTUALCHANNEL",
          CAPSTYPE_DRAWNINEGRIDCACHE, "CAPSTYPE_DRAWNINEGRIDCACHE",
          CAPSTYPE_DRAWGDIPLUS, "CAPSTYPE_DRAWGDIPLUS",
          CAPSTYPE_RAIL, "CAPSTYPE_RAIL",
          CAPSTYPE_WINDOW, "CAPSTYPE_WINDOW",
          CAPSETTYPE_COMPDESK, "CAPSETTYPE_COMPDESK",
          CAPSETTYPE_MULTIFRAGMENTUPDATE, "CAPSETTYPE_MULTIFRAGMENTUPDATE",
          CAPSETTYPE_LARGE_POINTER, "CAPSETTYPE_LARGE_POINTER",
          CAPSETTYPE_SURFACE_COMMANDS, "CAPSETTYPE_SURFACE_COMMANDS",
          CAPSETTYPE_BITMAP_CODECS, "CAPSETTYPE_BITMAP_CODECS",
          CAPSSETTYPE_FRAME_ACKNOWLEDGE, "CAPSSETTYPE_FRAME_ACKNOWLEDGE");

  public CapabilitySetType {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("capabilitySetType out of range (16 bits): " + value);
    }
  }

  /** The specification name, e.g. {@code CAPSTYPE_GENERAL}, or {@code unknown (0x..)}. */
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
