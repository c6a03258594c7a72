package dev.rdpprobe.diagnose;

import static dev.rdpprobe.diagnose.SyntheticTraces.afterClientHello;
import static dev.rdpprobe.diagnose.SyntheticTraces.afterRequest;
import static dev.rdpprobe.diagnose.SyntheticTraces.assertPair;
import static dev.rdpprobe.diagnose.SyntheticTraces.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rdpprobe.testing.TraceBuilder;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.wire.credssp.CarriesNtStatus;
import dev.rdpprobe.wire.mcs.CarriesUltimatumReason;
import dev.rdpprobe.wire.share.CarriesErrorInfo;
import dev.rdpprobe.wire.share.ErrorInfo;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The mapping from a finished trace to the Windows client's code pair ({@link WindowsClientCodes}),
 * one test per row, through {@link Diagnoser#diagnose}. The PDUs of phases the probe does not reach
 * yet are stand-ins that implement the same wire interfaces the real records will.
 */
class EndingCodesTest {
  private record SetErrorInfo(ErrorInfo errorInfo) implements CarriesErrorInfo {}

  private record Ultimatum(int ultimatumReason) implements CarriesUltimatumReason {}

  private record TsRequest(OptionalInt ntStatus) implements CarriesNtStatus {}

  /** Connected with SSL, then in {@code phase} of the MCS-era sequence. */
  private static TraceBuilder active(Phase phase) {
    return afterRequest()
        .connectionConfirm(selects(SecurityProtocols.SSL))
        .clientHello(300)
        .tls(Direction.SERVER_TO_CLIENT, "ServerHello", "TLSv1.2", 80)
        .phase(phase);
  }

  private static TraceBuilder errorInfo(TraceBuilder b, ErrorInfo e) {
    return b.receive("Set Error Info PDU", e.toString(), new SetErrorInfo(e), new byte[40]);
  }

  private static TraceBuilder ultimatum(TraceBuilder b, int reason) {
    return b.receive(
        "MCS Disconnect Provider Ultimatum",
        "reason=" + reason,
        new Ultimatum(reason),
        new byte[9]);
  }

  @Test
  void dnsFailureIs0x104() {
    Trace t = TraceBuilder.start().close(CloseKind.DNS_FAILURE, ClosedBy.NONE, "no such host");
    assertPair(Diagnoser.diagnose(t), 0x104, 0x0);
  }

  @ParameterizedTest
  @CsvSource({"CONNECT_REFUSED", "CONNECT_TIMEOUT", "UNREACHABLE"})
  void aFailedTcpConnectIs0x204(CloseKind kind) {
    Trace t = TraceBuilder.start().resolved("rdp.example", "192.0.2.1").after(5).close(kind);
    assertPair(Diagnoser.diagnose(t), 0x204, 0x0);
  }

  @ParameterizedTest
  @CsvSource({"PEER_FIN", "PEER_RST"})
  void aPeerCloseBeforeActivationWithoutErrinfoIs0x904With0x7(CloseKind kind) {
    assertPair(Diagnoser.diagnose(afterRequest().close(kind)), 0x904, 0x7);
    assertPair(
        Diagnoser.diagnose(
            afterRequest().close(kind), DiagnoserOptions.DEFAULTS.withFipsEnforced(true)),
        0x904,
        0x8);
  }

  @ParameterizedTest
  @CsvSource({"PEER_FIN", "PEER_RST"})
  void aServerThatClosesOrResetsTheTlsHandshakeIs0x904With0x7(CloseKind kind) {
    Diagnosis d = Diagnoser.diagnose(afterClientHello().after(3).close(kind));
    assertEquals(Phase.TLS_HANDSHAKE, d.phase());
    assertPair(d, 0x904, 0x7);
  }

  @Test
  void aPeerCloseAfterAnErrinfoCarriesTheErrinfo() {
    Trace t =
        errorInfo(active(Phase.LICENSING), ErrorInfo.LICENSE_NO_LICENSE_SERVER)
            .close(CloseKind.PEER_FIN);
    Diagnosis d = Diagnoser.diagnose(t);
    assertPair(d, 0x904, 0x101);
    assertEquals(ErrorInfo.LICENSE_NO_LICENSE_SERVER, d.serverErrorInfo());
  }

  @ParameterizedTest
  @CsvSource({"IDLE_TIMEOUT", "DEADLINE_EXCEEDED"})
  void silenceUntilOurTimerIs0x108And0x908InLicensing(CloseKind kind) {
    assertPair(Diagnoser.diagnose(afterRequest().after(10_000).close(kind)), 0x108, 0x0);
    assertPair(
        Diagnoser.diagnose(
            active(Phase.LICENSING).awaiting("License PDU").after(10_000).close(kind)),
        0x908,
        0x0);
  }

  @Test
  void anErrinfoThenAnUltimatumIs0x3WithThatErrinfo() {
    Trace t =
        ultimatum(
                errorInfo(active(Phase.SECURE_SETTINGS), ErrorInfo.SERVER_INSUFFICIENT_PRIVILEGES),
                CarriesUltimatumReason.RN_PROVIDER_INITIATED)
            .close(CloseKind.PEER_FIN);
    Diagnosis d = Diagnoser.diagnose(t);
    assertPair(d, 0x3, 0x9);
    assertEquals("exDiscReasonServerInsufficientPrivileges", d.extendedReason().name());
    assertEquals(ErrorInfo.SERVER_INSUFFICIENT_PRIVILEGES, d.serverErrorInfo());
    assertFalse(d.clientCode().isError(), "0x3 is documented as not an error code");
  }

  @Test
  void aUserRequestedUltimatumIs0x2() {
    Trace t =
        ultimatum(
                errorInfo(active(Phase.CAPABILITIES), ErrorInfo.LOGOFF_BY_USER),
                CarriesUltimatumReason.RN_USER_REQUESTED)
            .close(CloseKind.PEER_FIN);
    assertPair(Diagnoser.diagnose(t), 0x2, 0xC);
  }

  @Test
  void anUltimatumWithoutErrinfoHasNoExtendedCodeAndALaterErrinfoDoesNotCount() {
    Trace t =
        errorInfo(
                ultimatum(active(Phase.CHANNEL_CONNECT), 1),
                ErrorInfo.SERVER_INSUFFICIENT_PRIVILEGES)
            .close(CloseKind.PEER_RST);
    assertPair(Diagnoser.diagnose(t), 0x3, 0x0);
  }

  @ParameterizedTest
  @CsvSource({
    "0xC000006D, 0x807, SSL_ERR_LOGON_FAILURE",
    "0xC0000071, 0xF07, SSL_ERR_PASSWORD_EXPIRED",
    "0xC0000234, 0xD07, SSL_ERR_ACCOUNT_LOCKED_OUT"
  })
  void aCredSspErrorCodeIsTheSslErrFamily(String status, String disc, String name) {
    Trace t =
        active(Phase.CREDSSP)
            .send(
                "TSRequest", "NTLM AUTHENTICATE", new TsRequest(OptionalInt.empty()), new byte[600])
            .receive(
                "TSRequest",
                "errorCode=" + status,
                new TsRequest(OptionalInt.of(Integer.parseUnsignedInt(status.substring(2), 16))),
                new byte[20])
            .close(CloseKind.PEER_FIN);
    Diagnosis d = Diagnoser.diagnose(t);
    assertPair(d, Integer.decode(disc), 0x0);
    assertEquals(name, d.discReason().name());
  }

  @Test
  void aTsRequestWithoutAnErrorCodeIsNoCredSspFailure() {
    Trace t =
        active(Phase.CREDSSP)
            .receive(
                "TSRequest", "NTLM CHALLENGE", new TsRequest(OptionalInt.empty()), new byte[90])
            .close(CloseKind.PEER_RST);
    assertPair(Diagnoser.diagnose(t), 0x904, 0x7);
  }

  @Test
  void aNegotiationFailureHasNoDocumentedCode() {
    Diagnosis d =
        Diagnoser.diagnose(
            afterRequest()
                .connectionConfirm(
                    NegotiationFailure.of(NegotiationFailureCode.SSL_CERT_NOT_ON_SERVER))
                .close(CloseKind.REFUSED_BY_SERVER));
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
    assertNull(d.discReason());
    assertEquals(MessageSource.OUR_DESCRIPTION, d.clientCode().messageSource());
  }

  @Test
  void theStopPointIsNoError() {
    Diagnosis d =
        Diagnoser.diagnose(
            afterRequest()
                .connectionConfirm(selects(SecurityProtocols.SSL))
                .close(CloseKind.STOP_POINT_REACHED));
    assertEquals(ClientCode.Basis.NO_ERROR, d.clientCode().basis());
    assertEquals("no error", d.clientCode().summary());
  }
}
