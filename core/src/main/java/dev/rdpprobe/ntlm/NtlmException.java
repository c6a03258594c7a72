package dev.rdpprobe.ntlm;

import java.util.Objects;

/**
 * An NTLM or CredSSP exchange that cannot go on: the peer negotiated something this code does not
 * do, a signature or pubKeyAuth does not verify, or the calls came in the wrong order. Malformed
 * bytes raise {@link dev.rdpprobe.wire.DecodeException} instead. Messages never contain a secret.
 */
public final class NtlmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that react to it. */
  public enum Kind {
    /** The peer's flags ask for something unsupported (no extended session security, NTLM v1). */
    UNSUPPORTED,
    /** A signature (MS-NLMP 3.4.4) does not verify: wrong keys, a replay or tampering. */
    SIGNATURE_MISMATCH,
    /** The peer's pubKeyAuth (MS-CSSP 3.1.5) is not the expected value: a man in the middle. */
    PUB_KEY_AUTH_MISMATCH,
    /** A method was called before the step it needs, or twice. */
    OUT_OF_ORDER
  }

  private final Kind kind;

  NtlmException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }
}
