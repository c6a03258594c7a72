package dev.rdpprobe.license;

import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.encode;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.license.LicensingException.Reason;
import dev.rdpprobe.tls.CertificateMaker;
import dev.rdpprobe.tls.ServerIdentity;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.RsaPublicKey;
import dev.rdpprobe.wire.gcc.ServerCertificate;
import dev.rdpprobe.wire.license.LicenseBinaryBlob;
import dev.rdpprobe.wire.license.LicensePdu;
import dev.rdpprobe.wire.license.NewLicenseRequest;
import dev.rdpprobe.wire.license.ProductInfo;
import dev.rdpprobe.wire.license.ServerLicenseRequest;
import dev.rdpprobe.wire.mcs.SendDataFrame;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.junit.jupiter.api.Test;

/** The probe's answer to a Server License Request, and RDP's RSA. */
class ClientLicensingTest {

  private static ServerLicenseRequest xrdpRequest() {
    SendDataFrame<LicensePdu> frame =
        decodeAll(LicensePdu::decodeFramed, testdata("mcs/xrdp-license-request.hex"));
    return assertInstanceOf(ServerLicenseRequest.class, frame.pdu().message());
  }

  private static KeyPair rsaKeyPair(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits, new SecureRandom());
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] reversed(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }

  /** The server's side: little-endian ciphertext, m = c^d mod n, written little-endian. */
  private static byte[] decrypt(byte[] littleEndian, BigInteger d, BigInteger n, int length) {
    BigInteger m = new BigInteger(1, reversed(littleEndian)).modPow(d, n);
    byte[] be = m.toByteArray();
    byte[] out = new byte[length];
    for (int i = 0; i < length && i < be.length; i++) {
      out[i] = be[be.length - 1 - i];
    }
    return out;
  }

  /** A proprietary certificate (CERT_CHAIN_VERSION_1) for this key; the signature is zeros. */
  private static ServerCertificate proprietary(RSAPublicKey key) {
    return ServerCertificate.proprietary(
        RsaPublicKey.of(key.getModulus(), key.getPublicExponent()));
  }

  private static void writeLe(ByteArrayOutputStream out, int v, int n) {
    for (int i = 0; i < n; i++) {
      out.write(v >>> (8 * i));
    }
  }

  private static ServerLicenseRequest requestWith(ServerCertificate certificate) {
    return ServerLicenseRequest.of(
        new ServerLicenseRequest.Contents(
            Octets.of(new byte[32]),
            new ProductInfo(0x00040000, "Microsoft Corporation", "236"),
            new LicenseBinaryBlob(
                LicenseBinaryBlob.BB_KEY_EXCHG_ALG_BLOB, Octets.fromHex("01000000")),
            certificate,
            List.of("microsoft.com")));
  }

  @Test
  void rdpRsaDecryptsWithThePrivateKey() {
    for (int bits : new int[] {512, 1024, 2048}) {
      KeyPair pair = rsaKeyPair(bits);
      RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
      RSAPrivateKey priv = (RSAPrivateKey) pair.getPrivate();
      RsaPublicKey key = RsaPublicKey.of(pub.getModulus(), pub.getPublicExponent());
      byte[] secret = new byte[48];
      new SecureRandom().nextBytes(secret);
      byte[] c = RdpRsa.encrypt(key, secret);
      assertEquals(bits / 8, c.length);
      assertArrayEquals(
          secret,
          Arrays.copyOf(decrypt(c, priv.getPrivateExponent(), pub.getModulus(), bits / 8), 48),
          bits + "-bit key");
      Octets field = RdpRsa.encryptWithPadding(key, secret);
      assertEquals(bits / 8 + 8, field.length());
      for (int i = bits / 8; i < field.length(); i++) {
        assertEquals(0, field.get(i), "padding byte " + i);
      }
    }
  }

  @Test
  void rdpRsaIsLittleEndianTextbookRsa() {
    // n = 3233 = 61 * 53, e = 17: m = 65 encrypts to 2790 (0x0ae6), written e6 0a
    RsaPublicKey toy = RsaPublicKey.of(BigInteger.valueOf(3233), BigInteger.valueOf(17));
    assertArrayEquals(new byte[] {(byte) 0xe6, 0x0a}, RdpRsa.encrypt(toy, new byte[] {65}));
    // a small result is padded with zeros at its (little-endian) end
    assertArrayEquals(new byte[] {1, 0}, RdpRsa.encrypt(toy, new byte[] {1, 0}));
    assertThrows(
        IllegalArgumentException.class, () -> RdpRsa.encrypt(toy, new byte[] {(byte) 0xa1, 0x0c}));
  }

  @Test
  void answersXrdpsRealLicenseRequest() throws Exception {
    ServerLicenseRequest request = xrdpRequest();
    NewLicenseRequest answer =
        ClientLicensing.newLicenseRequest(request, "rdpprobe", "probe-host", new SecureRandom());
    assertEquals(NewLicenseRequest.KEY_EXCHANGE_ALG_RSA, answer.preferredKeyExchangeAlg());
    assertEquals(0x04010000, answer.platformId());
    assertEquals(32, answer.clientRandom().length());
    assertEquals(LicenseBinaryBlob.BB_RANDOM_BLOB, answer.encryptedPreMasterSecret().wBlobType());
    assertEquals(72, answer.encryptedPreMasterSecret().blobData().length(), "as xfreerdp sends");
    assertEquals("rdpprobe", answer.userName());
    assertEquals("probe-host", answer.machineName());

    LicensePdu pdu = ClientLicensing.answerPdu(answer);
    assertEquals("Client New License Request PDU", pdu.name());
    assertEquals(0x83, pdu.flags().bits());
    byte[] bytes = assertRoundTrip(pdu, LicensePdu::decode);
    assertEquals(8 + 4 + 4 + 32 + 4 + 72 + 4 + 9 + 4 + 11, bytes.length);
    assertEquals("80 00 00 00 13 83", dev.rdpprobe.wire.WireVectors.toHex(Arrays.copyOf(bytes, 6)));
    // in its Send Data Request from user 1007 on the I/O channel
    SendDataFrame<LicensePdu> frame = SendDataFrame.request(1007, 1003, pdu);
    assertRoundTrip(frame, LicensePdu::decodeFramed);
    assertEquals(bytes.length + 4 + 3 + 8, encode(frame).length);
  }

  @Test
  void thePremasterSecretDecryptsWithTheServersKey() throws Exception {
    KeyPair pair = rsaKeyPair(2048);
    RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
    ServerLicenseRequest request = requestWith(proprietary(pub));
    // a seeded generator: the client random comes first, then the premaster secret
    NewLicenseRequest answer =
        ClientLicensing.newLicenseRequest(request, "u", "m", new SplittableRandom(7));
    SplittableRandom same = new SplittableRandom(7);
    byte[] clientRandom = new byte[32];
    same.nextBytes(clientRandom);
    byte[] premaster = new byte[48];
    same.nextBytes(premaster);
    assertEquals(Octets.of(clientRandom), answer.clientRandom());
    byte[] field = answer.encryptedPreMasterSecret().blobData().toByteArray();
    assertEquals(256 + 8, field.length);
    byte[] m =
        decrypt(
            Arrays.copyOf(field, 256),
            ((RSAPrivateKey) pair.getPrivate()).getPrivateExponent(),
            pub.getModulus(),
            256);
    assertArrayEquals(premaster, Arrays.copyOf(m, 48));
    for (int i = 48; i < 256; i++) {
      assertEquals(0, m[i], "the premaster secret is 48 bytes");
    }
    // two answers differ in their randoms
    NewLicenseRequest other =
        ClientLicensing.newLicenseRequest(request, "u", "m", new SecureRandom());
    assertNotEquals(answer.clientRandom(), other.clientRandom());
    // nothing shown carries the secret or the random
    String shown = answer + " " + ClientLicensing.answerPdu(answer).summary();
    assertFalse(shown.contains(answer.clientRandom().toHex().substring(0, 12)), shown);
    assertFalse(
        shown.contains(answer.encryptedPreMasterSecret().blobData().toHex().substring(0, 12)),
        shown);
  }

  @Test
  void answersWithTheKeyOfAnX509Chain() throws Exception {
    ServerIdentity identity =
        CertificateMaker.builder().rsa(2048).issuedByNewCa("CN=Example CA").make(Instant.now());
    ByteArrayOutputStream chain = new ByteArrayOutputStream();
    writeLe(chain, 2, 4);
    writeLe(chain, 2, 4);
    for (int i : new int[] {1, 0}) { // the CA first, the leaf last
      byte[] der = identity.chain().get(i).getEncoded();
      writeLe(chain, der.length, 4);
      chain.writeBytes(der);
    }
    chain.writeBytes(new byte[8 + 4 * 2]);
    ServerLicenseRequest request =
        requestWith(new ServerCertificate(Octets.of(chain.toByteArray())));
    NewLicenseRequest answer =
        ClientLicensing.newLicenseRequest(request, "u", "m", new SplittableRandom(1));
    RSAKeyParameters priv = (RSAKeyParameters) identity.privateKey();
    SplittableRandom same = new SplittableRandom(1);
    same.nextBytes(new byte[32]);
    byte[] premaster = new byte[48];
    same.nextBytes(premaster);
    byte[] field = answer.encryptedPreMasterSecret().blobData().toByteArray();
    assertArrayEquals(
        premaster,
        Arrays.copyOf(
            decrypt(Arrays.copyOf(field, 256), priv.getExponent(), priv.getModulus(), 256), 48));
  }

  @Test
  void noKeyNoAnswer() throws Exception {
    // an empty ServerCertificate, as under TLS
    ServerLicenseRequest tls = requestWith(new ServerCertificate(Octets.EMPTY));
    LicensingException e =
        assertThrows(
            LicensingException.class,
            () -> ClientLicensing.newLicenseRequest(tls, "u", "m", new SecureRandom()));
    assertEquals(Reason.NO_SERVER_CERTIFICATE, e.reason());
    // ... unless Server Security Data carried one
    ServerCertificate xrdp = xrdpRequest().serverCertificate();
    RsaPublicKey key = ClientLicensing.serverKey(tls, xrdp);
    assertEquals(512, key.keyBits());
    e =
        assertThrows(
            LicensingException.class,
            () ->
                ClientLicensing.newLicenseRequest(
                    tls, new ServerCertificate(Octets.EMPTY), "u", "m", new SecureRandom()));
    assertEquals(Reason.NO_SERVER_CERTIFICATE, e.reason());

    ServerLicenseRequest unknown = requestWith(new ServerCertificate(Octets.fromHex("03000000")));
    e =
        assertThrows(
            LicensingException.class,
            () -> ClientLicensing.newLicenseRequest(unknown, "u", "m", new SecureRandom()));
    assertEquals(Reason.UNSUPPORTED_CERTIFICATE, e.reason());
    assertTrue(e.getMessage().contains("unknown (0x03)"), e.getMessage());

    ServerIdentity ec = CertificateMaker.builder().ec("secp256r1").make(Instant.now());
    byte[] der = ec.leaf().getEncoded();
    ByteArrayOutputStream chain = new ByteArrayOutputStream();
    writeLe(chain, 2, 4);
    writeLe(chain, 1, 4);
    writeLe(chain, der.length, 4);
    chain.writeBytes(der);
    ServerLicenseRequest ecRequest =
        requestWith(new ServerCertificate(Octets.of(chain.toByteArray())));
    e =
        assertThrows(
            LicensingException.class,
            () -> ClientLicensing.newLicenseRequest(ecRequest, "u", "m", new SecureRandom()));
    assertEquals(Reason.UNSUPPORTED_CERTIFICATE, e.reason());

    ServerLicenseRequest small =
        requestWith(proprietary((RSAPublicKey) rsaKeyPair(512).getPublic()));
    assertEquals(
        64 + 8,
        ClientLicensing.newLicenseRequest(small, "u", "m", new SecureRandom())
            .encryptedPreMasterSecret()
            .blobData()
            .length(),
        "a 512-bit key is enough");
    ServerLicenseRequest tiny =
        requestWith(
            proprietary(
                new ToyKey(BigInteger.ONE.shiftLeft(383).add(BigInteger.valueOf(0x1b)), 3)));
    e =
        assertThrows(
            LicensingException.class,
            () -> ClientLicensing.newLicenseRequest(tiny, "u", "m", new SecureRandom()));
    assertEquals(Reason.KEY_TOO_SMALL, e.reason());
  }

  @Test
  void malformedRequestsAreNotAnswered() throws Exception {
    String body = xrdpRequest().body().toHex();
    ServerLicenseRequest cut = new ServerLicenseRequest(Octets.fromHex(body.substring(0, 200)));
    LicensingException e =
        assertThrows(
            LicensingException.class,
            () -> ClientLicensing.newLicenseRequest(cut, "u", "m", new SecureRandom()));
    assertEquals(Reason.MALFORMED_REQUEST, e.reason());
    assertInstanceOf(DecodeException.class, e.getCause());
    // the certificate's magic is not RSA1 (the magic starts at byte 16 of the certificate)
    int magic = 2 * (108 + 16);
    ServerLicenseRequest badKey =
        new ServerLicenseRequest(
            Octets.fromHex(body.substring(0, magic) + "00000000" + body.substring(magic + 8)));
    e =
        assertThrows(
            LicensingException.class,
            () -> ClientLicensing.newLicenseRequest(badKey, "u", "m", new SecureRandom()));
    assertEquals(Reason.MALFORMED_REQUEST, e.reason());
    assertEquals(16, ((DecodeException) e.getCause()).offset());
    assertThrows(
        IllegalArgumentException.class,
        () -> ClientLicensing.newLicenseRequest(xrdpRequest(), "\u20ac", "m", new SecureRandom()));
  }

  /** An RSA public key of any modulus, for a certificate the generators would not make. */
  private record ToyKey(BigInteger modulus, int exponent) implements RSAPublicKey {
    @Override
    public BigInteger getModulus() {
      return modulus;
    }

    @Override
    public BigInteger getPublicExponent() {
      return BigInteger.valueOf(exponent);
    }

    @Override
    public String getAlgorithm() {
      return "RSA";
    }

    @Override
    public String getFormat() {
      return null;
    }

    @Override
    public byte[] getEncoded() {
      return null;
    }
  }
}
