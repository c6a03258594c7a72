package dev.rdpprobe.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.trace.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The emulator mutating its own PDUs, with the probe as the client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientFuzzerTest {
  @Test
  void eachConnectionGetsOneMutationAndItsReactionAndFiles(@TempDir Path out) throws Exception {
    ClientFuzzer.Hook hook = ClientFuzzer.hook(Phase.BASIC_SETTINGS, "", 7, null, out, c -> {});
    try (RdpEmulator e =
            hook.install(RdpEmulator.builder(Scenario.HEALTHY).idleTimeout(Duration.ofSeconds(2)))
                .start();
        RdpProbe probe = RdpProbe.create()) {
      ProbeSpec spec =
          ProbeSpec.builder("127.0.0.1")
              .port(e.port())
              .idleTimeout(Duration.ofMillis(500))
              .stopAfter(Phase.CHANNEL_CONNECT)
              .build();
      for (int i = 0; i < 6; i++) {
        probe.probe(spec).join();
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (hook.cases().size() < 6 && System.nanoTime() < end) {
        Thread.sleep(20);
      }
    }
    List<ClientFuzzer.ClientCase> cases = hook.cases();
    assertEquals(6, cases.size());
    for (ClientFuzzer.ClientCase c : cases) {
      assertNotNull(c.mutation(), c.line());
      assertEquals("MCS Connect Response", c.mutation().pdu(), c.line());
      assertNotEquals(ClientFuzzer.ClientReaction.NOT_REACHED, c.reaction(), c.line());
      Path d = out.resolve("connections").resolve(String.format("%06d", c.number()));
      assertTrue(Files.readString(d.resolve("reproduce.txt")).contains("--case "), d.toString());
      assertTrue(Files.readString(d.resolve("transcript.txt")).contains("MCS Connect Initial"));
    }
    // one mutation per connection, each its own
    assertTrue(
        cases.stream().map(c -> c.mutation().sent()).distinct().count() >= 5, cases.toString());
  }

  @Test
  void aFixedCaseMutatesEveryConnectionAlike() throws Exception {
    long seed = CaseSeeds.of(7, 3);
    ClientFuzzer.Hook hook = ClientFuzzer.hook(Phase.X224_NEGOTIATION, "", 0, seed, null, c -> {});
    try (RdpEmulator e = hook.install(RdpEmulator.builder(Scenario.HEALTHY)).start();
        RdpProbe probe = RdpProbe.create()) {
      ProbeSpec spec =
          ProbeSpec.builder("127.0.0.1")
              .port(e.port())
              .idleTimeout(Duration.ofMillis(500))
              .stopAfter(Phase.X224_NEGOTIATION)
              .build();
      probe.probe(spec).join();
      probe.probe(spec).join();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (hook.cases().size() < 2 && System.nanoTime() < end) {
        Thread.sleep(20);
      }
    }
    List<ClientFuzzer.ClientCase> cases = hook.cases();
    assertEquals(2, cases.size());
    assertEquals(cases.get(0).mutation().sent(), cases.get(1).mutation().sent());
    assertEquals(seed, cases.get(0).mutation().seed());
  }
}
