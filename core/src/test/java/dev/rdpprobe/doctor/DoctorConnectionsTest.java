package dev.rdpprobe.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.doctor.Finding.Subject;
import dev.rdpprobe.testing.LoopbackPeer;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The doctor's manners, counted at a loopback server of the test's own: never more connections open
 * at once than allowed, starts spaced by the delay, and a server that allows one connection at a
 * time is given one at a time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DoctorConnectionsTest {
  private static final RdpProbe probe = SharedProbe.get();

  /** A Connection Confirm with RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER, in its TPKT. */
  static byte[] refusal() {
    ByteBuf b = Unpooled.buffer();
    try {
      X224ConnectionConfirm.of(
              NegotiationFailure.of(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER))
          .encode(b);
      return ByteBufUtil.getBytes(b);
    } finally {
      b.release();
    }
  }

  /** Counts the connections it holds open; each is held a while, then refused with NLA required. */
  static final class CountingServer {
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger turnedAway = new AtomicInteger();
    final List<Long> acceptedAt = Collections.synchronizedList(new ArrayList<>());
    final long holdMillis;
    final boolean oneAtATime;

    CountingServer(long holdMillis, boolean oneAtATime) {
      this.holdMillis = holdMillis;
      this.oneAtATime = oneAtATime;
    }

    void serve(Socket s) throws IOException, InterruptedException {
      acceptedAt.add(System.nanoTime());
      accepted.incrementAndGet();
      if (oneAtATime && open.get() > 0) {
        turnedAway.incrementAndGet();
        LoopbackPeer.reset(s);
        return;
      }
      int now = open.incrementAndGet();
      peak.accumulateAndGet(now, Math::max);
      boolean counted = true;
      try {
        LoopbackPeer.readTpkt(s);
        Thread.sleep(holdMillis);
        // the connection counts as closed before the client can learn the answer, so the client
        // can never start its next connection while this one is still counted
        open.decrementAndGet();
        counted = false;
        s.getOutputStream().write(refusal());
        s.getOutputStream().flush();
        LoopbackPeer.finAndDrain(s);
      } finally {
        if (counted) {
          open.decrementAndGet();
        }
      }
    }
  }

  private static DoctorReport examine(LoopbackPeer peer, int max, Duration delay) {
    DoctorSpec spec =
        DoctorSpec.builder("127.0.0.1")
            .port(peer.port())
            .probeSettings(
                ProbeSpec.builder("127.0.0.1")
                    .idleTimeout(Duration.ofSeconds(3))
                    .deadline(Duration.ofSeconds(10))
                    .build())
            .maxConcurrentConnections(max)
            .delayBetweenConnections(delay)
            .deadline(Duration.ofSeconds(40))
            .build();
    return DoctorEmulatorTest.assertAdviceFromCatalogue(
        Doctor.create(probe).examine(spec).orTimeout(50, TimeUnit.SECONDS).join());
  }

  @Test
  void neverMoreConnectionsAtOnceThanAllowedAndStartsSpacedByTheDelay() throws IOException {
    CountingServer server = new CountingServer(300, false);
    Duration delay = Duration.ofMillis(120);
    try (LoopbackPeer peer = LoopbackPeer.start(server::serve)) {
      DoctorReport r = examine(peer, 2, delay);
      String s = DoctorEmulatorTest.show(r);
      // the baseline and the five protocols alone
      assertEquals(6, server.accepted.get(), s);
      assertEquals(5, r.followUps().size(), s);
      assertTrue(server.peak.get() <= 2, "at most 2 at once, saw " + server.peak.get() + s);
      assertEquals(2, server.peak.get(), "the follow-ups do run side by side: " + s);
      assertEquals(2, r.peakConnections(), s);
      List<Long> at = new ArrayList<>(server.acceptedAt);
      Collections.sort(at);
      for (int i = 1; i < at.size(); i++) {
        long gap = at.get(i) - at.get(i - 1);
        // the pacer spaces the starts; the accepts may jitter a little around them
        assertTrue(
            gap >= delay.toNanos() / 2,
            "connections " + i + " and " + (i + 1) + " began " + gap / 1_000_000 + " ms apart" + s);
      }
      for (FollowUp f : r.followUps()) {
        assertEquals("refused: RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER", f.outcome(), s);
        assertFalse(f.repeatedAlone(), s);
      }
    }
  }

  @Test
  void oneConnectionAtATimeIsAlsoRespected() throws IOException {
    CountingServer server = new CountingServer(100, false);
    try (LoopbackPeer peer = LoopbackPeer.start(server::serve)) {
      DoctorReport r = examine(peer, 1, Duration.ZERO);
      assertEquals(6, server.accepted.get());
      assertEquals(1, server.peak.get());
      assertEquals(1, r.peakConnections());
    }
  }

  @Test
  void aServerThatTurnsAwayASecondConnectionGetsTheFollowUpsAgainAlone() throws IOException {
    CountingServer server = new CountingServer(250, true);
    try (LoopbackPeer peer = LoopbackPeer.start(server::serve)) {
      DoctorReport r = examine(peer, 2, Duration.ofMillis(30));
      String s = DoctorEmulatorTest.show(r);
      assertTrue(server.turnedAway.get() > 0, "the test needs an overlap to be turned away: " + s);
      assertEquals(1, server.peak.get(), s);
      for (FollowUp f : r.followUps()) {
        assertEquals("refused: RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER", f.outcome(), s);
      }
      long repeated = r.followUps().stream().filter(FollowUp::repeatedAlone).count();
      assertEquals(server.turnedAway.get(), repeated, s);
      Finding note = DoctorEmulatorTest.finding(r, Subject.CONNECTIONS);
      assertEquals(Status.OBSERVED, note.status());
      assertTrue(
          note.text()
              .endsWith(
                  "the server limits how many connections one client may have open" + " at once."),
          s);
      assertEquals(
          Status.CONFIRMED,
          DoctorEmulatorTest.finding(r, dev.rdpprobe.diagnose.CauseId.NEG_CONTRADICTS_OFFER)
              .status(),
          s);
    }
  }
}
