package dev.rdpprobe.wire.license;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;

/**
 * flags of the licensing preamble (MS-RDPBCGR 2.2.1.12.1.1, LICENSE_PREAMBLE): the licensing
 * protocol version in the low four bits (LicenseProtocolVersionMask) and
 * EXTENDED_ERROR_MSG_SUPPORTED in the high bit. Other bits and versions are kept and shown as
 * {@code unknown (0x..)}.
 *
 * @param bits the 8-bit field
 */
public record PreambleFlags(int bits) {
  /** LicenseProtocolVersionMask: the low four bits hold the version. */
  public static final int VERSION_MASK = 0x0F;

  /** PREAMBLE_VERSION_2_0: RDP 4.0. */
  public static final int PREAMBLE_VERSION_2_0 = 0x02;

  /** PREAMBLE_VERSION_3_0: RDP 5.0 and later. */
  public static final int PREAMBLE_VERSION_3_0 = 0x03;

  /** EXTENDED_ERROR_MSG_SUPPORTED: the sender understands extended License Error Messages. */
  public static final int EXTENDED_ERROR_MSG_SUPPORTED = 0x80;

  private static final NamedBits VERSIONS =
      NamedBits.of(
          PREAMBLE_VERSION_2_0, "PREAMBLE_VERSION_2_0",
          PREAMBLE_VERSION_3_0, "PREAMBLE_VERSION_3_0");

  public PreambleFlags {
    if (bits < 0 || bits > 0xFF) {
      throw new IllegalArgumentException("flags out of range (8 bits): " + bits);
    }
  }

  /** The licensing protocol version, the low four bits. */
  public int version() {
    return bits & VERSION_MASK;
  }

  /** Whether EXTENDED_ERROR_MSG_SUPPORTED is set. */
  public boolean extendedErrorMsgSupported() {
    return (bits & EXTENDED_ERROR_MSG_SUPPORTED) != 0;
  }

  /**
   * The version's name, then EXTENDED_ERROR_MSG_SUPPORTED and unknown bits, e.g. {@code
   * PREAMBLE_VERSION_3_0|EXTENDED_ERROR_MSG_SUPPORTED}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(VERSIONS.code(version()));
    if (extendedErrorMsgSupported()) {
      sb.append("|EXTENDED_ERROR_MSG_SUPPORTED");
    }
    int rest = bits & ~(VERSION_MASK | EXTENDED_ERROR_MSG_SUPPORTED);
    if (rest != 0) {
      sb.append("|unknown (").append(Wire.hex(rest)).append(')');
    }
    return sb.toString();
  }
}
