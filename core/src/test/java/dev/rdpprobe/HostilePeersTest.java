package dev.rdpprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.LoopbackPeer;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Surplus;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.Limits;
import dev.rdpprobe.wire.Octets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile peers, bounded: servers of the test's own that flood the probe with what leads nowhere
 * once TLS is selected, and clients that flood or starve the emulator. Each ends within its
 * deadline, with a named close and a trace no longer than the caps ({@link Limits}) allow.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HostilePeersTest {
  /** Connection Confirm selecting SSL. */
  private static final byte[] CC_SSL =
      Octets.fromHex("03 00 00 13 0e d0 00 00 12 34 00 02 1f 08 00 01 00 00 00").toByteArray();

  /** What each flood repeats, as TLS records in the clear before any ServerHello. */
  enum Flood {
    /** An empty HelloRequest handshake message, which a client ignores. */
    HELLO_REQUESTS("16 03 03 00 04 00 00 00 00"),
    /** A warning user_canceled alert. */
    WARNING_ALERTS("15 03 03 00 02 01 5a"),
    /** A ChangeCipherSpec record (TLS 1.3 allows one as middlebox compatibility). */
    CHANGE_CIPHER_SPECS("14 03 03 00 01 01"),
    /** A handshake record of one byte: the start of a message that never completes. */
    ONE_BYTE_RECORDS("16 03 03 00 01 00"),
    /** Heartbeat-like noise: records of an unassigned content type. */
    HEARTBEAT_NOISE("18 03 03 00 03 01 00 00");

    final byte[] record;

    Flood(String hex) {
      this.record = Octets.fromHex(hex).toByteArray();
    }
  }

  @ParameterizedTest
  @EnumSource(Flood.class)
  void aFloodingServerEndsWithinTheDeadlineWithABoundedTrace(Flood flood) throws Exception {
    Duration deadline = Duration.ofSeconds(8);
    try (LoopbackPeer peer =
            LoopbackPeer.start(
                s -> {
                  LoopbackPeer.readTpkt(s);
                  OutputStream out = s.getOutputStream();
                  out.write(CC_SSL);
                  byte[] burst = new byte[flood.record.length * 1024];
                  for (int i = 0; i < 1024; i++) {
                    System.arraycopy(
                        flood.record, 0, burst, i * flood.record.length, flood.record.length);
                  }
                  long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                  try {
                    while (System.nanoTime() < end) {
                      out.write(burst);
                    }
                  } catch (SocketException closed) {
                    // the probe closed: the flood is over
                  }
                });
        RdpProbe probe = RdpProbe.create()) {
      long start = System.nanoTime();
      ProbeResult r =
          probe
              .probe(
                  ProbeSpec.builder("127.0.0.1")
                      .port(peer.port())
                      .idleTimeout(Duration.ofSeconds(3))
                      .deadline(deadline)
                      .build())
              .orTimeout(30, TimeUnit.SECONDS)
              .join();
      long took = System.nanoTime() - start;
      assertTrue(
          took < deadline.toNanos() + TimeUnit.SECONDS.toNanos(2),
          flood + " took " + took / 1_000_000 + " ms");
      assertBounded(r.trace());
      TraceEvent.Closed c = r.closed();
      assertFalse(c.kind().isSuccess(), c.toString());
      assertTrue(
          c.kind() == CloseKind.ABUSIVE_PEER
              || c.kind() == CloseKind.TLS_ALERT
              || c.kind() == CloseKind.MALFORMED_PDU
              || c.kind() == CloseKind.PROTOCOL_VIOLATION,
          flood + ": " + c);
      System.out.println(
          flood
              + ": "
              + c.kind()
              + " after "
              + took / 1_000_000
              + " ms, "
              + r.trace().events().size()
              + " events, "
              + c.serverOffset()
              + " bytes received");
    }
  }

  @Test
  void aHelloRequestFloodIsCalledAbusiveAndSummarised() throws Exception {
    try (LoopbackPeer peer =
            LoopbackPeer.start(
                s -> {
                  LoopbackPeer.readTpkt(s);
                  OutputStream out = s.getOutputStream();
                  out.write(CC_SSL);
                  try {
                    for (int i = 0; i < 20_000; i++) {
                      out.write(Flood.HELLO_REQUESTS.record);
                    }
                  } catch (SocketException closed) {
                    // the probe closed
                  }
                });
        RdpProbe probe = RdpProbe.create()) {
      ProbeResult r =
          probe
              .probe(ProbeSpec.builder("127.0.0.1").port(peer.port()).build())
              .orTimeout(30, TimeUnit.SECONDS)
              .join();
      assertEquals(CloseKind.ABUSIVE_PEER, r.closed().kind(), r.closed().toString());
      assertEquals(ClosedBy.CLIENT, r.closed().closedBy());
      assertBounded(r.trace());
    }
  }

  private static void assertBounded(Trace t) {
    assertTrue(
        t.events().size() <= Limits.TRACE_EVENTS + 2,
        "the trace keeps at most the capped events: " + t.events().size());
    boolean summarised =
        t.events().stream()
            .anyMatch(e -> e instanceof TraceEvent.Note n && n.detail() instanceof Surplus);
    assertTrue(summarised || t.events().size() < Limits.TRACE_EVENTS, "a surplus is summarised");
  }

  /** A client that floods the emulator is closed by it, and the emulator keeps serving others. */
  @Test
  void theEmulatorClosesAFloodingClientAndKeepsServing() throws Exception {
    CompletableFuture<Trace> flooded = new CompletableFuture<>();
    try (RdpEmulator e =
        RdpEmulator.builder(Scenario.HEALTHY).listener(t -> flooded.complete(t)).start()) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), e.port())) {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        byte[] junk = new byte[64 << 10];
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try {
          while (System.nanoTime() < end) {
            out.write(junk);
          }
        } catch (IOException closed) {
          // the emulator closed: what we wanted
        }
        InputStream in = s.getInputStream();
        try {
          while (in.read() >= 0) {
            // drain until the emulator's FIN
          }
        } catch (IOException reset) {
          // a reset ends it too
        }
      }
      Trace t = flooded.orTimeout(10, TimeUnit.SECONDS).join();
      assertEquals(ClosedBy.SERVER, t.closed().orElseThrow().closedBy(), t.closed().toString());
      assertBounded(t);
      try (RdpProbe probe = RdpProbe.create()) {
        ProbeResult r =
            probe
                .probe(ProbeSpec.builder("127.0.0.1").port(e.port()).build())
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
        assertTrue(r.reachedStopPoint(), "the emulator still serves: " + r.closed());
      }
    }
  }

  /** A client that connects and says nothing is closed at the emulator's idle timeout. */
  @Test
  void theEmulatorClosesAnIdleClient() throws Exception {
    CompletableFuture<Trace> idle = new CompletableFuture<>();
    try (RdpEmulator e =
            RdpEmulator.builder(Scenario.HEALTHY)
                .idleTimeout(Duration.ofMillis(500))
                .listener(idle::complete)
                .start();
        Socket s = new Socket(InetAddress.getLoopbackAddress(), e.port())) {
      s.setSoTimeout(5_000);
      assertEquals(-1, s.getInputStream().read(), "the emulator closes a silent client");
      TraceEvent.Closed c = idle.orTimeout(5, TimeUnit.SECONDS).join().closed().orElseThrow();
      assertEquals(CloseKind.IDLE_TIMEOUT, c.kind(), c.toString());
      assertEquals(ClosedBy.SERVER, c.closedBy());
    }
  }
}
