package dev.rdpprobe.diagnose;

import static dev.rdpprobe.diagnose.SyntheticTraces.afterClientHello;
import static dev.rdpprobe.diagnose.SyntheticTraces.afterRequest;
import static dev.rdpprobe.diagnose.SyntheticTraces.assertEvidenceAt;
import static dev.rdpprobe.diagnose.SyntheticTraces.assertPair;
import static dev.rdpprobe.diagnose.SyntheticTraces.assertTop;
import static dev.rdpprobe.diagnose.SyntheticTraces.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Causes read from timing: idle resets, large flights, silent and trickling servers. */
class TimingCausesTest {
  // ---- timing --------------------------------------------------------------------------------

  @Test
  void aResetAfterALongSilenceIsAMiddleboxIdleReset() {
    Trace t = afterRequest().after(45_000).close(CloseKind.PEER_RST);
    Diagnosis d = Diagnoser.diagnose(t);
    assertPair(d, 0x904, 0x7);
    assertTop(d, CauseId.MIDDLEBOX_IDLE_RESET, Confidence.HIGH);
    assertEquals(Confidence.LOW, d.causes().get(1).confidence(), d.causes().toString());
    assertEvidenceAt(d, t, 3);
    assertTrue(
        d.topCause().orElseThrow().evidence().get(0).description().startsWith("peer RST 45.0 s"));
  }

  @Test
  void theIdleResetThresholdIsAnOption() {
    Trace t = afterRequest().after(45_000).close(CloseKind.PEER_RST);
    Diagnosis d =
        Diagnoser.diagnose(
            t, DiagnoserOptions.DEFAULTS.withIdleResetSilence(java.time.Duration.ofMinutes(2)));
    assertTop(d, CauseId.LISTENER_REFUSES, Confidence.HIGH);
    assertFalse(ids(d).contains(CauseId.MIDDLEBOX_IDLE_RESET));
  }

  @Test
  void silenceAfterALargeFlightIsAPathMtuBlackHole() {
    Trace t =
        afterClientHello()
            .after(5)
            .tls(Direction.SERVER_TO_CLIENT, "ServerHello", "TLSv1.2", 80)
            .tls(Direction.SERVER_TO_CLIENT, "ServerHelloDone", "", 4)
            .phase(Phase.BASIC_SETTINGS)
            .send("MCS Connect Initial", "", null, new byte[4200])
            .awaiting("MCS Connect Response")
            .after(10_000)
            .close(CloseKind.IDLE_TIMEOUT);
    Diagnosis d = Diagnoser.diagnose(t);
    assertPair(d, 0x108, 0x0);
    assertEquals(Phase.BASIC_SETTINGS, d.phase());
    assertTop(d, CauseId.PATH_MTU_BLACK_HOLE, Confidence.MEDIUM);
    assertEquals(List.of(CauseId.PATH_MTU_BLACK_HOLE, CauseId.SERVER_SILENT), ids(d));
    assertEquals(Confidence.LOW, d.causes().get(1).confidence());
    assertEvidenceAt(d, t, 7, 8);
    assertEquals(
        "we sent the MCS Connect Initial (4200 bytes)",
        d.topCause().orElseThrow().evidence().get(0).description());
  }

  @Test
  void aFlightBelowTheThresholdIsNoBlackHole() {
    Trace t =
        afterClientHello()
            .tls(Direction.SERVER_TO_CLIENT, "ServerHello", "TLSv1.2", 80)
            .phase(Phase.BASIC_SETTINGS)
            .send("MCS Connect Initial", "", null, new byte[1500])
            .awaiting("MCS Connect Response")
            .after(10_000)
            .close(CloseKind.IDLE_TIMEOUT);
    Diagnosis d = Diagnoser.diagnose(t);
    assertEquals(List.of(CauseId.SERVER_SILENT), ids(d));
  }

  @Test
  void silenceAfterASmallFlightIsASilentServer() {
    Trace t = afterRequest().after(10_000).close(CloseKind.IDLE_TIMEOUT);
    Diagnosis d = Diagnoser.diagnose(t);
    assertPair(d, 0x108, 0x0);
    assertEquals(Phase.X224_NEGOTIATION, d.phase());
    assertTop(d, CauseId.SERVER_SILENT, Confidence.HIGH);
    assertEquals(List.of(CauseId.SERVER_SILENT), ids(d));
    assertTrue(
        d.topCause().orElseThrow().why().contains("waited for the X.224 Connection Confirm"));
  }

