package dev.rdpprobe.diagnose;

import static dev.rdpprobe.diagnose.SyntheticTraces.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.diagnose.CodeExplanations.Ending;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.credssp.CarriesNtStatus;
import dev.rdpprobe.wire.credssp.NtStatus;
import dev.rdpprobe.wire.share.ErrorInfo;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The diagnosis read backwards. The oracle is the diagnoser itself: for the trace of every cause of
 * the catalogue ({@link CauseCatalogueTest#traces()}), the code the diagnosis reports must lead
 * back, through {@link CodeExplanations}, to an ending that lists that cause.
 */
class CodeExplanationsTest {
  private static Map<CauseId, Trace> traces;

  @BeforeAll
  static void traces() {
    traces = CauseCatalogueTest.traces();
  }

  /** The endings a user holding the code of {@code d} would be shown. */
  private static List<Ending> lookUp(Diagnosis d, Trace t) {
    ClientCode code = d.clientCode();
    if (code.basis().hasCode()) {
      return CodeExplanations.forClientCode(code.discReason(), code.extendedReason());
    }
    for (TraceEvent e : t.events()) {
      if (e instanceof TraceEvent.Pdu p
          && p.direction() == Direction.SERVER_TO_CLIENT
          && p.pdu() instanceof CarriesNtStatus s
          && s.ntStatus().isPresent()
          && s.ntStatus().getAsInt() != 0) {
        return CodeExplanations.forNtStatus(new NtStatus(s.ntStatus().getAsInt()));
      }
      if (e instanceof TraceEvent.Pdu p
          && p.pdu() instanceof X224ConnectionConfirm c
          && c.negotiation() instanceof NegotiationFailure f) {
        return CodeExplanations.forNegotiationFailure(f.failureCode());
      }
    }
    // no code to look up: the endings whose client code has the same basis and message
    return CodeExplanations.endings().stream()
        .filter(e -> e.clientCode().basis() == code.basis())
        .filter(
            e ->
                code.basis() == ClientCode.Basis.NO_ERROR
                    || e.clientCode().message().equals(code.message()))
        .toList();
  }

  private static Set<CauseId> causes(List<Ending> endings) {
    return endings.stream()
        .flatMap(e -> e.causes().stream())
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(CauseId.class)));
  }

  @Test
  void theCodeOfEveryCausesTraceLeadsBackToTheCause() {
    for (Map.Entry<CauseId, Trace> t : traces.entrySet()) {
      Diagnosis d = Diagnoser.diagnose(t.getValue());
      List<Ending> endings = lookUp(d, t.getValue());
      assertFalse(endings.isEmpty(), t.getKey() + ": nothing for " + d.clientCode());
      assertTrue(
          causes(endings).contains(t.getKey()),
          t.getKey() + " (" + d.clientCode().summary() + ") not in " + endings);
    }
  }

  @Test
  void theTopCauseOfEveryTraceWithACodePairIsListedUnderThatPair() {
    for (Map.Entry<CauseId, Trace> t : traces.entrySet()) {
      Diagnosis d = Diagnoser.diagnose(t.getValue());
      if (d.clientCode().basis().hasCode() && d.topCause().isPresent()) {
        Set<CauseId> listed = causes(lookUp(d, t.getValue()));
        assertTrue(
            listed.contains(d.topCause().get().id()),
            t.getKey() + ": top cause " + d.topCause().get().id() + " not in " + listed);
      }
    }
  }

  @Test
  void aClientThatEnforcesFipsLeadsToTheSameCausesUnderItsOwnExtendedCode() {
    DiagnoserOptions fips = DiagnoserOptions.DEFAULTS.withFipsEnforced(true);
    Diagnosis d = Diagnoser.diagnose(traces.get(CauseId.LISTENER_REFUSES), fips);
    assertEquals(0x904, d.discReason().value());
    assertEquals(0x8, d.extendedReason().value());
    Set<CauseId> listed =
        causes(CodeExplanations.forClientCode(d.discReason(), d.extendedReason()));
    assertTrue(listed.containsAll(ids(d)), listed + " vs " + ids(d));
  }

  @Test
  void theClassicPairHasTheEarlyCloseAndTheServersOwnDenial() {
    List<Ending> endings =
        CodeExplanations.forClientCode(
            DisconnectReason.SOCKET_CLOSED, ExtendedReason.SERVER_DENIED_CONNECTION);
    Set<CauseId> listed = causes(endings);
    assertTrue(listed.contains(CauseId.LISTENER_REFUSES), listed.toString());
    assertTrue(listed.contains(CauseId.TLS_NOT_STARTED), listed.toString());
    assertTrue(listed.contains(CauseId.CREDENTIALS_REJECTED), listed.toString());
    // a server that says ERRINFO_SERVER_DENIED_CONNECTION and closes gives the same pair
    assertTrue(listed.contains(CauseId.SERVER_ERROR_INFO), listed.toString());
    assertTrue(
        endings.stream()
            .anyMatch(e -> e.description().contains("ERRINFO_SERVER_DENIED_CONNECTION")),
        endings.toString());
    for (Ending e : endings) {
      assertTrue(
          e.gives(DisconnectReason.SOCKET_CLOSED, ExtendedReason.SERVER_DENIED_CONNECTION), "" + e);
      assertFalse(e.tellApart().isBlank(), e.description());
    }
  }

  @Test
  void aDisconnectReasonAloneListsItsEndingsAndSaysWhetherAnErrInfoCanComeWithIt() {
    Set<CauseId> connect =
        causes(CodeExplanations.forDisconnectReason(DisconnectReason.SOCKET_CONNECT_FAILED));
    assertEquals(
        EnumSet.of(
            CauseId.NOT_LISTENING,
            CauseId.FIREWALL_REJECTS,
            CauseId.PORT_FILTERED,
            CauseId.HOST_UNREACHABLE),
        connect);
    assertTrue(CodeExplanations.takesServerErrorInfo(DisconnectReason.SOCKET_CLOSED));
    assertTrue(CodeExplanations.takesServerErrorInfo(DisconnectReason.BY_SERVER));
    assertFalse(CodeExplanations.takesServerErrorInfo(DisconnectReason.SOCKET_CONNECT_FAILED));
    assertFalse(CodeExplanations.takesServerErrorInfo(DisconnectReason.CONNECTION_TIMED_OUT));
    // 0x807 comes from the NTSTATUS answers the client-code mapping pairs with it
    List<String> logon =
        CodeExplanations.forDisconnectReason(DisconnectReason.SSL_ERR_LOGON_FAILURE).stream()
            .map(Ending::description)
            .toList();
    assertEquals(2, logon.size(), logon.toString());
    assertTrue(logon.get(0).contains("STATUS_LOGON_FAILURE"), logon.toString());
    assertTrue(logon.get(1).contains("STATUS_WRONG_PASSWORD"), logon.toString());
    assertTrue(
        CodeExplanations.forDisconnectReason(new DisconnectReason(0x1B07)).isEmpty(),
        "SSL_ERR_CERT_EXPIRED is documented but no ending of the model gives it");
  }

  @Test
  void anErrInfoLeadsToTheServersWordOrToLicensing() {
    List<Ending> denied = CodeExplanations.forErrorInfo(ErrorInfo.SERVER_DENIED_CONNECTION);
    assertEquals(3, denied.size(), denied.toString());
    assertTrue(denied.get(0).gives(DisconnectReason.SOCKET_CLOSED, new ExtendedReason(7)));
    assertTrue(denied.get(1).gives(DisconnectReason.BY_SERVER, new ExtendedReason(7)));
    assertTrue(denied.get(2).gives(DisconnectReason.REMOTE_BY_USER, new ExtendedReason(7)));
    assertEquals(List.of(CauseId.SERVER_ERROR_INFO), denied.get(0).causes());
    assertEquals(
        ServerErrorInfoRule.remedy(ErrorInfo.SERVER_DENIED_CONNECTION).steps(),
        denied.get(0).advice());
    List<Ending> noLicense = CodeExplanations.forErrorInfo(ErrorInfo.LICENSE_NO_LICENSE);
    assertEquals(List.of(CauseId.LICENSING_FAILED), noLicense.get(0).causes());
    assertTrue(CodeExplanations.forErrorInfo(ErrorInfo.NONE).isEmpty());
    // an ERRINFO no table names still reads by its range
    assertEquals(
        List.of(CauseId.SERVER_ERROR_INFO),
        CodeExplanations.forErrorInfo(new ErrorInfo(0x10F0)).get(0).causes());
  }

  @Test
  void anNtStatusLeadsToTheCredentialsOrToCredSspAndItsDialogCode() {
    Ending logon = CodeExplanations.forNtStatus(NtStatus.LOGON_FAILURE).get(0);
    assertTrue(logon.gives(DisconnectReason.SSL_ERR_LOGON_FAILURE, ExtendedReason.NO_INFO));
    assertEquals(List.of(CauseId.CREDENTIALS_REJECTED, CauseId.CREDSSP_MISMATCH), logon.causes());
    assertEquals(CredentialRejectionRule.advice(NtStatus.LOGON_FAILURE), logon.advice());
    Ending denied = CodeExplanations.forNtStatus(NtStatus.ACCESS_DENIED).get(0);
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, denied.clientCode().basis());
    assertTrue(CodeExplanations.forNtStatus(NtStatus.SUCCESS).isEmpty());
  }

  @Test
  void aNegotiationFailureLeadsToItsRulesCauseAndAdvice() {
    for (int code = 1; code <= 6; code++) {
      NegotiationFailureCode c = new NegotiationFailureCode(code);
      Ending e = CodeExplanations.forNegotiationFailure(c).get(0);
      // the code's own cause and advice, as the rule gives them to an offer the code fits
      Diagnosis d = Diagnoser.diagnose(traceRefusedWith(code, fitting(code)));
      assertEquals(ids(d), e.causes().subList(0, 1), c.name());
      assertEquals(d.causes().get(0).advice(), e.advice(), c.name());
      // and the misbehaving server's, for an offer the code contradicts
      if (e.causes().size() > 1) {
        assertEquals(List.of(CauseId.NEG_CONTRADICTS_OFFER), e.causes().subList(1, 2));
        SecurityProtocols contradicted =
            code == 2 || code == 3 ? SecurityProtocols.RDP : SyntheticTraces.OFFER;
        assertEquals(
            List.of(CauseId.NEG_CONTRADICTS_OFFER),
            ids(Diagnoser.diagnose(traceRefusedWith(code, contradicted))),
            c.name());
      }
      assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, e.clientCode().basis());
      assertTrue(e.description().contains(c.name()), e.description());
    }
    assertEquals(
        List.of(CauseId.NEG_UNKNOWN_FAILURE),
        CodeExplanations.forNegotiationFailure(new NegotiationFailureCode(0x20)).get(0).causes());
  }

  /** An offer that {@code code} does not contradict. */
  private static SecurityProtocols fitting(int code) {
    return code == 1
        ? SecurityProtocols.RDP
        : code == 5 ? SecurityProtocols.SSL : SyntheticTraces.OFFER;
  }

  private static Trace traceRefusedWith(int code, SecurityProtocols offer) {
    return dev.rdpprobe.testing.TraceBuilder.start()
        .connected()
        .connectionRequest(offer)
        .after(3)
        .connectionConfirm(NegotiationFailure.of(new NegotiationFailureCode(code)))
        .close(dev.rdpprobe.trace.CloseKind.REFUSED_BY_SERVER);
  }

  @Test
  void everyCauseOfTheCatalogueHasAnEnding() {
    Set<CauseId> all = causes(CodeExplanations.endings());
    NtStatus.known().forEach(s -> all.addAll(causes(CodeExplanations.forNtStatus(s))));
    all.addAll(causes(CodeExplanations.forErrorInfo(ErrorInfo.SERVER_DENIED_CONNECTION)));
    all.addAll(causes(CodeExplanations.forNegotiationFailure(new NegotiationFailureCode(0x20))));
    assertEquals(EnumSet.allOf(CauseId.class), all);
  }

  @Test
  void everyEndingSaysWhatItIsAndHowToTellItsCausesApart() {
    for (Ending e : CodeExplanations.endings()) {
      assertFalse(e.description().isBlank());
      assertFalse(e.tellApart().isBlank(), e.description());
      assertEquals(e.causes().size(), Set.copyOf(e.causes()).size(), e.description());
    }
  }
}
