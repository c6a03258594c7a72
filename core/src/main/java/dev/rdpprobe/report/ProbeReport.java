package dev.rdpprobe.report;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.facts.ServerFacts;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.transport.Target;
import java.util.Objects;

/**
 * The report of one probe: what was probed, the trace, the facts the trace shows and its diagnosis.
 * The CLI prints it as text or, with {@code --json}, as {@link #toJson()}; README.md lists the JSON
 * fields. It holds no secrets: a {@link ProbeResult}'s spec has no credentials and its key log is
 * not part of the report.
 *
 * <pre>{@code
 * String json = ProbeReport.of(result).toJson();   // the document rdp-probe --json prints
 * }</pre>
 *
 * @param target where the probe connected: the host as given and the port
 * @param trace the events, ending with how the connection closed
 * @param facts what the trace shows about the server ({@link ServerFacts#of(Trace)})
 * @param diagnosis the trace's diagnosis
 */
public record ProbeReport(Target target, Trace trace, ServerFacts facts, Diagnosis diagnosis)
    implements ReportDocument {
  /** The version of the probe document's shape. */
  public static final int SCHEMA_VERSION = ReportDocument.SCHEMA_VERSION;

  public ProbeReport {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(trace, "trace");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(diagnosis, "diagnosis");
    if (trace.closed().isEmpty()) {
      throw new IllegalArgumentException("a report's trace ends with its close event");
    }
  }

  /** The report of a probe's result: its target, trace, facts and diagnosis. */
  public static ProbeReport of(ProbeResult result) {
    return new ProbeReport(
        result.spec().endpoint(), result.trace(), result.facts(), result.diagnose());
  }

  /** How the connection ended: the trace's last event. */
  public TraceEvent.Closed closed() {
    return trace.closed().orElseThrow();
  }

  /** Whether the probe got as far as it was asked to ({@code ok} in the JSON). */
  public boolean ok() {
    return closed().kind().isSuccess();
  }

  /**
   * The probe document: {@code schemaVersion}, {@code target}, {@code ok}, {@code close}, {@code
   * events}, {@code facts}, {@code diagnosis}.
   */
  @Override
  public JsonObject toJsonValue() {
    return ProbeJson.document(this, true);
  }
}
