package dev.rdpprobe.wire.gcc;

import static dev.rdpprobe.wire.WireVectors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.tls.CertificateMaker;
import dev.rdpprobe.tls.ServerIdentity;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerCertificate#rsaPublicKey()} on xrdp's proprietary certificate and on X.509 chains.
 */
class ServerCertificateTest {
  /**
   * The proprietary certificate of xrdp's Server License Request
   * (testdata/mcs/xrdp-license-request.hex, the ServerCertificate blob's 184 bytes): a 512-bit RSA
   * key.
   */
  static final String XRDP_CERTIFICATE =
      "01000000 01000000 01000000 0600 5c00 52534131 48000000 00020000 3f000000 01000100"
          + " 01c7c9f78e5a38e429c300952ddd4c3e50450b0d9e2a5d186364c42cf78f29d53fc5352234ffad3ae6e39506"
          + "ae5582e3c8c7b4a847c85071742953896d9ced70 0000000000000000"
          + " 0800 4800 a8f431b9ab4be6b4f43989d6b1daf61eecb1f0543b5e3e6a71b4f775c8162f2400dee982995f33"
          + "0ba9a694afcb11c3f2db0942682956580156db590369db7d37 0000000000000000";

  static final BigInteger XRDP_MODULUS =
      new BigInteger(
          "70ed9c6d895329747150c847a8b4c7c8e38255ae0695e3e63aadff342235c53fd5298ff72cc46463185d2a9e0d0b"
              + "45503e4cdd2d9500c329e4385a8ef7c9c701",
          16);

  private static ServerCertificate cert(String hex) {
    return new ServerCertificate(Octets.fromHex(hex));
  }

  private static DecodeException fails(String hex) {
    return assertThrows(DecodeException.class, () -> cert(hex).rsaPublicKey());
  }

