package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.testing.ShadowServer;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diagnosis of real peers' misconfigurations: xrdp with a key that does not match its
 * certificate, an expired certificate, a TLS version restriction, a cipher restriction and
 * security_layer=rdp; FreeRDP's shadow server requiring NLA. Each asserts the Windows-client code
 * pair (or its absence), the phase and the top cause.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RealPeerDiagnosisTest {
  private static RdpProbe probe;

  @TempDir Path dir;

  @BeforeAll
  static void startProbe() {
    probe = RdpProbe.create();
  }

  @AfterAll
  static void stopProbe() {
    probe.close();
  }

  private static Diagnosis diagnose(int port, ProbeSpec.Builder spec) {
    ProbeResult r =
        probe
            .probe(
                spec.port(port)
                    .idleTimeout(Duration.ofSeconds(5))
                    .deadline(Duration.ofSeconds(20))
                    .build())
            .orTimeout(40, TimeUnit.SECONDS)
            .join();
    return r.diagnose();
  }

  private static ProbeSpec.Builder spec() {
    return ProbeSpec.builder("127.0.0.1");
  }

  private static void assertTop(Diagnosis d, CauseId id) {
    assertEquals(
        id, d.topCause().orElseThrow(() -> new AssertionError(d.verdict())).id(), d.verdict());
  }

  @Test
  void xrdpWithAKeyThatDoesNotMatchItsCertificateCannotStartTls() throws Exception {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Path otherCert = dir.resolve("other.pem");
    Path otherKey = dir.resolve("other.key");
    XrdpServer.selfSigned(dir, cert, key, 30);
    XrdpServer.selfSigned(dir, otherCert, otherKey, 30);
    try (XrdpServer xrdp =
        XrdpServer.start(
            dir, new XrdpServer.Config().securityLayer("tls").certificate(cert, otherKey))) {
      Diagnosis d = diagnose(xrdp.port(), spec());
      assertEquals(Phase.TLS_HANDSHAKE, d.phase(), xrdp.logs());
      // xrdp's plaintext Disconnect Provider Ultimatum is named and the close is xrdp's
      assertEquals(ClosedBy.SERVER, d.closedBy(), d.verdict());
      assertTrue(d.verdict().contains("Disconnect Provider Ultimatum"), d.verdict());
      assertEquals(0x904, d.clientCode().discReason().value(), d.verdict());
      assertEquals(0x7, d.clientCode().extendedReason().value(), d.verdict());
      assertTop(d, CauseId.TLS_NOT_STARTED);
    }
  }

  @Test
  void xrdpWithAnExpiredCertificateIsAWarning() throws Exception {
    Path cert = dir.resolve("expired.pem");
    Path key = dir.resolve("expired.key");
    XrdpServer.certificateValidBetween(
        dir, cert, key, "/CN=rdp-probe-expired", "20240101000000Z", "20241231000000Z");
    try (XrdpServer xrdp =
        XrdpServer.start(
            dir, new XrdpServer.Config().securityLayer("tls").certificate(cert, key))) {
      Diagnosis d = diagnose(xrdp.port(), spec());
      assertEquals(ClientCode.Basis.NO_ERROR, d.clientCode().basis());
      assertTop(d, CauseId.CERT_EXPIRED);
    }
  }

  @Test
  void xrdpWithOnlyTls13AgainstATls12Client() throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(
            dir, new XrdpServer.Config().securityLayer("tls").global("ssl_protocols=TLSv1.3"))) {
      Diagnosis d = diagnose(xrdp.port(), spec().tlsOffer(TlsOffer.only(TlsVersion.TLS_1_2)));
      assertEquals(Phase.TLS_HANDSHAKE, d.phase());
      assertTop(d, CauseId.TLS_VERSION_UNSUPPORTED);
    }
  }

  @Test
  void xrdpWithACipherListSharingNothing() throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(
            dir,
            new XrdpServer.Config()
                .securityLayer("tls")
                .global("ssl_protocols=TLSv1.2")
                .global("tls_ciphers=ECDHE-RSA-CHACHA20-POLY1305"))) {
      Diagnosis d = diagnose(xrdp.port(), spec());
      assertTop(d, CauseId.NO_COMMON_CIPHER);
    }
  }

  @Test
  void xrdpWithStandardSecurityOnlyIsAWarning() throws Exception {
    try (XrdpServer xrdp = XrdpServer.start(dir, new XrdpServer.Config().securityLayer("rdp"))) {
      Diagnosis d = diagnose(xrdp.port(), spec());
      // the probe follows Standard RDP Security through the Security Exchange to the Demand Active
      assertEquals(Phase.CAPABILITIES, d.phase());
      assertTop(d, CauseId.NEG_SSL_NOT_ALLOWED);
    }
  }

  @Test
  void theShadowServerRequiresNlaFromATlsOnlyClient() throws Exception {
    try (ShadowServer shadow = ShadowServer.start(dir, "nla", "rdpprobe", "rdpprobe-Pass1")) {
      Diagnosis d = diagnose(shadow.port(), spec().requestedProtocols(SecurityProtocols.SSL));
      assertEquals(Phase.X224_NEGOTIATION, d.phase(), shadow.logs());
      assertTop(d, CauseId.NEG_NLA_REQUIRED);
      assertTrue(d.clientCode().message().contains("Network Level Authentication"), d.verdict());
    }
  }
}
