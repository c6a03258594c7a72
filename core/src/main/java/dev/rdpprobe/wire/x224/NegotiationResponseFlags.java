package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.NamedBits;

/**
 * RDP_NEG_RSP flags (MS-RDPBCGR 2.2.1.2.1). Unknown bits are kept.
 *
 * @param bits the flags octet
 */
public record NegotiationResponseFlags(int bits) {
  public static final NegotiationResponseFlags NONE = new NegotiationResponseFlags(0);
  public static final int EXTENDED_CLIENT_DATA_SUPPORTED = 0x01;
  public static final int DYNVC_GFX_PROTOCOL_SUPPORTED = 0x02;
  public static final int NEGRSP_FLAG_RESERVED = 0x04;
  public static final int RESTRICTED_ADMIN_MODE_SUPPORTED = 0x08;
  public static final int REDIRECTED_AUTHENTICATION_MODE_SUPPORTED = 0x10;

  private static final NamedBits NAMES =
      NamedBits.of(
          EXTENDED_CLIENT_DATA_SUPPORTED,
          "EXTENDED_CLIENT_DATA_SUPPORTED",
          DYNVC_GFX_PROTOCOL_SUPPORTED,
          "DYNVC_GFX_PROTOCOL_SUPPORTED",
          NEGRSP_FLAG_RESERVED,
          "NEGRSP_FLAG_RESERVED",
          RESTRICTED_ADMIN_MODE_SUPPORTED,
          "RESTRICTED_ADMIN_MODE_SUPPORTED",
          REDIRECTED_AUTHENTICATION_MODE_SUPPORTED,
          "REDIRECTED_AUTHENTICATION_MODE_SUPPORTED");

  public NegotiationResponseFlags {
    if (bits < 0 || bits > 0xFF) {
      throw new IllegalArgumentException("flags out of range: " + bits);
    }
  }

  /** Whether {@code flag} is set. */
  public boolean has(int flag) {
    return (bits & flag) == flag;
  }

  /** The names of the set bits, then {@code unknown (0x..)} for the rest; empty for none. */
  public java.util.List<String> names() {
    return NAMES.names(bits);
  }

  @Override
  public String toString() {
    return NAMES.format(bits, "none");
  }
}
