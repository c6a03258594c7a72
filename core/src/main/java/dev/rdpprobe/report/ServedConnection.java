package dev.rdpprobe.report;

import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.util.Objects;

/**
 * One client's connection to the emulator, as the emulator recorded it ({@code "document":
 * "served"}): what {@code rdp-probe serve --json} prints when a connection ends. Sides are named
 * from the emulator's side: {@code sent} is what the emulator sent, {@code closedBy} {@code PEER}
 * is the client.
 *
 * <pre>{@code
 * RdpEmulator.builder(Scenario.HEALTHY)
 *     .listener(t -> System.out.println(new ServedConnection(Scenario.HEALTHY, t).toJson()))
 *     .start();
 * }</pre>
 *
 * @param scenario the scenario the emulator played
 * @param trace the emulator's trace of the connection, ending with its close
 */
public record ServedConnection(Scenario scenario, Trace trace) implements ReportDocument {
  public ServedConnection {
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(trace, "trace");
    if (trace.closed().isEmpty()) {
      throw new IllegalArgumentException("a served connection's trace ends with its close event");
    }
  }

  /** How the connection ended. */
  public TraceEvent.Closed closed() {
    return trace.closed().orElseThrow();
  }

  @Override
  public String kind() {
    return "served";
  }

  /**
   * The document: {@code document}, {@code schemaVersion}, {@code tool}, {@code startedAt}, {@code
   * endedAt}, {@code scenario}, {@code client}, {@code server}, {@code close}, {@code events}.
   */
  @Override
  public JsonObject toJsonValue() {
    ClosedBy recorder = trace.header().recordedBy();
    return JsonObject.builder()
        .put("document", kind())
        .put("schemaVersion", schemaVersion())
        .put("tool", ToolInfo.current().toJsonValue())
        .put("startedAt", ProbeJson.time(trace.header().startedAt()))
        .put("endedAt", ProbeJson.time(trace.header().wallClock(closed().nanos())))
        .put(
            "scenario",
            JsonObject.builder()
                .put("name", scenario.cliName())
                .put("description", scenario.description())
                .build())
        .put("client", trace.header().client())
        .put("server", trace.header().server())
        .put("close", ProbeJson.close(closed(), recorder))
        .put("events", ProbeJson.events(trace, recorder))
        .build();
  }
}
