package dev.rdpprobe.emulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.facts.MultitransportFacts.UdpReachability;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.multitransport.HrResponse;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportResponse;
import dev.rdpprobe.wire.share.CapabilitySetType;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.share.ErrorInfo;
import dev.rdpprobe.wire.share.FontMapPdu;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The emulator's scenarios after the channel joins, probed: licensing, multitransport with and
 * without a UDP answer, the Demand Active, finalization, and the Set Error Info endings.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmulatorActivationScenariosTest {
  private static final RdpProbe probe = SharedProbe.get();

  private static ProbeSpec.Builder spec() {
    return ProbeSpec.builder("127.0.0.1")
        .idleTimeout(Duration.ofMillis(700))
        .deadline(Duration.ofSeconds(10));
  }

  private static ProbeResult probe(Scenario scenario, ProbeSpec.Builder spec) throws IOException {
    try (RdpEmulator e = RdpEmulator.start(scenario)) {
      return probe.probe(spec.port(e.port()).build()).orTimeout(20, TimeUnit.SECONDS).join();
    }
  }

  private static List<String> received(ProbeResult r, Phase phase) {
    return r.trace().events().stream()
        .filter(e -> e instanceof TraceEvent.Pdu p && p.direction() == Direction.SERVER_TO_CLIENT)
        .filter(e -> e.phase() == phase)
        .map(e -> ((TraceEvent.Pdu) e).name())
        .toList();
  }

  @Test
  void healthyStopsAfterTheDemandActiveByDefault() throws IOException {
    ProbeResult r = probe(Scenario.HEALTHY, spec());
    TraceEvent.Closed c = r.closed();
    assertEquals(CloseKind.STOP_POINT_REACHED, c.kind(), c.detail());
    assertEquals(Phase.CAPABILITIES, c.phase());
    assertEquals(DemandActivePdu.NAME, c.lastServerPdu());
    assertEquals("Client Info PDU", c.lastClientPdu());
    assertEquals(List.of("License Error PDU"), received(r, Phase.LICENSING));
    assertTrue(r.facts().licensing().validClient(), r.facts().licensing().outcome());
    DemandActivePdu demand = r.facts().activation().demandActive();
    assertEquals(ActivationServer.SHARE_ID, demand.shareId());
    assertTrue(
        demand.capabilitySets().sets().stream()
            .anyMatch(s -> s.capabilitySetType() == CapabilitySetType.CAPSTYPE_GENERAL),
        demand.summary());
    assertFalse(r.facts().activation().confirmActiveSent());
    assertNull(r.facts().multitransport(), "not advertised, not entered");
  }

  @Test
  void healthyGoesThroughFinalizationWhenAsked() throws IOException {
    ProbeResult r = probe(Scenario.HEALTHY, spec().stopAfter(Phase.FINALIZATION));
    TraceEvent.Closed c = r.closed();
    assertEquals(CloseKind.STOP_POINT_REACHED, c.kind(), c.detail());
    assertEquals(Phase.FINALIZATION, c.phase());
    assertEquals(FontMapPdu.NAME, c.lastServerPdu());
    assertEquals(
        List.of("Synchronize PDU", "Control PDU", "Control PDU", FontMapPdu.NAME),
        received(r, Phase.FINALIZATION));
    assertTrue(r.facts().activation().confirmActiveSent());
    assertTrue(r.facts().activation().fontMapReceived());
  }

  @Test
  void stopAfterLicensing() throws IOException {
    ProbeResult r = probe(Scenario.HEALTHY, spec().stopAfter(Phase.LICENSING));
    assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind());
    assertEquals(Phase.LICENSING, r.closed().phase());
    assertNull(r.facts().activation());
  }

  @Test
  void setErrorInfoDeniedThenUltimatum() throws IOException {
    ProbeResult r = probe(Scenario.SET_ERROR_INFO_DENIED, spec());
    TraceEvent.Closed c = r.closed();
    assertEquals(CloseKind.REFUSED_BY_SERVER, c.kind(), c.detail());
    assertEquals(Phase.LICENSING, c.phase());
    assertEquals("MCS Disconnect Provider Ultimatum", c.lastServerPdu());
    assertEquals(ErrorInfo.SERVER_DENIED_CONNECTION, r.facts().errorInfo());
    assertEquals(
        List.of("Set Error Info PDU", "MCS Disconnect Provider Ultimatum"),
        received(r, Phase.LICENSING));
  }

  @Test
  void setErrorInfoWithAnyCode() throws IOException {
    ProbeResult r;
    try (RdpEmulator e =
        RdpEmulator.builder(Scenario.SET_ERROR_INFO).errorInfo(new ErrorInfo(0x10A)).start()) {
      r = probe.probe(spec().port(e.port()).build()).orTimeout(20, TimeUnit.SECONDS).join();
    }
    assertEquals(CloseKind.REFUSED_BY_SERVER, r.closed().kind(), r.closed().detail());
    assertEquals("ERRINFO_LICENSE_NO_REMOTE_CONNECTIONS", r.facts().errorInfo().name());
  }

  @Test
  void setErrorInfoInsufficientPrivileges() throws IOException {
    ProbeResult r = probe(Scenario.SET_ERROR_INFO_INSUFFICIENT_PRIVILEGES, spec());
    assertEquals(ErrorInfo.SERVER_INSUFFICIENT_PRIVILEGES, r.facts().errorInfo());
    assertEquals(CloseKind.REFUSED_BY_SERVER, r.closed().kind());
  }

  @Test
  void licensingRst() throws IOException {
    ProbeResult r = probe(Scenario.LICENSING_RST, spec());
    assertEquals(CloseKind.PEER_RST, r.closed().kind(), r.closed().detail());
    assertEquals(Phase.LICENSING, r.closed().phase());
    assertTrue(r.closed().detail().contains("during licensing"), r.closed().detail());
  }

  @Test
  void licensingSilence() throws IOException {
    ProbeResult r = probe(Scenario.LICENSING_SILENCE, spec());
    assertEquals(CloseKind.IDLE_TIMEOUT, r.closed().kind(), r.closed().detail());
    assertEquals(Phase.LICENSING, r.closed().phase());
    assertEquals("License PDU", r.closed().awaiting());
  }

  @Test
  void multitransportDeclinedWithoutUdpProbe() throws IOException {
    ProbeResult r = probe(Scenario.MULTITRANSPORT_UDP_ANSWERS, spec().multitransport(true));
    assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
    assertEquals(Phase.CAPABILITIES, r.closed().phase());
    assertEquals(1, r.facts().multitransport().requests().size());
    assertEquals(HrResponse.E_ABORT, r.facts().multitransport().answer());
    assertEquals(UdpReachability.NOT_TRIED, r.facts().multitransport().udp());
    // the Demand Active ends multitransport and is recorded in the phase it opens
    assertEquals(List.of(DemandActivePdu.NAME), received(r, Phase.CAPABILITIES));
    assertEquals(List.of("Initiate Multitransport Request PDU"), received(r, Phase.MULTITRANSPORT));
    assertTrue(
        r.trace().events().stream()
            .anyMatch(
                e ->
                    e instanceof TraceEvent.Pdu p
                        && p.phase() == Phase.MULTITRANSPORT
                        && p.direction() == Direction.CLIENT_TO_SERVER
                        && p.name().equals(InitiateMultitransportResponse.NAME)));
  }

  @Test
  void udpProbeGetsASynAck() throws IOException {
    ProbeResult r =
        probe(
            Scenario.MULTITRANSPORT_UDP_ANSWERS,
            spec().multitransport(true).udpProbe(true, Duration.ofSeconds(2)));
    assertEquals(
        UdpReachability.YES,
        r.facts().multitransport().udp(),
        r.facts().multitransport().udpDetail());
    assertNotNull(r.facts().multitransport().synAck());
    assertEquals(
        UdpResponder.SERVER_ISN,
        r.facts().multitransport().synAck().synData().snInitialSequenceNumber());
    assertEquals(Phase.CAPABILITIES, r.closed().phase(), r.closed().detail());
  }

  @Test
  void udpProbeFindsNothingListening() throws IOException {
    ProbeResult r =
        probe(
            Scenario.MULTITRANSPORT_UDP_UNREACHABLE,
            spec().multitransport(true).udpProbe(true, Duration.ofMillis(500)));
    assertTrue(
        r.facts().multitransport().udpDetail().contains("unreachable"),
        r.facts().multitransport().udpDetail());
    assertEquals(UdpReachability.NO, r.facts().multitransport().udp());
    assertEquals(HrResponse.E_ABORT, r.facts().multitransport().answer());
    // the Demand Active came before the UDP verdict: it was held, then taken
    assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
    assertEquals(Phase.CAPABILITIES, r.closed().phase());
    assertNotNull(r.facts().activation());
  }

  @Test
  void theProbeAnswersALicenseRequestWithASecretTheServerCanDecrypt() throws IOException {
    List<dev.rdpprobe.trace.Trace> server = new java.util.concurrent.CopyOnWriteArrayList<>();
    ProbeResult r;
    try (RdpEmulator e =
        RdpEmulator.builder(Scenario.LICENSE_REQUEST).listener(server::add).start()) {
      r = probe.probe(spec().port(e.port()).build()).orTimeout(20, TimeUnit.SECONDS).join();
    }
    assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
    assertEquals(Phase.CAPABILITIES, r.closed().phase());
    assertTrue(r.facts().licensing().requestAnswered(), r.facts().licensing().outcome());
    assertTrue(r.facts().licensing().validClient(), r.facts().licensing().outcome());
    assertEquals(
        List.of("Server License Request PDU", "License Error PDU"), received(r, Phase.LICENSING));
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (server.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(
        server.get(0).eventsOf(TraceEvent.Note.class).stream()
            .anyMatch(n -> n.text().equals("the client's premaster secret decrypts to 48 bytes")),
        server.get(0).toString());
  }

  @Test
  void aPlatformChallengeIsWhereTheProbeDoesNotFollow() throws IOException {
    ProbeResult r = probe(Scenario.LICENSE_PLATFORM_CHALLENGE, spec());
    TraceEvent.Closed c = r.closed();
    // the Demand Active it was asked for was not reached: not a success
    assertEquals(CloseKind.NOT_FOLLOWED, c.kind(), c.detail());
    assertFalse(r.reachedStopPoint());
    assertEquals(Phase.LICENSING, c.phase());
    assertEquals("Server Platform Challenge PDU", c.lastServerPdu());
    assertTrue(r.facts().licensing().platformChallenge(), r.facts().licensing().outcome());
    assertTrue(c.detail().contains("does not take a license"), c.detail());
  }
}
