package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * General Capability Set, TS_GENERAL_CAPABILITYSET (MS-RDPBCGR 2.2.7.1.1): the sender's platform,
 * the protocol version and the extraFlags that switch on fast-path output, long credentials and
 * auto-reconnect. Every field is kept as sent, padding included.
 *
 * @param osMajorType osMajorType
 * @param osMinorType osMinorType
 * @param protocolVersion protocolVersion (TS_CAPS_PROTOCOLVERSION, 0x0200)
 * @param pad2octetsA pad2octetsA
 * @param generalCompressionTypes generalCompressionTypes (0)
 * @param extraFlags extraFlags
 * @param updateCapabilityFlag updateCapabilityFlag (0)
 * @param remoteUnshareFlag remoteUnshareFlag (0)
 * @param generalCompressionLevel generalCompressionLevel (0)
 * @param refreshRectSupport refreshRectSupport (TRUE is 1)
 * @param suppressOutputSupport suppressOutputSupport (TRUE is 1)
 */
public record GeneralCapabilitySet(
    int osMajorType,
    int osMinorType,
    int protocolVersion,
    int pad2octetsA,
    int generalCompressionTypes,
    int extraFlags,
    int updateCapabilityFlag,
    int remoteUnshareFlag,
    int generalCompressionLevel,
    int refreshRectSupport,
    int suppressOutputSupport)
    implements CapabilitySet {
  public static final String NAME = "TS_GENERAL_CAPABILITYSET";

  public static final int DATA_SIZE =
      2 // osMajorType
          + 2 // osMinorType
          + 2 // protocolVersion
          + 2 // pad2octetsA
          + 2 // generalCompressionTypes
          + 2 // extraFlags
          + 2 // updateCapabilityFlag
          + 2 // remoteUnshareFlag
          + 2 // generalCompressionLevel
          + 1 // refreshRectSupport
          + 1; // suppressOutputSupport

  /** TS_CAPS_PROTOCOLVERSION. */
  public static final int TS_CAPS_PROTOCOLVERSION = 0x0200;

  public static final int FASTPATH_OUTPUT_SUPPORTED = 0x0001;
  public static final int LONG_CREDENTIALS_SUPPORTED = 0x0004;
  public static final int AUTORECONNECT_SUPPORTED = 0x0008;
  public static final int ENC_SALTED_CHECKSUM = 0x0010;
  public static final int NO_BITMAP_COMPRESSION_HDR = 0x0400;

  public static final int OSMAJORTYPE_WINDOWS = 0x0001;
  public static final int OSMINORTYPE_WINDOWS_NT = 0x0003;

  private static final NamedBits EXTRA_FLAGS =
      NamedBits.of(
          FASTPATH_OUTPUT_SUPPORTED, "FASTPATH_OUTPUT_SUPPORTED",
          LONG_CREDENTIALS_SUPPORTED, "LONG_CREDENTIALS_SUPPORTED",
          AUTORECONNECT_SUPPORTED, "AUTORECONNECT_SUPPORTED",
          ENC_SALTED_CHECKSUM, "ENC_SALTED_CHECKSUM",
          NO_BITMAP_COMPRESSION_HDR, "NO_BITMAP_COMPRESSION_HDR");

  private static final NamedBits OS_MAJOR =
      NamedBits.of(
          0x0000, "OSMAJORTYPE_UNSPECIFIED",
          0x0001, "OSMAJORTYPE_WINDOWS",
          0x0002, "OSMAJORTYPE_OS2",
          0x0003, "OSMAJORTYPE_MACINTOSH",
          0x0004, "OSMAJORTYPE_UNIX",
          0x0005, "OSMAJORTYPE_IOS",
          0x0006, "OSMAJORTYPE_OSX",
          0x0007, "OSMAJORTYPE_ANDROID",
          0x0008, "OSMAJORTYPE_CHROME_OS");

  private static final NamedBits OS_MINOR =
      NamedBits.of(
          0x0000, "OSMINORTYPE_UNSPECIFIED",
          0x0001, "OSMINORTYPE_WINDOWS_31X",
          0x0002, "OSMINORTYPE_WINDOWS_95",
          0x0003, "OSMINORTYPE_WINDOWS_NT",
          0x0004, "OSMINORTYPE_OS2_V21",
          0x0005, "OSMINORTYPE_POWER_PC",
          0x0006, "OSMINORTYPE_MACINTOSH",
          0x0007, "OSMINORTYPE_NATIVE_XSERVER",
          0x0008, "OSMINORTYPE_PSEUDO_XSERVER",
          0x0009, "OSMINORTYPE_WINDOWS_RT");

  public GeneralCapabilitySet {
    for (int v :
        new int[] {
          osMajorType,
          osMinorType,
          protocolVersion,
          pad2octetsA,
          generalCompressionTypes,
          extraFlags,
          updateCapabilityFlag,
          remoteUnshareFlag,
          generalCompressionLevel
        }) {
      if (v < 0 || v > 0xFFFF) {
        throw new IllegalArgumentException("16-bit field out of range: " + v);
      }
    }
    if (refreshRectSupport < 0 || refreshRectSupport > 0xFF) {
      throw new IllegalArgumentException("refreshRectSupport out of range: " + refreshRectSupport);
    }
    if (suppressOutputSupport < 0 || suppressOutputSupport > 0xFF) {
      throw new IllegalArgumentException(
          "suppressOutputSupport out of range: " + suppressOutputSupport);
    }
  }

  static GeneralCapabilitySet decodeData(ByteBuf in) {
    Wire.ensure(in, DATA_SIZE, NAME, "osMajorType");
    return new GeneralCapabilitySet(
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedShortLE(),
        in.readUnsignedByte(),
        in.readUnsignedByte());
  }

  /** The names of extraFlags, e.g. {@code FASTPATH_OUTPUT_SUPPORTED|LONG_CREDENTIALS_SUPPORTED}. */
  public String extraFlagsNames() {
    return EXTRA_FLAGS.format(extraFlags, "none");
  }

  /** Whether extraFlags has every bit of {@code flag}. */
  public boolean hasExtraFlag(int flag) {
    return (extraFlags & flag) == flag;
  }

  /** osMajorType's name, e.g. {@code OSMAJORTYPE_WINDOWS}, or {@code unknown (0x..)}. */
  public String osMajorTypeName() {
    return OS_MAJOR.code(osMajorType);
  }

  /** osMinorType's name, e.g. {@code OSMINORTYPE_WINDOWS_NT}, or {@code unknown (0x..)}. */
  public String osMinorTypeName() {
    return OS_MINOR.code(osMinorType);
  }

  @Override
  public int capabilitySetType() {
    return CapabilitySetType.CAPSTYPE_GENERAL;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return HEADER_SIZE + DATA_SIZE;
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeShortLE(CapabilitySetType.CAPSTYPE_GENERAL);
    out.writeShortLE(size());
    out.writeShortLE(osMajorType);
    out.writeShortLE(osMinorType);
    out.writeShortLE(protocolVersion);
    out.writeShortLE(pad2octetsA);
    out.writeShortLE(generalCompressionTypes);
    out.writeShortLE(extraFlags);
    out.writeShortLE(updateCapabilityFlag);
    out.writeShortLE(remoteUnshareFlag);
    out.writeShortLE(generalCompressionLevel);
    out.writeByte(refreshRectSupport);
    out.writeByte(suppressOutputSupport);
  }

  @Override
  public String summary() {
    return osMajorTypeName()
        + "/"
        + osMinorTypeName()
        + ", protocolVersion="
        + Wire.hex(protocolVersion)
        + ", extraFlags="
        + extraFlagsNames();
  }
}
