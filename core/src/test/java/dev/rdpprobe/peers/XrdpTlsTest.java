package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.tls.CertificateCheck;
import dev.rdpprobe.tls.CertificateFacts;
import dev.rdpprobe.tls.CertificateObjection;
import dev.rdpprobe.tls.ServerIdentity;
import dev.rdpprobe.tls.TestPki;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.tls.TrustAnchors;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's TLS handshake against xrdp (security_layer=tls): a valid certificate, an expired one,
 * a private CA's chain (untrusted, and broken without its intermediate), a TLS 1.3-only server
 * against a TLS 1.2-only offer, and a cipher list that shares nothing with the offer. Each gives
 * the matching trace and facts.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XrdpTlsTest {
  private static final RdpProbe probe = SharedProbe.get();

  @TempDir Path dir;

  private static ProbeResult probe(XrdpServer xrdp, TlsOffer offer) {
    return probe
        .probe(
            ProbeSpec.builder("127.0.0.1")
                .port(xrdp.port())
                .requestedProtocols(dev.rdpprobe.wire.x224.SecurityProtocols.SSL)
                .tlsOffer(offer)
                .stopAfter(Phase.TLS_HANDSHAKE)
                .idleTimeout(Duration.ofSeconds(5))
                .deadline(Duration.ofSeconds(15))
                .build())
        .orTimeout(30, TimeUnit.SECONDS)
        .join();
  }

  private static TraceEvent.TlsAlert receivedAlert(ProbeResult r) {
    return r.trace().eventsOf(TraceEvent.TlsAlert.class).stream()
        .filter(a -> a.direction() == Direction.SERVER_TO_CLIENT)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no alert received: " + r.trace()));
  }

  @Test
  void aValidCertificateCompletesTheHandshake() throws Exception {
    try (XrdpServer xrdp = XrdpServer.start(dir, new XrdpServer.Config().securityLayer("tls"))) {
      ProbeResult r = probe(xrdp, TlsOffer.windowsDefault());
      assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
      assertEquals(Phase.TLS_HANDSHAKE, r.closed().phase());
      assertEquals(TlsVersion.TLS_1_3, r.facts().tls().version(), xrdp.logs());
      CertificateFacts leaf = r.facts().tls().leaf().orElseThrow();
      assertEquals("CN=rdp-probe-test", leaf.subject());
      assertTrue(leaf.selfSigned());
      assertEquals(2048, leaf.keyBits());
    }
  }

  @Test
  void anExpiredCertificateIsReportedWithItsNotAfter() throws Exception {
    Path cert = dir.resolve("expired.pem");
    Path key = dir.resolve("expired.key");
    XrdpServer.certificateValidBetween(
        dir, cert, key, "/CN=rdp-probe-expired", "20240101000000Z", "20241231000000Z");
    try (XrdpServer xrdp =
        XrdpServer.start(
            dir, new XrdpServer.Config().securityLayer("tls").certificate(cert, key))) {
      ProbeResult r = probe(xrdp, TlsOffer.windowsDefault());
      assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
      CertificateFacts leaf = r.facts().tls().leaf().orElseThrow();
      assertEquals(Instant.parse("2024-12-31T00:00:00Z"), leaf.notAfter());
      CertificateCheck check =
          r.trace().eventsOf(TraceEvent.Tls.class).stream()
              .filter(t -> t.detail() instanceof CertificateCheck)
              .map(t -> (CertificateCheck) t.detail())
              .findFirst()
              .orElseThrow();
      assertEquals(CertificateObjection.Kind.EXPIRED, check.objections().get(0).kind());
      assertTrue(
          check.objections().get(0).detail().contains("notAfter 2024-12-31T00:00:00Z"),
          check.objections().get(0).detail());
    }
  }

  private static CertificateCheck certificateCheck(ProbeResult r) {
    return r.trace().eventsOf(TraceEvent.Tls.class).stream()
        .filter(t -> t.detail() instanceof CertificateCheck)
        .map(t -> (CertificateCheck) t.detail())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no certificate check in " + r.trace()));
  }

  /** xrdp serving a chain of a private PKI made with bcpkix ({@link TestPki}). */
  private XrdpServer serving(ServerIdentity identity) throws Exception {
    Path cert = dir.resolve("chain.pem");
    Path key = dir.resolve("chain.key");
    Files.writeString(cert, identity.certificatePem(), StandardCharsets.US_ASCII);
    Files.writeString(key, identity.privateKeyPem(), StandardCharsets.US_ASCII);
    return XrdpServer.start(
        dir, new XrdpServer.Config().securityLayer("tls").certificate(cert, key));
  }

  /**
   * A private CA's chain, sent whole (leaf, issuing CA, root): the probe judges it against the
   * JDK's trust store and finds its root untrusted; the same chain from the result's facts is
   * accepted by a client given the root.
   */
  @Test
  void aPrivateCaChainIsUntrustedUnlessItsRootIsGiven() throws Exception {
    Instant now = Instant.now();
    TestPki pki = new TestPki(now);
    TestPki.Authority root = pki.root("CN=xrdp test root");
    TestPki.Authority issuing = pki.intermediate("CN=xrdp test issuing CA", root, 0);
    TestPki.Authority leaf = pki.server("CN=localhost", issuing, false);
    try (XrdpServer xrdp =
        serving(TestPki.identity(leaf, issuing.certificate(), root.certificate()))) {
      ProbeResult r = probe(xrdp, TlsOffer.windowsDefault());
      assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
      assertEquals(3, r.facts().tls().serverCertificates().size(), xrdp.logs());
      CertificateCheck check = certificateCheck(r);
      assertEquals(
          List.of(CertificateObjection.Kind.UNTRUSTED_ISSUER),
          check.objections().stream().map(CertificateObjection::kind).toList(),
          check.objections().toString());
      assertTrue(check.objections().get(0).detail().contains("CN=xrdp test root"));
      CertificateCheck withRoot =
          r.facts()
              .tls()
              .check(
                  now,
                  "localhost",
                  TrustAnchors.of("the xrdp test root", List.of(root.certificate())));
      assertTrue(withRoot.acceptable(), withRoot.objections().toString());
      // a probe given the root (ProbeSpec.trustAnchors, the CLI's --ca-file) judges it so itself
      ProbeResult trusting =
          probe
              .probe(
                  ProbeSpec.builder("127.0.0.1")
                      .port(xrdp.port())
                      .requestedProtocols(dev.rdpprobe.wire.x224.SecurityProtocols.SSL)
                      .stopAfter(Phase.TLS_HANDSHAKE)
                      .trustAnchors(
                          TrustAnchors.of("the xrdp test root", List.of(root.certificate())))
                      .build())
              .orTimeout(30, TimeUnit.SECONDS)
              .join();
      assertTrue(
          certificateCheck(trusting).acceptable(),
          certificateCheck(trusting).objections().toString());
      assertTrue(
          trusting.diagnose().causes().stream()
              .noneMatch(c -> c.id() == dev.rdpprobe.diagnose.CauseId.CERT_UNTRUSTED),
          trusting.diagnose().toString());
      // the diagnosis names it as a warning on a connection that went through
      assertTrue(
          r.diagnose().causes().stream()
              .anyMatch(c -> c.id() == dev.rdpprobe.diagnose.CauseId.CERT_UNTRUSTED),
          r.diagnose().toString());
    }
  }

  /** The same PKI, but xrdp sends the leaf alone: the issuing CA is missing. */
  @Test
  void aChainWithoutItsIntermediateIsBroken() throws Exception {
    Instant now = Instant.now();
    TestPki pki = new TestPki(now);
    TestPki.Authority root = pki.root("CN=xrdp test root");
    TestPki.Authority issuing = pki.intermediate("CN=xrdp test issuing CA", root, 0);
    TestPki.Authority leaf = pki.server("CN=localhost", issuing, true);
    try (XrdpServer xrdp = serving(TestPki.identity(leaf))) {
      ProbeResult r = probe(xrdp, TlsOffer.windowsDefault());
      assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
      assertEquals(1, r.facts().tls().serverCertificates().size(), xrdp.logs());
      CertificateCheck given =
          r.facts()
              .tls()
              .check(now, "localhost", TrustAnchors.of("the root", List.of(root.certificate())));
      assertEquals(
          List.of(CertificateObjection.Kind.BROKEN_CHAIN),
          given.objections().stream().map(CertificateObjection::kind).toList());
      assertTrue(
          given
              .objections()
              .get(0)
              .detail()
              .contains("CN=xrdp test issuing CA, whose certificate" + " the server did not send"),
          given.objections().get(0).detail());
      CertificateObjection seen = certificateCheck(r).objections().get(0);
      assertEquals(CertificateObjection.Kind.BROKEN_CHAIN, seen.kind(), seen.detail());
    }
  }

  @Test
  void aTls13OnlyServerRefusesATls12OnlyOffer() throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(
            dir, new XrdpServer.Config().securityLayer("tls").global("ssl_protocols=TLSv1.3"))) {
      ProbeResult r = probe(xrdp, TlsOffer.only(TlsVersion.TLS_1_2));
      assertEquals(CloseKind.TLS_ALERT, r.closed().kind(), r.closed().detail());
      assertEquals(Phase.TLS_HANDSHAKE, r.closed().phase());
      TraceEvent.TlsAlert alert = receivedAlert(r);
      assertEquals("fatal", alert.level());
      assertEquals("protocol_version", alert.description(), xrdp.logs());
    }
  }

  @Test
  void aCipherListSharingNothingGivesHandshakeFailure() throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(
            dir,
            new XrdpServer.Config()
                .securityLayer("tls")
                .global("ssl_protocols=TLSv1.2")
                .global("tls_ciphers=ECDHE-RSA-CHACHA20-POLY1305"))) {
      ProbeResult r = probe(xrdp, TlsOffer.windowsDefault());
      assertEquals(CloseKind.TLS_ALERT, r.closed().kind(), r.closed().detail());
      TraceEvent.TlsAlert alert = receivedAlert(r);
      assertEquals("handshake_failure", alert.description(), xrdp.logs());
      assertEquals("TLS ClientHello", r.closed().lastClientPdu());
    }
  }
}