  @Test
  void theLargeFlightSizeIsAnOption() {
    Trace t = afterRequest().after(10_000).close(CloseKind.IDLE_TIMEOUT);
    Diagnosis d = Diagnoser.diagnose(t, DiagnoserOptions.DEFAULTS.withLargeFlightBytes(20));
    assertTop(d, CauseId.PATH_MTU_BLACK_HOLE, Confidence.MEDIUM);
  }

  @Test
  void aTrickleUntilTheDeadline() {
    Trace t =
        afterRequest()
            .receivePartial(3)
            .after(400)
            .receivePartial(3)
            .after(150)
            .close(CloseKind.DEADLINE_EXCEEDED);
    Diagnosis d = Diagnoser.diagnose(t);
    assertPair(d, 0x108, 0x0);
    assertTop(d, CauseId.SERVER_TRICKLE, Confidence.HIGH);
    assertTrue(
        d.topCause().orElseThrow().evidence().get(0).description().contains("6 bytes"),
        d.topCause().toString());
    assertTrue(d.verdict().contains("(6 bytes of an unfinished PDU)"), d.verdict());
  }

  @Test
  void aSilentDeadlineIsASilentServerWithLessCertainty() {
    Diagnosis d = Diagnoser.diagnose(afterRequest().after(900).close(CloseKind.DEADLINE_EXCEEDED));
    assertTop(d, CauseId.SERVER_SILENT, Confidence.MEDIUM);
  }

  @Test
  void aTimeoutInLicensingIs0x908() {
    Diagnosis d =
        Diagnoser.diagnose(
            afterRequest()
                .phase(Phase.LICENSING)
                .awaiting("License PDU")
                .after(10_000)
                .close(CloseKind.IDLE_TIMEOUT));
    assertPair(d, 0x908, 0x0);
  }

  // ---- a slow handshake ----------------------------------------------------------------------

  /**
   * TLS done, then the MCS Connect Initial, a Connect Response {@code answerMillis} later and the
   * Demand Active {@code demandActiveMillis} after the Connect Initial; the probe stops there.
   */
  static Trace slowActivation(long answerMillis, long demandActiveMillis) {
    return afterClientHello()
        .after(2)
        .tls(Direction.SERVER_TO_CLIENT, "ServerHello", "TLSv1.2", 80)
        .tls(Direction.CLIENT_TO_SERVER, "Finished", "", 40)
        .after(1)
        .tls(Direction.SERVER_TO_CLIENT, "Finished", "", 40)
        .phase(Phase.BASIC_SETTINGS)
        .send("MCS Connect Initial", "", null, new byte[400])
        .after(answerMillis)
        .receive("MCS Connect Response", "", null, new byte[100])
        .phase(Phase.CAPABILITIES)
        .after(demandActiveMillis - answerMillis)
        .receive("Demand Active PDU", "", null, new byte[300])
        .close(CloseKind.STOP_POINT_REACHED);
  }

  @Test
  void anActivationSlowerThanAClientWaitsIsAWarning() {
    Trace t = slowActivation(2_000, 10_500);
    Diagnosis d = Diagnoser.diagnose(t);
    assertFalse(d.isFailure());
    Cause c = d.topCause().orElseThrow();
    assertEquals(CauseId.SLOW_HANDSHAKE, c.id());
    assertEquals(Confidence.HIGH, c.confidence());
    assertTrue(
        c.why()
            .startsWith(
                "the server took 10.5 s from our MCS Connect Initial to its"
                    + " Demand Active PDU, and a client waits 9000 ms"),
        c.why());
    assertTrue(
        c.why()
            .contains(
                "the slowest round trip was 2000 ms from our MCS Connect Initial"
                    + " to the server's MCS Connect Response"),
        c.why());
    assertEvidenceAt(d, t, 8, 9, 10);
  }

  @Test
  void anActivationWithinTheWaitIsQuietAndTheWaitIsAnOption() {
    Trace t = slowActivation(2_000, 8_500);
    assertTrue(Diagnoser.diagnose(t).causes().isEmpty());
    Diagnosis shorter =
        Diagnoser.diagnose(
            t, DiagnoserOptions.DEFAULTS.withActivationWait(java.time.Duration.ofSeconds(5)));
    assertEquals(CauseId.SLOW_HANDSHAKE, shorter.topCause().orElseThrow().id());
    assertTrue(
        shorter
            .verdict()
            .contains(
                "a client that waits less than the server takes gives up: the handshake is slower"),
        shorter.verdict());
  }
}
