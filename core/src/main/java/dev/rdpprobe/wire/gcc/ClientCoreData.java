package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Client Core Data, TS_UD_CS_CORE (MS-RDPBCGR 2.2.1.3.2).
 *
 * <p>The fields from {@code postBeta2ColorDepth} on are optional, and each is present only if all
 * the ones before it are: the block length says where the list stops (216 bytes up to {@code
 * serverSelectedProtocol}, 234 with all of them). Absent fields are {@code null}; a block that ends
 * inside a field is malformed. Bytes after {@code deviceScaleFactor} (fields of a later version)
 * are kept in {@code extra}.
 *
 * <p>The strings are fixed-size UTF-16LE fields read up to their first NUL; bytes after it are not
 * kept (every client writes zeros there).
 *
 * @param version version
 * @param desktopWidth desktopWidth
 * @param desktopHeight desktopHeight
 * @param colorDepth colorDepth ({@code 0xCA01} RNS_UD_COLOR_8BPP ...)
 * @param sasSequence SASSequence ({@code 0xAA03} RNS_UD_SAS_DEL)
 * @param keyboardLayout keyboardLayout (a Windows locale id, e.g. {@code 0x409})
 * @param clientBuild clientBuild
 * @param clientName clientName, at most 16 UTF-16 units (15 and NUL by the specification)
 * @param keyboardType keyboardType
 * @param keyboardSubType keyboardSubType
 * @param keyboardFunctionKey keyboardFunctionKey
 * @param imeFileName imeFileName, at most 32 UTF-16 units
 * @param postBeta2ColorDepth postBeta2ColorDepth, or null
 * @param clientProductId clientProductId, or null
 * @param serialNumber serialNumber, or null
 * @param highColorDepth highColorDepth, or null
 * @param supportedColorDepths supportedColorDepths, or null
 * @param earlyCapabilityFlags earlyCapabilityFlags, or null
 * @param clientDigProductId clientDigProductId (at most 32 UTF-16 units), or null
 * @param connectionType connectionType, or null
 * @param pad1octet pad1octet, or null
 * @param serverSelectedProtocol serverSelectedProtocol, or null
 * @param desktopPhysicalWidth desktopPhysicalWidth, or null
 * @param desktopPhysicalHeight desktopPhysicalHeight, or null
 * @param desktopOrientation desktopOrientation, or null
 * @param desktopScaleFactor desktopScaleFactor, or null
 * @param deviceScaleFactor deviceScaleFactor, or null
 * @param extra bytes after deviceScaleFactor, empty unless every optional field is present
 */