  /** A CERT_CHAIN_VERSION_2 chain of these DER certificates, root first, with its padding. */
  static Octets chain(int dwVersion, List<byte[]> ders) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(le32(dwVersion));
    out.writeBytes(le32(ders.size()));
    for (byte[] der : ders) {
      out.writeBytes(le32(der.length));
      out.writeBytes(der);
    }
    out.writeBytes(new byte[8 + 4 * ders.size()]);
    return Octets.of(out.toByteArray());
  }

  static byte[] le32(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }

  static byte[] der(X509CertificateHolder holder) {
    try {
      return holder.getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The chain of {@code identity} as RDP sends it: the CA first, the server's leaf last. */
  static ServerCertificate rdpChain(ServerIdentity identity) {
    List<X509CertificateHolder> chain = identity.chain();
    return new ServerCertificate(
        chain(
            ServerCertificate.CERT_CHAIN_VERSION_2 | ServerCertificate.TEMPORARY,
            chain.size() == 1
                ? List.of(der(chain.get(0)))
                : List.of(der(chain.get(1)), der(chain.get(0)))));
  }

  @Test
  void xrdpProprietaryCertificateHoldsA512BitKey() {
    RsaPublicKey key = cert(XRDP_CERTIFICATE).rsaPublicKey().orElseThrow();
    assertEquals(512, key.keyBits());
    assertEquals(64, key.modulusLength());
    assertEquals(BigInteger.valueOf(65537), key.publicExponent());
    assertEquals(XRDP_MODULUS, key.modulus());
    assertEquals(511, key.modulus().bitLength(), "the top bit of xrdp's modulus is 0");
    assertTrue(key.toString().startsWith("RSA 512 bits, e=65537, n=0x70ed9c6d"));
  }

  @Test
  void x509ChainGivesTheLeafsKey() {
    ServerIdentity identity =
        CertificateMaker.builder()
            .subject("CN=rdp.example.test")
            .rsa(2048)
            .issuedByNewCa("CN=Example CA")
            .make(Instant.parse("2026-01-01T00:00:00Z"));
    ServerCertificate cert = rdpChain(identity);
    assertEquals(
        "CERT_CHAIN_VERSION_2 (temporary), " + cert.bytes().length() + " bytes", cert.toString());
    RsaPublicKey key = cert.rsaPublicKey().orElseThrow();
    RSAKeyParameters priv = (RSAKeyParameters) identity.privateKey();
    assertEquals(priv.getModulus(), key.modulus());
    assertEquals(2048, key.keyBits());
    assertEquals(256, key.modulusLength());
    assertEquals(BigInteger.valueOf(65537), key.publicExponent());
  }

  @Test
  void aChainOfOne() {
    ServerIdentity identity = CertificateMaker.builder().rsa(1024).make(Instant.now());
    assertEquals(1024, rdpChain(identity).rsaPublicKey().orElseThrow().keyBits());
  }

  @Test
  void noKeyToRead() {
    assertEquals(Optional.empty(), new ServerCertificate(Octets.EMPTY).rsaPublicKey());
    assertEquals(Optional.empty(), cert("03 00 00 00 01 02 03").rsaPublicKey());
    ServerIdentity ec = CertificateMaker.builder().ec("secp256r1").make(Instant.now());
    assertEquals(Optional.empty(), rdpChain(ec).rsaPublicKey(), "an EC leaf");
  }

  @Test
  void malformedProprietaryCertificates() {
    assertError(fails("01 00"), Kind.NOT_ENOUGH_BYTES, ServerCertificate.NAME, "dwVersion", 0);
    assertError(
        fails("01000000 01000000"),
        Kind.NOT_ENOUGH_BYTES,
        ServerCertificate.PROPRIETARY,
        "dwSigAlgId",
        4);
    assertError(
        fails(
            XRDP_CERTIFICATE.replaceFirst(
                "01000000 01000000 01000000", "01000000 02000000 01000000")),
        Kind.INVALID_FIELD,
        ServerCertificate.PROPRIETARY,
        "dwSigAlgId",
        4);
    assertError(
        fails(
            XRDP_CERTIFICATE.replaceFirst(
                "01000000 01000000 01000000", "01000000 01000000 02000000")),
        Kind.INVALID_FIELD,
        ServerCertificate.PROPRIETARY,
        "dwKeyAlgId",
        8);
    assertError(
        fails(XRDP_CERTIFICATE.replace("0600 5c00", "0700 5c00")),
        Kind.INVALID_FIELD,
        ServerCertificate.PROPRIETARY,
        "wPublicKeyBlobType",
        12);
    assertError(
        fails(XRDP_CERTIFICATE.replace("0600 5c00", "0600 ff00")),
        Kind.NOT_ENOUGH_BYTES,
        ServerCertificate.RSA_PUBLIC_KEY,
        "body",
        16);
    assertError(
        fails(XRDP_CERTIFICATE.replace("52534131", "52534132")),
        Kind.INVALID_FIELD,
        ServerCertificate.RSA_PUBLIC_KEY,
        "magic",
        16);
    // keylen 0x4000 for a 512-bit key
    assertError(
        fails(XRDP_CERTIFICATE.replace("48000000 00020000", "00400000 00020000")),
        Kind.INVALID_FIELD,
        ServerCertificate.RSA_PUBLIC_KEY,
        "keylen",
        20);
    // bitlen 0xffffffff: keylen would not fit in 32 bits
    assertError(
        fails(XRDP_CERTIFICATE.replace("48000000 00020000", "48000000 ffffffff")),
        Kind.INVALID_FIELD,
        ServerCertificate.RSA_PUBLIC_KEY,
        "keylen",
        20);
    // a 1024-bit key in a 92-byte blob
    assertError(
        fails(XRDP_CERTIFICATE.replace("48000000 00020000", "88000000 00040000")),
        Kind.NOT_ENOUGH_BYTES,
        ServerCertificate.RSA_PUBLIC_KEY,
        "modulus",
        36);
    // the padding is not zero: the modulus has more bits than bitlen
    assertError(
        fails(XRDP_CERTIFICATE.replace("9ced70 0000000000000000", "9ced70 0000000000000001")),
        Kind.INVALID_FIELD,
        ServerCertificate.RSA_PUBLIC_KEY,
        "modulus",
        36);
    assertError(
        fails(XRDP_CERTIFICATE.replace("3f000000 01000100", "3f000000 00000000")),
        Kind.INVALID_FIELD,
        ServerCertificate.RSA_PUBLIC_KEY,
        "pubExp",
        32);
    assertError(
        fails(XRDP_CERTIFICATE.replace("0800 4800", "0900 4800")),
        Kind.INVALID_FIELD,
        ServerCertificate.PROPRIETARY,
        "wSignatureBlobType",
        108);
    assertError(
        fails(XRDP_CERTIFICATE.replace("0800 4800", "0800 4900")),
        Kind.NOT_ENOUGH_BYTES,
        ServerCertificate.PROPRIETARY,
        "SignatureBlob",
        112);
    // cut after the public key
    assertError(
        fails(XRDP_CERTIFICATE.substring(0, XRDP_CERTIFICATE.indexOf(" 0800 4800"))),
        Kind.NOT_ENOUGH_BYTES,
        ServerCertificate.PROPRIETARY,
        "wSignatureBlobType",
        108);
  }

  @Test
  void malformedChains() {
    assertError(
        fails("02000000"), Kind.NOT_ENOUGH_BYTES, ServerCertificate.X509_CHAIN, "NumCertBlobs", 4);
    assertError(
        fails("02000000 00000000"),
        Kind.INVALID_FIELD,
        ServerCertificate.X509_CHAIN,
        "NumCertBlobs",
        4);
    assertError(
        fails("02000000 ffffffff 00000000"),
        Kind.INVALID_FIELD,
        ServerCertificate.X509_CHAIN,
        "NumCertBlobs",
        4);
    assertError(
        fails("02000000 01000000 05000000 0102"),
        Kind.INVALID_FIELD,
        ServerCertificate.X509_CHAIN,
        "cbCert",
        8);
    assertError(
        fails("02000000 02000000 01000000 30"),
        Kind.NOT_ENOUGH_BYTES,
        ServerCertificate.X509_CHAIN,
        "cbCert",
        13);
    assertError(
        fails("02000000 01000000 04000000 30020500"),
        Kind.INVALID_FIELD,
        ServerCertificate.X509_CHAIN,
        "abCert",
        12);
    // a whole certificate, then a byte more inside cbCert
    byte[] der = der(CertificateMaker.builder().rsa(1024).make(Instant.now()).leaf());
    byte[] longer = java.util.Arrays.copyOf(der, der.length + 1);
    DecodeException e =
        assertThrows(
            DecodeException.class,
            () ->
                new ServerCertificate(
                        chain(ServerCertificate.CERT_CHAIN_VERSION_2, List.of(longer)))
                    .rsaPublicKey());
    assertError(e, Kind.INVALID_FIELD, ServerCertificate.X509_CHAIN, "abCert", 12);
  }
}
