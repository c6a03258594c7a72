package dev.rdpprobe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancelling a probe ends it at once: the connection is closed (the server sees the client's FIN
 * long before any timeout) and the trace ends with a {@code CANCELLED} close.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProbeCancellationTest {
  /** Far beyond the test's waits: a close that comes is the cancellation's, not a timer's. */
  private static final Duration LONG = Duration.ofSeconds(50);

  /** A server that accepts and stays silent, and the server's own trace of the connection. */
  private static final class SilentServer implements AutoCloseable {
    final CompletableFuture<Trace> serverTrace = new CompletableFuture<>();
    final RdpEmulator emulator;

    SilentServer() throws Exception {
      emulator =
          RdpEmulator.builder(Scenario.ACCEPT_THEN_SILENCE)
              .idleTimeout(LONG)
              .listener(serverTrace::complete)
              .start();
    }

    ProbeSpec spec() {
      return ProbeSpec.builder("127.0.0.1")
          .port(emulator.port())
          .idleTimeout(LONG)
          .deadline(LONG)
          .build();
    }

    /** The server saw the client close the connection. */
    void assertClientClosed() throws Exception {
      TraceEvent.Closed server = serverTrace.get(10, TimeUnit.SECONDS).closed().orElseThrow();
      assertTrue(
          server.kind() == CloseKind.CLIENT_FIN || server.kind() == CloseKind.CLIENT_RST,
          "the server saw " + server);
    }

    @Override
    public void close() {
      emulator.close();
    }
  }

  /** Starts a probe and waits until its X.224 Connection Request has left. */
  private static CompletableFuture<ProbeResult> started(
      RdpProbe probe, ProbeSpec spec, CountDownLatch sent) {
    CompletableFuture<ProbeResult> f = probe.probe(spec);
    try {
      assertTrue(sent.await(10, TimeUnit.SECONDS), "the Connection Request left");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    return f;
  }

  private static ProbeListener sentAndEnded(
      CountDownLatch sent, CompletableFuture<ProbeResult> ended) {
    return new ProbeListener() {
      @Override
      public void event(ProbeSpec spec, TraceEvent event) {
        if (event instanceof TraceEvent.Pdu) {
          sent.countDown();
        }
      }

      @Override
      public void probeEnd(ProbeResult result) {
        ended.complete(result);
      }
    };
  }

  private static void assertCancelled(ProbeResult r, String detail) {
    TraceEvent.Closed c = r.closed();
    assertEquals(CloseKind.CANCELLED, c.kind(), c.detail());
    assertEquals(ClosedBy.CLIENT, c.closedBy());
    assertEquals(Phase.X224_NEGOTIATION, c.phase());
    assertTrue(c.detail().startsWith(detail), c.detail());
    assertTrue(c.detail().contains("while we waited for the"), c.detail());
    assertEquals("X.224 Connection Request", c.lastClientPdu());
    // the user ended the connection: a Windows client says 0x1 (local disconnection)
    assertEquals("error code 0x1, extended error code 0x0", r.diagnose().clientCode().summary());
  }

  @Test
  void cancellingTheFutureClosesTheConnectionAndRecordsTheClose() throws Exception {
    CountDownLatch sent = new CountDownLatch(1);
    CompletableFuture<ProbeResult> ended = new CompletableFuture<>();
    try (SilentServer server = new SilentServer();
        RdpProbe probe = RdpProbe.builder().listener(sentAndEnded(sent, ended)).build()) {
      CompletableFuture<ProbeResult> f = started(probe, server.spec(), sent);
      assertTrue(f.cancel(true));
      assertThrows(CancellationException.class, f::join);
      assertCancelled(ended.get(10, TimeUnit.SECONDS), "the probe was cancelled by its caller");
      server.assertClientClosed();
    }
  }

  @Test
  void cancelAllCompletesEveryProbeInFlightWithItsCancelledResult() throws Exception {
    CountDownLatch sent = new CountDownLatch(2);
    CompletableFuture<ProbeResult> ended = new CompletableFuture<>();
    try (SilentServer server = new SilentServer();
        SilentServer other = new SilentServer();
        RdpProbe probe = RdpProbe.builder().listener(sentAndEnded(sent, ended)).build()) {
      CompletableFuture<ProbeResult> a = probe.probe(server.spec());
      CompletableFuture<ProbeResult> b = started(probe, other.spec(), sent);
      assertEquals(2, probe.cancelAll("interrupted"));
      assertCancelled(a.get(10, TimeUnit.SECONDS), "interrupted");
      assertCancelled(b.get(10, TimeUnit.SECONDS), "interrupted");
      server.assertClientClosed();
      other.assertClientClosed();
      assertEquals(0, probe.cancelAll("again"), "nothing left in flight");
    }
  }

  @Test
  void closingTheProbeRecordsItsProbesAsCancelledNotAsAReset() throws Exception {
    CountDownLatch sent = new CountDownLatch(1);
    CompletableFuture<ProbeResult> ended = new CompletableFuture<>();
    try (SilentServer server = new SilentServer()) {
      RdpProbe probe = RdpProbe.builder().listener(sentAndEnded(sent, ended)).build();
      CompletableFuture<ProbeResult> f = started(probe, server.spec(), sent);
      probe.close();
      assertCancelled(f.get(10, TimeUnit.SECONDS), "the probe was cancelled: its RdpProbe");
      server.assertClientClosed();
    }
  }
}
