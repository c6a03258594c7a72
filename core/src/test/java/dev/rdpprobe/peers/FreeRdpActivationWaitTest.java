package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.DiagnoserOptions;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.FaultProxy;
import dev.rdpprobe.testing.FreeRdpClient;
import dev.rdpprobe.testing.Peers;
import dev.rdpprobe.testing.XvfbDisplay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client timer the slow-handshake warning stands for, measured on FreeRDP itself: with every
 * answer of the emulator 2 s late (a fault proxy of the tests' own), xfreerdp 2 gives up with
 * "Timeout waiting for activation" about 9 s (its TcpAckTimeout) after the security negotiation,
 * and the probe, which waits on, reaches the Demand Active and warns with the default options
 * ({@link DiagnoserOptions#FREERDP_ACTIVATION_WAIT}).
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class FreeRdpActivationWaitTest {
  private static final Duration LATE = Duration.ofSeconds(2);

  @TempDir Path dir;

  @Test
  void freeRdpGivesUpWhereTheDiagnosisWarns() throws Exception {
    Peers.require("xfreerdp", "freerdp2-x11");
    try (XvfbDisplay display = XvfbDisplay.start(dir);
        RdpEmulator emulator =
            RdpEmulator.builder(Scenario.HEALTHY)
                .maxConnectionTime(Duration.ofSeconds(60))
                .start();
        FaultProxy proxy = FaultProxy.start(emulator.port(), new FaultProxy.Delay(LATE))) {
      FreeRdpClient.Run run =
          FreeRdpClient.create(dir, display)
              .run(
                  Duration.ofSeconds(60),
                  "/v:127.0.0.1:" + proxy.port(),
                  "/cert:ignore",
                  "+auth-only",
                  "/u:rdpprobe",
                  "/p:x",
                  "/sec:tls");
      assertFalse(run.timedOut(), run.describe());
      assertTrue(run.logged("Timeout waiting for activation"), run.describe());
      assertTrue(run.exitCode() != 0, run.describe());

      try (RdpProbe probe = RdpProbe.create()) {
        ProbeResult r =
            probe
                .probe(
                    ProbeSpec.builder("127.0.0.1")
                        .port(proxy.port())
                        .idleTimeout(Duration.ofSeconds(5))
                        .deadline(Duration.ofSeconds(60))
                        .build())
                .orTimeout(90, TimeUnit.SECONDS)
                .join();
        Diagnosis d = r.diagnose();
        assertTrue(r.reachedStopPoint(), d.verdict());
        Cause slow =
            d.causes().stream()
                .filter(c -> c.id() == CauseId.SLOW_HANDSHAKE)
                .findFirst()
                .orElseThrow(() -> new AssertionError(d.verdict()));
        assertTrue(slow.why().contains("and a client waits 9000 ms"), slow.why());
        assertTrue(slow.why().contains("Timeout waiting for activation"), slow.why());
        assertEquals(
            Duration.ofSeconds(9), DiagnoserOptions.DEFAULTS.activationWait(), "FreeRDP 2's");
      }
    }
  }
}