public record ClientCoreData(
    RdpVersion version,
    int desktopWidth,
    int desktopHeight,
    int colorDepth,
    int sasSequence,
    int keyboardLayout,
    int clientBuild,
    String clientName,
    int keyboardType,
    int keyboardSubType,
    int keyboardFunctionKey,
    String imeFileName,
    Integer postBeta2ColorDepth,
    Integer clientProductId,
    Integer serialNumber,
    Integer highColorDepth,
    Integer supportedColorDepths,
    ClientEarlyCapabilityFlags earlyCapabilityFlags,
    String clientDigProductId,
    Integer connectionType,
    Integer pad1octet,
    SecurityProtocols serverSelectedProtocol,
    Integer desktopPhysicalWidth,
    Integer desktopPhysicalHeight,
    Integer desktopOrientation,
    Integer desktopScaleFactor,
    Integer deviceScaleFactor,
    Octets extra)
    implements ClientDataBlock {
  public static final String NAME = "TS_UD_CS_CORE";

  public static final int CLIENT_NAME_SIZE = 32;
  public static final int IME_FILE_NAME_SIZE = 64;
  public static final int CLIENT_DIG_PRODUCT_ID_SIZE = 64;

  /** The mandatory fields after the header. */
  public static final int FIXED_PART_SIZE =
      4 // version
          + 2 // desktopWidth
          + 2 // desktopHeight
          + 2 // colorDepth
          + 2 // SASSequence
          + 4 // keyboardLayout
          + 4 // clientBuild
          + CLIENT_NAME_SIZE // clientName
          + 4 // keyboardType
          + 4 // keyboardSubType
          + 4 // keyboardFunctionKey
          + IME_FILE_NAME_SIZE; // imeFileName

  /** The sizes of the optional fields, in order. */
  private static final int[] OPTIONAL_SIZES = {
    2, // postBeta2ColorDepth
    2, // clientProductId
    4, // serialNumber
    2, // highColorDepth
    2, // supportedColorDepths
    2, // earlyCapabilityFlags
    CLIENT_DIG_PRODUCT_ID_SIZE, // clientDigProductId
    1, // connectionType
    1, // pad1octet
    4, // serverSelectedProtocol
    4, // desktopPhysicalWidth
    4, // desktopPhysicalHeight
    2, // desktopOrientation
    4, // desktopScaleFactor
    4 // deviceScaleFactor
  };

  public static final int RNS_UD_COLOR_8BPP = 0xCA01;
  public static final int RNS_UD_SAS_DEL = 0xAA03;

  private static final NamedBits COLOR_DEPTHS =
      NamedBits.of(
          0xCA00, "RNS_UD_COLOR_4BPP",
          0xCA01, "RNS_UD_COLOR_8BPP",
          0xCA02, "RNS_UD_COLOR_16BPP_555",
          0xCA03, "RNS_UD_COLOR_16BPP_565",
          0xCA04, "RNS_UD_COLOR_24BPP");

  private static final NamedBits HIGH_COLOR_DEPTHS =
      NamedBits.of(
          0x04, "HIGH_COLOR_4BPP",
          0x08, "HIGH_COLOR_8BPP",
          0x0F, "HIGH_COLOR_15BPP",
          0x10, "HIGH_COLOR_16BPP",
          0x18, "HIGH_COLOR_24BPP");

  private static final NamedBits SUPPORTED_COLOR_DEPTHS =
      NamedBits.of(
          0x1, "RNS_UD_24BPP_SUPPORT",
          0x2, "RNS_UD_16BPP_SUPPORT",
          0x4, "RNS_UD_15BPP_SUPPORT",
          0x8, "RNS_UD_32BPP_SUPPORT");

  private static final NamedBits CONNECTION_TYPES =
      NamedBits.of(
          1, "CONNECTION_TYPE_MODEM",
          2, "CONNECTION_TYPE_BROADBAND_LOW",
          3, "CONNECTION_TYPE_SATELLITE",
          4, "CONNECTION_TYPE_BROADBAND_HIGH",
          5, "CONNECTION_TYPE_WAN",
          6, "CONNECTION_TYPE_LAN",
          7, "CONNECTION_TYPE_AUTODETECT");

  public ClientCoreData {
    Objects.requireNonNull(version, "version");
    check16(desktopWidth, "desktopWidth");
    check16(desktopHeight, "desktopHeight");
    check16(colorDepth, "colorDepth");
    check16(sasSequence, "SASSequence");
    DataBlocks.checkUtf16(clientName, CLIENT_NAME_SIZE, "clientName");
    DataBlocks.checkUtf16(imeFileName, IME_FILE_NAME_SIZE, "imeFileName");
    Object[] optional = {
      postBeta2ColorDepth,
      clientProductId,
      serialNumber,
      highColorDepth,
      supportedColorDepths,
      earlyCapabilityFlags,
      clientDigProductId,
      connectionType,
      pad1octet,
      serverSelectedProtocol,
      desktopPhysicalWidth,
      desktopPhysicalHeight,
      desktopOrientation,
      desktopScaleFactor,
      deviceScaleFactor
    };
    int present = 0;
    while (present < optional.length && optional[present] != null) {
      present++;
    }
    for (int i = present; i < optional.length; i++) {
      if (optional[i] != null) {
        throw new IllegalArgumentException(
            "optional field " + (i + 1) + " is present but field " + (present + 1) + " is not");
      }
    }
    if (postBeta2ColorDepth != null) {
      check16(postBeta2ColorDepth, "postBeta2ColorDepth");
    }
    if (clientProductId != null) {
      check16(clientProductId, "clientProductId");
    }
    if (highColorDepth != null) {
      check16(highColorDepth, "highColorDepth");
    }
    if (supportedColorDepths != null) {
      check16(supportedColorDepths, "supportedColorDepths");
    }
    if (earlyCapabilityFlags != null) {
      check16(earlyCapabilityFlags.bits(), "earlyCapabilityFlags");
    }
    if (clientDigProductId != null) {
      DataBlocks.checkUtf16(clientDigProductId, CLIENT_DIG_PRODUCT_ID_SIZE, "clientDigProductId");
    }
    if (connectionType != null && (connectionType < 0 || connectionType > 0xFF)) {
      throw new IllegalArgumentException("connectionType out of range: " + connectionType);
    }
    if (pad1octet != null && (pad1octet < 0 || pad1octet > 0xFF)) {
      throw new IllegalArgumentException("pad1octet out of range: " + pad1octet);
    }
    if (desktopOrientation != null) {
      check16(desktopOrientation, "desktopOrientation");
    }
    Objects.requireNonNull(extra, "extra");
    if (extra.length() > 0 && present < optional.length) {
      throw new IllegalArgumentException("extra bytes need every optional field present");
    }
    int size = UserDataHeader.FIXED_PART_SIZE + FIXED_PART_SIZE + extra.length();
    for (int i = 0; i < present; i++) {
      size += OPTIONAL_SIZES[i];
    }
    if (size > 0xFFFF) {
      throw new IllegalArgumentException("block too long: " + size);
    }
  }

  private static void check16(int value, String what) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException(what + " out of range: " + value);
    }
  }

  /**
   * Core data for the probe: RDP 10.7, 1024x768 at 8 bpp (24 bpp via highColorDepth), US keyboard,
   * the optional fields up to {@code serverSelectedProtocol} (216 bytes, like MS-RDPBCGR 4.1.3),
   * earlyCapabilityFlags with RNS_UD_CS_SUPPORT_ERRINFO_PDU so that the server reports why it
   * disconnects.
   *
   * @param clientName the client's name, at most 15 characters
   * @param serverSelectedProtocol the protocol the server selected in its Connection Confirm
   */
  public static ClientCoreData forProbe(
      String clientName, SecurityProtocols serverSelectedProtocol) {
    if (clientName.length() > 15) {
      throw new IllegalArgumentException("client name longer than 15 characters: " + clientName);
    }
    return new ClientCoreData(
        RdpVersion.RDP_10_7,
        1024,
        768,
        RNS_UD_COLOR_8BPP,
        RNS_UD_SAS_DEL,
        0x409,
        2600,
        clientName,
        4, // IBM enhanced (101- or 102-key)
        0,
        12,
        "",
        RNS_UD_COLOR_8BPP,
        1,
        0,
        0x18, // HIGH_COLOR_24BPP
        0x0F, // 24, 16, 15 and 32 bpp
        new ClientEarlyCapabilityFlags(
            ClientEarlyCapabilityFlags.RNS_UD_CS_SUPPORT_ERRINFO_PDU
                | ClientEarlyCapabilityFlags.RNS_UD_CS_VALID_CONNECTION_TYPE),
        "",
        6, // CONNECTION_TYPE_LAN
        0,
        serverSelectedProtocol,
        null,
        null,
        null,
        null,
        null,
        Octets.EMPTY);
  }

  /** Reads the block. */
  public static ClientCoreData decode(ByteBuf in) {
    return DataBlocks.decode(in, CS_CORE, NAME, FIXED_PART_SIZE, ClientCoreData::decodeBody);
  }

  private static ClientCoreData decodeBody(ByteBuf in) {
    RdpVersion version = new RdpVersion(in.readIntLE());
    int desktopWidth = in.readUnsignedShortLE();
    int desktopHeight = in.readUnsignedShortLE();
    int colorDepth = in.readUnsignedShortLE();
    int sasSequence = in.readUnsignedShortLE();
    int keyboardLayout = in.readIntLE();
    int clientBuild = in.readIntLE();
    String clientName = DataBlocks.readUtf16(in, CLIENT_NAME_SIZE, NAME, "clientName");
    int keyboardType = in.readIntLE();
    int keyboardSubType = in.readIntLE();
    int keyboardFunctionKey = in.readIntLE();
    String imeFileName = DataBlocks.readUtf16(in, IME_FILE_NAME_SIZE, NAME, "imeFileName");
    Integer postBeta2ColorDepth = null;
    Integer clientProductId = null;
    Integer serialNumber = null;
    Integer highColorDepth = null;
    Integer supportedColorDepths = null;
    ClientEarlyCapabilityFlags earlyCapabilityFlags = null;
    String clientDigProductId = null;
    Integer connectionType = null;
    Integer pad1octet = null;
    SecurityProtocols serverSelectedProtocol = null;
    Integer desktopPhysicalWidth = null;
    Integer desktopPhysicalHeight = null;
    Integer desktopOrientation = null;
    Integer desktopScaleFactor = null;
    Integer deviceScaleFactor = null;
    // each optional field is there only if the block still has bytes: stop at the first absent one
    if (present(in, 2, "postBeta2ColorDepth")) {
      postBeta2ColorDepth = in.readUnsignedShortLE();
      if (present(in, 2, "clientProductId")) {
        clientProductId = in.readUnsignedShortLE();
        if (present(in, 4, "serialNumber")) {
          serialNumber = in.readIntLE();
          if (present(in, 2, "highColorDepth")) {
            highColorDepth = in.readUnsignedShortLE();
            if (present(in, 2, "supportedColorDepths")) {
              supportedColorDepths = in.readUnsignedShortLE();
              if (present(in, 2, "earlyCapabilityFlags")) {
                earlyCapabilityFlags = new ClientEarlyCapabilityFlags(in.readUnsignedShortLE());
                if (present(in, CLIENT_DIG_PRODUCT_ID_SIZE, "clientDigProductId")) {
                  clientDigProductId =
                      DataBlocks.readUtf16(
                          in, CLIENT_DIG_PRODUCT_ID_SIZE, NAME, "clientDigProductId");
                  if (present(in, 1, "connectionType")) {
                    connectionType = (int) in.readUnsignedByte();
                    if (present(in, 1, "pad1octet")) {
                      pad1octet = (int) in.readUnsignedByte();
                      if (present(in, 4, "serverSelectedProtocol")) {
                        serverSelectedProtocol = new SecurityProtocols(in.readIntLE());
                        if (present(in, 4, "desktopPhysicalWidth")) {
                          desktopPhysicalWidth = in.readIntLE();
                          if (present(in, 4, "desktopPhysicalHeight")) {
                            desktopPhysicalHeight = in.readIntLE();
                            if (present(in, 2, "desktopOrientation")) {
                              desktopOrientation = in.readUnsignedShortLE();
                              if (present(in, 4, "desktopScaleFactor")) {
                                desktopScaleFactor = in.readIntLE();
                                if (present(in, 4, "deviceScaleFactor")) {
                                  deviceScaleFactor = in.readIntLE();
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    Octets extra =
        deviceScaleFactor == null
            ? Octets.EMPTY
            : Octets.read(in, in.readableBytes(), NAME, "fields after deviceScaleFactor");
    return new ClientCoreData(
        version,
        desktopWidth,
        desktopHeight,
        colorDepth,
        sasSequence,
        keyboardLayout,
        clientBuild,
        clientName,
        keyboardType,
        keyboardSubType,
        keyboardFunctionKey,
        imeFileName,
        postBeta2ColorDepth,
        clientProductId,
        serialNumber,
        highColorDepth,
        supportedColorDepths,
        earlyCapabilityFlags,
        clientDigProductId,
        connectionType,
        pad1octet,
        serverSelectedProtocol,
        desktopPhysicalWidth,
        desktopPhysicalHeight,
        desktopOrientation,
        desktopScaleFactor,
        deviceScaleFactor,
        extra);
  }

  /**
   * Whether an optional field of {@code n} bytes is there; a block ending inside it is malformed.
   */
  private static boolean present(ByteBuf in, int n, String field) {
    int left = in.readableBytes();
    if (left == 0) {
      return false;
    }
    if (left < n) {
      throw Wire.invalid(
          NAME, field, in.readerIndex(), left, n + " bytes, or the block ending before the field");
    }
    return true;
  }

  /** The number of optional fields present. */
  public int optionalFieldCount() {
    Object[] optional = {
      postBeta2ColorDepth,
      clientProductId,
      serialNumber,
      highColorDepth,
      supportedColorDepths,
      earlyCapabilityFlags,
      clientDigProductId,
      connectionType,
      pad1octet,
      serverSelectedProtocol,
      desktopPhysicalWidth,
      desktopPhysicalHeight,
      desktopOrientation,
      desktopScaleFactor,
      deviceScaleFactor
    };
    int n = 0;
    while (n < optional.length && optional[n] != null) {
      n++;
    }
    return n;
  }

  /** The colorDepth's name ({@code RNS_UD_COLOR_8BPP}), or {@code unknown (0x..)}. */
  public String colorDepthName() {
    return COLOR_DEPTHS.code(colorDepth);
  }

  /** The highColorDepth's name, {@code unknown (0x..)}, or null when absent. */
  public String highColorDepthName() {
    return highColorDepth == null ? null : HIGH_COLOR_DEPTHS.code(highColorDepth);
  }

  /** The supportedColorDepths' names joined with {@code |}, or null when absent. */
  public String supportedColorDepthsNames() {
    return supportedColorDepths == null
        ? null
        : SUPPORTED_COLOR_DEPTHS.format(supportedColorDepths, "none");
  }

  /** The connectionType's name ({@code CONNECTION_TYPE_LAN}), or null when absent. */
  public String connectionTypeName() {
    return connectionType == null ? null : CONNECTION_TYPES.code(connectionType);
  }

  @Override
  public int type() {
    return CS_CORE;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    int size = UserDataHeader.FIXED_PART_SIZE + FIXED_PART_SIZE + extra.length();
    int present = optionalFieldCount();
    for (int i = 0; i < present; i++) {
      size += OPTIONAL_SIZES[i];
    }
    return size;
  }

  @Override
  public void encode(ByteBuf out) {
    DataBlocks.writeHeader(out, CS_CORE, size());
    out.writeIntLE(version.value());
    out.writeShortLE(desktopWidth);
    out.writeShortLE(desktopHeight);
    out.writeShortLE(colorDepth);
    out.writeShortLE(sasSequence);
    out.writeIntLE(keyboardLayout);
    out.writeIntLE(clientBuild);
    DataBlocks.writeUtf16(out, clientName, CLIENT_NAME_SIZE);
    out.writeIntLE(keyboardType);
    out.writeIntLE(keyboardSubType);
    out.writeIntLE(keyboardFunctionKey);
    DataBlocks.writeUtf16(out, imeFileName, IME_FILE_NAME_SIZE);
    if (postBeta2ColorDepth == null) {
      return;
    }
    out.writeShortLE(postBeta2ColorDepth);
    if (clientProductId == null) {
      return;
    }
    out.writeShortLE(clientProductId);
    if (serialNumber == null) {
      return;
    }
    out.writeIntLE(serialNumber);
    if (highColorDepth == null) {
      return;
    }
    out.writeShortLE(highColorDepth);
    if (supportedColorDepths == null) {
      return;
    }
    out.writeShortLE(supportedColorDepths);
    if (earlyCapabilityFlags == null) {
      return;
    }
    out.writeShortLE(earlyCapabilityFlags.bits());
    if (clientDigProductId == null) {
      return;
    }
    DataBlocks.writeUtf16(out, clientDigProductId, CLIENT_DIG_PRODUCT_ID_SIZE);
    if (connectionType == null) {
      return;
    }
    out.writeByte(connectionType);
    if (pad1octet == null) {
      return;
    }
    out.writeByte(pad1octet);
    if (serverSelectedProtocol == null) {
      return;
    }
    out.writeIntLE(serverSelectedProtocol.bits());
    if (desktopPhysicalWidth == null) {
      return;
    }
    out.writeIntLE(desktopPhysicalWidth);
    if (desktopPhysicalHeight == null) {
      return;
    }
    out.writeIntLE(desktopPhysicalHeight);
    if (desktopOrientation == null) {
      return;
    }
    out.writeShortLE(desktopOrientation);
    if (desktopScaleFactor == null) {
      return;
    }
    out.writeIntLE(desktopScaleFactor);
    if (deviceScaleFactor == null) {
      return;
    }
    out.writeIntLE(deviceScaleFactor);
    extra.writeTo(out);
  }

  @Override
  public String summary() {
    StringBuilder sb =
        new StringBuilder()
            .append("version=")
            .append(version)
            .append(", ")
            .append(desktopWidth)
            .append('x')
            .append(desktopHeight)
            .append(", clientName=")
            .append(clientName);
    if (earlyCapabilityFlags != null) {
      sb.append(", earlyCapabilityFlags=").append(earlyCapabilityFlags);
    }
    if (serverSelectedProtocol != null) {
      sb.append(", serverSelectedProtocol=").append(serverSelectedProtocol);
    }
    return sb.toString();
  }
}
