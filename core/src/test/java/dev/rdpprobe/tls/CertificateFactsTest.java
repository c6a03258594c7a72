package dev.rdpprobe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.junit.jupiter.api.Test;

/** Certificates made by CertificateMaker, read back by CertificateFacts. */
class CertificateFactsTest {
  private static final Instant NOW = TestIdentities.NOW;
  private static final SecureRandom RANDOM = new SecureRandom();

  private static CertificateMaker.Builder ec() {
    return CertificateMaker.builder().ec("secp256r1").random(RANDOM);
  }

  private static List<CertificateObjection.Kind> kinds(List<CertificateObjection> objections) {
    return objections.stream().map(CertificateObjection::kind).toList();
  }

  @Test
  void aSelfSignedRsaCertificate() throws Exception {
    ServerIdentity id =
        CertificateMaker.builder()
            .subject("CN=rdp.example.test,O=Example,C=DE")
            .dnsNames("rdp.example.test", "*.rdp.example.test")
            .ipAddresses("192.0.2.7", "2001:db8::7")
            .validity(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"))
            .rsa(2048)
            .random(RANDOM)
            .make(TestIdentities.NOW);
    assertEquals(1, id.chain().size());
    byte[] der = ServerIdentity.der(id.leaf());
    CertificateFacts f = CertificateFacts.parse(der);
    assertEquals("CN=rdp.example.test,O=Example,C=DE", f.subject());
    assertEquals(f.subject(), f.issuer());
    assertEquals(id.leaf().getSerialNumber().toString(16), f.serialNumber());
    assertEquals(16, f.serialNumber().length(), "a positive 64-bit serial");
    assertEquals(Instant.parse("2025-01-01T00:00:00Z"), f.notBefore());
    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), f.notAfter());
    assertTrue(f.selfSigned());
    assertEquals("RSA", f.keyAlgorithm());
    assertEquals(2048, f.keyBits());
    assertEquals("", f.keyCurve());
    assertEquals("SHA256withRSA", f.signatureAlgorithm());
    assertEquals("rdp.example.test", f.commonName());
    assertEquals(List.of("rdp.example.test", "*.rdp.example.test"), f.dnsNames());
    assertEquals(List.of("192.0.2.7", "2001:db8:0:0:0:0:0:7"), f.ipAddresses());
    assertEquals(
        Octets.of(MessageDigest.getInstance("SHA-256").digest(der)).toHex(), f.sha256Fingerprint());
    assertEquals(Octets.of(der), f.der());
    assertEquals(new CertificateValidity(CertificateValidity.Status.VALID, 213), f.validityAt(NOW));
    assertEquals(
        List.of(CertificateObjection.Kind.SELF_SIGNED),
        kinds(f.objections(NOW, "rdp.example.test")));
    assertEquals(
        "self-signed by CN=rdp.example.test,O=Example,C=DE: no trusted authority vouches for it",
        f.objections(NOW, null).get(0).detail());
  }

  @Test
  void hostNamesMatchTheSubjectAlternativeNames() {
    ServerIdentity id =
        ec().subject("CN=ignored.example.test")
            .dnsNames("rdp.example.test", "*.farm.example.test")
            .ipAddresses("192.0.2.7", "2001:db8::7")
            .make(NOW);
    CertificateFacts f = id.facts().get(0);
    assertTrue(f.matchesHost("rdp.example.test"));
    assertTrue(f.matchesHost("RDP.Example.Test."));
    assertTrue(f.matchesHost("node1.farm.example.test"));
    assertFalse(f.matchesHost("a.node1.farm.example.test"), "a wildcard is one label");
    assertFalse(f.matchesHost("farm.example.test"));
    assertFalse(f.matchesHost("ignored.example.test"), "no CN fallback when there are SANs");
    assertTrue(f.matchesHost("192.0.2.7"));
    assertTrue(f.matchesHost("2001:db8:0::7"));
    assertFalse(f.matchesHost("192.0.2.8"));
    List<CertificateObjection> o = f.objections(NOW, "other.example.test");
    assertEquals(
        List.of(
            CertificateObjection.Kind.SELF_SIGNED, CertificateObjection.Kind.HOST_NAME_MISMATCH),
        kinds(o));
    assertEquals(
        "host name other.example.test is not in the subject alternative names "
            + "[rdp.example.test, *.farm.example.test, 192.0.2.7, 2001:db8:0:0:0:0:0:7]",
        o.get(1).detail());
  }

  @Test
  void withoutSubjectAlternativeNamesTheCommonNameCounts() {
    CertificateFacts f = ec().subject("CN=WIN-SERVER01").make(NOW).facts().get(0);
    assertEquals(List.of(), f.dnsNames());
    assertTrue(f.matchesHost("win-server01"));
    assertEquals(
        "host name 10.0.0.5 is not in the CN WIN-SERVER01",
        f.objections(NOW, "10.0.0.5").get(1).detail());
  }

  @Test
  void anExpiredCertificate() {
    CertificateFacts f =
        ec().subject("CN=old.example.test")
            .dnsNames("old.example.test")
            .validity(NOW.minus(Duration.ofDays(395)), NOW.minus(Duration.ofDays(30)))
            .make(TestIdentities.NOW)
            .facts()
            .get(0);
    assertEquals(
        new CertificateValidity(CertificateValidity.Status.EXPIRED, 30), f.validityAt(NOW));
    assertEquals("expired 30 days ago", f.validityAt(NOW).describe());
    List<CertificateObjection> o = f.objections(NOW, "old.example.test");
    assertEquals(
        List.of(CertificateObjection.Kind.EXPIRED, CertificateObjection.Kind.SELF_SIGNED),
        kinds(o));
    assertEquals("expired 30 days ago (notAfter 2025-05-02T12:00:00Z)", o.get(0).detail());
  }

  @Test
  void aCertificateNotYetValid() {
    CertificateFacts f =
        ec().validity(NOW.plus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(400)))
            .make(TestIdentities.NOW)
            .facts()
            .get(0);
    assertEquals(
        new CertificateValidity(CertificateValidity.Status.NOT_YET_VALID, 10), f.validityAt(NOW));
    assertEquals(
        new CertificateValidity(CertificateValidity.Status.NOT_YET_VALID, 10),
        f.validityAt(NOW.plusSeconds(3600)),
        "9 days and 23 hours to go is still 'valid in 10 days'");
    assertEquals(
        "not valid for 10 more days (notBefore 2025-06-11T12:00:00Z)",
        f.objections(NOW, null).get(0).detail());
    assertEquals(CertificateObjection.Kind.NOT_YET_VALID, f.objections(NOW, null).get(0).kind());
  }

  @Test
  void aShortRsaKeyAndASha1Signature() {
    CertificateFacts f =
        CertificateMaker.builder()
            .rsa(1024)
            .signatureAlgorithm("SHA1withRSA")
            .random(RANDOM)
            .make(NOW)
            .facts()
            .get(0);
    assertEquals(1024, f.keyBits());
    assertEquals("SHA1withRSA", f.signatureAlgorithm());
    List<CertificateObjection> o = f.objections(NOW, null);
    assertEquals(
        List.of(
            CertificateObjection.Kind.SELF_SIGNED,
            CertificateObjection.Kind.WEAK_KEY,
            CertificateObjection.Kind.WEAK_SIGNATURE),
        kinds(o));
    assertEquals("RSA key of 1024 bits (at least 2048 expected)", o.get(1).detail());
    assertEquals("signed with SHA1withRSA", o.get(2).detail());
  }

  @Test
  void anEcKeyOnP384() {
    CertificateFacts f =
        CertificateMaker.builder()
            .ec("secp384r1")
            .signatureAlgorithm("SHA384withECDSA")
            .make(NOW)
            .facts()
            .get(0);
    assertEquals("EC", f.keyAlgorithm());
    assertEquals(384, f.keyBits());
    assertEquals("secp384r1", f.keyCurve());
    assertEquals("SHA384withECDSA", f.signatureAlgorithm());
    assertTrue(f.selfSigned());
  }

  @Test
  void aCertificateIssuedByANewCa() {
    ServerIdentity id =
        ec().subject("CN=rdp.example.test")
            .dnsNames("rdp.example.test")
            .issuedByNewCa("CN=rdp-probe Test CA,O=Example")
            .make(NOW);
    List<CertificateFacts> chain = id.facts();
    assertEquals(2, chain.size());
    CertificateFacts leaf = chain.get(0);
    CertificateFacts ca = chain.get(1);
    assertEquals("CN=rdp-probe Test CA,O=Example", leaf.issuer());
    assertFalse(leaf.selfSigned());
    assertEquals("EC", leaf.keyAlgorithm());
    assertEquals("SHA256withRSA", leaf.signatureAlgorithm(), "signed by the CA's RSA key");
    assertTrue(ca.selfSigned());
    assertEquals(2048, ca.keyBits());
    assertEquals(List.of(), leaf.objections(NOW, "rdp.example.test"));
    TlsSessionFacts facts =
        new TlsSessionFacts(
            TlsVersion.TLS_1_3,
            "TLS_AES_128_GCM_SHA256",
            chain,
            "",
            true,
            "rdp.example.test",
            false,
            true);
    assertEquals(List.of(), facts.objections(NOW, "rdp.example.test"));
    Instant later = ca.notAfter().plus(Duration.ofDays(1));
    long leafDays = Duration.between(leaf.notAfter(), later).toDays();
    assertEquals(
        List.of(
            new CertificateObjection(
                CertificateObjection.Kind.EXPIRED,
                "expired " + leafDays + " days ago (notAfter " + leaf.notAfter() + ")"),
            new CertificateObjection(
                CertificateObjection.Kind.EXPIRED,
                "CN=rdp-probe Test CA,O=Example: expired 1 day ago (notAfter "
                    + ca.notAfter()
                    + ")")),
        facts.objections(later, "rdp.example.test"),
        "the root's self-signature is no objection; its expiry is");
  }

  @Test
  void issuerEqualToSubjectIsNotSelfSignedUnlessItsOwnKeySigned() {
    CertificateFacts f = ec().subject("CN=Twin").issuedByNewCa("CN=Twin").make(NOW).facts().get(0);
    assertEquals(f.subject(), f.issuer());
    assertFalse(f.selfSigned(), "the CA's key signed it, not its own");
  }

  @Test
  void pemRoundTrip() {
    ServerIdentity id = TestIdentities.rsa();
    String certs = id.certificatePem();
    String key = id.privateKeyPem();
    assertTrue(certs.startsWith("-----BEGIN CERTIFICATE-----\n"), certs);
    assertTrue(key.startsWith("-----BEGIN PRIVATE KEY-----\n"), "PKCS#8, which xrdp reads");
    ServerIdentity back = ServerIdentity.fromPem(certs, key);
    assertEquals(id.chain(), back.chain());
    assertEquals(
        ((RSAPrivateCrtKeyParameters) id.privateKey()).getModulus(),
        ((RSAPrivateCrtKeyParameters) back.privateKey()).getModulus());
    assertFalse(
        id.toString()
            .contains(((RSAPrivateCrtKeyParameters) id.privateKey()).getExponent().toString(16)));
    assertEquals(
        "ServerIdentity[chain=[CN=rdp.example.test], privateKey=RSA (redacted)]", id.toString());
    assertThrows(IllegalArgumentException.class, () -> ServerIdentity.fromPem(key, key));
  }

  @Test
  void garbageIsADecodeException() {
    DecodeException e =
        assertThrows(
            DecodeException.class, () -> CertificateFacts.parse(new byte[] {0x30, 0x03, 1, 2, 3}));
    assertEquals(DecodeException.Kind.INVALID_FIELD, e.kind());
    assertEquals(CertificateFacts.NAME, e.pdu());
    byte[] der = ServerIdentity.der(TestIdentities.rsa().leaf());
    byte[] trailing = java.util.Arrays.copyOf(der, der.length + 1);
    assertThrows(DecodeException.class, () -> CertificateFacts.parse(trailing));
  }

  @Test
  void theMakerRefusesBadSettingsAtOnce() {
    assertThrows(IllegalArgumentException.class, () -> CertificateMaker.builder().rsa(256));
    assertThrows(
        IllegalArgumentException.class, () -> CertificateMaker.builder().ec("brainpoolP256r1"));
    assertThrows(
        IllegalArgumentException.class, () -> CertificateMaker.builder().ipAddresses("host"));
    assertThrows(
        IllegalArgumentException.class,
        () -> CertificateMaker.builder().signatureAlgorithm("SHA256withNothing"));
    assertThrows(
        IllegalArgumentException.class,
        () -> CertificateMaker.builder().validity(NOW, NOW.minusSeconds(1)));
  }

  /** Validity times read without java.text agree with Bouncy Castle's reading of the same. */
  @Test
  void validityTimesAsBouncyCastleReadsThem() {
    for (String utc :
        List.of(
            "491231235959Z", "500101000000Z", "991231235959Z", "000229120000Z", "270306010203Z")) {
      Time t = new Time(new ASN1UTCTime(utc));
      assertEquals(t.getDate().toInstant(), CertificateFacts.instant(t), utc);
    }
    for (String gen : List.of("20500101000000Z", "19991231235959Z", "21060207062815Z")) {
      Time t = new Time(new ASN1GeneralizedTime(gen));
      assertEquals(t.getDate().toInstant(), CertificateFacts.instant(t), gen);
    }
    assertEquals(
        Instant.parse("2049-12-31T23:59:59Z"),
        CertificateFacts.instant(new Time(new ASN1UTCTime("491231235959Z"))));
    assertEquals(
        Instant.parse("1950-01-01T00:00:00Z"),
        CertificateFacts.instant(new Time(new ASN1UTCTime("500101000000Z"))));
    // forms RFC 5280 does not allow still read, through Bouncy Castle: fractions, offsets
    Time fraction = new Time(new ASN1GeneralizedTime("20300101120000.5Z"));
    assertEquals(fraction.getDate().toInstant(), CertificateFacts.instant(fraction));
    Time offset = new Time(new ASN1UTCTime("3001011200+0100"));
    assertEquals(offset.getDate().toInstant(), CertificateFacts.instant(offset));
  }
}
