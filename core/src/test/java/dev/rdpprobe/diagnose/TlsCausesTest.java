package dev.rdpprobe.diagnose;

import static dev.rdpprobe.diagnose.SyntheticTraces.afterClientHello;
import static dev.rdpprobe.diagnose.SyntheticTraces.assertEvidenceAt;
import static dev.rdpprobe.diagnose.SyntheticTraces.assertPair;
import static dev.rdpprobe.diagnose.SyntheticTraces.assertTop;
import static dev.rdpprobe.diagnose.SyntheticTraces.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.tls.CipherSuites;
import dev.rdpprobe.tls.TlsServerHello;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.Octets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Causes of the TLS handshake: a TLS that cannot start, version and cipher mismatches, alerts. */
class TlsCausesTest {
  // ---- TLS -----------------------------------------------------------------------------------

  @Test
  void aResetRightAfterTheClientHelloIsATlsThatCouldNotStart() {
    Trace t = afterClientHello().after(12).close(CloseKind.PEER_RST);
    Diagnosis d = Diagnoser.diagnose(t);
    assertPair(d, 0x904, 0x7);
    assertEquals(Phase.TLS_HANDSHAKE, d.phase());
    assertTop(d, CauseId.TLS_NOT_STARTED, Confidence.HIGH);
    assertEquals(List.of(CauseId.TLS_NOT_STARTED, CauseId.TLS_VERSION_UNSUPPORTED), ids(d));
    assertEquals(Confidence.LOW, d.causes().get(1).confidence());
    assertEvidenceAt(d, t, 3, 4, 5);
    assertEquals(
        "peer RST 12 ms after our ClientHello, 0 bytes of TLS received",
        d.topCause().orElseThrow().evidence().get(2).description());
    assertTrue(d.verdict().contains("(RST), 12 ms after our ClientHello"), d.verdict());
  }

  @Test
  void aNonTlsAnswerToTheClientHelloIsATlsThatCouldNotStart() {
    Trace t =
        afterClientHello()
            .after(2)
            .undecodable(
                new byte[] {
                  0x03, 0x00, 0x00, 0x09, 0x02, (byte) 0xF0, (byte) 0x80, 0x21, (byte) 0x80
                })
            .close(CloseKind.MALFORMED_PDU);
    Diagnosis d = Diagnoser.diagnose(t);
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
    assertEquals(Phase.TLS_HANDSHAKE, d.phase());
    assertTop(d, CauseId.TLS_NOT_STARTED, Confidence.HIGH);
    assertTrue(
        d.topCause().orElseThrow().evidence().get(2).description().contains("a TPKT header"));
  }

  @Test
  void anInternalErrorAlertPointsAtTheServersKey() {
    Trace t =
        afterClientHello()
            .after(2)
            .alert(Direction.SERVER_TO_CLIENT, "fatal", "internal_error", 80)
            .close(CloseKind.TLS_ALERT, ClosedBy.SERVER, "fatal alert internal_error");
    Diagnosis d = Diagnoser.diagnose(t);
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
    assertTrue(d.clientCode().message().contains("internal_error"));
    assertTop(d, CauseId.TLS_NOT_STARTED, Confidence.MEDIUM);
  }

  @Test
  void aProtocolVersionAlertIsAVersionMismatch() {
    Trace t =
        afterClientHello()
            .after(1)
            .alert(Direction.SERVER_TO_CLIENT, "fatal", "protocol_version", 70)
            .close(CloseKind.TLS_ALERT, ClosedBy.SERVER, "fatal alert protocol_version");
    Diagnosis d = Diagnoser.diagnose(t);
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
    assertEquals(Phase.TLS_HANDSHAKE, d.phase());
    assertTop(d, CauseId.TLS_VERSION_UNSUPPORTED, Confidence.HIGH);
    assertEquals(List.of(CauseId.TLS_VERSION_UNSUPPORTED), ids(d));
    assertEvidenceAt(d, t, 4, 5);
    assertEquals(
        "the server sent a fatal protocol_version alert (70)",
        d.topCause().orElseThrow().evidence().get(1).description());
  }

