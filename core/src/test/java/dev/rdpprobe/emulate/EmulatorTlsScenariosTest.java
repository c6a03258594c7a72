package dev.rdpprobe.emulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.testing.EmulatorCa;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.tls.CertificateCheck;
import dev.rdpprobe.tls.CertificateObjection;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.mcs.DisconnectProviderUltimatum;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The emulator's TLS scenarios, probed: each records the close kind, phase and last PDU on each
 * side, the alert named, and the certificate facts a validating client would object to.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EmulatorTlsScenariosTest {
  private static final String CC = X224ConnectionConfirm.NAME;
  private static final RdpProbe probe = SharedProbe.get();

  private static ProbeResult probe(Scenario scenario, TlsOffer offer) throws IOException {
    return probe(scenario, ProbeSpec.builder("127.0.0.1").tlsOffer(offer));
  }

  private static ProbeResult probe(Scenario scenario, ProbeSpec.Builder spec) throws IOException {
    try (RdpEmulator e = RdpEmulator.start(scenario)) {
      return probe
          .probe(
              spec.port(e.port())
                  .stopAfter(Phase.TLS_HANDSHAKE)
                  .idleTimeout(Duration.ofSeconds(3))
                  .deadline(Duration.ofSeconds(15))
                  .build())
          .orTimeout(30, TimeUnit.SECONDS)
          .join();
    }
  }

  private static void assertClose(
      ProbeResult r, CloseKind kind, String lastSent, String lastReceived) {
    TraceEvent.Closed c = r.closed();
    assertEquals(kind, c.kind(), c.detail());
    assertEquals(Phase.TLS_HANDSHAKE, c.phase(), c.detail());
    assertEquals(lastSent, c.lastClientPdu(), "our last PDU");
    assertEquals(lastReceived, c.lastServerPdu(), "the server's last PDU");
  }

  private static CertificateCheck certificateCheck(ProbeResult r) {
    return r.trace().eventsOf(TraceEvent.Tls.class).stream()
        .filter(t -> t.detail() instanceof CertificateCheck)
        .map(t -> (CertificateCheck) t.detail())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no certificate in " + r.trace()));
  }

  @Test
  void healthyCompletesTls13WithAnAcceptableChain() throws IOException {
    ProbeResult r = probe(Scenario.HEALTHY, TlsOffer.windowsDefault());
    assertClose(r, CloseKind.STOP_POINT_REACHED, "TLS Finished", "TLS Finished");
    assertEquals(TlsVersion.TLS_1_3, r.facts().tls().version());
    assertEquals("TLS_AES_256_GCM_SHA384", r.facts().tls().cipherSuite());
    assertEquals(2, r.facts().tls().serverCertificates().size());
    assertEquals("CN=rdp-emulator.test", r.facts().tls().serverCertificates().get(0).subject());
    // against the JDK's trust store the emulator's own CA is untrusted, and only that
    CertificateCheck check = certificateCheck(r);
    assertEquals(1, check.objections().size(), check.objections().toString());
    assertTrue(EmulatorCa.isEmulatorRoot(check.objections().get(0)), check.objections().toString());
    // a client that trusts the emulator's CA accepts the chain
    assertTrue(
        withEmulatorCa(r, null).acceptable(), withEmulatorCa(r, null).objections().toString());
    assertTrue(r.keyLog().isEmpty(), "no key log unless asked");
  }

  @Test
  void aNameInTheCertificateIsAcceptedAndOneOutsideIsNot() throws IOException {
    ProbeResult ok = probe(Scenario.HEALTHY, ProbeSpec.builder("localhost"));
    assertTrue(
        EmulatorCa.otherObjections(certificateCheck(ok)).isEmpty(),
        certificateCheck(ok).objections().toString());
    assertTrue(withEmulatorCa(ok, "localhost").acceptable());
    assertEquals(
        List.of(CertificateObjection.Kind.HOST_NAME_MISMATCH),
        withEmulatorCa(ok, "rdp.example.org").objections().stream()
            .map(CertificateObjection::kind)
            .toList());
    assertEquals("localhost", ok.facts().tls().serverName());
  }

  @Test
  void rstAfterClientHello() throws IOException {
    ProbeResult r = probe(Scenario.TLS_RST_AFTER_CLIENT_HELLO, TlsOffer.windowsDefault());
    assertClose(r, CloseKind.PEER_RST, "TLS ClientHello", CC);
    assertTrue(
        r.closed().detail().contains("RST after our ClientHello, 0 bytes of TLS received"),
        r.closed().detail());
  }

  @Test
  void finAfterClientHello() throws IOException {
    ProbeResult r = probe(Scenario.TLS_FIN_AFTER_CLIENT_HELLO, TlsOffer.windowsDefault());
    assertClose(r, CloseKind.PEER_FIN, "TLS ClientHello", CC);
    assertTrue(r.closed().detail().contains("before any ServerHello"), r.closed().detail());
    assertTrue(r.closed().detail().contains("0 bytes of TLS received"), r.closed().detail());
  }

  @Test
  void plaintextInsteadOfServerHelloIsNamed() throws IOException {
    ProbeResult r =
        probe(Scenario.TLS_PLAINTEXT_INSTEAD_OF_SERVER_HELLO, TlsOffer.windowsDefault());
    assertServersUltimatumAndClose(r, CloseKind.PEER_FIN);
  }

  /**
   * xrdp with a private key it cannot load: the Disconnect Provider Ultimatum in the clear is
   * named, and the close is the server's, whichever way round the bytes come.
   */
  @ParameterizedTest
  @CsvSource({
    "TLS_ULTIMATUM_AND_FIN_BEFORE_CLIENT_HELLO, PEER_FIN",
    "TLS_ULTIMATUM_AND_RST_AFTER_CLIENT_HELLO, PEER_RST"
  })
  void anUltimatumWhereTlsWasDueIsTheServersEnding(Scenario scenario, CloseKind close)
      throws IOException {
    assertServersUltimatumAndClose(probe(scenario, TlsOffer.windowsDefault()), close);
  }

  private static void assertServersUltimatumAndClose(ProbeResult r, CloseKind close) {
    TraceEvent.Closed c = r.closed();
    assertEquals(close, c.kind(), c.detail());
    assertEquals(ClosedBy.SERVER, c.closedBy(), c.detail());
    assertEquals(Phase.TLS_HANDSHAKE, c.phase(), c.detail());
    assertEquals("MCS Disconnect Provider Ultimatum", c.lastServerPdu(), c.detail());
    assertEquals(0, c.pendingBytes(), "the ultimatum is a whole PDU, not an unfinished one");
    TraceEvent.Pdu ultimatum = r.trace().lastPdu(Direction.SERVER_TO_CLIENT).orElseThrow();
    assertInstanceOf(DisconnectProviderUltimatum.class, ultimatum.pdu());
    assertArrayEquals(
        dev.rdpprobe.wire.Octets.fromHex("03 00 00 09 02 f0 80 21 80").toByteArray(),
        ultimatum.raw());
    assertTrue(c.detail().contains("Disconnect Provider Ultimatum"), c.detail());
    Diagnosis d = r.diagnose();
    assertEquals(CauseId.TLS_NOT_STARTED, d.topCause().orElseThrow().id(), d.verdict());
    // a server that aborts TLS before activation: 0x904 / 0x7 under the model
    assertEquals(0x904, d.clientCode().discReason().value(), d.verdict());
    assertEquals(0x7, d.clientCode().extendedReason().value(), d.verdict());
  }

  @ParameterizedTest
  @CsvSource({
    "TLS_ALERT_HANDSHAKE_FAILURE, handshake_failure, 40",
    "TLS_ALERT_PROTOCOL_VERSION, protocol_version, 70",
    "TLS_ALERT_INTERNAL_ERROR, internal_error, 80"
  })
  void alertsAreNamed(Scenario scenario, String name, int code) throws IOException {
    ProbeResult r = probe(scenario, TlsOffer.windowsDefault());
    assertClose(r, CloseKind.TLS_ALERT, "TLS ClientHello", CC);
    TraceEvent.TlsAlert a = r.trace().eventsOf(TraceEvent.TlsAlert.class).get(0);
    assertEquals(Direction.SERVER_TO_CLIENT, a.direction());
    assertEquals("fatal", a.level());
    assertEquals(name, a.description());
    assertEquals(code, a.code());
  }

  @Test
  void tls10OnlyRefusesAModernOfferAndAcceptsAnOldOne() throws IOException {
    ProbeResult modern = probe(Scenario.TLS_1_0_ONLY, TlsOffer.windowsDefault());
    assertEquals(CloseKind.TLS_ALERT, modern.closed().kind(), modern.closed().detail());
    assertEquals(
        "protocol_version",
        modern.trace().eventsOf(TraceEvent.TlsAlert.class).get(0).description());
    ProbeResult old = probe(Scenario.TLS_1_0_ONLY, TlsOffer.windowsAllVersions());
    assertEquals(CloseKind.STOP_POINT_REACHED, old.closed().kind(), old.closed().detail());
    assertEquals(TlsVersion.TLS_1_0, old.facts().tls().version());
  }

  @Test
  void tls13OnlyRefusesA12OnlyOffer() throws IOException {
    ProbeResult r = probe(Scenario.TLS_1_3_ONLY, TlsOffer.only(TlsVersion.TLS_1_2));
    assertEquals(CloseKind.TLS_ALERT, r.closed().kind(), r.closed().detail());
    assertEquals(
        "protocol_version", r.trace().eventsOf(TraceEvent.TlsAlert.class).get(0).description());
    ProbeResult ok = probe(Scenario.TLS_1_3_ONLY, TlsOffer.windowsDefault());
    assertEquals(TlsVersion.TLS_1_3, ok.facts().tls().version());
  }

  @ParameterizedTest
  @CsvSource({
    "CERT_EXPIRED, EXPIRED",
    "CERT_NOT_YET_VALID, NOT_YET_VALID",
    "CERT_SELF_SIGNED, SELF_SIGNED",
    "CERT_WEAK_KEY, WEAK_KEY"
  })
  void certificateProblemsAreReportedAndTheHandshakeCompletes(
      Scenario scenario, CertificateObjection.Kind objection) throws IOException {
    ProbeResult r = probe(scenario, TlsOffer.windowsDefault());
    assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
    List<CertificateObjection.Kind> kinds =
        EmulatorCa.otherObjections(certificateCheck(r)).stream()
            .map(CertificateObjection::kind)
            .toList();
    // the scenario's objection about the leaf comes first; a CA made for a not yet valid
    // certificate starts with it, so that one is not valid yet either
    assertEquals(objection, kinds.get(0), kinds.toString());
    assertEquals(scenario == Scenario.CERT_NOT_YET_VALID ? 2 : 1, kinds.size(), kinds.toString());
  }

  /** The result's chain checked by a client that trusts the emulator's CA (the chain's root). */
  private static CertificateCheck withEmulatorCa(ProbeResult r, String host) {
    List<dev.rdpprobe.tls.CertificateFacts> chain = r.facts().tls().serverCertificates();
    dev.rdpprobe.tls.CertificateFacts root = chain.get(chain.size() - 1);
    assertEquals(EmulatorCa.SUBJECT, root.subject());
    return r.facts()
        .tls()
        .check(
            certificateCheck(r).checkedAt(),
            host,
            dev.rdpprobe.tls.TrustAnchors.fromPem(pem(root), "the emulator's CA"));
  }

  private static String pem(dev.rdpprobe.tls.CertificateFacts c) {
    return "-----BEGIN CERTIFICATE-----\n"
        + java.util.Base64.getMimeEncoder().encodeToString(c.der().toByteArray())
        + "\n-----END CERTIFICATE-----\n";
  }

  @Test
  void theKeyLogIsThereWhenAsked() throws IOException {
    ProbeResult r = probe(Scenario.HEALTHY, ProbeSpec.builder("127.0.0.1").keyLog(true));
    assertFalse(r.keyLog().isEmpty());
    assertTrue(r.keyLog().stream().anyMatch(l -> l.startsWith("CLIENT_TRAFFIC_SECRET_0 ")));
    assertFalse(r.toString().contains("SECRET"), "the result's text hides the key log");
    assertNotNull(r.facts().tls());
  }
}
