package dev.rdpprobe.doctor;

import static dev.rdpprobe.doctor.DoctorEmulatorTest.finding;
import static dev.rdpprobe.doctor.DoctorEmulatorTest.settings;
import static dev.rdpprobe.doctor.DoctorEmulatorTest.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Remedy;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.LoopbackPeer;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.CloseKind;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The doctor does not contradict itself: a cause is confirmed only on its own signature (a server
 * whose TLS never starts is not also one without a common cipher suite), and its advice agrees with
 * what the follow-ups saw (a server silent only after the ClientHello gets TLS advice).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DoctorConsistencyTest {
  private static final RdpProbe probe = SharedProbe.get();
  private static Doctor doctor;

  @BeforeAll
  static void start() {
    doctor = Doctor.create(probe);
  }

  private static DoctorReport examine(Scenario scenario, ProbeSpec.Builder settings)
      throws IOException {
    try (RdpEmulator e = RdpEmulator.start(scenario)) {
      return DoctorEmulatorTest.examine(doctor, DoctorEmulatorTest.spec(e, settings).build());
    }
  }

  private static DoctorReport examine(Scenario scenario) throws IOException {
    return examine(scenario, settings());
  }

  private static List<CauseId> confirmed(DoctorReport r) {
    return r.verdict().withStatus(Status.CONFIRMED).stream()
        .filter(f -> f.cause() != null)
        .map(Finding::cause)
        .toList();
  }

  /**
   * Every TLS offer reset, closed or answered with non-TLS bytes: TLS did not start, and only that.
   */
  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {
        "TLS_RST_AFTER_CLIENT_HELLO",
        "TLS_FIN_AFTER_CLIENT_HELLO",
        "TLS_PLAINTEXT_INSTEAD_OF_SERVER_HELLO"
      })
  void aTlsThatNeverStartsIsNotAlsoACipherMismatch(Scenario scenario) throws IOException {
    DoctorReport r = examine(scenario);
    String s = show(r);
    assertEquals(
        7,
        r.followUps(FollowUp.Kind.TLS_VERSION).size()
            + r.followUps(FollowUp.Kind.CIPHER_FAMILY).size(),
        s);
    assertEquals(List.of(CauseId.TLS_NOT_STARTED), confirmed(r), s);
    // a cipher mismatch is not even weighed: nothing named it, nothing confirms it
    assertTrue(
        r.verdict().findings().stream().noneMatch(f -> f.cause() == CauseId.NO_COMMON_CIPHER), s);
    assertFalse(r.verdict().text().contains("shares no cipher suite"), s);
  }

  /** The cipher mismatch keeps its confirmation where its signature is seen: the alerts. */
  @Test
  void handshakeFailureAlertsToEveryOfferStillConfirmTheCipherMismatch() throws IOException {
    DoctorReport r = examine(Scenario.TLS_ALERT_HANDSHAKE_FAILURE);
    assertEquals(List.of(CauseId.NO_COMMON_CIPHER), confirmed(r), show(r));
  }

  @Test
  void silenceOnlyAfterTheClientHelloGetsTlsAdvice() throws IOException {
    DoctorReport r =
        examine(
            Scenario.TLS_SILENCE_AFTER_CLIENT_HELLO,
            settings().idleTimeout(Duration.ofMillis(700)));
    String s = show(r);
    assertEquals(CloseKind.IDLE_TIMEOUT, r.baseline().closed().kind(), s);
    // the diagnosis already gives the TLS advice
    assertEquals(
        Remedy.SERVER_SILENT_AFTER_CLIENT_HELLO.steps(),
        r.diagnosis().topCause().orElseThrow().advice(),
        s);
    Finding silent = finding(r, CauseId.SERVER_SILENT);
    assertEquals(Status.CONFIRMED, silent.status(), s);
    assertTrue(silent.text().contains("answers the X.224 Connection Request but never our"), s);
    assertEquals(Remedy.SERVER_SILENT_AFTER_CLIENT_HELLO.steps(), silent.advice(), s);
    assertFalse(r.verdict().text().contains("accepts connections but does not answer"), s);
    for (FollowUp f : r.followUps(FollowUp.Kind.PROTOCOL)) {
      assertFalse(f.outcome().startsWith("no answer"), "X.224 answers: " + s);
    }
  }

  /**
   * The baseline's ClientHello draws handshake_failure, so the diagnosis names the cipher mismatch,
   * but every offer alone is reset: no alert to some offer, no offer that works, so the doctor does
   * not confirm it.
   */
  @Test
  void anAlertToTheBaselineAloneDoesNotConfirmTheCipherMismatch() throws IOException {
    AtomicInteger connections = new AtomicInteger();
    LoopbackPeer.Script script =
        socket -> {
          LoopbackPeer.readTpkt(socket);
          OutputStream out = socket.getOutputStream();
          out.write(DoctorFirstFlightTest.selectsSsl());
          out.flush();
          DataInputStream in = new DataInputStream(socket.getInputStream());
          byte[] header = new byte[5];
          in.readFully(header);
          in.readFully(new byte[((header[3] & 0xFF) << 8) | (header[4] & 0xFF)]);
          if (connections.incrementAndGet() == 1) { // the baseline
            out.write(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 40});
            out.flush();
            LoopbackPeer.finAndDrain(socket);
          } else {
            LoopbackPeer.reset(socket);
          }
        };
    try (LoopbackPeer peer = LoopbackPeer.start(script)) {
      DoctorSpec spec =
          DoctorSpec.builder("127.0.0.1")
              .port(peer.port())
              .probeSettings(settings().build())
              .maxConcurrentConnections(1) // the baseline first, alone
              .delayBetweenConnections(Duration.ofMillis(20))
              .deadline(Duration.ofSeconds(40))
              .build();
      DoctorReport r = DoctorEmulatorTest.examine(doctor, spec);
      String s = show(r);
      assertEquals(CloseKind.TLS_ALERT, r.baseline().closed().kind(), s);
      Finding cipher = finding(r, CauseId.NO_COMMON_CIPHER);
      assertEquals(Status.UNCONFIRMED, cipher.status(), s);
      assertTrue(cipher.text().contains("none was refused with handshake_failure"), s);
      assertTrue(cipher.advice().isEmpty(), s);
    }
  }

  /** A client offering only TLS 1.0 gets weak TLS from a server that has stronger choices. */
  @Test
  void weakTlsForAnOldOfferIsConfirmedWithTheStrongerChoicesTheServerHas() throws IOException {
    DoctorReport r =
        examine(Scenario.HEALTHY, settings().tlsOffer(TlsOffer.only(TlsVersion.TLS_1_0)));
    String s = show(r);
    assertTrue(r.baselineSucceeded(), s);
    Finding weak = finding(r, CauseId.WEAK_TLS);
    assertEquals(Status.CONFIRMED, weak.status(), s);
    assertTrue(weak.text().startsWith("The server chose TLSv1.0 with"), s);
    assertTrue(
        weak.text()
            .endsWith(
                "the server has stronger choices and still picked this one for our" + " offer."),
        s);
    assertEquals(Remedy.WEAK_TLS.steps(), weak.advice(), s);
  }
}
