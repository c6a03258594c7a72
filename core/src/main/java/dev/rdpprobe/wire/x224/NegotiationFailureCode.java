package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.NamedBits;

/**
 * RDP_NEG_FAILURE failureCode (MS-RDPBCGR 2.2.1.2.2). An open set: codes the table does not know
 * are kept and named {@code unknown (0x..)}.
 *
 * @param value the 32-bit code as sent
 */
public record NegotiationFailureCode(int value) {
  /** The server requires TLS (or CredSSP) and the client did not offer it. */
  public static final NegotiationFailureCode SSL_REQUIRED_BY_SERVER = new NegotiationFailureCode(1);

  /** The server only does Standard RDP Security. */
  public static final NegotiationFailureCode SSL_NOT_ALLOWED_BY_SERVER =
      new NegotiationFailureCode(2);

  /** The server has no certificate for TLS. */
  public static final NegotiationFailureCode SSL_CERT_NOT_ON_SERVER = new NegotiationFailureCode(3);

  /** The requested protocols are an invalid combination. */
  public static final NegotiationFailureCode INCONSISTENT_FLAGS = new NegotiationFailureCode(4);

  /** The server requires CredSSP (NLA) and the client did not offer it. */
  public static final NegotiationFailureCode HYBRID_REQUIRED_BY_SERVER =
      new NegotiationFailureCode(5);

  /** The server requires TLS with client certificate authentication. */
  public static final NegotiationFailureCode SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER =
      new NegotiationFailureCode(6);

  private static final NamedBits NAMES =
      NamedBits.of(
          1,
          "SSL_REQUIRED_BY_SERVER",
          2,
          "SSL_NOT_ALLOWED_BY_SERVER",
          3,
          "SSL_CERT_NOT_ON_SERVER",
          4,
          "INCONSISTENT_FLAGS",
          5,
          "HYBRID_REQUIRED_BY_SERVER",
          6,
          "SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER");

  /** The specification name, or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value & 0xFFFFFFFFL);
  }

  /** Whether the specification defines this code. */
  public boolean isKnown() {
    return NAMES.knowsCode(value & 0xFFFFFFFFL);
  }

  /** What the code means, in a sentence. */
  public String description() {
    return switch (value) {
      case 1 -> "the server requires TLS (or CredSSP) and the client did not offer it";
      case 2 -> "the server only allows Standard RDP Security, without TLS";
      case 3 -> "the server has no certificate configured for TLS";
      case 4 -> "the server found the requested protocol flags inconsistent";
      case 5 -> "the server requires Network Level Authentication (CredSSP)";
      case 6 -> "the server requires TLS with client certificate authentication";
      default -> "a failure code the specification does not define";
    };
  }

  @Override
  public String toString() {
    return name();
  }
}
