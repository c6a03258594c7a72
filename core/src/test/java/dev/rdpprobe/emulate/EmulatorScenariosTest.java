package dev.rdpprobe.emulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every emulator scenario of the connection-initiation phase, probed: the probe records the close
 * kind, phase and last PDU on each side that the scenario promises.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmulatorScenariosTest {
  private static final String CR = X224ConnectionRequest.NAME;
  private static final String CC = X224ConnectionConfirm.NAME;

  private static final RdpProbe probe = SharedProbe.get();

  private static ProbeResult probe(Scenario scenario) throws IOException {
    return probe(RdpEmulator.builder(scenario), spec());
  }

  /** The spec every scenario is probed with, unless a test changes it. */
  private static ProbeSpec.Builder spec() {
    return ProbeSpec.builder("127.0.0.1")
        .idleTimeout(Duration.ofMillis(700))
        .deadline(Duration.ofSeconds(10));
  }

  private static ProbeResult probe(RdpEmulator.Builder emulator, ProbeSpec.Builder spec)
      throws IOException {
    try (RdpEmulator e = emulator.start()) {
      return probe.probe(spec.port(e.port()).build()).orTimeout(20, TimeUnit.SECONDS).join();
    }
  }

  private static void assertClose(
      ProbeResult r, CloseKind kind, Phase phase, String lastSent, String lastReceived) {
    TraceEvent.Closed c = r.closed();
    assertEquals(kind, c.kind(), c.detail());
    assertEquals(phase, c.phase(), c.detail());
    assertEquals(lastSent, c.lastClientPdu(), "our last PDU");
    assertEquals(lastReceived, c.lastServerPdu(), "the server's last PDU");
  }

  @Test
  void healthySelectsSsl() throws IOException {
    ProbeResult r =
        probe(RdpEmulator.builder(Scenario.HEALTHY), spec().stopAfter(Phase.CHANNEL_CONNECT));
    assertClose(
        r,
        CloseKind.STOP_POINT_REACHED,
        Phase.CHANNEL_CONNECT,
        "MCS Channel Join Request",
        "MCS Channel Join Confirm");
    assertEquals(McsServer.USER_CHANNEL_ID, r.facts().channels().userChannelId());
    assertEquals(java.util.List.of(1007, 1003), r.facts().channels().joined());
    assertEquals(0x0008000C, r.facts().basicSettings().core().version().value());
    assertEquals(SecurityProtocols.SSL, r.facts().negotiation().selectedProtocol());
    assertEquals(ServerConnector.RESPONSE_FLAGS, r.facts().negotiation().responseFlags());
  }

  @Test
  void notListeningIsRefused() throws IOException {
    ProbeResult r = probe(Scenario.NOT_LISTENING);
    assertClose(r, CloseKind.CONNECT_REFUSED, Phase.TCP_CONNECT, "", "");
    assertEquals(ClosedBy.SERVER, r.closed().closedBy());
  }

  @Test
  void acceptThenSilenceIsAnIdleTimeout() throws IOException {
    ProbeResult r = probe(Scenario.ACCEPT_THEN_SILENCE);
    assertClose(r, CloseKind.IDLE_TIMEOUT, Phase.X224_NEGOTIATION, CR, "");
    assertEquals(CC, r.closed().awaiting());
    assertTrue(r.closed().millisSinceClientSent() >= 700);
  }

  @Test
  void finAfterAccept() throws IOException {
    assertClose(
        probe(Scenario.FIN_AFTER_ACCEPT), CloseKind.PEER_FIN, Phase.X224_NEGOTIATION, CR, "");
  }

  @Test
  void rstAfterAccept() throws IOException {
    ProbeResult r = probe(Scenario.RST_AFTER_ACCEPT);
    assertEquals(CloseKind.PEER_RST, r.closed().kind(), r.closed().detail());
    assertEquals("", r.closed().lastServerPdu());
  }

  @Test
  void finAfterConnectionRequest() throws IOException {
    assertClose(
        probe(Scenario.FIN_AFTER_CONNECTION_REQUEST),
        CloseKind.PEER_FIN,
        Phase.X224_NEGOTIATION,
        CR,
        "");
  }

  @Test
  void rstAfterConnectionRequest() throws IOException {
    assertClose(
        probe(Scenario.RST_AFTER_CONNECTION_REQUEST),
        CloseKind.PEER_RST,
        Phase.X224_NEGOTIATION,
        CR,
        "");
  }

  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {
        "NEG_FAILURE_SSL_REQUIRED_BY_SERVER",
        "NEG_FAILURE_SSL_NOT_ALLOWED_BY_SERVER",
        "NEG_FAILURE_SSL_CERT_NOT_ON_SERVER",
        "NEG_FAILURE_INCONSISTENT_FLAGS",
        "NEG_FAILURE_HYBRID_REQUIRED_BY_SERVER",
        "NEG_FAILURE_SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER"
      })
  void negotiationFailures(Scenario scenario) throws IOException {
    ProbeResult r = probe(scenario);
    assertClose(r, CloseKind.REFUSED_BY_SERVER, Phase.X224_NEGOTIATION, CR, CC);
    NegotiationFailureCode code = r.facts().negotiation().failureCode();
    assertEquals(scenario.name(), "NEG_FAILURE_" + code.name());
  }

  @Test
  void selectingAnUnofferedProtocolIsAViolation() throws IOException {
    ProbeResult r =
        probe(
            RdpEmulator.builder(Scenario.SELECT_UNOFFERED_PROTOCOL),
            spec().requestedProtocols(SecurityProtocols.SSL));
    assertClose(r, CloseKind.PROTOCOL_VIOLATION, Phase.X224_NEGOTIATION, CR, CC);
    assertEquals(SecurityProtocols.HYBRID_EX, r.facts().negotiation().selectedProtocol());
  }

  @Test
  void garbageIsMalformed() throws IOException {
    ProbeResult r = probe(Scenario.GARBAGE_CONFIRM);
    assertClose(r, CloseKind.MALFORMED_PDU, Phase.X224_NEGOTIATION, CR, "");
    TraceEvent.Undecodable u = r.trace().eventsOf(TraceEvent.Undecodable.class).get(0);
    assertEquals(ServerConnector.GARBAGE.length(), u.raw().length);
  }

  @Test
  void trickleEndsAtTheDeadlineWithBytesPending() throws IOException {
    ProbeResult r =
        probe(
            RdpEmulator.builder(Scenario.TRICKLE).trickleInterval(Duration.ofMillis(60)),
            spec().connectTimeout(Duration.ofMillis(500)).deadline(Duration.ofMillis(600)));
    TraceEvent.Closed c = r.closed();
    assertEquals(CloseKind.DEADLINE_EXCEEDED, c.kind(), c.detail());
    assertTrue(c.pendingBytes() > 0 && c.pendingBytes() < 19, "pending " + c.pendingBytes());
  }

  @Test
  void trickleCompletesWhenTheDeadlineAllows() throws IOException {
    ProbeResult r =
        probe(
            RdpEmulator.builder(Scenario.TRICKLE).trickleInterval(Duration.ofMillis(20)),
            spec().stopAfter(Phase.X224_NEGOTIATION));
    assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
  }

  @Test
  void theServerSideTraceMirrorsTheProbe() throws IOException {
    CompletableFuture<Trace> serverTrace = new CompletableFuture<>();
    probe(
        RdpEmulator.builder(Scenario.NEG_FAILURE_HYBRID_REQUIRED_BY_SERVER)
            .listener(serverTrace::complete),
        spec());
    Trace t = serverTrace.orTimeout(5, TimeUnit.SECONDS).join();
    assertEquals(CR, t.lastPdu(Direction.CLIENT_TO_SERVER).orElseThrow().name());
    assertEquals(CC, t.lastPdu(Direction.SERVER_TO_CLIENT).orElseThrow().name());
    assertEquals(ClosedBy.SERVER, t.closed().orElseThrow().closedBy());
  }

  @Test
  void scenarioNamesParseInBothSpellings() {
    assertEquals(Scenario.RST_AFTER_ACCEPT, Scenario.parse("rst-after-accept"));
    assertEquals(Scenario.RST_AFTER_ACCEPT, Scenario.parse("RST_AFTER_ACCEPT"));
    assertEquals("rst-after-accept", Scenario.RST_AFTER_ACCEPT.cliName());
  }
}
