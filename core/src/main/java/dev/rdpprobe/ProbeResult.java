package dev.rdpprobe;

import dev.rdpprobe.connect.ServerFacts;
import dev.rdpprobe.diagnose.Diagnoser;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one probe: what was asked, everything that happened, and what was learned.
 *
 * @param spec the spec the probe ran with, without its credentials (the password is never kept)
 * @param trace the events, ending with how the connection closed
 * @param facts what the server revealed, phase by phase
 * @param keyLog NSS key-log lines of the TLS session when the spec asked for them (secrets: write
 *     them only where the user asked), otherwise empty
 */
public record ProbeResult(ProbeSpec spec, Trace trace, ServerFacts facts, List<String> keyLog) {
  public ProbeResult {
    spec = Objects.requireNonNull(spec, "spec").withoutCredentials();
    Objects.requireNonNull(trace, "trace");
    Objects.requireNonNull(facts, "facts");
    keyLog = List.copyOf(keyLog);
    if (trace.closed().isEmpty()) {
      throw new IllegalArgumentException("a result's trace ends with its close event");
    }
  }

  /** How the connection ended. */
  public TraceEvent.Closed closed() {
    return trace.closed().orElseThrow();
  }

  /**
   * Explains how the connection ended: the code a Windows client would show, and the likely causes
   * with their evidence. Computed from the trace alone.
   */
  public Diagnosis diagnose() {
    return Diagnoser.diagnose(trace);
  }

  @Override
  public String toString() {
    // the key log holds secrets: never printed
    return "ProbeResult[spec=" + spec + ", closed=" + closed() + ", facts=" + facts + "]";
  }

  /** Whether the probe got as far as the spec asked. */
  public boolean reachedStopPoint() {
    return closed().kind().isSuccess();
  }
}
