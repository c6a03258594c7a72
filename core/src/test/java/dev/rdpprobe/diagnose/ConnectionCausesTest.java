package dev.rdpprobe.diagnose;

import static dev.rdpprobe.diagnose.SyntheticTraces.OFFER;
import static dev.rdpprobe.diagnose.SyntheticTraces.afterRequest;
import static dev.rdpprobe.diagnose.SyntheticTraces.assertEvidenceAt;
import static dev.rdpprobe.diagnose.SyntheticTraces.assertPair;
import static dev.rdpprobe.diagnose.SyntheticTraces.assertTop;
import static dev.rdpprobe.diagnose.SyntheticTraces.ids;
import static dev.rdpprobe.diagnose.SyntheticTraces.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.testing.TraceBuilder;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.wire.x224.DisconnectReason;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224DisconnectRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Causes up to the Connection Confirm: DNS, TCP connect, early closes, negotiation refusals,
 * foreign protocols.
 */
class ConnectionCausesTest {
  // ---- before TCP ----------------------------------------------------------------------------

  @Test
  void dnsFailure() {
    Trace t =
        TraceBuilder.start()
            .after(40)
            .close(CloseKind.DNS_FAILURE, ClosedBy.NONE, "the name rdp.example did not resolve");
    Diagnosis d = Diagnoser.diagnose(t);
    assertPair(d, 0x104, 0x0);
    assertEquals(Phase.TCP_CONNECT, d.phase());
    assertTop(d, CauseId.DNS_NAME_NOT_FOUND, Confidence.HIGH);
    assertEvidenceAt(d, t, 0);
    assertTrue(d.verdict().startsWith("A Windows client would report error code 0x104"));
  }

  @Test
  void connectRefused() {
    Trace t =
        TraceBuilder.start()
            .resolved("rdp.example", "192.0.2.10")
            .after(1)
            .close(CloseKind.CONNECT_REFUSED, ClosedBy.SERVER, "connection refused");
    Diagnosis d = Diagnoser.diagnose(t);
    assertPair(d, 0x204, 0x0);
    assertEquals(Phase.TCP_CONNECT, d.phase());
    assertTop(d, CauseId.NOT_LISTENING, Confidence.HIGH);
    assertEquals(List.of(CauseId.NOT_LISTENING, CauseId.FIREWALL_REJECTS), ids(d));
    assertEvidenceAt(d, t, 0, 1);
    assertTrue(
        d.topCause().orElseThrow().evidence().get(1).description().contains("RST after 1.0 ms"));
  }

  @Test
  void connectTimeoutIsAFilteredPort() {
    Trace t =
        TraceBuilder.start()
            .resolved("rdp.example", "192.0.2.10")
            .after(10_000)
            .close(CloseKind.CONNECT_TIMEOUT, ClosedBy.NONE, "no answer to the SYN");
    Diagnosis d = Diagnoser.diagnose(t);
    assertPair(d, 0x204, 0x0);
    assertTop(d, CauseId.PORT_FILTERED, Confidence.HIGH);
    assertEquals(List.of(CauseId.PORT_FILTERED, CauseId.HOST_UNREACHABLE), ids(d));
  }

  @Test
  void unreachableIsAHostDownOrNoRoute() {
    Trace t =
        TraceBuilder.start()
            .resolved("rdp.example", "192.0.2.10")
            .after(1)
            .close(CloseKind.UNREACHABLE, ClosedBy.NONE, "no route to host");
    Diagnosis d = Diagnoser.diagnose(t);
    assertPair(d, 0x204, 0x0);
    assertTop(d, CauseId.HOST_UNREACHABLE, Confidence.HIGH);
  }

  // ---- closed right after connect ------------------------------------------------------------

