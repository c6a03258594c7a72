package dev.rdpprobe.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.report.JsonWriter;
import dev.rdpprobe.report.ProbeReport;
import dev.rdpprobe.trace.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Replaying the probe's own JSON document against the emulator. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplayTest {
  static ProbeSpec.Builder spec(RdpEmulator e) {
    return ProbeSpec.builder("127.0.0.1")
        .port(e.port())
        .idleTimeout(Duration.ofSeconds(2))
        .deadline(Duration.ofSeconds(10));
  }

  /** A document of the probe against {@code scenario}, written to a file and read back. */
  static Map<String, Object> document(Scenario scenario, Phase stopAfter, Path dir)
      throws Exception {
    try (RdpEmulator e = RdpEmulator.start(scenario);
        RdpProbe probe = RdpProbe.create()) {
      ProbeResult r = probe.probe(spec(e).stopAfter(stopAfter).build()).join();
      Path file = dir.resolve("probe.json");
      Files.writeString(file, JsonWriter.write(ProbeReport.of(r).toJsonValue()));
      return Replay.read(file);
    }
  }

  @Test
  void theSameServerAnswersTheReplayAsTheDocumentSays(@TempDir Path dir) throws Exception {
    Map<String, Object> doc = document(Scenario.HEALTHY, Phase.CAPABILITIES, dir);
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      Replay.Result r = Replay.run(doc, spec(e).build());
      assertTrue(r.same(), r.text());
      assertTrue(r.plannedFromDocument().contains("X.224 Connection Request"), r.text());
      assertTrue(r.plannedFromDocument().contains("MCS Connect Initial"), r.text());
      assertTrue(r.plannedFromDocument().contains("Client Info PDU"), r.text());
      assertTrue(r.text().startsWith("no differences"), r.text());
      assertTrue(JsonWriter.write(r.json()).contains("\"captured\""));
      assertEquals(
          java.util.List.of(),
          dev.rdpprobe.testing.JsonSchemas.problems(JsonWriter.write(r.json())));
    }
  }

  @Test
  void aDifferentlyConfiguredServerIsNamedInTheDiff(@TempDir Path dir) throws Exception {
    Map<String, Object> doc = document(Scenario.HEALTHY, Phase.SECURE_SETTINGS, dir);
    try (RdpEmulator e = RdpEmulator.start(Scenario.TLS_1_0_ONLY)) {
      Replay.Result r = Replay.run(doc, spec(e).build());
      assertFalse(r.same(), r.text());
      assertTrue(
          r.steps().stream()
              .anyMatch(
                  d -> d.where().startsWith("facts.tls") || d.where().equals("TLS_HANDSHAKE")),
          r.text());
    }
    // a document that went to the Demand Active, replayed where the server denies the session
    Map<String, Object> full = document(Scenario.HEALTHY, Phase.CAPABILITIES, dir);
    try (RdpEmulator e = RdpEmulator.start(Scenario.SET_ERROR_INFO_DENIED)) {
      Replay.Result r = Replay.run(full, spec(e).build());
      assertTrue(r.outcome().stream().anyMatch(d -> d.where().equals("close.kind")), r.text());
    }
  }

  @Test
  void aReplayOfTheProbesRequestKeepsItsProtocols(@TempDir Path dir) throws Exception {
    Map<String, Object> doc = document(Scenario.HEALTHY, Phase.X224_NEGOTIATION, dir);
    try (RdpEmulator e = RdpEmulator.start(Scenario.NEG_FAILURE_SSL_REQUIRED_BY_SERVER)) {
      Replay.Result r = Replay.run(doc, spec(e).build());
      assertTrue(r.outcome().stream().anyMatch(d -> d.where().equals("close.kind")), r.text());
    }
  }
}
