package dev.rdpprobe.report;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.emulate.Scenario;
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
 * @param tag the caller's label for the probe ({@link dev.rdpprobe.ProbeSpec#tag()}), empty for
 *     none
 * @param scenario the emulator scenario the probe was run against ({@code rdp-probe demo}), or
 *     {@code null}
 */
public record ProbeReport(
    Target target,
    Trace trace,
    ServerFacts facts,
    Diagnosis diagnosis,
    String tag,
    Scenario scenario)
    implements ReportDocument {
  /** The version of the probe document's shape. */
  public static final int SCHEMA_VERSION = ReportDocument.SCHEMA_VERSION;

  public ProbeReport {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(trace, "trace");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(diagnosis, "diagnosis");
    Objects.requireNonNull(tag, "tag");
    if (trace.closed().isEmpty()) {
      throw new IllegalArgumentException("a report's trace ends with its close event");
    }
  }

  /** A report without a tag or a scenario. */
  public ProbeReport(Target target, Trace trace, ServerFacts facts, Diagnosis diagnosis) {
    this(target, trace, facts, diagnosis, "", null);
  }

  /** The report of a probe's result: its target, trace, facts, diagnosis and tag. */
  public static ProbeReport of(ProbeResult result) {
    return new ProbeReport(
        result.spec().endpoint(),
        result.trace(),
        result.facts(),
        result.diagnose(),
        result.spec().tag(),
        null);
  }

  /** This report, naming the emulator scenario it probed. */
  public ProbeReport withScenario(Scenario scenario) {
    return new ProbeReport(target, trace, facts, diagnosis, tag, scenario);
  }

  /** The address the probe connected to (or tried first), or empty before one was chosen. */
  public java.util.Optional<String> address() {
    return trace.eventsOf(TraceEvent.Resolved.class).stream()
        .map(TraceEvent.Resolved::chosen)
        .findFirst();
  }

  /** The wall-clock time the probe started. */
  public java.time.Instant startedAt() {
    return trace.header().startedAt();
  }

  /** The wall-clock time the connection's close was recorded. */
  public java.time.Instant endedAt() {
    return trace.header().wallClock(closed().nanos());
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
   * The probe document ({@code "document": "probe"}): {@code schemaVersion}, {@code tool}, {@code
   * startedAt}, {@code endedAt}, {@code target}, {@code ip}, {@code tag}, {@code scenario} (only
   * when there is one), {@code ok}, {@code close}, {@code events}, {@code facts}, {@code
   * diagnosis}. {@code schemas/probe.schema.json} beside this class is its JSON Schema.
   */
  @Override
  public String kind() {
    return "probe";
  }

  @Override
  public JsonObject toJsonValue() {
    return ProbeJson.document(this);
  }
}