  @Test
  void aResetThatBeatsTheConnectReportIsStill0x904AndTheListenerRefusing() {
    // NIO can report ECONNRESET from finishConnect: TCP was up, no Connected event was recorded
    Trace t =
        TraceBuilder.start()
            .resolved("rdp.example.test", "192.0.2.7")
            .after(3)
            .close(CloseKind.PEER_RST);
    Diagnosis d = Diagnoser.diagnose(t);
    assertPair(d, 0x904, 0x7);
    assertEquals(Phase.TCP_CONNECT, d.phase());
    assertTop(d, CauseId.LISTENER_REFUSES, Confidence.HIGH);
  }

  @Test
  void rstAfterTheConnectionRequestIsTheListenerRefusing() {
    Trace t = afterRequest().after(9).close(CloseKind.PEER_RST);
    Diagnosis d = Diagnoser.diagnose(t);
    assertPair(d, 0x904, 0x7);
    assertEquals(Phase.X224_NEGOTIATION, d.phase());
    assertEquals(CloseKind.PEER_RST, d.closeKind());
    assertEquals(ClosedBy.SERVER, d.closedBy());
    assertTop(d, CauseId.LISTENER_REFUSES, Confidence.HIGH);
    assertEquals(
        List.of(CauseId.LISTENER_REFUSES, CauseId.MIDDLEBOX_CLOSES, CauseId.NOT_RDP_LISTENER),
        ids(d));
    assertEvidenceAt(d, t, 2, 3);
    assertEquals(
        "peer RST 12 ms after our Connection Request, 0 bytes received from the server",
        d.topCause().orElseThrow().evidence().get(1).description());
    assertTrue(d.verdict().contains("error code 0x904 with extended error code 0x7"));
  }

  @Test
  void finAfterTheConnectionRequestRanksAnotherServiceAboveAMiddlebox() {
    Diagnosis d = Diagnoser.diagnose(afterRequest().close(CloseKind.PEER_FIN));
    assertPair(d, 0x904, 0x7);
    assertTop(d, CauseId.LISTENER_REFUSES, Confidence.HIGH);
    assertEquals(CauseId.NOT_RDP_LISTENER, d.causes().get(1).id());
    assertEquals(Confidence.MEDIUM, d.causes().get(1).confidence());
  }

  @Test
  void fipsEnforcementMakesTheExtendedCode8() {
    Diagnosis d =
        Diagnoser.diagnose(
            afterRequest().close(CloseKind.PEER_FIN),
            DiagnoserOptions.DEFAULTS.withFipsEnforced(true));
    assertPair(d, 0x904, 0x8);
  }

  @Test
  void aCloseAfterBytesArrivedIsNotAnEarlyClose() {
    Diagnosis d = Diagnoser.diagnose(afterRequest().receivePartial(6).close(CloseKind.PEER_FIN));
    assertPair(d, 0x904, 0x7);
    assertFalse(ids(d).contains(CauseId.LISTENER_REFUSES), ids(d).toString());
  }

  // ---- security negotiation ------------------------------------------------------------------

  /** Each code answering an offer it does not contradict: the code's own cause. */
  @ParameterizedTest
  @CsvSource({
    "1, 0, NEG_SSL_REQUIRED",
    "1, 2, NEG_SSL_REQUIRED",
    "2, 11, NEG_SSL_NOT_ALLOWED",
    "3, 11, NEG_NO_CERTIFICATE",
    "4, 11, NEG_INCONSISTENT_FLAGS",
    "5, 1, NEG_NLA_REQUIRED",
    "6, 11, NEG_CLIENT_CERT_REQUIRED",
    "9, 11, NEG_UNKNOWN_FAILURE"
  })
  void eachNegotiationFailureCodeHasItsCause(int code, int offer, CauseId expected) {
    SecurityProtocols offered = new SecurityProtocols(offer);
    Trace t =
        TraceBuilder.start()
            .connected()
            .connectionRequest(offered)
            .after(3)
            .connectionConfirm(NegotiationFailure.of(new NegotiationFailureCode(code)))
            .close(CloseKind.REFUSED_BY_SERVER);
    Diagnosis d = Diagnoser.diagnose(t);
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
    assertEquals(Phase.X224_NEGOTIATION, d.phase());
    assertTop(d, expected, Confidence.HIGH);
    assertEquals(1, d.causes().size());
    assertEvidenceAt(d, t, 1, 2);
    assertTrue(
        d.topCause().orElseThrow().evidence().get(0).description().contains(offered.toString()));
  }

