package dev.rdpprobe.doctor;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.diagnose.Diagnosis;
import java.util.Objects;

/**
 * One probe the doctor ran after the baseline to confirm or rule out a cause: what it changed
 * against the baseline, how it ended, and what a Windows client would have shown.
 *
 * @param number its number in the report, from 1
 * @param kind which question it asks
 * @param tested what it tested, e.g. {@code offer RDP only} or {@code TLS 1.0 only}
 * @param result the probe's result, trace included
 * @param diagnosis the diagnosis of its trace
 * @param outcome how it ended, one line from its trace, e.g. {@code refused: RDP_NEG_FAILURE
 *     HYBRID_REQUIRED_BY_SERVER}
 * @param repeatedAlone whether it first ran while another connection was open, was turned away, and
 *     this is the result of running it again with no other connection open
 */
public record FollowUp(
    int number,
    Kind kind,
    String tested,
    ProbeResult result,
    Diagnosis diagnosis,
    String outcome,
    boolean repeatedAlone) {

  /** The questions follow-ups ask. */
  public enum Kind {
    /** The baseline again, on another resolved address. */
    ADDRESS,
    /** One security protocol offered alone, stopping after the X.224 negotiation. */
    PROTOCOL,
    /** One TLS version offered alone. */
    TLS_VERSION,
    /** One family of cipher suites offered alone. */
    CIPHER_FAMILY,
    /** The failed step again with the smallest ClientHello the probe makes. */
    SMALL_FLIGHT,
    /** The failed step again with the largest ClientHello the probe makes. */
    FULL_FLIGHT,
    /** Multitransport advertised, and an RDP-UDP SYN sent when the server asks for UDP. */
    UDP,
    /**
     * Standard RDP Security offered alone with one encryption method (or none), stopping after the
     * server's Security Data in the MCS Connect Response.
     */
    ENCRYPTION_METHOD
  }

  public FollowUp {
    if (number < 1) {
      throw new IllegalArgumentException("number " + number + " < 1");
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tested, "tested");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(diagnosis, "diagnosis");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** Whether the probe got as far as it was asked to. */
  public boolean succeeded() {
    return result.reachedStopPoint();
  }

  /**
   * The diagnosis in a few words: the Windows client's codes and the most likely cause, e.g. {@code
   * error code 0x904, extended error code 0x7; The RDP listener refuses the connection}.
   */
  public String diagnosisSummary() {
    return diagnosis.clientCode().summary()
        + diagnosis.topCause().map(c -> "; " + c.title()).orElse("");
  }

  @Override
  public String toString() {
    return number + ". " + tested + " -> " + outcome + " [" + diagnosisSummary() + "]";
  }
}
