package dev.rdpprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rdpprobe.testing.LoopbackPeer;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.transport.Transports;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way a connection can end, against loopback servers of the test's own, on NIO and on epoll:
 * the trace's close event has the matching kind, phase, last PDUs and timing facts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProbeClosureTest {
  private static final byte[] CONFIRM_SSL =
      Octets.fromHex("03 00 00 13 0e d0 00 00 12 34 00 02 1f 08 00 01 00 00 00").toByteArray();

  private RdpProbe probe;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  private RdpProbe probe(Transports.Kind kind) {
    assumeTrue(kind != Transports.Kind.EPOLL || Transports.epollAvailable(), "epoll unavailable");
    probe = RdpProbe.builder().transport(kind).build();
    return probe;
  }

  @AfterEach
  void tearDown() throws Exception {
    if (probe != null) {
      probe.close();
    }
    for (AutoCloseable c : cleanup) {
      c.close();
    }
  }

  private LoopbackPeer peer(LoopbackPeer.Script script) throws IOException {
    LoopbackPeer peer = LoopbackPeer.start(script);
    cleanup.add(peer);
    return peer;
  }

  private static ProbeSpec.Builder spec(int port) {
    // these servers only speak X.224: the probe stops before TLS
    return ProbeSpec.builder("127.0.0.1")
        .stopAfter(Phase.X224_NEGOTIATION)
        .port(port)
        .connectTimeout(Duration.ofSeconds(3))
        .idleTimeout(Duration.ofSeconds(5))
        .deadline(Duration.ofSeconds(20));
  }

  private ProbeResult run(Transports.Kind kind, ProbeSpec spec) {
    return probe(kind).probe(spec).orTimeout(40, TimeUnit.SECONDS).join();
  }

  @ParameterizedTest
  @EnumSource(
      value = Transports.Kind.class,
      names = {"NIO", "EPOLL"})
  void healthyServerReachesTheStopPoint(Transports.Kind kind) throws IOException {
    LoopbackPeer peer =
        peer(
            s -> {
              LoopbackPeer.readTpkt(s);
              s.getOutputStream().write(CONFIRM_SSL);
              LoopbackPeer.finAndDrain(s);
            });
    ProbeResult r = run(kind, spec(peer.port()).build());
    TraceEvent.Closed c = r.closed();
    assertEquals(CloseKind.STOP_POINT_REACHED, c.kind(), c.detail());
    assertEquals(ClosedBy.CLIENT, c.closedBy());
    assertEquals(Phase.X224_NEGOTIATION, c.phase());
    assertEquals("X.224 Connection Confirm", c.lastServerPdu());
    assertEquals(SecurityProtocols.SSL, r.facts().negotiation().selectedProtocol());
    assertTrue(r.reachedStopPoint());
    TraceEvent.Connected connected = r.trace().eventsOf(TraceEvent.Connected.class).get(0);
    assertEquals(kind.name().toLowerCase(java.util.Locale.ROOT), connected.transport());
  }

  @ParameterizedTest
  @EnumSource(
      value = Transports.Kind.class,
      names = {"NIO", "EPOLL"})
  void finAfterTheConnectionRequest(Transports.Kind kind) throws IOException {
    LoopbackPeer peer =
        peer(
            s -> {
              LoopbackPeer.readTpkt(s);
              LoopbackPeer.finAndDrain(s);
            });
    TraceEvent.Closed c = run(kind, spec(peer.port()).build()).closed();
    assertEquals(CloseKind.PEER_FIN, c.kind(), c.detail());
    assertEquals(ClosedBy.SERVER, c.closedBy());
    assertEquals(Phase.X224_NEGOTIATION, c.phase());
    assertEquals("X.224 Connection Request", c.lastClientPdu());
    assertEquals("", c.lastServerPdu());
    assertEquals("X.224 Connection Confirm", c.awaiting());
    assertEquals(0, c.pendingBytes());
    assertEquals(0, c.serverOffset());
    assertTrue(c.nanosSinceClientSent() >= 0 && c.millisSinceClientSent() < 5000);
  }

  @ParameterizedTest
  @EnumSource(
      value = Transports.Kind.class,
      names = {"NIO", "EPOLL"})
  void rstAfterTheConnectionRequest(Transports.Kind kind) throws IOException {
    LoopbackPeer peer =
        peer(
            s -> {
              LoopbackPeer.readTpkt(s);
              LoopbackPeer.reset(s);
            });
    TraceEvent.Closed c = run(kind, spec(peer.port()).build()).closed();
    assertEquals(CloseKind.PEER_RST, c.kind(), c.detail());
    assertEquals(ClosedBy.SERVER, c.closedBy());
    assertEquals(Phase.X224_NEGOTIATION, c.phase());
    assertEquals("X.224 Connection Request", c.lastClientPdu());
    assertEquals("X.224 Connection Confirm", c.awaiting());
  }

  @ParameterizedTest
  @EnumSource(
      value = Transports.Kind.class,
      names = {"NIO", "EPOLL"})
  void finRightAfterAccept(Transports.Kind kind) throws IOException {
    LoopbackPeer peer = peer(LoopbackPeer::finAndDrain);
    TraceEvent.Closed c = run(kind, spec(peer.port()).build()).closed();
    assertEquals(CloseKind.PEER_FIN, c.kind(), c.detail());
    assertEquals(Phase.X224_NEGOTIATION, c.phase());
  }

  @ParameterizedTest
  @EnumSource(
      value = Transports.Kind.class,
      names = {"NIO", "EPOLL"})
  void rstRightAfterAccept(Transports.Kind kind) throws IOException {
    LoopbackPeer peer = peer(LoopbackPeer::reset);
    TraceEvent.Closed c = run(kind, spec(peer.port()).build()).closed();
    assertEquals(CloseKind.PEER_RST, c.kind(), c.detail());
    assertEquals(ClosedBy.SERVER, c.closedBy());
    // the reset can beat the socket's connect report (then still TCP_CONNECT) or follow it
    assertTrue(
        c.phase() == Phase.TCP_CONNECT || c.phase() == Phase.X224_NEGOTIATION, c.phase().name());
  }

  @ParameterizedTest
  @EnumSource(
      value = Transports.Kind.class,
      names = {"NIO", "EPOLL"})
  void silenceEndsWithTheIdleTimeout(Transports.Kind kind) throws IOException {
    LoopbackPeer[] holder = new LoopbackPeer[1];
    holder[0] =
        peer(
            s -> {
              LoopbackPeer.readTpkt(s);
              holder[0].awaitRelease(s);
            });
    TraceEvent.Closed c =
        run(kind, spec(holder[0].port()).idleTimeout(Duration.ofMillis(400)).build()).closed();
    assertEquals(CloseKind.IDLE_TIMEOUT, c.kind(), c.detail());
    assertEquals(ClosedBy.CLIENT, c.closedBy());
    assertEquals(Phase.X224_NEGOTIATION, c.phase());
    assertEquals("X.224 Connection Confirm", c.awaiting());
    assertTrue(c.millisSinceClientSent() >= 400, "waited " + c.millisSinceClientSent() + " ms");
    assertEquals(-1, c.nanosSinceServerSent());
    assertTrue(c.detail().contains("400 ms"), c.detail());
  }

  @ParameterizedTest
  @EnumSource(
      value = Transports.Kind.class,
      names = {"NIO", "EPOLL"})
  void garbageIsNamedAndTheServersFinIsTheClose(Transports.Kind kind) throws IOException {
    LoopbackPeer peer =
        peer(
            s -> {
              LoopbackPeer.readTpkt(s);
              s.getOutputStream()
                  .write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
              LoopbackPeer.finAndDrain(s);
            });
    ProbeResult r = run(kind, spec(peer.port()).build());
    TraceEvent.Closed c = r.closed();
    // the server's FIN after its answer is the close: the probe waited for it
    assertEquals(CloseKind.PEER_FIN, c.kind(), c.detail());
    assertEquals(ClosedBy.SERVER, c.closedBy());
    assertTrue(c.detail().contains("an HTTP response"), c.detail());
    TraceEvent.Undecodable u = r.trace().eventsOf(TraceEvent.Undecodable.class).get(0);
    assertEquals(28, u.raw().length);
  }

  @ParameterizedTest
  @EnumSource(
      value = Transports.Kind.class,
      names = {"NIO", "EPOLL"})
  void partialConfirmThenFinCountsThePendingBytes(Transports.Kind kind) throws IOException {
    LoopbackPeer peer =
        peer(
            s -> {
              LoopbackPeer.readTpkt(s);
              OutputStream out = s.getOutputStream();
              out.write(CONFIRM_SSL, 0, 6);
              out.flush();
              LoopbackPeer.finAndDrain(s);
            });
    TraceEvent.Closed c = run(kind, spec(peer.port()).build()).closed();
    assertEquals(CloseKind.PEER_FIN, c.kind(), c.detail());
    assertEquals(6, c.pendingBytes());
    assertEquals(6, c.serverOffset());
  }

  @ParameterizedTest
  @EnumSource(
      value = Transports.Kind.class,
      names = {"NIO", "EPOLL"})
  void notListeningIsRefusedInTcpConnect(Transports.Kind kind) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ProbeResult r = run(kind, spec(port).build());
    TraceEvent.Closed c = r.closed();
    assertEquals(CloseKind.CONNECT_REFUSED, c.kind(), c.detail());
    assertEquals(Phase.TCP_CONNECT, c.phase());
    assertEquals(ClosedBy.SERVER, c.closedBy());
    assertEquals("", c.lastClientPdu());
    assertTrue(r.trace().eventsOf(TraceEvent.Connected.class).isEmpty());
  }

  @ParameterizedTest
  @EnumSource(
      value = Transports.Kind.class,
      names = {"NIO", "EPOLL"})
  void aTrickleEndsAtTheDeadline(Transports.Kind kind) throws IOException {
    LoopbackPeer peer =
        peer(
            s -> {
              LoopbackPeer.readTpkt(s);
              OutputStream out = s.getOutputStream();
              for (int i = 0; i < 18; i++) {
                out.write(CONFIRM_SSL[i]);
                out.flush();
                Thread.sleep(150);
              }
            });
    TraceEvent.Closed c =
        run(
                kind,
                spec(peer.port())
                    .idleTimeout(Duration.ofSeconds(2))
                    .deadline(Duration.ofMillis(900))
                    .connectTimeout(Duration.ofMillis(800))
                    .build())
            .closed();
    assertEquals(CloseKind.DEADLINE_EXCEEDED, c.kind(), c.detail());
    assertTrue(c.pendingBytes() > 0 && c.pendingBytes() < 18, "pending " + c.pendingBytes());
    assertTrue(c.nanos() >= 900_000_000L, "ended at " + c.nanos());
  }

  @ParameterizedTest
  @EnumSource(
      value = Transports.Kind.class,
      names = {"NIO", "EPOLL"})
  void aFullAcceptQueueLooksLikeAFilteredPort(Transports.Kind kind) throws IOException {
    // Linux drops SYNs while a listener's accept queue is full: the connect times out, as it does
    // behind a firewall that drops packets.
    ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    cleanup.add(full);
    List<Socket> fillers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Socket s = new Socket();
      try {
        s.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 300);
        fillers.add(s);
        cleanup.add(s);
      } catch (IOException e) {
        s.close();
        break; // the queue is full
      }
    }
    ProbeResult r =
        run(kind, spec(full.getLocalPort()).connectTimeout(Duration.ofMillis(700)).build());
    TraceEvent.Closed c = r.closed();
    assertEquals(CloseKind.CONNECT_TIMEOUT, c.kind(), c.detail());
    assertEquals(Phase.TCP_CONNECT, c.phase());
    assertTrue(c.detail().contains("700 ms"), c.detail());
  }
}