  /**
   * A code that asks for what the offer had, or refuses TLS the offer did not ask for, names a
   * misbehaving or misconfigured server with what was offered and what came back, and never advises
   * offering what was offered.
   */
  @ParameterizedTest
  @CsvSource({
    "1, 11, SSL|HYBRID|HYBRID_EX, SSL_REQUIRED_BY_SERVER",
    "1, 1, SSL, SSL_REQUIRED_BY_SERVER",
    "5, 11, SSL|HYBRID|HYBRID_EX, HYBRID_REQUIRED_BY_SERVER",
    "5, 8, HYBRID_EX, HYBRID_REQUIRED_BY_SERVER",
    "2, 0, RDP, SSL_NOT_ALLOWED_BY_SERVER",
    "3, 0, RDP, SSL_CERT_NOT_ON_SERVER"
  })
  void aCodeThatContradictsTheOfferIsAMisbehavingServer(
      int code, int offer, String offered, String name) {
    Trace t =
        TraceBuilder.start()
            .connected()
            .connectionRequest(new SecurityProtocols(offer))
            .after(3)
            .connectionConfirm(NegotiationFailure.of(new NegotiationFailureCode(code)))
            .close(CloseKind.REFUSED_BY_SERVER);
    Diagnosis d = Diagnoser.diagnose(t);
    assertTop(d, CauseId.NEG_CONTRADICTS_OFFER, Confidence.HIGH);
    assertEquals(List.of(CauseId.NEG_CONTRADICTS_OFFER), ids(d));
    Cause c = d.topCause().orElseThrow();
    assertTrue(
        c.why().startsWith("the server answered an offer of " + offered + " with " + name),
        c.why());
    assertTrue(c.why().contains("misconfigured or misbehaving"), c.why());
    assertEquals(Remedy.NEG_CONTRADICTS_OFFER.steps(), c.advice());
    assertFalse(String.join(" ", c.advice()).contains("Offer SSL"), c.advice().toString());
    // the Windows client's code is still the code's own
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
  }

  @Test
  void nlaRequiredCarriesTheClientsMessage() {
    Diagnosis d =
        Diagnoser.diagnose(
            afterRequest()
                .connectionConfirm(
                    NegotiationFailure.of(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER))
                .close(CloseKind.REFUSED_BY_SERVER));
    assertEquals(MessageSource.CLIENT_TEXT, d.clientCode().messageSource());
    assertTrue(
        d.verdict().contains("does not support.\" The connection ended in X224_NEGOTIATION"),
        d.verdict());
    // the default offer has HYBRID: a server that still asks for it contradicts it
    assertEquals(CauseId.NEG_CONTRADICTS_OFFER, d.topCause().orElseThrow().id());
    Diagnosis sslOnly =
        Diagnoser.diagnose(
            TraceBuilder.start()
                .connected()
                .connectionRequest(SecurityProtocols.SSL)
                .connectionConfirm(
                    NegotiationFailure.of(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER))
                .close(CloseKind.REFUSED_BY_SERVER));
    assertTrue(
        sslOnly.topCause().orElseThrow().why().contains("the offer (SSL) did not include HYBRID"));
  }

  @Test
  void anX224DisconnectRequestRejectsTheConnectionRequest() {
    Trace t =
        afterRequest()
            .receive(X224DisconnectRequest.of(DisconnectReason.CONNECTION_REQUEST_REFUSED))
            .close(CloseKind.REFUSED_BY_SERVER);
    Diagnosis d = Diagnoser.diagnose(t);
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
    assertTop(d, CauseId.CONNECTION_REQUEST_REJECTED, Confidence.HIGH);
    assertEvidenceAt(d, t, 2, 3);
  }

