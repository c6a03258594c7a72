package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.diagnose.Diagnoser;
import dev.rdpprobe.facts.BasicSettingsFacts;
import dev.rdpprobe.facts.LicensingFacts;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.mcs.McsResult;
import dev.rdpprobe.wire.share.CapabilitySetType;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Basic Settings Exchange and the Channel Connection with xrdp, over TLS and with Standard RDP
 * Security: the server's data blocks and the channels it joins.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XrdpMcsTest {
  private static final RdpProbe probe = SharedProbe.get();

  @TempDir Path dir;

  private static ProbeResult probe(int port, SecurityProtocols offer, Phase stopAfter) {
    return probe
        .probe(
            ProbeSpec.builder("127.0.0.1")
                .port(port)
                .requestedProtocols(offer)
                .stopAfter(stopAfter)
                .idleTimeout(Duration.ofSeconds(5))
                .deadline(Duration.ofSeconds(20))
                .build())
        .orTimeout(30, TimeUnit.SECONDS)
        .join();
  }

  @Test
  void overTlsTheProbeJoinsTheUserAndIoChannelsAndSendsItsClientInfo() throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(dir, new XrdpServer.Config().securityLayer("negotiate"))) {
      ProbeResult r = probe(xrdp.port(), SecurityProtocols.SSL, Phase.SECURE_SETTINGS);
      assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
      assertEquals("Client Info PDU", r.closed().lastClientPdu());
      BasicSettingsFacts mcs = r.facts().basicSettings();
      assertEquals(McsResult.RT_SUCCESSFUL, mcs.result());
      assertTrue(mcs.core().version().value() >= 0x00080004, mcs.core().toString());
      assertEquals(SecurityProtocols.SSL, mcs.core().clientRequestedProtocols());
      assertEquals(1003, mcs.network().mcsChannelId());
      assertEquals(0, mcs.security().encryptionMethod().bits(), "no RDP encryption under TLS");
      assertEquals(List.of(1002, 1003), r.facts().channels().joined(), xrdp.logs());
    }
  }

  @Test
  void withStandardSecurityTheMcsPhasesAreInTheClear() throws Exception {
    try (XrdpServer xrdp = XrdpServer.start(dir, new XrdpServer.Config().securityLayer("rdp"))) {
      ProbeResult r = probe(xrdp.port(), SecurityProtocols.RDP, Phase.SECURE_SETTINGS);
      // the Security Exchange, then the Client Info PDU encrypted
      assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
      assertEquals(Phase.SECURE_SETTINGS, r.closed().phase());
      assertEquals("Client Info PDU", r.closed().lastClientPdu());
      BasicSettingsFacts mcs = r.facts().basicSettings();
      assertTrue(mcs.security().serverRandom() != null, "a server random for RC4 keys");
      assertTrue(mcs.security().encryptionMethod().bits() != 0, mcs.security().toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"negotiate", "tls"})
  void theProbeAnswersLicensingAndReachesTheDemandActive(String securityLayer) throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(dir, new XrdpServer.Config().securityLayer(securityLayer))) {
      ProbeResult r = probe(xrdp.port(), SecurityProtocols.SSL, Phase.CAPABILITIES);
      TraceEvent.Closed c = r.closed();
      assertEquals(CloseKind.STOP_POINT_REACHED, c.kind(), c.detail() + "\n" + xrdp.logs());
      assertEquals(Phase.CAPABILITIES, c.phase());
      assertEquals(DemandActivePdu.NAME, c.lastServerPdu());
      // xrdp opens the full exchange and says STATUS_VALID_CLIENT to the New License Request
      LicensingFacts licensing = r.facts().licensing();
      assertTrue(licensing.licenseRequested() && licensing.requestAnswered(), licensing.outcome());
      assertTrue(licensing.validClient(), licensing.outcome());
      DemandActivePdu demand = r.facts().activation().demandActive();
      assertEquals("RDP", demand.sourceDescriptorText());
      assertTrue(
          demand.capabilitySets().get(CapabilitySetType.CAPSTYPE_GENERAL).isPresent(),
          demand.summary());
      assertTrue(
          demand.capabilitySets().get(CapabilitySetType.CAPSTYPE_BITMAP).isPresent(),
          demand.summary());
      var diagnosis = Diagnoser.diagnose(r.trace());
      assertEquals(ClientCode.Basis.NO_ERROR, diagnosis.clientCode().basis(), diagnosis.verdict());
    }
  }

  @Test
  void throughFinalizationTheSessionBecomesActive() throws Exception {
    try (XrdpServer xrdp = XrdpServer.start(dir, new XrdpServer.Config().securityLayer("tls"))) {
      ProbeResult r = probe(xrdp.port(), SecurityProtocols.SSL, Phase.FINALIZATION);
      TraceEvent.Closed c = r.closed();
      assertEquals(CloseKind.STOP_POINT_REACHED, c.kind(), c.detail() + "\n" + xrdp.logs());
      assertEquals(Phase.FINALIZATION, c.phase());
      assertTrue(r.facts().activation().fontMapReceived(), c.detail());
    }
  }
}
