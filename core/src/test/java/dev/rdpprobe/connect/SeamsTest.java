package dev.rdpprobe.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.ConferenceCreateRequest;
import dev.rdpprobe.wire.sec.ClientInfoPdu;
import dev.rdpprobe.wire.share.ConfirmActivePdu;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.NegotiationRequest;
import dev.rdpprobe.wire.x224.RequestToken;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The seams a driver plugs into, each used the way a fuzzer, a replay or a test would: the outbound
 * interceptor mutates a PDU and the server's reaction is in the trace; a connector factory of the
 * test's own is driven over a real socket; a plan of the test's own is what goes on the wire.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SeamsTest {
  private static ProbeSpec spec(int port) {
    return ProbeSpec.builder("127.0.0.1")
        .port(port)
        .idleTimeout(Duration.ofMillis(800))
        .deadline(Duration.ofSeconds(10))
        .build();
  }

  private static ProbeResult probe(RdpEmulator.Builder emulator, ConnectorFactory factory)
      throws IOException {
    try (RdpEmulator e = emulator.start();
        RdpProbe probe = RdpProbe.builder().connectorFactory(factory).build()) {
      return probe.probe(spec(e.port())).orTimeout(20, TimeUnit.SECONDS).join();
    }
  }

  @Test
  void anInterceptedConnectionRequestOffersWhatTheInterceptorSaysAndTheServerAnswersThat()
      throws IOException {
    List<OutboundInterceptor.Outbound> seen = new ArrayList<>();
    byte[] rdpOnly =
        Octets.encode(
                X224ConnectionRequest.of(
                    new RequestToken.Cookie("probe"), NegotiationRequest.of(SecurityProtocols.RDP)))
            .toByteArray();
    OutboundInterceptor offerRdpOnly =
        pdu -> {
          seen.add(pdu);
          return pdu.pdu() instanceof X224ConnectionRequest ? rdpOnly : pdu.bytes();
        };
    CompletableFuture<Trace> serverTrace = new CompletableFuture<>();
    ProbeResult r =
        probe(
            RdpEmulator.builder(Scenario.HEALTHY).listener(serverTrace::complete),
            (config, trace) ->
                ClientConnector.builder(config, trace).interceptor(offerRdpOnly).build());

    // the interceptor saw the planned PDU, first of the connection, in its phase
    OutboundInterceptor.Outbound first = seen.get(0);
    assertEquals(1, first.ordinal());
    assertEquals(Phase.X224_NEGOTIATION, first.phase());
    X224ConnectionRequest planned = assertInstanceOf(X224ConnectionRequest.class, first.pdu());
    assertEquals(ProbeSpec.DEFAULT_PROTOCOLS, planned.negotiationRequest().requestedProtocols());

    // the trace holds both the plan and what went on the wire
    Endpoint.InterceptedPdu rewritten =
        r.trace().eventsOf(TraceEvent.Note.class).stream()
            .map(TraceEvent.Note::detail)
            .filter(d -> d instanceof Endpoint.InterceptedPdu)
            .map(Endpoint.InterceptedPdu.class::cast)
            .findFirst()
            .orElseThrow();
    assertArrayEquals(Octets.encode(planned).toByteArray(), rewritten.planned().toByteArray());
    assertArrayEquals(rdpOnly, rewritten.sent().toByteArray());
    TraceEvent.Pdu sent = r.trace().pdus().get(0);
    assertEquals(Direction.CLIENT_TO_SERVER, sent.direction());
    assertArrayEquals(rdpOnly, sent.raw());

    // the server reacted to what was sent, not to the plan: TLS is required, RDP alone is refused
    X224ConnectionConfirm cc =
        r.trace().first(Direction.SERVER_TO_CLIENT, X224ConnectionConfirm.class).orElseThrow();
    NegotiationFailure failure = assertInstanceOf(NegotiationFailure.class, cc.negotiation());
    assertEquals(NegotiationFailureCode.SSL_REQUIRED_BY_SERVER, failure.failureCode());
    assertEquals(CloseKind.REFUSED_BY_SERVER, r.closed().kind());
    X224ConnectionRequest received =
        serverTrace
            .orTimeout(5, TimeUnit.SECONDS)
            .join()
            .first(Direction.CLIENT_TO_SERVER, X224ConnectionRequest.class)
            .orElseThrow();
    assertEquals(SecurityProtocols.RDP, received.negotiationRequest().requestedProtocols());
  }

  @Test
  void aPduTheInterceptorDropsNeverLeavesAndTheServerStaysSilent() throws IOException {
    OutboundInterceptor drop = pdu -> new byte[0];
    ProbeResult r =
        probe(
            RdpEmulator.builder(Scenario.HEALTHY),
            (config, trace) -> ClientConnector.builder(config, trace).interceptor(drop).build());
    assertTrue(r.trace().pdus().isEmpty(), "nothing is recorded as sent: " + r.trace());
    assertEquals(0, r.closed().clientOffset());
    assertEquals(CloseKind.IDLE_TIMEOUT, r.closed().kind());
  }

  @Test
  void aConnectorFactoryOfTheTestsOwnIsDrivenOverTheSocket() throws IOException {
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger made = new AtomicInteger();
    ClientPlan cookie = new CookiePlan("seams");
    ConnectorFactory counting =
        (config, trace) -> {
          made.incrementAndGet();
          return new CountingConnector(
              ClientConnector.builder(config, trace).plan(cookie).build(), reads);
        };
    CompletableFuture<Trace> serverTrace = new CompletableFuture<>();
    ProbeResult r =
        probe(RdpEmulator.builder(Scenario.HEALTHY).listener(serverTrace::complete), counting);
    assertEquals(1, made.get());
    assertTrue(reads.get() > 0, "the session handed the test's connector what it read");
    assertTrue(r.reachedStopPoint(), r.closed().toString());
    // the plan of the test's own went on the wire
    X224ConnectionRequest received =
        serverTrace
            .orTimeout(5, TimeUnit.SECONDS)
            .join()
            .first(Direction.CLIENT_TO_SERVER, X224ConnectionRequest.class)
            .orElseThrow();
    assertEquals(new RequestToken.Cookie("seams"), received.token());
  }

  /** The probe's plan with another cookie. */
  private static final class CookiePlan implements ClientPlan {
    private final ClientPlan base =
        ClientPlan.of(
            ConnectorConfig.of(
                ProbeSpec.DEFAULT_PROTOCOLS,
                dev.rdpprobe.wire.x224.NegotiationRequestFlags.NONE,
                null,
                null,
                Phase.CAPABILITIES));
    private final String cookie;

    CookiePlan(String cookie) {
      this.cookie = cookie;
    }

    @Override
    public X224ConnectionRequest connectionRequest() {
      return X224ConnectionRequest.of(
          new RequestToken.Cookie(cookie), NegotiationRequest.of(ProbeSpec.DEFAULT_PROTOCOLS));
    }

    @Override
    public TlsOffer tlsOffer() {
      return base.tlsOffer();
    }

    @Override
    public String serverName() {
      return null;
    }

    @Override
    public ConferenceCreateRequest conferenceRequest(SecurityProtocols selected) {
      return base.conferenceRequest(selected);
    }

    @Override
    public ClientInfoPdu clientInfo() {
      return base.clientInfo();
    }

    @Override
    public ConfirmActivePdu confirmActive(int shareId, int userChannelId) {
      return base.confirmActive(shareId, userChannelId);
    }
  }

  /** Counts what the driver hands the connector it wraps. */
  private static final class CountingConnector implements Connector {
    private final Connector inner;
    private final AtomicInteger reads;

    CountingConnector(Connector inner, AtomicInteger reads) {
      this.inner = inner;
      this.reads = reads;
    }

    @Override
    public void start(long nanos) {
      inner.start(nanos);
    }

    @Override
    public void receive(ByteBuf data, long nanos) {
      reads.incrementAndGet();
      inner.receive(data, nanos);
    }

    @Override
    public List<Outgoing> takeOutput() {
      return inner.takeOutput();
    }

    @Override
    public void written(Outgoing out, long nanos) {
      inner.written(out, nanos);
    }

    @Override
    public void notWritten(Outgoing out, long nanos, String why) {
      inner.notWritten(out, nanos, why);
    }

    @Override
    public boolean isFinished() {
      return inner.isFinished();
    }

    @Override
    public void closeFinished(long nanos) {
      inner.closeFinished(nanos);
    }

    @Override
    public void close(
        CloseKind kind,
        dev.rdpprobe.trace.ClosedBy closedBy,
        String detail,
        String exception,
        long nanos) {
      inner.close(kind, closedBy, detail, exception, nanos);
    }

    @Override
    public String awaiting() {
      return inner.awaiting();
    }
  }
}
