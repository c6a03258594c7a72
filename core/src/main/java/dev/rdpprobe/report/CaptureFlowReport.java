package dev.rdpprobe.report;

import dev.rdpprobe.capture.CaptureAnalysis;
import dev.rdpprobe.transport.Target;
import java.util.Map;
import java.util.Objects;

/**
 * The report of one RDP connection read from a capture file: the probe document ({@link
 * ProbeReport}) of the capture's trace, its target the server as captured, with a {@code source}
 * object naming the capture: {@code {"kind":"capture","file":...,"flow":N,"firstPacket":P,
 * "client":...,"server":...}} after {@code schemaVersion}.
 *
 * @param file the capture file as the user named it
 * @param flow the connection
 */
public record CaptureFlowReport(String file, CaptureAnalysis.Flow flow) {
  public CaptureFlowReport {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(flow, "flow");
  }

  /** The probe report of the flow's trace, its target the server's address and port. */
  public ProbeReport probeReport() {
    return new ProbeReport(target(flow.server()), flow.trace(), flow.facts(), flow.diagnosis());
  }

  /** {@code 10.0.0.1:3389} or {@code [fd00::1]:3389} as a target. */
  static Target target(String endpoint) {
    int colon = endpoint.lastIndexOf(':');
    String host = Target.host(endpoint.substring(0, colon));
    return new Target(host, null, Integer.parseInt(endpoint.substring(colon + 1)));
  }

  /**
   * The document ({@code "document": "capture"}): {@code schemaVersion}, {@code source}, then the
   * probe document's fields; {@code schemas/capture.schema.json} is its JSON Schema.
   */
  public JsonObject toJsonValue() {
    JsonObject probe = probeReport().toJsonValue();
    JsonObject.Builder root = JsonObject.builder();
    root.put("document", "capture");
    root.put("schemaVersion", ReportDocument.SCHEMA_VERSION);
    root.put(
        "source",
        JsonObject.builder()
            .put("kind", "capture")
            .put("file", file)
            .put("flow", flow.number())
            .put("firstPacket", flow.firstPacket())
            .put("client", flow.client())
            .put("server", flow.server())
            .build());
    for (Map.Entry<String, JsonValue> m : probe.members().entrySet()) {
      if (!m.getKey().equals("schemaVersion") && !m.getKey().equals("document")) {
        root.put(m.getKey(), m.getValue());
      }
    }
    return root.build();
  }

  /** The document as one line of compact JSON. */
  public String toJson() {
    return toJsonValue().toJson();
  }
}
