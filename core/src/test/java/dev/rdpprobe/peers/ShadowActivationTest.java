package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.facts.LicensingFacts;
import dev.rdpprobe.testing.ShadowServer;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.share.CapabilitySetType;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * FreeRDP's shadow server over TLS: it needs no license (STATUS_VALID_CLIENT at once), sends its
 * Demand Active, and finishes the activation for a probe that asks to go on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShadowActivationTest {
  private static final RdpProbe probe = SharedProbe.get();

  @TempDir Path dir;

  private static ProbeResult probe(int port, Phase stopAfter) {
    return probe
        .probe(
            ProbeSpec.builder("127.0.0.1")
                .port(port)
                .requestedProtocols(SecurityProtocols.SSL)
                .stopAfter(stopAfter)
                .idleTimeout(Duration.ofSeconds(5))
                .deadline(Duration.ofSeconds(20))
                .build())
        .orTimeout(30, TimeUnit.SECONDS)
        .join();
  }

  @Test
  void overTlsTheProbeReachesTheDemandActive() throws Exception {
    try (ShadowServer shadow = ShadowServer.start(dir, "tls", "rdpprobe", "rdpprobe-Pass1")) {
      ProbeResult r = probe(shadow.port(), Phase.CAPABILITIES);
      TraceEvent.Closed c = r.closed();
      assertEquals(CloseKind.STOP_POINT_REACHED, c.kind(), c.detail() + "\n" + shadow.logs());
      assertEquals(DemandActivePdu.NAME, c.lastServerPdu());
      LicensingFacts licensing = r.facts().licensing();
      assertTrue(licensing.validClient() && !licensing.licenseRequested(), licensing.outcome());
      DemandActivePdu demand = r.facts().activation().demandActive();
      assertTrue(
          demand.capabilitySets().get(CapabilitySetType.CAPSTYPE_GENERAL).isPresent(),
          demand.summary());
      assertTrue(r.facts().basicSettings().core().version().value() >= 0x00080004);
    }
  }

  @Test
  void throughFinalizationTheSessionBecomesActive() throws Exception {
    try (ShadowServer shadow = ShadowServer.start(dir, "tls", "rdpprobe", "rdpprobe-Pass1")) {
      ProbeResult r = probe(shadow.port(), Phase.FINALIZATION);
      TraceEvent.Closed c = r.closed();
      assertEquals(CloseKind.STOP_POINT_REACHED, c.kind(), c.detail() + "\n" + shadow.logs());
      assertTrue(r.facts().activation().fontMapReceived(), c.detail());
    }
  }
}
