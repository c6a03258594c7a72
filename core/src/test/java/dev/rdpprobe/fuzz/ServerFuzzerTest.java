package dev.rdpprobe.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.connect.ClientConnector;
import dev.rdpprobe.connect.ConnectorFactory;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server fuzzer against the emulator: classification, output folder, the planted fault. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerFuzzerTest {
  /**
   * The planted fault is found within this many cases of seed 1: at case 17, by a LENGTH mutation
   * of RDP_NEG_REQ's own length field.
   */
  static final int PLANTED_FAULT_BOUND = 60;

  static ProbeSpec.Builder base(RdpEmulator e) {
    return ProbeSpec.builder("127.0.0.1")
        .port(e.port())
        .connectTimeout(Duration.ofSeconds(2))
        .idleTimeout(Duration.ofMillis(500))
        .deadline(Duration.ofSeconds(10));
  }

  @Test
  void everyCaseAtX224EndsClassifiedAndIsWrittenOut(@TempDir Path out) throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY);
        ServerFuzzer f =
            ServerFuzzer.create(
                ServerFuzzer.Spec.of(base(e).build(), Phase.X224_NEGOTIATION, 40, 11)
                    .rate(0)
                    .out(out))) {
      List<FuzzCase> seen = new ArrayList<>();
      ServerFuzzer.Report r = f.run(seen::add);
      assertEquals(40, r.cases().size(), r.stoppedBecause());
      assertNull(r.suspect(), () -> r.suspect().line());
      assertEquals(CloseKind.STOP_POINT_REACHED, r.baseline().close());
      for (FuzzCase c : r.cases()) {
        assertNotNull(c.mutation(), c.line());
        assertFalse(
            c.reaction().kind() == Reaction.Kind.LOCAL
                || c.reaction().kind() == Reaction.Kind.NOT_REACHED,
            c.line());
        assertNotEquals(c.mutation().planned(), c.mutation().sent());
        Path dir = out.resolve("cases").resolve(String.format("%06d", c.number()));
        assertTrue(Files.isRegularFile(dir.resolve(CaseFiles.CASE)), dir.toString());
        assertTrue(Files.isRegularFile(dir.resolve(CaseFiles.TRACE)), dir.toString());
        assertEquals(c.mutation().sent().length(), Files.size(dir.resolve(CaseFiles.SENT)));
        CaseFiles.Saved s = CaseFiles.read(dir);
        assertEquals(c.seeds(), s.seeds());
        assertEquals(c.mutation().sent(), s.sent());
      }
      // the emulator answers a malformed request with a FIN, a well-formed one as normal
      assertTrue(r.cases().stream().anyMatch(c -> c.reaction().kind() == Reaction.Kind.ANSWERED));
      assertTrue(r.cases().stream().anyMatch(c -> c.reaction().kind() == Reaction.Kind.FIN));
      assertTrue(r.cases().stream().filter(FuzzCase::interesting).count() >= 2);
      try (var corpus = Files.list(out.resolve("corpus"))) {
        assertEquals(r.cases().stream().filter(FuzzCase::interesting).count(), corpus.count());
      }
      String summary = Files.readString(out.resolve("summary.txt"));
      assertTrue(summary.contains("X224_NEGOTIATION"), summary);
      assertTrue(summary.contains("ANSWERED"), summary);
    }
  }

  @Test
  void aLaterRunStartsFromTheCorpusOfAnEarlierOne(@TempDir Path out) throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      ServerFuzzer.Spec spec =
          ServerFuzzer.Spec.of(base(e).build(), Phase.X224_NEGOTIATION, 20, 5)
              .rate(0)
              .out(out)
              .healthEvery(20);
      try (ServerFuzzer f = ServerFuzzer.create(spec)) {
        f.run(c -> {});
      }
      ServerFuzzer.Report second;
      try (ServerFuzzer f =
          ServerFuzzer.create(spec.out(out.resolve("second")).corpus(out.resolve("corpus")))) {
        second = f.run(c -> {});
      }
      assertTrue(
          second.cases().stream().anyMatch(c -> c.seeds().size() > 1),
          "some cases stack a fresh seed on a corpus entry");
    }
  }

  @Test
  void thePlantedFaultIsFoundAndReproduced(@TempDir Path out) throws Exception {
    FuzzCase suspect;
    try (RdpEmulator e = RdpEmulator.start(Scenario.PLANTED_FAULT);
        ServerFuzzer f =
            ServerFuzzer.create(
                ServerFuzzer.Spec.of(
                        base(e).build(), Phase.X224_NEGOTIATION, PLANTED_FAULT_BOUND, 1)
                    .rate(0)
                    .out(out))) {
      ServerFuzzer.Report r = f.run(c -> {});
      suspect = r.suspect();
      assertNotNull(
          suspect, "found within " + PLANTED_FAULT_BOUND + " cases: " + r.stoppedBecause());
      assertTrue(e.faulted());
      assertTrue(
          suspect.health().detail().contains("stopped listening"), suspect.health().detail());
      assertEquals(suspect.number(), r.cases().size(), "the campaign stops at the first crash");
      assertTrue(Files.readString(out.resolve("summary.txt")).contains("SUSPECTED CRASH"));
    }
    CaseFiles.Saved saved =
        CaseFiles.read(out.resolve("cases").resolve(String.format("%06d", suspect.number())));
    // a fresh emulator: the case brings it down again, from its file
    try (RdpEmulator e = RdpEmulator.start(Scenario.PLANTED_FAULT);
        ServerFuzzer f =
            ServerFuzzer.create(
                ServerFuzzer.Spec.of(base(e).build(), Phase.X224_NEGOTIATION, 0, 0).rate(0))) {
      ServerFuzzer.Reproduction again = f.reproduce(saved);
      assertTrue(e.faulted());
      assertFalse(again.result().health().ok(), again.result().line());
      assertTrue(again.seedGivesSameBytes(), "the seed derives the recorded bytes again");
    }
    // and the case before it does not
    FuzzCase before = null;
    try (RdpEmulator e = RdpEmulator.start(Scenario.PLANTED_FAULT);
        ServerFuzzer f =
            ServerFuzzer.create(
                ServerFuzzer.Spec.of(base(e).build(), Phase.X224_NEGOTIATION, 0, 0).rate(0))) {
      if (suspect.number() > 1) {
        CaseFiles.Saved previous =
            CaseFiles.read(
                out.resolve("cases").resolve(String.format("%06d", suspect.number() - 1)));
        before = f.reproduce(previous).result();
        assertTrue(before.health().ok(), before.line());
        assertFalse(e.faulted());
      }
    }
  }

  @Test
  void reactionsAreNamedFromTheTrace() throws Exception {
    assertReaction(
        Scenario.RST_AFTER_CONNECTION_REQUEST, Phase.X224_NEGOTIATION, Reaction.Kind.RST);
    assertReaction(
        Scenario.NEG_FAILURE_HYBRID_REQUIRED_BY_SERVER,
        Phase.X224_NEGOTIATION,
        Reaction.Kind.ERROR_PDU);
    assertReaction(Scenario.ACCEPT_THEN_SILENCE, Phase.X224_NEGOTIATION, Reaction.Kind.SILENCE);
    assertReaction(Scenario.TLS_ALERT_INTERNAL_ERROR, Phase.TLS_HANDSHAKE, Reaction.Kind.TLS_ALERT);
    assertReaction(
        Scenario.SET_ERROR_INFO_DENIED, Phase.SECURE_SETTINGS, Reaction.Kind.SET_ERROR_INFO);
    assertReaction(Scenario.FIN_AFTER_ACCEPT, Phase.BASIC_SETTINGS, Reaction.Kind.NOT_REACHED);
  }

  /**
   * A mutation that keeps the PDU decodable (an undefined flag set, which the emulator keeps) meets
   * the scenario's own reaction.
   */
  private static void assertReaction(Scenario scenario, Phase phase, Reaction.Kind kind)
      throws Exception {
    ConnectorFactory flagged =
        (config, trace) ->
            ClientConnector.builder(config, trace)
                .interceptor(
                    o ->
                        o.phase() == phase
                            ? Mutator.mutate(1, o, Operator.RECORD_FLAGS).sent().toByteArray()
                            : o.bytes())
                .build();
    try (RdpEmulator e = RdpEmulator.start(scenario);
        RdpProbe probe = RdpProbe.builder().connectorFactory(flagged).build()) {
      ProbeSpec spec = base(e).stopAfter(ServerFuzzer.observedUntil(phase)).build();
      ProbeResult r = probe.probe(spec).join();
      Reaction reaction = Reaction.of(r.trace(), Direction.SERVER_TO_CLIENT);
      assertEquals(kind, reaction.kind(), scenario + ": " + reaction.line());
    }
  }
}
