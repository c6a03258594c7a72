package dev.rdpprobe.wire.sec;

import dev.rdpprobe.wire.NamedBits;

/**
 * The flags of the Info Packet (MS-RDPBCGR 2.2.1.11.1.1), with the bulk compression type in bits 9
 * to 12 (CompressionTypeMask {@code 0x1E00}). Unknown bits are kept and shown as {@code unknown
 * (0x..)}.
 *
 * @param bits the 32-bit field
 */
public record InfoFlags(int bits) {
  public static final int INFO_MOUSE = 0x00000001;
  public static final int INFO_DISABLECTRLALTDEL = 0x00000002;
  public static final int INFO_AUTOLOGON = 0x00000008;
  public static final int INFO_UNICODE = 0x00000010;
  public static final int INFO_MAXIMIZESHELL = 0x00000020;
  public static final int INFO_LOGONNOTIFY = 0x00000040;
  public static final int INFO_COMPRESSION = 0x00000080;
  public static final int INFO_ENABLEWINDOWSKEY = 0x00000100;
  public static final int COMPRESSION_TYPE_MASK = 0x00001E00;
  public static final int INFO_REMOTECONSOLEAUDIO = 0x00002000;
  public static final int INFO_FORCE_ENCRYPTED_CS_PDU = 0x00004000;
  public static final int INFO_RAIL = 0x00008000;
  public static final int INFO_LOGONERRORS = 0x00010000;
  public static final int INFO_MOUSE_HAS_WHEEL = 0x00020000;
  public static final int INFO_PASSWORD_IS_SC_PIN = 0x00040000;
  public static final int INFO_NOAUDIOPLAYBACK = 0x00080000;
  public static final int INFO_USING_SAVED_CREDS = 0x00100000;
  public static final int INFO_AUDIOCAPTURE = 0x00200000;
  public static final int INFO_VIDEO_DISABLE = 0x00400000;
  public static final int INFO_RESERVED1 = 0x00800000;
  public static final int INFO_RESERVED2 = 0x01000000;
  public static final int INFO_HIDEF_RAIL_SUPPORTED = 0x02000000;

  private static final NamedBits NAMES =
      NamedBits.of(
          INFO_MOUSE, "INFO_MOUSE",
          INFO_DISABLECTRLALTDEL, "INFO_DISABLECTRLALTDEL",
          INFO_AUTOLOGON, "INFO_AUTOLOGON",
          INFO_UNICODE, "INFO_UNICODE",
          INFO_MAXIMIZESHELL, "INFO_MAXIMIZESHELL",
          INFO_LOGONNOTIFY, "INFO_LOGONNOTIFY",
          INFO_COMPRESSION, "INFO_COMPRESSION",
          INFO_ENABLEWINDOWSKEY, "INFO_ENABLEWINDOWSKEY",
          INFO_REMOTECONSOLEAUDIO, "INFO_REMOTECONSOLEAUDIO",
          INFO_FORCE_ENCRYPTED_CS_PDU, "INFO_FORCE_ENCRYPTED_CS_PDU",
          INFO_RAIL, "INFO_RAIL",
          INFO_LOGONERRORS, "INFO_LOGONERRORS",
          INFO_MOUSE_HAS_WHEEL, "INFO_MOUSE_HAS_WHEEL",
          INFO_PASSWORD_IS_SC_PIN, "INFO_PASSWORD_IS_SC_PIN",
          INFO_NOAUDIOPLAYBACK, "INFO_NOAUDIOPLAYBACK",
          INFO_USING_SAVED_CREDS, "INFO_USING_SAVED_CREDS",
          INFO_AUDIOCAPTURE, "INFO_AUDIOCAPTURE",
          INFO_VIDEO_DISABLE, "INFO_VIDEO_DISABLE",
          INFO_RESERVED1, "INFO_RESERVED1",
          INFO_RESERVED2, "INFO_RESERVED2",
          INFO_HIDEF_RAIL_SUPPORTED, "INFO_HIDEF_RAIL_SUPPORTED");

  private static final NamedBits COMPRESSION_TYPES =
      NamedBits.of(
          0, "PACKET_COMPR_TYPE_8K",
          1, "PACKET_COMPR_TYPE_64K",
          2, "PACKET_COMPR_TYPE_RDP6",
          3, "PACKET_COMPR_TYPE_RDP61");

  /** Whether every bit of {@code flag} is set. */
  public boolean has(int flag) {
    return (bits & flag) == flag;
  }

  /** The compression type in bits 9 to 12: 0 (8K) to 3 (RDP 6.1); meaningful with compression. */
  public int compressionType() {
    return (bits & COMPRESSION_TYPE_MASK) >>> 9;
  }

  /** The compression type's name ({@code PACKET_COMPR_TYPE_64K}), or {@code unknown (0x..)}. */
  public String compressionTypeName() {
    return COMPRESSION_TYPES.code(compressionType());
  }

  /** The flags' names, then the compression type when INFO_COMPRESSION is set or it is not 0. */
  @Override
  public String toString() {
    String names = NAMES.format((bits & ~COMPRESSION_TYPE_MASK) & 0xFFFFFFFFL, "none");
    if (has(INFO_COMPRESSION) || compressionType() != 0) {
      return names + "|" + compressionTypeName();
    }
    return names;
  }
}