  @ParameterizedTest
  @CsvSource({"protocol_version, -1", "'', 70", "PROTOCOL_VERSION, 70"})
  void alertsMatchByNumberOrByDescription(String description, int code) {
    Diagnosis d =
        Diagnoser.diagnose(
            afterClientHello()
                .after(1)
                .alert(Direction.SERVER_TO_CLIENT, "fatal", description, code)
                .close(CloseKind.TLS_ALERT, ClosedBy.SERVER, "fatal alert"));
    assertTop(d, CauseId.TLS_VERSION_UNSUPPORTED, Confidence.HIGH);
  }

  @ParameterizedTest
  @CsvSource({"handshake_failure, 40", "insufficient_security, 71"})
  void aHandshakeFailureAlertIsNoCommonCipher(String description, int code) {
    Diagnosis d =
        Diagnoser.diagnose(
            afterClientHello()
                .after(1)
                .alert(Direction.SERVER_TO_CLIENT, "fatal", description, code)
                .close(CloseKind.TLS_ALERT, ClosedBy.SERVER, "fatal alert " + description));
    assertTop(d, CauseId.NO_COMMON_CIPHER, Confidence.HIGH);
    assertTrue(d.clientCode().message().contains(description));
  }

  @Test
  void ourOwnAlertIsReportedAsTheClientsRejection() {
    Diagnosis d =
        Diagnoser.diagnose(
            afterClientHello()
                .tls(Direction.SERVER_TO_CLIENT, "ServerHello", "", 80)
                .alert(Direction.CLIENT_TO_SERVER, "fatal", "bad_certificate", 42)
                .close(CloseKind.TLS_ALERT));
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
    assertTrue(
        d.clientCode().message().startsWith("The client rejected"), d.clientCode().message());
    assertFalse(ids(d).contains(CauseId.TLS_NOT_STARTED));
  }

  @Test
  void evidenceIndexesPointAtTheEventsTheyDescribe() {
    Trace t = afterClientHello().after(12).close(CloseKind.PEER_RST);
    List<Evidence> ev = Diagnoser.diagnose(t).topCause().orElseThrow().evidence();
    assertInstanceOf(TraceEvent.Pdu.class, t.events().get(ev.get(0).eventIndex()));
    assertInstanceOf(TraceEvent.Tls.class, t.events().get(ev.get(1).eventIndex()));
    assertInstanceOf(TraceEvent.Closed.class, t.events().get(ev.get(2).eventIndex()));
  }

  /** TLS 1.2: the server's flight up to ServerHelloDone, our answer, then a reset. */
  static Trace cutAfterServerFlight() {
    return afterClientHello()
        .after(2)
        .tls(Direction.SERVER_TO_CLIENT, "ServerHello", "version=TLSv1.2", 90)
        .tls(Direction.SERVER_TO_CLIENT, "Certificate", "", 900)
        .tls(Direction.SERVER_TO_CLIENT, "ServerHelloDone", "", 4)
        .after(1)
        .tls(Direction.CLIENT_TO_SERVER, "ClientKeyExchange", "", 70)
        .tls(Direction.CLIENT_TO_SERVER, "ChangeCipherSpec", "", 1)
        .tls(Direction.CLIENT_TO_SERVER, "Finished", "", 40)
        .after(1)
        .close(CloseKind.PEER_RST);
  }

  @Test
  void aResetOnOurAnswerToTheServersFirstFlightIsACut() {
    Trace t = cutAfterServerFlight();
    Diagnosis d = Diagnoser.diagnose(t);
    assertTop(d, CauseId.TLS_CUT_AFTER_SERVER_FLIGHT, Confidence.HIGH);
    assertPair(d, 0x904, 0x7);
    Cause c = d.topCause().orElseThrow();
    // hello, ServerHello, the flight's end, our answer, the close
    assertEquals(List.of(4, 5, 7, 8, 11), c.evidence().stream().map(Evidence::eventIndex).toList());
    assertEquals(
        "we answered the flight with our ClientKeyExchange, ChangeCipherSpec, Finished",
        c.evidence().get(3).description());
    assertTrue(c.evidence().get(4).description().startsWith("peer RST 1.0 ms after our Finished"));
    assertFalse(ids(d).contains(CauseId.TLS_NOT_STARTED), ids(d).toString());
  }

