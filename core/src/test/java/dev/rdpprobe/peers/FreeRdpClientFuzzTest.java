package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.fuzz.ClientFuzzer;
import dev.rdpprobe.testing.FreeRdpClient;
import dev.rdpprobe.testing.XvfbDisplay;
import dev.rdpprobe.trace.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * xfreerdp under Xvfb against the emulator mutating its own PDUs (serve --fuzz): a few connections
 * per phase, from the Connection Confirm to the Demand Active, each one's reaction classified and
 * xfreerdp's exit recorded.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FreeRdpClientFuzzTest {
  /** Connections per phase: each is one xfreerdp run. */
  static final int CONNECTIONS = 3;

  static final Duration CLIENT_LIMIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  @Test
  void xfreerdpReactionsToMutatedServerPdusAreClassified() throws Exception {
    List<String> record = new ArrayList<>();
    try (XvfbDisplay xvfb = XvfbDisplay.start(dir)) {
      FreeRdpClient xfreerdp = FreeRdpClient.create(dir, xvfb);
      for (Phase phase :
          List.of(Phase.X224_NEGOTIATION, Phase.BASIC_SETTINGS, Phase.CAPABILITIES)) {
        Path out = Path.of("target", "fuzz-clients", "xfreerdp", phase.name());
        ClientFuzzer.Hook hook = ClientFuzzer.hook(phase, "", 21, null, out, c -> {});
        try (RdpEmulator emulator =
            hook.install(
                    RdpEmulator.builder(Scenario.HEALTHY)
                        .idleTimeout(Duration.ofSeconds(5))
                        .maxConnectionTime(CLIENT_LIMIT))
                .start()) {
          for (int i = 0; i < CONNECTIONS; i++) {
            FreeRdpClient.Run run =
                xfreerdp.run(
                    CLIENT_LIMIT,
                    "/v:127.0.0.1:" + emulator.port(),
                    "/cert:ignore",
                    "/sec:tls",
                    "/u:rdpprobe",
                    "/p:x",
                    "/timeout:2000");
            record.add(
                phase
                    + " run "
                    + (i + 1)
                    + ": xfreerdp exit "
                    + run.exitCode()
                    + (run.timedOut() ? " (timed out)" : ""));
          }
          long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
          while (hook.cases().size() < CONNECTIONS && System.nanoTime() < end) {
            Thread.sleep(50);
          }
        }
        List<ClientFuzzer.ClientCase> cases = hook.cases();
        // xfreerdp may connect again after a failure: each connection is a case of its own
        assertTrue(cases.size() >= CONNECTIONS, phase + ": " + record);
        for (ClientFuzzer.ClientCase c : cases) {
          record.add(phase + " " + c.line());
          assertFalse(c.transcript().isEmpty());
        }
        assertTrue(
            cases.stream().filter(c -> c.mutation() != null).count() >= CONNECTIONS,
            phase + ": every run reached the mutated PDU once at least: " + record);
      }
    }
    System.out.println(String.join("\n", record));
  }
}