  @Test
  void aProtocolWeDidNotOfferIsAViolation() {
    Trace t =
        TraceBuilder.start()
            .connected()
            .connectionRequest(SecurityProtocols.SSL)
            .connectionConfirm(selects(SecurityProtocols.HYBRID))
            .close(CloseKind.PROTOCOL_VIOLATION);
    Diagnosis d = Diagnoser.diagnose(t);
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
    assertTop(d, CauseId.PROTOCOL_NOT_OFFERED, Confidence.HIGH);
    assertTrue(d.topCause().orElseThrow().why().contains("selected HYBRID"));
    assertEvidenceAt(d, t, 1, 2);
  }

  @Test
  void severalSelectedProtocolsAreAViolationToo() {
    Diagnosis d =
        Diagnoser.diagnose(
            TraceBuilder.start()
                .connected()
                .connectionRequest(OFFER)
                .connectionConfirm(
                    selects(SecurityProtocols.of(SecurityProtocols.SSL, SecurityProtocols.HYBRID)))
                .close(CloseKind.PROTOCOL_VIOLATION));
    assertTop(d, CauseId.PROTOCOL_NOT_OFFERED, Confidence.HIGH);
    assertTrue(d.topCause().orElseThrow().why().contains("several protocols"));
  }

  // ---- not an RDP listener -------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({"HTTP/1.1 400 Bad Request, an HTTP response", "SSH-2.0-OpenSSH_9.6, an SSH banner"})
  void anotherProtocolAnswersTheConnectionRequest(String banner, String shape) {
    Trace t =
        afterRequest()
            .undecodable((banner + "\r\n").getBytes(StandardCharsets.US_ASCII))
            .close(CloseKind.MALFORMED_PDU);
    Diagnosis d = Diagnoser.diagnose(t);
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
    assertEquals(Phase.X224_NEGOTIATION, d.phase());
    assertTop(d, CauseId.NOT_RDP_LISTENER, Confidence.HIGH);
    assertTrue(d.topCause().orElseThrow().why().contains(shape), d.topCause().toString());
    assertEvidenceAt(d, t, 3);
  }

  @Test
  void aTlsRecordInsteadOfAConfirmIsATlsService() {
    Diagnosis d =
        Diagnoser.diagnose(
            afterRequest()
                .undecodable(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 0x02, 0, 0, 1, 0})
                .close(CloseKind.MALFORMED_PDU));
    assertTop(d, CauseId.NOT_RDP_LISTENER, Confidence.HIGH);
    assertTrue(d.topCause().orElseThrow().why().contains("RD Gateway"));
  }

  @Test
  void bytesOfNoKnownShapeAreLessSurelyAnotherService() {
    Trace t =
        afterRequest()
            .undecodable(new byte[] {0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0})
            .close(CloseKind.MALFORMED_PDU);
    Diagnosis d = Diagnoser.diagnose(t);
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
    assertTop(d, CauseId.NOT_RDP_LISTENER, Confidence.MEDIUM);
    assertEvidenceAt(d, t, 3);
    assertEquals(
        "the server's first 10 bytes start 7f 45 4c 46 02 01 01 00 ..., not a TPKT header (03 00)",
        d.topCause().orElseThrow().evidence().get(0).description());
    assertTrue(
        d.verdict()
            .startsWith(
                "A Windows client would fail here, with no documented error code. In short: The"
                    + " remote computer's answer is not the expected X.224 Connection Confirm."),
        d.verdict());
    assertTrue(
        d.verdict().contains("Most likely: The port is not an RDP listener, because instead of"),
        d.verdict());
  }

  @Test
  void aMalformedTpktIsNotAnotherService() {
    Diagnosis d =
        Diagnoser.diagnose(
            afterRequest()
                .undecodable(new byte[] {0x03, 0x00, 0x00, 0x05, 0x7f})
                .close(CloseKind.MALFORMED_PDU));
    assertTrue(d.causes().isEmpty(), d.causes().toString());
    assertTrue(d.verdict().endsWith("No cause in the catalogue fits this ending."), d.verdict());
  }
}
