package dev.rdpprobe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.diagnose.Diagnoser;
import dev.rdpprobe.diagnose.Evidence;
import dev.rdpprobe.doctor.DoctorReport;
import dev.rdpprobe.doctor.DoctorSpec;
import dev.rdpprobe.doctor.Finding;
import dev.rdpprobe.doctor.FollowUp;
import dev.rdpprobe.doctor.NotRun;
import dev.rdpprobe.doctor.Verdict;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.facts.ServerFacts;
import dev.rdpprobe.testing.JsonSchemas;
import dev.rdpprobe.testing.TraceBuilder;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report model: what a probe's and a doctor's documents hold, in which order. */
class ProbeReportTest {
  private static final String PASSWORD = "not-in-any-report";

  private static Trace resetAfterRequest() {
    return TraceBuilder.start()
        .resolved("rdp.example", "192.0.2.10")
        .after(2)
        .connected()
        .connectionRequest(SecurityProtocols.of(SecurityProtocols.SSL, SecurityProtocols.HYBRID))
        .after(3)
        .close(CloseKind.PEER_RST);
  }

  private static ProbeResult result(Trace trace) {
    ProbeSpec spec =
        ProbeSpec.builder("rdp.example")
            .port(3390)
            .credentials("alice", "EXAMPLE", PASSWORD.toCharArray())
            .keyLog(true)
            .build();
    return ProbeResult.of(spec, trace, List.of("CLIENT_RANDOM 00112233 44556677"));
  }

  @Test
  void theReportHoldsTheResultsTargetTraceFactsAndDiagnosis() {
    ProbeResult r = result(resetAfterRequest());
    ProbeReport report = ProbeReport.of(r);
    assertEquals("rdp.example", report.target().host());
    assertEquals(3390, report.target().port());
    assertSame(r.trace(), report.trace());
    assertEquals(ServerFacts.of(r.trace()), report.facts());
    assertEquals(Diagnoser.diagnose(r.trace()), report.diagnosis());
    assertEquals(r.closed(), report.closed());
    assertFalse(report.ok());
    assertEquals(2, report.schemaVersion());
    assertEquals("", report.tag());
  }

  @Test
  void theProbeDocumentHasItsFieldsInOrderAndOneEventPerTraceEvent() {
    ProbeReport report = ProbeReport.of(result(resetAfterRequest()));
    JsonObject doc = report.toJsonValue();
    assertEquals(
        List.of(
            "document",
            "schemaVersion",
            "tool",
            "startedAt",
            "endedAt",
            "target",
            "ip",
            "tag",
            "ok",
            "close",
            "events",
            "facts",
            "diagnosis"),
        List.copyOf(doc.members().keySet()));
    JsonSchemas.assertValid(report.toJson());
    assertEquals(new JsonString("probe"), doc.get("document"));
    assertEquals(JsonNumber.of(2), doc.get("schemaVersion"));
    assertEquals(new JsonString("rdp-probe"), ((JsonObject) doc.get("tool")).get("name"));
    assertEquals(
        new JsonString(System.getProperty("rdpprobe.version", "unknown")),
        ((JsonObject) doc.get("tool")).get("version"),
        "the build's version");
    // the trace builder starts at the epoch; the close is 5 ms later
    assertEquals(new JsonString("1970-01-01T00:00:00Z"), doc.get("startedAt"));
    assertEquals(new JsonString("1970-01-01T00:00:00.005Z"), doc.get("endedAt"));
    assertEquals(new JsonString("192.0.2.10"), doc.get("ip"), "the resolved address at the top");
    assertEquals(JsonNull.NULL, doc.get("tag"));
    JsonObject client = (JsonObject) ((JsonObject) doc.get("diagnosis")).get("windowsClient");
    assertEquals(new JsonString("0x904"), client.get("discReason"));
    assertEquals(JsonNumber.of(0x904), client.get("discReasonValue"), "the number beside its hex");
    assertEquals("{\"host\":\"rdp.example\",\"port\":3390}", doc.get("target").toJson(), "target");
    assertEquals(JsonBoolean.FALSE, doc.get("ok"));
    JsonArray events = (JsonArray) doc.get("events");
    assertEquals(report.trace().events().size(), events.size());
    assertEquals(
        List.of("resolved", "connected", "pdu", "closed"),
        events.elements().stream()
            .map(e -> ((JsonString) ((JsonObject) e).get("type")).value())
            .toList());
    JsonObject close = (JsonObject) doc.get("close");
    assertEquals(new JsonString("PEER_RST"), close.get("kind"));
    assertEquals(new JsonString("PEER"), close.get("closedBy"));
    assertEquals(JsonNumber.of(5.0), close.get("atMs"), "2 ms + 3 ms");
    // every piece of evidence points at an event of the document
    JsonObject diagnosis = (JsonObject) doc.get("diagnosis");
    JsonArray causes = (JsonArray) diagnosis.get("causes");
    assertFalse(causes.elements().isEmpty(), diagnosis.toJson());
    for (var cause : report.diagnosis().causes()) {
      for (Evidence e : cause.evidence()) {
        assertTrue(e.eventIndex() >= 0 && e.eventIndex() < events.size(), e.toString());
      }
    }
    assertEquals(report.toJsonValue().toJson(), report.toJson());
    assertFalse(report.toJson().contains("\n"), "one line");
  }

