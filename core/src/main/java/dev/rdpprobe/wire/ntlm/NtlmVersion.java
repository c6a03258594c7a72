package dev.rdpprobe.wire.ntlm;

import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * VERSION (MS-NLMP 2.2.2.10): the sender's Windows version, "for debugging purposes only", and a
 * favourite of scanners: nmap's {@code rdp-ntlm-info} reports it as the server's product version.
 * Values are kept as sent, including the reserved octets.
 *
 * @param productMajorVersion ProductMajorVersion (6 for Windows Vista to 8.1, 10 for 10 and later)
 * @param productMinorVersion ProductMinorVersion
 * @param productBuild ProductBuild, 0 to 65535
 * @param reserved the three Reserved octets as a little-endian number (zero from every peer)
 * @param ntlmRevisionCurrent NTLMRevisionCurrent ({@link #NTLMSSP_REVISION_W2K3})
 */
public record NtlmVersion(
    int productMajorVersion,
    int productMinorVersion,
    int productBuild,
    int reserved,
    int ntlmRevisionCurrent)
    implements Pdu {
  public static final String NAME = "VERSION";

  public static final int FIXED_PART_SIZE =
      1 // ProductMajorVersion
          + 1 // ProductMinorVersion
          + 2 // ProductBuild
          + 3 // Reserved
          + 1; // NTLMRevisionCurrent

  /** NTLMSSP_REVISION_W2K3: the only revision in use. */
  public static final int NTLMSSP_REVISION_W2K3 = 0x0F;

  /** Windows 10 / Server 2019, build 17763: what nmap's probe claims to be. */
  public static final NtlmVersion WINDOWS_10_17763 = of(10, 0, 17763);

  public NtlmVersion {
    checkRange("productMajorVersion", productMajorVersion, 0xFF);
    checkRange("productMinorVersion", productMinorVersion, 0xFF);
    checkRange("productBuild", productBuild, 0xFFFF);
    checkRange("reserved", reserved, 0xFFFFFF);
    checkRange("ntlmRevisionCurrent", ntlmRevisionCurrent, 0xFF);
  }

  private static void checkRange(String name, int value, int max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(name + " out of range: " + value);
    }
  }

  /** A version with NTLMSSP_REVISION_W2K3 and zero reserved octets. */
  public static NtlmVersion of(int major, int minor, int build) {
    return new NtlmVersion(major, minor, build, 0, NTLMSSP_REVISION_W2K3);
  }

  /** Reads the eight octets. */
  public static NtlmVersion decode(ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "ProductMajorVersion");
    int major = in.readUnsignedByte();
    int minor = in.readUnsignedByte();
    int build = in.readUnsignedShortLE();
    int reserved = in.readUnsignedMediumLE();
    int revision = in.readUnsignedByte();
    return new NtlmVersion(major, minor, build, reserved, revision);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE;
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeByte(productMajorVersion);
    out.writeByte(productMinorVersion);
    out.writeShortLE(productBuild);
    out.writeMediumLE(reserved);
    out.writeByte(ntlmRevisionCurrent);
  }

  /** {@code 10.0.17763}, as nmap prints it. */
  public String productVersion() {
    return productMajorVersion + "." + productMinorVersion + "." + productBuild;
  }

  @Override
  public String toString() {
    return productVersion()
        + " (NTLM revision "
        + Wire.hex(ntlmRevisionCurrent)
        + (reserved == 0 ? "" : ", reserved " + Wire.hex(reserved))
        + ")";
  }
}
