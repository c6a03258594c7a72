package dev.rdpprobe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.tls.CertificateObjection.Kind;
import dev.rdpprobe.tls.TestPki.Authority;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chains judged like a client: a private PKI made with bcpkix ({@link TestPki}), untrusted against
 * the JDK's trust store and trusted with its root given; a missing intermediate, a signature that
 * does not verify, certificates out of order, an issuer that is not a CA, a path too long, an
 * expired intermediate, a pinned self-signed certificate.
 */
class CertificateCheckTest {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  static TestPki pki;
  static Authority root;
  static Authority intermediate;
  static Authority leaf;

  @TempDir Path dir;

  @BeforeAll
  static void makePki() {
    pki = new TestPki(NOW);
    root = pki.root("CN=Test Root CA,O=rdp-probe tests");
    intermediate = pki.intermediate("CN=Test Issuing CA,O=rdp-probe tests", root, 0);
    leaf = pki.server("CN=localhost", intermediate, true);
  }

  static TrustAnchors rootAnchor() {
    return TrustAnchors.of("the test root", List.of(root.certificate()));
  }

  static CertificateCheck check(TrustAnchors anchors, X509CertificateHolder... chain) {
    return CertificateCheck.of(TestPki.facts(chain), NOW, "localhost", anchors);
  }

  static List<Kind> kinds(CertificateCheck c) {
    return c.objections().stream().map(CertificateObjection::kind).toList();
  }

  @Test
  void aPrivateChainIsUntrustedByTheJdkAndTrustedWithItsRoot() {
    X509CertificateHolder[] chain = {
      leaf.certificate(), intermediate.certificate(), root.certificate()
    };
    CertificateCheck jdk = check(TrustAnchors.jdkDefault(), chain);
    assertEquals(List.of(Kind.UNTRUSTED_ISSUER), kinds(jdk), jdk.objections().toString());
    String detail = jdk.objections().get(0).detail();
    assertTrue(detail.contains("the root CN=Test Root CA,O=rdp-probe tests"), detail);
    assertTrue(detail.contains("the JDK's trust store"), detail);
    assertFalse(jdk.acceptable());
    assertTrue(jdk.trustedBy().startsWith("the JDK's trust store ("), jdk.trustedBy());
    // the three-argument form is the JDK's store
    assertEquals(
        jdk.objections(), CertificateCheck.of(TestPki.facts(chain), NOW, "localhost").objections());

    CertificateCheck trusted = check(rootAnchor(), chain);
    assertTrue(trusted.acceptable(), trusted.objections().toString());
    assertEquals("the test root", trusted.trustedBy());
    // the root need not be sent when the client has it
    assertTrue(check(rootAnchor(), leaf.certificate(), intermediate.certificate()).acceptable());
    // trusting the intermediate itself is enough too
    assertTrue(
        check(
                TrustAnchors.of("the issuing CA", List.of(intermediate.certificate())),
                leaf.certificate())
            .acceptable());
  }

  @Test
  void theRootFromAPemFileIsAnAnchor() throws Exception {
    Path pem = dir.resolve("ca.pem");
    Files.writeString(
        pem,
        "a comment line\n"
            + new ServerIdentity(List.of(root.certificate()), root.keys().getPrivate())
                .certificatePem(),
        StandardCharsets.US_ASCII);
    TrustAnchors anchors = TrustAnchors.fromPem(pem);
    assertEquals(1, anchors.size());
    assertEquals("ca.pem (1 authority)", anchors.description());
    assertTrue(check(anchors, leaf.certificate(), intermediate.certificate()).acceptable());
    // and combined with the JDK's
    assertTrue(
        check(
                TrustAnchors.jdkDefault().plus(anchors),
                leaf.certificate(),
                intermediate.certificate())
            .acceptable());
  }

