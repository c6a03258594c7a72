package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.NamedBits;

/**
 * earlyCapabilityFlags of Client Core Data (MS-RDPBCGR 2.2.1.3.2). Unknown bits are kept and shown
 * as {@code unknown (0x..)}.
 *
 * @param bits the 16-bit field
 */
public record ClientEarlyCapabilityFlags(int bits) {
  public static final int RNS_UD_CS_SUPPORT_ERRINFO_PDU = 0x0001;
  public static final int RNS_UD_CS_WANT_32BPP_SESSION = 0x0002;
  public static final int RNS_UD_CS_SUPPORT_STATUSINFO_PDU = 0x0004;
  public static final int RNS_UD_CS_STRONG_ASYMMETRIC_KEYS = 0x0008;
  public static final int RNS_UD_CS_RELATIVE_MOUSE_INPUT = 0x0010;
  public static final int RNS_UD_CS_VALID_CONNECTION_TYPE = 0x0020;
  public static final int RNS_UD_CS_SUPPORT_MONITOR_LAYOUT_PDU = 0x0040;
  public static final int RNS_UD_CS_SUPPORT_NETCHAR_AUTODETECT = 0x0080;
  public static final int RNS_UD_CS_SUPPORT_DYNVC_GFX_PROTOCOL = 0x0100;
  public static final int RNS_UD_CS_SUPPORT_DYNAMIC_TIME_ZONE = 0x0200;
  public static final int RNS_UD_CS_SUPPORT_HEARTBEAT_PDU = 0x0400;
  public static final int RNS_UD_CS_SUPPORT_SKIP_CHANNELJOIN = 0x0800;

  private static final NamedBits NAMES =
      NamedBits.of(
          0x0001, "RNS_UD_CS_SUPPORT_ERRINFO_PDU",
          0x0002, "RNS_UD_CS_WANT_32BPP_SESSION",
          0x0004, "RNS_UD_CS_SUPPORT_STATUSINFO_PDU",
          0x0008, "RNS_UD_CS_STRONG_ASYMMETRIC_KEYS",
          0x0010, "RNS_UD_CS_RELATIVE_MOUSE_INPUT",
          0x0020, "RNS_UD_CS_VALID_CONNECTION_TYPE",
          0x0040, "RNS_UD_CS_SUPPORT_MONITOR_LAYOUT_PDU",
          0x0080, "RNS_UD_CS_SUPPORT_NETCHAR_AUTODETECT",
          0x0100, "RNS_UD_CS_SUPPORT_DYNVC_GFX_PROTOCOL",
          0x0200, "RNS_UD_CS_SUPPORT_DYNAMIC_TIME_ZONE",
          0x0400, "RNS_UD_CS_SUPPORT_HEARTBEAT_PDU",
          0x0800, "RNS_UD_CS_SUPPORT_SKIP_CHANNELJOIN");

  public ClientEarlyCapabilityFlags {
    if (bits < 0 || bits > 0xFFFF) {
      throw new IllegalArgumentException("flags out of range: " + bits);
    }
  }

  /** Whether every bit of {@code flag} is set. */
  public boolean has(int flag) {
    return (bits & flag) == flag;
  }

  @Override
  public String toString() {
    return NAMES.format(bits & 0xFFFFFFFFL, "none");
  }
}