  @Test
  void theTagAndTheScenarioArePassedThrough() {
    ProbeResult r = result(resetAfterRequest());
    ProbeResult tagged =
        ProbeResult.of(
            r.spec().toBuilder().tag("office, \"rack 4\"").build(), r.trace(), List.of());
    ProbeReport report = ProbeReport.of(tagged).withScenario(Scenario.RST_AFTER_CONNECTION_REQUEST);
    JsonObject doc = report.toJsonValue();
    JsonSchemas.assertValid(report.toJson());
    assertEquals(new JsonString("office, \"rack 4\""), doc.get("tag"));
    assertEquals(
        "{\"name\":\"rst-after-connection-request\",\"description\":\""
            + Scenario.RST_AFTER_CONNECTION_REQUEST.description()
            + "\"}",
        doc.get("scenario").toJson());
    assertThrows(
        IllegalArgumentException.class, () -> ProbeSpec.builder("h").tag("a\nb"), "no controls");
  }

  @Test
  void aDocumentThatDriftsFromItsSchemaIsCaught() {
    String good = ProbeReport.of(result(resetAfterRequest())).toJson();
    JsonSchemas.assertValid(good);
    assertFalse(JsonSchemas.problems(good.replace("\"ok\":false", "\"ok\":\"no\"")).isEmpty());
    assertFalse(
        JsonSchemas.problems(good.replace("\"tag\":null", "\"tag\":null,\"extra\":1")).isEmpty(),
        "an undocumented member");
    assertFalse(
        JsonSchemas.problems(good.replace("\"startedAt\":\"1970-", "\"startedAt\":\"x1970-"))
            .isEmpty(),
        "not RFC 3339");
    assertFalse(JsonSchemas.problems(good.replace("\"PEER_RST\"", "\"BOGUS\"")).isEmpty());
  }

  @Test
  void noSecretReachesTheDocument() {
    String json = ProbeReport.of(result(resetAfterRequest())).toJson();
    assertFalse(json.contains(PASSWORD), json);
    assertFalse(json.contains("CLIENT_RANDOM"), json);
  }

  @Test
  void aReportNeedsAFinishedTrace() {
    ProbeReport done = ProbeReport.of(result(resetAfterRequest()));
    Trace unfinished = TraceBuilder.start().connected().unfinished();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ProbeReport(
                done.target(), unfinished, ServerFacts.of(unfinished), done.diagnosis()));
  }

  @Test
  void theDoctorDocumentEmbedsTheBaselineProbeDocument() throws Exception {
    ProbeResult baseline = result(resetAfterRequest());
    ProbeResult followUp = result(resetAfterRequest());
    DoctorSpec spec =
        DoctorSpec.builder("rdp.example")
            .port(3390)
            .probeSettings(baseline.spec())
            .maxConcurrentConnections(2)
            .delayBetweenConnections(Duration.ofMillis(50))
            .build();
    var diagnosis = baseline.diagnose();
    var cause = diagnosis.topCause().orElseThrow().id();
    DoctorReport r =
        new DoctorReport(
            spec,
            List.of(InetAddress.getByName("192.0.2.10")),
            baseline,
            diagnosis,
            List.of(
                new FollowUp(
                    1,
                    FollowUp.Kind.PROTOCOL,
                    "offer SSL only",
                    followUp,
                    followUp.diagnose(),
                    "reset",
                    false)),
            List.of(new NotRun("UDP multitransport probe", "not needed")),
            new Verdict(
                diagnosis.clientCode(),
                List.of(
                    new Finding(
                        Finding.Subject.CAUSE,
                        Finding.Status.CONFIRMED,
                        cause,
                        "it \"resets\"",
                        List.of(1),
                        List.of("look"))),
                "verdict"),
            Duration.ofMillis(1234),
            1);
    DoctorReportDocument doc = DoctorReportDocument.of(r);
    JsonObject json = doc.toJsonValue();
    assertEquals(
        List.of(
            "document",
            "schemaVersion",
            "tool",
            "startedAt",
            "endedAt",
            "target",
            "ip",
            "tag",
            "ok",
            "addresses",
            "pacing",
            "baseline",
            "followUps",
            "notRun",
            "verdict"),
        List.copyOf(json.members().keySet()));
    assertEquals(new JsonString("doctor"), json.get("document"));
    JsonSchemas.assertValid(doc.toJson());
    assertEquals(ProbeReport.of(baseline).toJsonValue(), json.get("baseline"), "a whole document");
    assertEquals(new JsonString("192.0.2.10"), json.get("ip"));
    assertEquals(
        "{\"maxConcurrentConnections\":2,\"maxNewConnectionsPerSecond\":20,"
            + "\"delayBetweenConnectionsMs\":50,"
            + "\"deadlineMs\":120000,\"peakConnections\":1,\"elapsedMs\":1234}",
        json.get("pacing").toJson());
    assertTrue(doc.toJson().contains("\"text\":\"it \\\"resets\\\"\""), doc.toJson());
    assertEquals("[\"192.0.2.10\"]", json.get("addresses").toJson());

    ProbeReport other = ProbeReport.of(followUp);
    assertNotSame(other.trace(), baseline.trace());
    assertThrows(IllegalArgumentException.class, () -> new DoctorReportDocument(r, other));
  }
}