  @Test
  void aPemFileWithoutCertificatesIsRefused() throws Exception {
    Path pem = dir.resolve("empty.pem");
    Files.writeString(pem, "nothing here\n", StandardCharsets.US_ASCII);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TrustAnchors.fromPem(pem));
    assertTrue(e.getMessage().contains("no CERTIFICATE block"), e.getMessage());
    Files.writeString(
        pem,
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
        StandardCharsets.US_ASCII);
    assertThrows(IllegalArgumentException.class, () -> TrustAnchors.fromPem(pem));
  }

  @Test
  void aMissingIntermediateBreaksTheChain() {
    CertificateCheck c = check(rootAnchor(), leaf.certificate());
    assertEquals(List.of(Kind.BROKEN_CHAIN), kinds(c), c.objections().toString());
    String detail = c.objections().get(0).detail();
    assertTrue(
        detail.startsWith(
            "CN=localhost was issued by CN=Test Issuing CA,O=rdp-probe tests, whose certificate"
                + " the server did not send and which is not in the test root"),
        detail);
    assertTrue(detail.contains("which Windows clients follow"), "the leaf has an AIA: " + detail);
    // without AIA no client can complete it
    Authority bare = pki.server("CN=localhost", intermediate, false);
    String noAia = check(rootAnchor(), bare.certificate()).objections().get(0).detail();
    assertTrue(noAia.contains("no client can complete the chain"), noAia);
  }

  @Test
  void aSignatureThatDoesNotVerifyBreaksTheChain() {
    CertificateCheck c =
        check(rootAnchor(), TestPki.tampered(leaf.certificate()), intermediate.certificate());
    assertEquals(List.of(Kind.BROKEN_CHAIN), kinds(c), c.objections().toString());
    assertTrue(
        c.objections()
            .get(0)
            .detail()
            .startsWith(
                "the signature of CN=localhost does not verify with the key of CN=Test Issuing"
                    + " CA,O=rdp-probe tests, sent by the server"),
        c.objections().get(0).detail());
    // an intermediate that is not the one the client trusts by that name
    Authority impostor = pki.root("CN=Test Root CA,O=rdp-probe tests");
    Authority other = pki.intermediate("CN=Test Issuing CA,O=rdp-probe tests", impostor, null);
    CertificateCheck forged =
        check(
            rootAnchor(),
            pki.server("CN=localhost", other, false).certificate(),
            other.certificate());
    assertEquals(List.of(Kind.BROKEN_CHAIN), kinds(forged), forged.objections().toString());
    assertTrue(forged.objections().get(0).detail().contains("a trusted authority"));
  }

  @Test
  void certificatesOutOfOrderAreNamed() {
    CertificateCheck c =
        check(rootAnchor(), leaf.certificate(), root.certificate(), intermediate.certificate());
    assertEquals(List.of(Kind.BROKEN_CHAIN), kinds(c), c.objections().toString());
    assertTrue(
        c.objections()
            .get(0)
            .detail()
            .startsWith("the certificates are sent out of order (path: certificates [0, 2]"));
  }

  @Test
  void anIssuerThatIsNotACaBreaksTheChain() {
    Authority notCa = pki.notACa("CN=Not a CA", root);
    Authority below = pki.server("CN=localhost", notCa, false);
    CertificateCheck c = check(rootAnchor(), below.certificate(), notCa.certificate());
    assertEquals(List.of(Kind.BROKEN_CHAIN), kinds(c), c.objections().toString());
    assertTrue(c.objections().get(0).detail().contains("is not a CA certificate"));
  }

  @Test
  void aPathLongerThanTheIssuerAllowsBreaksTheChain() {
    // intermediate allows no CA below it; a second intermediate under it issues the leaf
    Authority second = pki.intermediate("CN=Second CA", intermediate, null);
    Authority deep = pki.server("CN=localhost", second, false);
    CertificateCheck c =
        check(rootAnchor(), deep.certificate(), second.certificate(), intermediate.certificate());
    assertEquals(List.of(Kind.BROKEN_CHAIN), kinds(c), c.objections().toString());
    assertTrue(c.objections().get(0).detail().contains("pathLenConstraint"));
  }

  @Test
  void anExpiredLeafAndAnExpiredIntermediateAreBothNamed() {
    Authority old =
        pki.server(
            "CN=localhost",
            intermediate,
            false,
            NOW.minus(Duration.ofDays(400)),
            NOW.minus(Duration.ofDays(30)));
    CertificateCheck c = check(rootAnchor(), old.certificate(), intermediate.certificate());
    assertEquals(List.of(Kind.EXPIRED), kinds(c), c.objections().toString());
    // checked a decade later, the intermediate (5 years) has expired too, the root (10) not
    CertificateCheck later =
        CertificateCheck.of(
            TestPki.facts(leaf.certificate(), intermediate.certificate()),
            NOW.plus(Duration.ofDays(6 * 365)),
            "localhost",
            rootAnchor());
    assertEquals(List.of(Kind.EXPIRED, Kind.EXPIRED), kinds(later), later.objections().toString());
    assertTrue(
        later
            .objections()
            .get(1)
            .detail()
            .startsWith("CN=Test Issuing CA,O=rdp-probe tests: expired"),
        later.objections().get(1).detail());
  }

  @Test
  void aSelfSignedCertificateTheClientTrustsIsAccepted() {
    ServerIdentity self =
        CertificateMaker.builder().subject("CN=localhost").dnsNames("localhost").make(NOW);
    List<CertificateFacts> chain = self.facts();
    assertEquals(
        List.of(Kind.SELF_SIGNED),
        kinds(CertificateCheck.of(chain, NOW, "localhost", TrustAnchors.jdkDefault())));
    CertificateCheck pinned =
        CertificateCheck.of(chain, NOW, "localhost", TrustAnchors.of("pinned", self.chain()));
    assertTrue(pinned.acceptable(), pinned.objections().toString());
  }

  @Test
  void withoutATrustStoreOnlyTheStructureIsChecked() {
    assertTrue(
        check(TrustAnchors.none(), leaf.certificate(), intermediate.certificate()).acceptable());
    assertEquals(
        List.of(Kind.BROKEN_CHAIN),
        kinds(
            check(
                TrustAnchors.none(),
                TestPki.tampered(leaf.certificate()),
                intermediate.certificate())));
    assertFalse(TrustAnchors.none().judgesTrust());
  }

  @Test
  void theJdkTrustStoreIsLoaded() {
    TrustAnchors jdk = TrustAnchors.jdkDefault();
    assertTrue(jdk.judgesTrust(), jdk.description());
    assertTrue(jdk.size() > 10, jdk.description());
    assertTrue(jdk.description().startsWith("the JDK's trust store ("), jdk.description());
  }

  @Test
  void everyKindSaysWhatClientsDo() {
    for (Kind k : Kind.values()) {
      assertFalse(k.clients().isEmpty(), k.name());
    }
    assertTrue(Kind.UNTRUSTED_ISSUER.clients().contains("/cert:deny"));
    assertTrue(Kind.BROKEN_CHAIN.clients().contains("mstsc warns"));
  }
}
