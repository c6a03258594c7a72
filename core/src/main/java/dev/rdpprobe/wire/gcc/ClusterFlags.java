package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.NamedBits;

/**
 * Flags of Client Cluster Data (MS-RDPBCGR 2.2.1.3.5), with the redirection version in bits 2 to 5
 * (ServerSessionRedirectionVersionMask {@code 0x3C}, version less 1). Unknown bits are kept.
 *
 * @param bits the 32-bit field
 */
public record ClusterFlags(int bits) {
  public static final int REDIRECTION_SUPPORTED = 0x01;
  public static final int REDIRECTED_SESSIONID_FIELD_VALID = 0x02;
  public static final int SERVER_SESSION_REDIRECTION_VERSION_MASK = 0x3C;
  public static final int REDIRECTED_SMARTCARD = 0x40;

  private static final NamedBits NAMES =
      NamedBits.of(
          REDIRECTION_SUPPORTED,
          "REDIRECTION_SUPPORTED",
          REDIRECTED_SESSIONID_FIELD_VALID,
          "REDIRECTED_SESSIONID_FIELD_VALID",
          REDIRECTED_SMARTCARD,
          "REDIRECTED_SMARTCARD");

  /** Whether every bit of {@code flag} is set. */
  public boolean has(int flag) {
    return (bits & flag) == flag;
  }

  /** The redirection version: 1 to 16 (REDIRECTION_VERSION1 is 0 in the field). */
  public int redirectionVersion() {
    return ((bits & SERVER_SESSION_REDIRECTION_VERSION_MASK) >> 2) + 1;
  }

  @Override
  public String toString() {
    String names = NAMES.format(bits & ~SERVER_SESSION_REDIRECTION_VERSION_MASK & 0xFFFFFFFFL, "");
    String version = "REDIRECTION_VERSION" + redirectionVersion();
    return names.isEmpty() ? version : names + "|" + version;
  }
}
