package dev.rdpprobe.wire.license;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;

/**
 * dwErrorCode of the License Error Message (MS-RDPBCGR 2.2.1.12.1.3): STATUS_VALID_CLIENT ends
 * licensing without a license; the ERR_ codes say why licensing failed. An open set: unknown codes
 * are kept and named {@code unknown (0x..)}.
 *
 * @param value the 32-bit code as sent
 */
public record LicenseErrorCode(int value) {
  public static final LicenseErrorCode ERR_INVALID_SERVER_CERTIFICATE = new LicenseErrorCode(0x01);
  public static final LicenseErrorCode ERR_NO_LICENSE = new LicenseErrorCode(0x02);
  public static final LicenseErrorCode ERR_INVALID_MAC = new LicenseErrorCode(0x03);
  public static final LicenseErrorCode ERR_INVALID_SCOPE = new LicenseErrorCode(0x04);
  public static final LicenseErrorCode ERR_NO_LICENSE_SERVER = new LicenseErrorCode(0x06);

  /** STATUS_VALID_CLIENT: licensing is over and the client needs no license. */
  public static final LicenseErrorCode STATUS_VALID_CLIENT = new LicenseErrorCode(0x07);

  public static final LicenseErrorCode ERR_INVALID_CLIENT = new LicenseErrorCode(0x08);
  public static final LicenseErrorCode ERR_INVALID_PRODUCTID = new LicenseErrorCode(0x0B);
  public static final LicenseErrorCode ERR_INVALID_MESSAGE_LEN = new LicenseErrorCode(0x0C);

  private static final NamedBits NAMES =
      NamedBits.of(
          0x01, "ERR_INVALID_SERVER_CERTIFICATE",
          0x02, "ERR_NO_LICENSE",
          0x03, "ERR_INVALID_MAC",
          0x04, "ERR_INVALID_SCOPE",
          0x06, "ERR_NO_LICENSE_SERVER",
          0x07, "STATUS_VALID_CLIENT",
          0x08, "ERR_INVALID_CLIENT",
          0x0B, "ERR_INVALID_PRODUCTID",
          0x0C, "ERR_INVALID_MESSAGE_LEN");

  /** The specification name, or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value & 0xFFFFFFFFL);
  }

  /** Whether the table names this code. */
  public boolean isKnown() {
    return NAMES.knowsCode(value & 0xFFFFFFFFL);
  }

  /** The name and the value, e.g. {@code STATUS_VALID_CLIENT (0x07)}. */
  @Override
  public String toString() {
    return isKnown() ? name() + " (" + Wire.hex(value & 0xFFFFFFFFL) + ")" : name();
  }

  /**
   * The record's equality, written out: a record's own links {@code ObjectMethods} at its first
   * call, about 8 ms of a cold process, and every probe compares these (see {@code ColdStartIT}).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof LicenseErrorCode other && other.value == value;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(value);
  }
}
