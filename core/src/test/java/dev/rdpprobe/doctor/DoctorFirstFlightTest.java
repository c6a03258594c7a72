package dev.rdpprobe.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.testing.LoopbackPeer;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.NegotiationResponseFlags;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stall in the TLS handshake, repeated with a small and a full-size first flight, at loopback
 * servers of the test's own: one that loses large flights (as a path with an MTU black hole does)
 * and one that answers nothing at all.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DoctorFirstFlightTest {
  /** ClientHello records longer than this vanish at the lossy server. */
  static final int LARGEST_DELIVERED = 200;

  private static final RdpProbe probe = SharedProbe.get();

  static byte[] selectsSsl() {
    ByteBuf b = Unpooled.buffer();
    try {
      X224ConnectionConfirm.of(
              new NegotiationResponse(NegotiationResponseFlags.NONE, SecurityProtocols.SSL))
          .encode(b);
      return ByteBufUtil.getBytes(b);
    } finally {
      b.release();
    }
  }

  /** Selects SSL, then answers a small ClientHello with a handshake_failure alert, or nothing. */
  static LoopbackPeer.Script lossy(LoopbackPeer[] self, int largestDelivered) {
    return s -> {
      LoopbackPeer.readTpkt(s);
      OutputStream out = s.getOutputStream();
      out.write(selectsSsl());
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      byte[] header = new byte[5];
      in.readFully(header);
      int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
      in.readFully(new byte[length]);
      if (5 + length > largestDelivered) {
        self[0].awaitRelease(s); // lost on the way: nothing comes back
        return;
      }
      out.write(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 40});
      out.flush();
      LoopbackPeer.finAndDrain(s);
    };
  }

  private static DoctorReport examine(int largestDelivered) throws IOException {
    LoopbackPeer[] self = new LoopbackPeer[1];
    try (LoopbackPeer peer = LoopbackPeer.start(lossy(self, largestDelivered))) {
      self[0] = peer;
      DoctorSpec spec =
          DoctorSpec.builder("127.0.0.1")
              .port(peer.port())
              .probeSettings(
                  ProbeSpec.builder("127.0.0.1")
                      .idleTimeout(Duration.ofMillis(800))
                      .deadline(Duration.ofSeconds(10))
                      .build())
              .delayBetweenConnections(Duration.ofMillis(20))
              .deadline(Duration.ofSeconds(40))
              .build();
      try {
        return DoctorEmulatorTest.assertAdviceFromCatalogue(
            Doctor.create(probe).examine(spec).orTimeout(50, TimeUnit.SECONDS).join());
      } finally {
        peer.release();
      }
    }
  }

  @Test
  void largeFlightsLostOnThePathAreConfirmedByTheSmallOneGettingThrough() throws IOException {
    DoctorReport r = examine(LARGEST_DELIVERED);
    String s = DoctorEmulatorTest.show(r);
    assertEquals(CloseKind.IDLE_TIMEOUT, r.baseline().closed().kind(), s);
    assertEquals(Phase.TLS_HANDSHAKE, r.diagnosis().phase(), s);
    assertTrue(r.followUps(FollowUp.Kind.TLS_VERSION).isEmpty(), "a stall asks the sizes: " + s);
    FollowUp small = r.followUps(FollowUp.Kind.SMALL_FLIGHT).get(0);
    FollowUp full = r.followUps(FollowUp.Kind.FULL_FLIGHT).get(0);
    assertTrue(Outcomes.clientHelloLength(small.result()) + 9 <= LARGEST_DELIVERED, s);
    assertTrue(Outcomes.clientHelloLength(full.result()) + 9 > LARGEST_DELIVERED, s);
    assertEquals(CloseKind.TLS_ALERT, small.result().closed().kind(), s);
    assertEquals(CloseKind.IDLE_TIMEOUT, full.result().closed().kind(), s);
    Finding mtu = DoctorEmulatorTest.finding(r, CauseId.PATH_MTU_BLACK_HOLE);
    assertEquals(Status.CONFIRMED, mtu.status(), s);
    assertEquals(mtu, r.verdict().firstConfirmed().orElseThrow(), s);
    assertTrue(mtu.text().startsWith("Large packets are lost on the path"), s);
    assertTrue(mtu.advice().get(0).startsWith("Find the path MTU"), s);
    assertEquals(
        Status.RULED_OUT, DoctorEmulatorTest.finding(r, CauseId.SERVER_SILENT).status(), s);
    assertTrue(r.verdict().text().contains("Ruled out: The server stopped answering"), s);
  }

  @Test
  void aServerSilentWhateverTheSizeIsSilentNotThePath() throws IOException {
    DoctorReport r = examine(0);
    String s = DoctorEmulatorTest.show(r);
    assertEquals(
        CloseKind.IDLE_TIMEOUT,
        r.followUps(FollowUp.Kind.SMALL_FLIGHT).get(0).result().closed().kind(),
        s);
    Finding silent = DoctorEmulatorTest.finding(r, CauseId.SERVER_SILENT);
    assertEquals(Status.CONFIRMED, silent.status(), s);
    // X.224 answered: the advice is about TLS, not a server that answers nothing
    assertEquals(
        dev.rdpprobe.diagnose.Remedy.SERVER_SILENT_AFTER_CLIENT_HELLO.steps(), silent.advice(), s);
    assertEquals(
        Status.RULED_OUT, DoctorEmulatorTest.finding(r, CauseId.PATH_MTU_BLACK_HOLE).status(), s);
  }
}
