package dev.rdpprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.testing.LoopbackPeer;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.transport.Transports;
import dev.rdpprobe.wire.Octets;
import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The public API: listeners, borrowed groups, name resolution, closing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RdpProbeTest {
  private static final byte[] CONFIRM_SSL =
      Octets.fromHex("03 00 00 13 0e d0 00 00 12 34 00 02 1f 08 00 01 00 00 00").toByteArray();

  private static LoopbackPeer healthyPeer() throws Exception {
    return LoopbackPeer.start(
        s -> {
          LoopbackPeer.readTpkt(s);
          s.getOutputStream().write(CONFIRM_SSL);
          LoopbackPeer.finAndDrain(s);
        });
  }

  @Test
  void anUnresolvableNameIsADnsFailure() {
    try (RdpProbe probe = RdpProbe.create()) {
      ProbeResult r = probe.probe(ProbeSpec.builder("no-such-host.invalid").build()).join();
      TraceEvent.Closed c = r.closed();
      assertEquals(CloseKind.DNS_FAILURE, c.kind(), c.detail());
      assertEquals(ClosedBy.NONE, c.closedBy());
      assertEquals(Phase.TCP_CONNECT, c.phase());
      assertTrue(c.detail().contains("no-such-host.invalid"), c.detail());
      assertEquals(1, r.trace().events().size(), "only the close");
    }
  }

  @Test
  void theListenerSeesEveryEventInOrderAndAThrowingOneBreaksNothing() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    ProbeListener listener =
        new ProbeListener() {
          @Override
          public void probeStart(ProbeSpec spec) {
            seen.add("start");
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void event(ProbeSpec spec, TraceEvent event) {
            seen.add(event.getClass().getSimpleName());
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void probeEnd(ProbeResult result) {
            seen.add("end");
            throw new IllegalStateException("listener bug");
          }
        };
    try (LoopbackPeer peer = healthyPeer();
        RdpProbe probe = RdpProbe.builder().listener(listener).build()) {
      ProbeResult r =
          probe
              .probe(
                  ProbeSpec.builder("127.0.0.1")
                      .port(peer.port())
                      .stopAfter(Phase.X224_NEGOTIATION)
                      .build())
              .join();
      assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
      assertEquals(
          List.of("start", "Resolved", "Connected", "Pdu", "Pdu", "Note", "Closed", "end"), seen);
      assertEquals(r.trace().events().size(), seen.size() - 2);
    }
  }

  @Test
  void aBorrowedGroupIsUsedAndLeftRunning() throws Exception {
    EventLoopGroup group = Transports.newGroup(Transports.Kind.NIO, 1);
    try (LoopbackPeer peer = healthyPeer()) {
      try (RdpProbe probe = RdpProbe.builder().eventLoopGroup(group).build()) {
        ProbeResult r =
            probe
                .probe(
                    ProbeSpec.builder("localhost")
                        .address(InetAddress.getLoopbackAddress())
                        .port(peer.port())
                        .stopAfter(Phase.X224_NEGOTIATION)
                        .build())
                .join();
        assertTrue(r.reachedStopPoint(), r.closed().detail());
        assertEquals("nio", r.trace().eventsOf(TraceEvent.Connected.class).get(0).transport());
        TraceEvent.Resolved resolved = r.trace().eventsOf(TraceEvent.Resolved.class).get(0);
        assertEquals("localhost", resolved.host());
        assertEquals("127.0.0.1", resolved.chosen());
      }
      assertFalse(group.isShuttingDown(), "a borrowed group is the caller's to stop");
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void aClosedProbeRefusesNewWork() {
    RdpProbe probe = RdpProbe.create();
    probe.close();
    probe.close(); // idempotent
    CompletionException e =
        assertThrows(
            CompletionException.class,
            () -> probe.probe(ProbeSpec.builder("127.0.0.1").build()).join());
    assertInstanceOf(IllegalStateException.class, e.getCause());
  }

  @Test
  void specBuilderRejectsBadValuesNamingThem() {
    ProbeSpec.Builder b = ProbeSpec.builder("host");
    assertEquals(
        "port 0 is outside 1..65535",
        assertThrows(IllegalArgumentException.class, () -> b.port(0)).getMessage());
    assertEquals(
        "idleTimeout must be positive, got PT0S",
        assertThrows(IllegalArgumentException.class, () -> b.idleTimeout(Duration.ZERO))
            .getMessage());
    assertEquals(
        "host is empty",
        assertThrows(IllegalArgumentException.class, () -> ProbeSpec.builder(" ")).getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ProbeSpec.builder("a b"))
            .getMessage()
            .contains("invalid character at index 1"));
    assertEquals("::1", ProbeSpec.builder("[::1]").build().host());
    assertEquals("[::1]:3389", ProbeSpec.builder("::1").build().target());
  }
}