  @Test
  void anAlertOrMoreBytesFromTheServerIsNoCut() {
    Trace alert =
        afterClientHello()
            .tls(Direction.SERVER_TO_CLIENT, "ServerHello", "version=TLSv1.2", 90)
            .tls(Direction.CLIENT_TO_SERVER, "Finished", "", 40)
            .alert(Direction.SERVER_TO_CLIENT, "fatal", "decrypt_error", 51)
            .close(CloseKind.PEER_RST);
    assertFalse(ids(Diagnoser.diagnose(alert)).contains(CauseId.TLS_CUT_AFTER_SERVER_FLIGHT));
    Trace unanswered =
        afterClientHello()
            .tls(Direction.SERVER_TO_CLIENT, "ServerHello", "version=TLSv1.2", 90)
            .close(CloseKind.PEER_RST);
    assertFalse(
        ids(Diagnoser.diagnose(unanswered)).contains(CauseId.TLS_CUT_AFTER_SERVER_FLIGHT),
        "cut before we answered: the flight may be unfinished");
  }

  // ---- weak TLS ------------------------------------------------------------------------------

  /** The server chose {@code version} (legacy_version, TLS 1.2 and older) and {@code suite}. */
  static Trace chose(int version, String suite) {
    TlsServerHello hello =
        new TlsServerHello(
            version,
            Octets.of(new byte[32]),
            Octets.of(new byte[0]),
            CipherSuites.code(suite).orElseThrow(),
            0,
            List.of());
    return afterClientHello()
        .after(2)
        .serverHello(hello)
        .tls(Direction.CLIENT_TO_SERVER, "Finished", "", 40)
        .close(CloseKind.STOP_POINT_REACHED, ClosedBy.CLIENT, "stopped by choice");
  }

  @ParameterizedTest
  @CsvSource({
    "769, TLS_RSA_WITH_AES_128_CBC_SHA, HIGH, TLSv1.0 with TLS_RSA_WITH_AES_128_CBC_SHA: TLSv1.0,"
        + " 3",
    "770, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, HIGH, TLSv1.1 with TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,"
        + " 2",
    "771, TLS_RSA_WITH_AES_128_CBC_SHA, MEDIUM, TLSv1.2 with TLS_RSA_WITH_AES_128_CBC_SHA: RSA key"
        + " exchange, 2",
    "771, TLS_RSA_WITH_AES_128_GCM_SHA256, MEDIUM, RSA key exchange, 1",
    "771, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, MEDIUM, CBC with a SHA-1 MAC, 1",
    "771, TLS_RSA_WITH_3DES_EDE_CBC_SHA, HIGH, 3DES, 3",
    "771, TLS_RSA_WITH_RC4_128_SHA, HIGH, RC4, 2"
  })
  void aWeakVersionOrSuiteIsAWarningNamingWhoRefusesIt(
      int version, String suite, Confidence confidence, String named, int weaknesses) {
    Diagnosis d = Diagnoser.diagnose(chose(version, suite));
    assertFalse(d.isFailure());
    Cause c =
        d.causes().stream()
            .filter(x -> x.id() == CauseId.WEAK_TLS)
            .findFirst()
            .orElseThrow(() -> new AssertionError(d.verdict()));
    assertEquals(confidence, c.confidence(), c.why());
    assertTrue(c.why().contains(named), c.why());
    assertEquals(weaknesses, c.why().split("; ").length, c.why());
    assertEquals(
        "the server's ServerHello chose " + TlsVersion.describe(version) + " and " + suite,
        c.evidence().get(0).description());
  }

  @ParameterizedTest
  @CsvSource({
    "771, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "771, TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
    "771, TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"
  })
  void aCurrentVersionAndSuiteIsNoWarning(int version, String suite) {
    assertFalse(ids(Diagnoser.diagnose(chose(version, suite))).contains(CauseId.WEAK_TLS));
  }
}
