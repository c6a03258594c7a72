package dev.rdpprobe;

import dev.rdpprobe.diagnose.Diagnoser;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.facts.ServerFacts;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one probe: what was asked, everything that happened, and what it shows. The trace
 * is the one record; the facts and the diagnosis are derived from it alone.
 */
public final class ProbeResult {
  private final ProbeSpec spec;
  private final Trace trace;
  private final ServerFacts facts;
  private final List<String> keyLog;

  private ProbeResult(ProbeSpec spec, Trace trace, List<String> keyLog) {
    this.spec = Objects.requireNonNull(spec, "spec").withoutCredentials();
    this.trace = Objects.requireNonNull(trace, "trace");
    this.keyLog = List.copyOf(keyLog);
    if (trace.closed().isEmpty()) {
      throw new IllegalArgumentException("a result's trace ends with its close event");
    }
    this.facts = ServerFacts.of(trace);
  }

  /**
   * The result of a probe that ran with {@code spec} and recorded {@code trace}.
   *
   * @param keyLog NSS key-log lines of the TLS session when the spec asked for them, else empty
   */
  public static ProbeResult of(ProbeSpec spec, Trace trace, List<String> keyLog) {
    return new ProbeResult(spec, trace, keyLog);
  }

  /** The spec the probe ran with, without its credentials (the password is never kept). */
  public ProbeSpec spec() {
    return spec;
  }

  /** The events, ending with how the connection closed. */
  public Trace trace() {
    return trace;
  }

  /** What the server revealed, phase by phase: {@link ServerFacts#of} of the trace. */
  public ServerFacts facts() {
    return facts;
  }

  /**
   * NSS key-log lines of the TLS session when the spec asked for them (secrets: write them only
   * where the user asked), otherwise empty.
   */
  public List<String> keyLog() {
    return keyLog;
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

  /** Whether the probe got as far as the spec asked. */
  public boolean reachedStopPoint() {
    return closed().kind().isSuccess();
  }

  @Override
  public String toString() {
    // the key log holds secrets: never printed
    return "ProbeResult[spec=" + spec + ", closed=" + closed() + ", facts=" + facts + "]";
  }
}
