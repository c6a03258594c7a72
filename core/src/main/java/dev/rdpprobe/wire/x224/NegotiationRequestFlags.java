package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.NamedBits;

/**
 * RDP_NEG_REQ flags (MS-RDPBCGR 2.2.1.1.1). Unknown bits are kept.
 *
 * @param bits the flags octet
 */
public record NegotiationRequestFlags(int bits) {
  public static final NegotiationRequestFlags NONE = new NegotiationRequestFlags(0);
  public static final int RESTRICTED_ADMIN_MODE_REQUIRED = 0x01;
  public static final int REDIRECTED_AUTHENTICATION_MODE_REQUIRED = 0x02;
  public static final int CORRELATION_INFO_PRESENT = 0x08;

  private static final NamedBits NAMES =
      NamedBits.of(
          RESTRICTED_ADMIN_MODE_REQUIRED,
          "RESTRICTED_ADMIN_MODE_REQUIRED",
          REDIRECTED_AUTHENTICATION_MODE_REQUIRED,
          "REDIRECTED_AUTHENTICATION_MODE_REQUIRED",
          CORRELATION_INFO_PRESENT,
          "CORRELATION_INFO_PRESENT");

  public NegotiationRequestFlags {
    if (bits < 0 || bits > 0xFF) {
      throw new IllegalArgumentException("flags out of range: " + bits);
    }
  }

  /** Whether {@code flag} is set. */
  public boolean has(int flag) {
    return (bits & flag) == flag;
  }

  @Override
  public String toString() {
    return NAMES.format(bits, "none");
  }
}
