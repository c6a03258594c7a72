package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.CauseId;
import java.util.List;
import java.util.Objects;

/**
 * One conclusion of the doctor, with the follow-ups it rests on and what to do about it.
 *
 * @param subject what it is about
 * @param status how the follow-ups bear on it
 * @param cause the cause of the baseline's diagnosis it confirms or rules out, or {@code null}
 * @param text the conclusion in plain words, one or two sentences
 * @param followUps the numbers of the follow-ups it rests on ({@link FollowUp#number()})
 * @param advice what an administrator should do, one step per entry; empty when there is nothing to
 *     do
 */
public record Finding(
    Subject subject,
    Status status,
    CauseId cause,
    String text,
    List<Integer> followUps,
    List<String> advice) {

  /** What a finding is about. */
  public enum Subject {
    /** A cause of the baseline's diagnosis ({@link Finding#cause()} says which). */
    CAUSE,
    /** Whether the resolved addresses end the same way. */
    ADDRESSES,
    /** Which security protocols the server accepts offered alone. */
    SECURITY_PROTOCOLS,
    /** Which TLS versions the server completes a handshake with. */
    TLS_VERSIONS,
    /** Which cipher families the server completes a handshake with. */
    CIPHER_FAMILIES,
    /**
     * Which clients the server refuses although other offers complete: those limited to a TLS
     * version or a cipher family that fails alone.
     */
    REFUSED_CLIENTS,
    /** Whether the size of the first flight decides the outcome. */
    FIRST_FLIGHT,
    /** Whether the server turns away a connection while another one is open. */
    CONNECTIONS,
    /**
     * Which Standard RDP Security encryption methods the server accepts offered alone, and its
     * level.
     */
    ENCRYPTION_METHODS,
    /** Standard RDP Security is the only security protocol the server accepts. */
    STANDARD_SECURITY_ONLY,
    /** The server accepts 40- or 56-bit RC4. */
    WEAK_RDP_ENCRYPTION,
    /** The server accepts Standard RDP Security without encryption (level NONE). */
    NO_RDP_ENCRYPTION,
    /** The server accepts FIPS, and other methods as well. */
    FIPS_NOT_REQUIRED,
    /** The server accepts TLS, and Standard RDP Security as well. */
    TLS_NOT_REQUIRED,
    /** The server accepts Network Level Authentication, and a connection without it as well. */
    NLA_NOT_REQUIRED
  }

  /** How the follow-ups bear on a finding. */
  public enum Status {
    /** The follow-ups confirm it: a problem to fix. */
    CONFIRMED,
    /** The follow-ups rule it out. */
    RULED_OUT,
    /** The follow-ups tested it and neither confirm it nor rule it out. */
    UNCONFIRMED,
    /** No follow-up could test it. */
    NOT_TESTED,
    /** A fact the follow-ups established, not a problem in itself. */
    OBSERVED
  }

  public Finding {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(text, "text");
    followUps = List.copyOf(followUps);
    advice = List.copyOf(advice);
    if ((subject == Subject.CAUSE) != (cause != null)) {
      throw new IllegalArgumentException("a finding names a cause exactly when it is about one");
    }
  }

  @Override
  public String toString() {
    return status + " " + (cause == null ? subject : cause) + ": " + text;
  }
}
