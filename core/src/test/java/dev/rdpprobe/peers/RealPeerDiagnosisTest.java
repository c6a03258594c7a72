package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.diagnose.Confidence;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.testing.ShadowServer;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The diagnosis of real peers' misconfigurations: xrdp with a key that does not match its
 * certificate, an expired certificate, a TLS version restriction, a cipher restriction and
 * security_layer=rdp; FreeRDP's shadow server requiring NLA. Each asserts the Windows-client code
 * pair (or its absence), the phase and the top cause.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RealPeerDiagnosisTest {
  private static final RdpProbe probe = SharedProbe.get();

  @TempDir Path dir;

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

  /**
   * xrdp with security_layer=rdp at each crypt_level: Standard RDP Security named with the method
   * and level its Server Security Data gives, under its own cause, and no success claimed where the
   * probe stops following.
   */
  @ParameterizedTest(name = "crypt_level={0}")
  @CsvSource({
    "none, ENCRYPTION_METHOD_NONE at ENCRYPTION_LEVEL_NONE",
    "low, ENCRYPTION_METHOD_40BIT at ENCRYPTION_LEVEL_LOW",
    "medium, ENCRYPTION_METHOD_40BIT at ENCRYPTION_LEVEL_CLIENT_COMPATIBLE",
    "high, ENCRYPTION_METHOD_128BIT at ENCRYPTION_LEVEL_HIGH",
    "fips, ENCRYPTION_METHOD_FIPS at ENCRYPTION_LEVEL_FIPS"
  })
  void xrdpWithStandardSecurityOnlyIsNamedWithItsMethod(String cryptLevel, String named)
      throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(
            dir, new XrdpServer.Config().securityLayer("rdp").cryptLevel(cryptLevel))) {
      Diagnosis d = diagnose(xrdp.port(), spec());
      // the probe follows Standard RDP Security through the Security Exchange to the Demand Active
      assertEquals(Phase.CAPABILITIES, d.phase());
      assertEquals(CloseKind.STOP_POINT_REACHED, d.closeKind());
      assertTop(d, CauseId.STANDARD_SECURITY);
      assertFalse(
          d.causes().stream().anyMatch(c -> c.id() == CauseId.NEG_SSL_NOT_ALLOWED), d.verdict());
      Cause c = d.topCause().orElseThrow();
      assertTrue(
          c.evidence().stream().anyMatch(e -> e.description().endsWith(named)),
          c.evidence().toString());
    }
  }

  /**
   * xrdp allowing only TLS_RSA_WITH_AES_128_CBC_SHA (OpenSSL's AES128-SHA), at TLS 1.2, and at TLS
   * 1.0 with OpenSSL's security level 0 (which TLS 1.0 needs under OpenSSL 3): the connection goes
   * through, with a warning naming each weakness.
   */
  @ParameterizedTest(name = "ssl_protocols={0}")
  @CsvSource({
    "TLSv1.2, AES128-SHA, TLSv1.2, 2, MEDIUM",
    "TLSv1, AES128-SHA:@SECLEVEL=0, TLSv1.0, 3, HIGH"
  })
  void xrdpWithOnlyAWeakSuiteIsAWarning(
      String protocols, String ciphers, String version, int weaknesses, Confidence confidence)
      throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(
            dir,
            new XrdpServer.Config()
                .securityLayer("tls")
                .global("ssl_protocols=" + protocols)
                .global("tls_ciphers=" + ciphers))) {
      Diagnosis d = diagnose(xrdp.port(), spec().tlsOffer(TlsOffer.windowsAllVersions()));
      assertEquals(ClientCode.Basis.NO_ERROR, d.clientCode().basis(), d.verdict() + xrdp.logs());
      Cause weak =
          d.causes().stream()
              .filter(c -> c.id() == CauseId.WEAK_TLS)
              .findFirst()
              .orElseThrow(() -> new AssertionError(d.verdict()));
      assertEquals(confidence, weak.confidence());
      assertTrue(
          weak.why()
              .startsWith("the server chose " + version + " with TLS_RSA_WITH_AES_128_CBC_SHA"),
          weak.why());
      assertEquals(weaknesses, weak.why().split("; ").length, weak.why());
      assertTrue(weak.why().contains("RSA key exchange, without forward secrecy"), weak.why());
      assertTrue(weak.why().contains("CBC with a SHA-1 MAC"), weak.why());
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
