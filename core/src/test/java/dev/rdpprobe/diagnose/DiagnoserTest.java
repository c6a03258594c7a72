package dev.rdpprobe.diagnose;

import static dev.rdpprobe.diagnose.SyntheticTraces.afterRequest;
import static dev.rdpprobe.diagnose.SyntheticTraces.assertPair;
import static dev.rdpprobe.diagnose.SyntheticTraces.ids;
import static dev.rdpprobe.diagnose.SyntheticTraces.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.wire.share.CarriesErrorInfo;
import dev.rdpprobe.wire.share.ErrorInfo;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The diagnosis as a whole: no error, the server's ERRINFO, ranking, the rules' contract. */
class DiagnoserTest {
  // ---- no error ------------------------------------------------------------------------------

  @Test
  void reachingTheStopPointIsNoError() {
    Trace t =
        afterRequest()
            .connectionConfirm(selects(SecurityProtocols.SSL))
            .note("stop point reached after X224_NEGOTIATION")
            .close(CloseKind.STOP_POINT_REACHED);
    Diagnosis d = Diagnoser.diagnose(t);
    assertEquals(ClientCode.Basis.NO_ERROR, d.clientCode().basis());
    assertEquals("The connection would proceed.", d.clientCode().message());
    assertNull(d.discReason());
    assertEquals(Phase.X224_NEGOTIATION, d.phase());
    assertTrue(d.causes().isEmpty());
    assertFalse(d.isFailure());
    assertTrue(d.verdict().startsWith("No error"), d.verdict());
  }

  /**
   * A probe that stops where it does not follow the server is no success and no failure of the
   * server's: a Windows client goes on there, and the verdict says what went unexamined.
   */
  @Test
  void stoppingWhereTheProbeDoesNotFollowIsNeitherSuccessNorTheServersFailure() {
    Trace t =
        afterRequest()
            .connectionConfirm(selects(SecurityProtocols.RDP))
            .phase(Phase.CHANNEL_CONNECT)
            .note("the probe does not follow this server beyond CHANNEL_CONNECT")
            .close(
                CloseKind.NOT_FOLLOWED,
                ClosedBy.CLIENT,
                "stopped after CHANNEL_CONNECT: the probe does not follow this server beyond"
                    + " CHANNEL_CONNECT");
    Diagnosis d = Diagnoser.diagnose(t);
    assertTrue(d.isFailure());
    assertEquals(ClientCode.Basis.NOT_APPLICABLE, d.clientCode().basis());
    assertFalse(d.verdict().contains("would fail"), d.verdict());
    assertFalse(d.verdict().contains("No error"), d.verdict());
    assertTrue(
        d.verdict()
            .startsWith(
                "Not examined: the probe does not follow this server beyond CHANNEL_CONNECT, so"
                    + " SECURITY_EXCHANGE, SECURE_SETTINGS, LICENSING, MULTITRANSPORT,"
                    + " CAPABILITIES, FINALIZATION went unexamined"),
        d.verdict());
    assertTrue(d.verdict().contains("Seen on the way: "), d.verdict());
  }

  // ---- the server's own explanation ----------------------------------------------------------

  /** What a future Set Error Info PDU record looks like to the diagnosis. */
  private record FakeSetErrorInfo(ErrorInfo errorInfo) implements CarriesErrorInfo {}

  @Test
  void anErrinfoTheServerSentBecomesTheExtendedCode() {
    Trace t =
        afterRequest()
            .connectionConfirm(selects(SecurityProtocols.SSL))
            .phase(Phase.CAPABILITIES)
            .receive(
                "Set Error Info PDU",
                "",
                new FakeSetErrorInfo(ErrorInfo.LOGON_TIMEOUT),
                new byte[4])
            .close(CloseKind.PEER_FIN);
    Diagnosis d = Diagnoser.diagnose(t);
    assertPair(d, 0x904, 0x4);
    assertEquals(ErrorInfo.LOGON_TIMEOUT, d.serverErrorInfo());
    assertEquals("exDiscReasonServerLogonTimeout", d.extendedReason().name());
    assertTrue(d.verdict().contains("The server said why: ERRINFO_LOGON_TIMEOUT"), d.verdict());
  }

  @Test
  void withoutAnErrinfoTheServerSaidNothing() {
    assertNull(Diagnoser.diagnose(afterRequest().close(CloseKind.PEER_FIN)).serverErrorInfo());
  }

  // ---- the machinery -------------------------------------------------------------------------

  @Test
  void aTraceThatHasNotEndedIsRefused() {
    Trace unfinished = afterRequest().unfinished();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Diagnoser.diagnose(unfinished));
    assertTrue(e.getMessage().contains("no Closed event"));
  }

  @Test
  void causesAreRankedByConfidenceThenRuleOrderAndNamedOnce() {
    Trace t = afterRequest().close(CloseKind.PEER_FIN);
    Evidence ev = new Evidence(0, "x");
    Rule low =
        v ->
            List.of(
                new Cause(CauseId.HOST_UNREACHABLE, Confidence.LOW, "a", List.of(ev), List.of()));
    Rule high =
        v ->
            List.of(
                new Cause(CauseId.PORT_FILTERED, Confidence.HIGH, "b", List.of(ev), List.of()),
                new Cause(
                    CauseId.HOST_UNREACHABLE, Confidence.MEDIUM, "c", List.of(ev), List.of()));
    Diagnosis d = Diagnoser.diagnose(t, DiagnoserOptions.DEFAULTS, List.of(low, high));
    assertEquals(List.of(CauseId.PORT_FILTERED, CauseId.HOST_UNREACHABLE), ids(d));
    assertEquals("c", d.causes().get(1).why());
  }

  @Test
  void everyStandardRuleIsQuietOnAHealthyTrace() {
    Trace t =
        afterRequest()
            .connectionConfirm(selects(SecurityProtocols.SSL))
            .close(CloseKind.STOP_POINT_REACHED);
    TraceView view = new TraceView(t, DiagnoserOptions.DEFAULTS);
    for (Rule rule : Diagnoser.STANDARD_RULES) {
      assertTrue(rule.evaluate(view).isEmpty(), rule.getClass().getSimpleName());
    }
  }

  @Test
  void optionsAreValidated() {
    assertThrows(
        IllegalArgumentException.class,
        () -> DiagnoserOptions.DEFAULTS.withIdleResetSilence(java.time.Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> DiagnoserOptions.DEFAULTS.withLargeFlightBytes(0));
  }
}
