package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.share.FontMapPdu;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The probe through Standard RDP Security with xrdp ({@code security_layer=rdp}) at every {@code
 * crypt_level}: the Security Exchange, the encrypted Client Info, licensing, the Demand Active and,
 * asked to go on, the finalization to the Font Map.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XrdpStandardSecurityProbeTest {
  private static RdpProbe probe;

  @TempDir Path dir;

  @BeforeAll
  static void startProbe() {
    probe = RdpProbe.create();
  }

  @AfterAll
  static void stopProbe() {
    probe.close();
  }

  private static ProbeResult probe(int port, Phase stopAfter) {
    return probe
        .probe(
            ProbeSpec.builder("127.0.0.1")
                .port(port)
                .requestedProtocols(SecurityProtocols.RDP)
                .stopAfter(stopAfter)
                .idleTimeout(Duration.ofSeconds(5))
                .deadline(Duration.ofSeconds(20))
                .build())
        .orTimeout(30, TimeUnit.SECONDS)
        .join();
  }

  @ParameterizedTest(name = "crypt_level={0}")
  @ValueSource(strings = {"none", "low", "medium", "high", "fips"})
  void theProbeReachesTheDemandActiveAndTheFontMap(String level) throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(dir, new XrdpServer.Config().securityLayer("rdp").cryptLevel(level))) {
      ProbeResult r = probe(xrdp.port(), Phase.FINALIZATION);
      TraceEvent.Closed c = r.closed();
      String why = c.detail() + "\n" + r.trace() + "\n" + xrdp.logs();
      assertEquals(CloseKind.STOP_POINT_REACHED, c.kind(), why);
      assertEquals(Phase.FINALIZATION, c.phase(), why);
      assertEquals(FontMapPdu.NAME, c.lastServerPdu(), why);
      assertTrue(r.facts().activation().fontMapReceived(), why);
      assertFalse(xrdp.logs().contains("MAC checksum error"), why);
    }
  }
}
