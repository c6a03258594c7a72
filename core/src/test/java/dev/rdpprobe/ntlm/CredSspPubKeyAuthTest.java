package dev.rdpprobe.ntlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.tls.CertificateMaker;
import dev.rdpprobe.tls.ServerIdentity;
import dev.rdpprobe.wire.Octets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** pubKeyAuth (MS-CSSP 3.1.5) between our client and our server, versions 2 to 6. */
class CredSspPubKeyAuthTest {

  static byte[] certificate;
  static byte[] subjectPublicKey;
  static final Octets NONCE =
      Octets.fromHex("0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a090807060504030201000");

  @BeforeAll
  static void makeCertificate() throws Exception {
    ServerIdentity id =
        CertificateMaker.builder()
            .subject("CN=rdphost")
            .dnsNames("rdphost")
            .rsa(2048)
            .random(new SecureRandom())
            .make(Instant.parse("2025-06-01T12:00:00Z"));
    certificate = id.leaf().getEncoded();
    subjectPublicKey = CredSspPubKeyAuth.subjectPublicKey(certificate);
  }

  @Test
  void subjectPublicKeyIsTheRsaPublicKeyNotTheSubjectPublicKeyInfo() throws Exception {
    ASN1Sequence rsa = ASN1Sequence.getInstance(subjectPublicKey);
    assertEquals(2, rsa.size(), "RSAPublicKey ::= SEQUENCE { modulus, publicExponent }");
    SubjectPublicKeyInfo info =
        SubjectPublicKeyInfo.getInstance(
            org.bouncycastle.cert.X509CertificateHolder.class
                .getConstructor(byte[].class)
                .newInstance((Object) certificate)
                .getSubjectPublicKeyInfo()
                .getEncoded());
    assertArrayEquals(info.getPublicKeyData().getBytes(), subjectPublicKey);
    assertThrows(
        IllegalArgumentException.class, () -> CredSspPubKeyAuth.subjectPublicKey(new byte[] {1}));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 5, 6})
  void bothEndsProveTheSamePublicKey(int version) {
    NtlmExchangeTest.Run r =
        NtlmExchangeTest.run(
            "alice", "CORP", NtlmExchangeTest.PASSWORD, NtlmClient.Options.windowsLike());
    NtlmServer.Accepted ok = assertInstanceOf(NtlmServer.Accepted.class, r.server());
    Octets nonce = version >= 5 ? NONCE : null;
    try (NtlmSession client = r.client().session();
        NtlmSession server = ok.session()) {
      Octets clientAuth =
          CredSspPubKeyAuth.clientPubKeyAuth(client, version, nonce, subjectPublicKey);
      CredSspPubKeyAuth.verifyClient(server, version, nonce, subjectPublicKey, clientAuth);
      Octets serverAuth =
          CredSspPubKeyAuth.serverPubKeyAuth(server, version, nonce, subjectPublicKey);
      CredSspPubKeyAuth.verifyServer(client, version, nonce, subjectPublicKey, serverAuth);
      int valueLength = version >= 5 ? 32 : subjectPublicKey.length;
      assertEquals(NtlmSession.SIGNATURE_LENGTH + valueLength, clientAuth.length());
      assertEquals(NtlmSession.SIGNATURE_LENGTH + valueLength, serverAuth.length());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 6})
  void anotherPublicKeyIsAManInTheMiddle(int version) {
    NtlmExchangeTest.Run r =
        NtlmExchangeTest.run(
            "alice", "CORP", NtlmExchangeTest.PASSWORD, NtlmClient.Options.windowsLike());
    NtlmServer.Accepted ok = assertInstanceOf(NtlmServer.Accepted.class, r.server());
    Octets nonce = version >= 5 ? NONCE : null;
    byte[] attackers = subjectPublicKey.clone();
    attackers[attackers.length - 1] ^= 1;
    Octets clientAuth =
        CredSspPubKeyAuth.clientPubKeyAuth(r.client().session(), version, nonce, attackers);
    NtlmException e =
        assertThrows(
            NtlmException.class,
            () ->
                CredSspPubKeyAuth.verifyClient(
                    ok.session(), version, nonce, subjectPublicKey, clientAuth));
    assertEquals(NtlmException.Kind.PUB_KEY_AUTH_MISMATCH, e.kind());
  }

  @Test
  void aServerAnsweringForAnotherVersionDoesNotVerify() {
    NtlmExchangeTest.Run r =
        NtlmExchangeTest.run(
            "alice", "CORP", NtlmExchangeTest.PASSWORD, NtlmClient.Options.windowsLike());
    NtlmServer.Accepted ok = assertInstanceOf(NtlmServer.Accepted.class, r.server());
    Octets serverAuth = CredSspPubKeyAuth.serverPubKeyAuth(ok.session(), 2, null, subjectPublicKey);
    NtlmException e =
        assertThrows(
            NtlmException.class,
            () ->
                CredSspPubKeyAuth.verifyServer(
                    r.client().session(), 6, NONCE, subjectPublicKey, serverAuth));
    assertEquals(NtlmException.Kind.PUB_KEY_AUTH_MISMATCH, e.kind());
  }

  @Test
  void theValuesAreTheSpecifiedOnes() throws Exception {
    byte[] spk = {(byte) 0xff, (byte) 0xff, 0x30, 0x01};
    assertArrayEquals(spk, CredSspPubKeyAuth.clientValue(4, null, spk));
    assertArrayEquals(
        new byte[] {0, 0, 0x31, 0x01},
        CredSspPubKeyAuth.serverValue(2, null, spk),
        "first octet plus one, carried little-endian");
    assertArrayEquals(
        new byte[] {0x31, 0x01}, CredSspPubKeyAuth.serverValue(3, null, new byte[] {0x30, 0x01}));
    MessageDigest sha = MessageDigest.getInstance("SHA-256"); // the JDK's, as an oracle
    sha.update("CredSSP Client-To-Server Binding Hash\0".getBytes(StandardCharsets.US_ASCII));
    sha.update(NONCE.toByteArray());
    sha.update(spk);
    assertArrayEquals(sha.digest(), CredSspPubKeyAuth.clientValue(5, NONCE, spk));
    sha.update("CredSSP Server-To-Client Binding Hash\0".getBytes(StandardCharsets.US_ASCII));
    sha.update(NONCE.toByteArray());
    sha.update(spk);
    assertArrayEquals(sha.digest(), CredSspPubKeyAuth.serverValue(6, NONCE, spk));
    assertEquals(
        38,
        "CredSSP Client-To-Server Binding Hash\0".length(),
        "MS-CSSP 2.2.1: the client-to-server binding hash magic");
    assertThrows(NullPointerException.class, () -> CredSspPubKeyAuth.clientValue(5, null, spk));
    assertEquals(2, CredSspPubKeyAuth.effectiveVersion(6, 2));
    assertEquals(6, CredSspPubKeyAuth.effectiveVersion(6, 0x60));
  }
}
