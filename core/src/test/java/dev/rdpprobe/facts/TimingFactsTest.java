package dev.rdpprobe.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rdpprobe.testing.TraceBuilder;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.NegotiationResponseFlags;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timing facts of a trace: phase starts, round trips, the wait for activation. */
class TimingFactsTest {
  private static Trace trace() {
    return TraceBuilder.start()
        .resolved("rdp.example", "192.0.2.10") // 0, at 0
        .after(7)
        .connected() // 1, at 7 ms
        .connectionRequest(SecurityProtocols.SSL) // 2
        .after(30)
        .connectionConfirm(
            new NegotiationResponse(NegotiationResponseFlags.NONE, SecurityProtocols.SSL)) // 3
        .clientHello(300) // 4
        .after(40)
        .tls(Direction.SERVER_TO_CLIENT, "ServerHello", "", 90) // 5
        .tls(Direction.SERVER_TO_CLIENT, "ServerHelloDone", "", 4) // 6
        .tls(Direction.CLIENT_TO_SERVER, "Finished", "", 40) // 7
        .after(35)
        .tls(Direction.SERVER_TO_CLIENT, "Finished", "", 40) // 8
        .phase(Phase.BASIC_SETTINGS)
        .send("MCS Connect Initial", "", null, new byte[400]) // 9
        .after(1_500)
        .receive("MCS Connect Response", "", null, new byte[100]) // 10
        .close(CloseKind.STOP_POINT_REACHED);
  }

  @Test
  void roundTripsRunFromOurLastSendToTheServersNextBytes() {
    TimingFacts t = TimingFacts.of(trace());
    assertEquals(
        List.of(7L, 30L, 40L, 35L, 1_500L),
        t.roundTrips().stream().map(r -> r.time().toMillis()).toList());
    assertEquals("TCP SYN", t.roundTrips().get(0).sent());
    assertEquals("X.224 Connection Request", t.roundTrips().get(1).sent());
    assertEquals("TLS ClientHello", t.roundTrips().get(2).sent());
    assertEquals("TLS ServerHello", t.roundTrips().get(2).answer());
    TimingFacts.RoundTrip slowest = t.slowestRoundTrip().orElseThrow();
    assertEquals(9, slowest.sentIndex());
    assertEquals(10, slowest.answerIndex());
    assertEquals("MCS Connect Response", slowest.answer());
  }

  @Test
  void phasesStartWithTheirFirstEvent() {
    TimingFacts t = TimingFacts.of(trace());
    assertEquals(
        List.of(
            Phase.TCP_CONNECT, Phase.X224_NEGOTIATION, Phase.TLS_HANDSHAKE, Phase.BASIC_SETTINGS),
        t.phases().stream().map(TimingFacts.PhaseStart::phase).toList());
    assertEquals(Duration.ofMillis(37), t.start(Phase.TLS_HANDSHAKE).orElseThrow().at());
    assertEquals(9, t.start(Phase.BASIC_SETTINGS).orElseThrow().index());
  }

  @Test
  void theWaitForActivationRunsFromTheConnectInitial() {
    TimingFacts.Wait w = TimingFacts.of(trace()).activationWait();
    assertEquals(9, w.fromIndex());
    assertEquals(10, w.toIndex());
    assertEquals(Duration.ofMillis(1_500), w.time());
    Trace early =
        TraceBuilder.start()
            .connected()
            .connectionRequest(SecurityProtocols.SSL)
            .close(CloseKind.PEER_RST);
    assertNull(TimingFacts.of(early).activationWait());
    assertEquals(0, TimingFacts.of(early).roundTrips().size() - 1); // the TCP connect alone
  }
}
