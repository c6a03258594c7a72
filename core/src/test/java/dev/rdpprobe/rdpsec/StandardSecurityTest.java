package dev.rdpprobe.rdpsec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.gcc.RsaPublicKey;
import dev.rdpprobe.wire.sec.AddressFamily;
import dev.rdpprobe.wire.sec.BasicSecurityHeader;
import dev.rdpprobe.wire.sec.ClientInfoPdu;
import dev.rdpprobe.wire.sec.FipsSecurityHeader;
import dev.rdpprobe.wire.sec.InfoPacket;
import dev.rdpprobe.wire.sec.NonFipsSecurityHeader;
import dev.rdpprobe.wire.sec.SecurityExchangePdu;
import dev.rdpprobe.wire.sec.SecurityFlags;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The per-connection context: what each level sends, and what it does with what it receives. */
class StandardSecurityTest {
  static final byte[] CLIENT_RANDOM = randomBytes(1);
  static final byte[] SERVER_RANDOM = randomBytes(2);

  static byte[] randomBytes(long seed) {
    byte[] b = new byte[32];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  static StandardSecurity side(Side side, EncryptionMethod method, EncryptionLevel level) {
    return StandardSecurity.create(
        side,
        method.toEncryptionMethods(),
        level,
        Octets.of(CLIENT_RANDOM),
        Octets.of(SERVER_RANDOM));
  }

  static Stream<Arguments> encryptingPairs() {
    return Stream.of(
        Arguments.of(EncryptionMethod.RC4_40, EncryptionLevel.LOW),
        Arguments.of(EncryptionMethod.RC4_40, EncryptionLevel.CLIENT_COMPATIBLE),
        Arguments.of(EncryptionMethod.RC4_56, EncryptionLevel.CLIENT_COMPATIBLE),
        Arguments.of(EncryptionMethod.RC4_128, EncryptionLevel.HIGH),
        Arguments.of(EncryptionMethod.RC4_128, EncryptionLevel.LOW),
        Arguments.of(EncryptionMethod.FIPS, EncryptionLevel.FIPS));
  }

  private static final Octets HELLO = Octets.of("hello, server".getBytes());

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("encryptingPairs")
  void whatEachSideSendsAndTheOtherReads(EncryptionMethod method, EncryptionLevel level) {
    StandardSecurity client = side(Side.CLIENT, method, level);
    StandardSecurity server = side(Side.SERVER, method, level);
    assertTrue(client.encryptsOutgoing(), "clients always encrypt above NONE");
    assertTrue(client.headerOnEveryPdu());
    boolean low = level.equals(EncryptionLevel.LOW);
    assertEquals(!low, server.encryptsOutgoing(), "servers send in the clear at LOW");
    assertEquals(!low, client.expectsEncryptedIncoming());
    assertTrue(server.expectsEncryptedIncoming());

    Octets up = client.protect(HELLO, SecurityFlags.SEC_INFO_PKT);
    Unprotected in = server.unprotect(up);
    assertEquals(HELLO, in.plaintext());
    assertEquals(MacCheck.VALID, in.mac());
    assertTrue(in.flags().has(SecurityFlags.SEC_INFO_PKT | SecurityFlags.SEC_ENCRYPT));
    Class<?> expectedHeader =
        method == EncryptionMethod.FIPS ? FipsSecurityHeader.class : NonFipsSecurityHeader.class;
    assertInstanceOf(expectedHeader, in.securityHeader());

    Octets down = server.protect(HELLO, 0);
    Unprotected out = client.unprotect(down);
    assertEquals(HELLO, out.plaintext());
    if (low) {
      assertEquals(4 + HELLO.length(), down.length(), "a Basic Security Header and the plaintext");
      assertEquals(MacCheck.NOT_SIGNED, out.mac());
      assertInstanceOf(BasicSecurityHeader.class, out.securityHeader());
      assertEquals(-1, out.encryptionCount());
      assertEquals(0, client.decryptedCount());
    } else {
      assertEquals(MacCheck.VALID, out.mac());
      assertEquals(1, client.decryptedCount());
    }
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("encryptingPairs")
  void aBadSignatureIsAResultAndTheStreamsStayInStep(
      EncryptionMethod method, EncryptionLevel level) {
    StandardSecurity client = side(Side.CLIENT, method, level);
    StandardSecurity server = side(Side.SERVER, method, level);
    int signatureAt = method == EncryptionMethod.FIPS ? 8 : 4;
    int dataAt = method == EncryptionMethod.FIPS ? 16 : 12;
    // a changed last block also spoils the next PDU's first block under CBC: change it first
    for (int where : new int[] {-1, signatureAt, dataAt}) {
      byte[] bytes = client.protect(HELLO, 0).toByteArray();
      if (where == -1) {
        bytes[bytes.length - 1] ^= 0x40;
      } else {
        bytes[where] ^= 0x01;
      }
      Unprotected u = server.unprotect(Octets.of(bytes));
      assertEquals(MacCheck.INVALID, u.mac(), "changed byte " + where);
    }
    assertEquals(3, server.decryptedCount(), "bad PDUs count: their bytes went through the cipher");
    Unprotected good = server.unprotect(client.protect(HELLO, 0));
    assertEquals(MacCheck.VALID, good.mac(), "the next PDU checks again");
    assertEquals(HELLO, good.plaintext());
    assertEquals(3, good.encryptionCount());
  }

  @Test
  void theReceivedFlagSaysWhetherTheSignatureIsSalted() {
    StandardSecurity client = side(Side.CLIENT, EncryptionMethod.RC4_128, EncryptionLevel.HIGH);
    StandardSecurity server = side(Side.SERVER, EncryptionMethod.RC4_128, EncryptionLevel.HIGH);
    client.saltedMac(true);
    Unprotected salted = server.unprotect(client.protect(HELLO, 0));
    assertTrue(salted.salted());
    assertEquals(MacCheck.VALID, salted.mac(), "the server verifies salted though it sends plain");
    client.saltedMac(false);
    Unprotected plain = server.unprotect(client.protect(HELLO, 0));
    assertFalse(plain.salted());
    assertEquals(MacCheck.VALID, plain.mac());

    // a salted signature read as plain (the flag lost) does not check
    client.saltedMac(true);
    byte[] bytes = client.protect(HELLO, 0).toByteArray();
    bytes[1] &= ~(SecurityFlags.SEC_SECURE_CHECKSUM >> 8);
    assertEquals(MacCheck.INVALID, server.unprotect(Octets.of(bytes)).mac());
  }

  @Test
  void levelNonePassesThroughBehindABasicHeader() {
    StandardSecurity client = StandardSecurity.none(Side.CLIENT);
    StandardSecurity server = StandardSecurity.none(Side.SERVER);
    assertFalse(client.headerOnEveryPdu());
    assertFalse(client.encryptsOutgoing());
    assertFalse(server.expectsEncryptedIncoming());
    Octets info = client.protect(HELLO, SecurityFlags.SEC_INFO_PKT);
    assertEquals("40000000" + HELLO.toHex(), info.toHex());
    Unprotected u = server.unprotect(info);
    assertEquals(HELLO, u.plaintext());
    assertEquals(MacCheck.NOT_SIGNED, u.mac());
    DecodeException e =
        assertThrows(
            DecodeException.class, () -> server.unprotect(Octets.fromHex("08 00 00 00 01 02")));
    assertEquals(DecodeException.Kind.INVALID_FIELD, e.kind());
    assertThrows(IllegalStateException.class, () -> client.seal(HELLO));
  }

  @Test
  void licensingPdusCanTravelInTheClearAtAnyLevel() {
    StandardSecurity client = side(Side.CLIENT, EncryptionMethod.RC4_128, EncryptionLevel.HIGH);
    StandardSecurity server = side(Side.SERVER, EncryptionMethod.RC4_128, EncryptionLevel.HIGH);
    Octets clear = client.protectInClear(HELLO, SecurityFlags.SEC_LICENSE_PKT);
    assertEquals("80000000" + HELLO.toHex(), clear.toHex());
    Unprotected u = server.unprotect(clear);
    assertEquals(MacCheck.NOT_SIGNED, u.mac());
    assertEquals(0, client.encryptedCount());
    assertEquals(0, server.decryptedCount());
  }

  /** Decrypted PDUs read by the codecs that read them in the clear. */
  @Test
  void theClearUserDataOfDecryptedPdus() {
    StandardSecurity client = side(Side.CLIENT, EncryptionMethod.FIPS, EncryptionLevel.FIPS);
    StandardSecurity server = side(Side.SERVER, EncryptionMethod.FIPS, EncryptionLevel.FIPS);
    ClientInfoPdu info = ClientInfoPdu.withoutCredentials(AddressFamily.AF_INET, "10.0.0.1");
    Unprotected u = server.unprotect(client.protect(info.infoPacket(), SecurityFlags.SEC_INFO_PKT));
    assertEquals(Octets.encode(info), u.clearUserData(), "SEC_INFO_PKT kept, SEC_ENCRYPT gone");
    assertEquals(
        info,
        dev.rdpprobe.wire.WireVectors.decodeAll(
            ClientInfoPdu::decode, u.clearUserData().toByteArray()));
    Unprotected share = server.unprotect(client.protect(HELLO, 0));
    assertEquals(HELLO, share.clearUserData(), "a Share Control PDU has no header in the clear");
    Octets license = Octets.fromHex("ff031000070000000200000004000000");
    Unprotected lic =
        client.unprotect(
            server.protect(
                license, SecurityFlags.SEC_LICENSE_PKT | SecurityFlags.SEC_LICENSE_ENCRYPT_SC));
    assertEquals("80020000" + license.toHex(), lic.clearUserData().toHex());
  }

  @Test
  void methodAndLevelGoTogether() {
    Octets cr = Octets.of(CLIENT_RANDOM);
    Octets sr = Octets.of(SERVER_RANDOM);
    assertThrows(
        IllegalArgumentException.class,
        () -> StandardSecurity.clientSide(EncryptionMethods.NONE, EncryptionLevel.HIGH, cr, sr));
    assertThrows(
        IllegalArgumentException.class,
        () -> StandardSecurity.clientSide(new EncryptionMethods(2), EncryptionLevel.NONE, cr, sr));
    assertThrows(
        IllegalArgumentException.class,
        () -> StandardSecurity.clientSide(new EncryptionMethods(3), EncryptionLevel.HIGH, cr, sr),
        "two methods at once");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            StandardSecurity.clientSide(new EncryptionMethods(2), new EncryptionLevel(5), cr, sr));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            StandardSecurity.clientSide(
                new EncryptionMethods(2), EncryptionLevel.HIGH, Octets.of(new byte[31]), sr));
  }

  @Test
  void theContextSetsEncryptAndSaltFlagsItself() {
    StandardSecurity client = side(Side.CLIENT, EncryptionMethod.RC4_128, EncryptionLevel.HIGH);
    assertThrows(
        IllegalArgumentException.class, () -> client.protect(HELLO, SecurityFlags.SEC_ENCRYPT));
    assertThrows(
        IllegalArgumentException.class,
        () -> client.protect(HELLO, SecurityFlags.SEC_SECURE_CHECKSUM));
    assertEquals(0, client.encryptedCount());
  }

  @Test
  void aPduIsProtectedAsItsEncoding() {
    ClientInfoPdu info = ClientInfoPdu.withoutCredentials(AddressFamily.AF_INET, "127.0.0.1");
    InfoPacket packet = info.infoPacket();
    StandardSecurity a = side(Side.CLIENT, EncryptionMethod.FIPS, EncryptionLevel.FIPS);
    StandardSecurity b = side(Side.CLIENT, EncryptionMethod.FIPS, EncryptionLevel.FIPS);
    assertEquals(
        b.protect(Octets.encode(packet), SecurityFlags.SEC_INFO_PKT),
        a.protect(packet, SecurityFlags.SEC_INFO_PKT));
  }

  @Test
  void malformedFipsDataIsADecodeErrorAndCountsNothing() {
    StandardSecurity server = side(Side.SERVER, EncryptionMethod.FIPS, EncryptionLevel.FIPS);
    String header = "08 00 00 00 10 00 01 03 0102030405060708";
    DecodeException notBlocks =
        assertThrows(
            DecodeException.class, () -> server.unprotect(Octets.fromHex(header + "0102030405")));
    assertEquals(StandardSecurity.ENCRYPTED_DATA, notBlocks.pdu());
    DecodeException padTooLong =
        assertThrows(DecodeException.class, () -> server.unprotect(Octets.fromHex(header)));
    assertEquals("padlen", padTooLong.field());
    DecodeException badLength =
        assertThrows(
            DecodeException.class,
            () -> server.unprotect(Octets.fromHex("08 00 00 00 11 00 01 00 0102030405060708")));
    assertEquals(FipsSecurityHeader.NAME, badLength.pdu());
    assertThrows(DecodeException.class, () -> server.unprotect(Octets.fromHex("08 00 00")));
    assertEquals(0, server.decryptedCount());
  }

  @Test
  void fastPathPartsRoundTrip() {
    for (EncryptionMethod method :
        new EncryptionMethod[] {EncryptionMethod.RC4_56, EncryptionMethod.FIPS}) {
      EncryptionLevel level =
          method == EncryptionMethod.FIPS
              ? EncryptionLevel.FIPS
              : EncryptionLevel.CLIENT_COMPATIBLE;
      StandardSecurity server = side(Side.SERVER, method, level);
      StandardSecurity client = side(Side.CLIENT, method, level);
      server.saltedMac(true);
      for (int i = 0; i < 20; i++) {
        Octets data = Octets.of(new byte[i * 7]);
        Sealed sealed = server.seal(data);
        assertEquals(i, sealed.encryptionCount());
        assertEquals(method != EncryptionMethod.FIPS, sealed.salted());
        assertEquals(0, (sealed.ciphertext().length()) % (method == EncryptionMethod.FIPS ? 8 : 1));
        Opened opened =
            client.open(
                sealed.dataSignature(), sealed.salted(), sealed.padlen(), sealed.ciphertext());
        assertEquals(MacCheck.VALID, opened.mac());
        assertEquals(data, opened.plaintext());
      }
    }
  }

  @Test
  void noKeyMaterialInTexts() {
    StandardSecurity client = side(Side.CLIENT, EncryptionMethod.RC4_128, EncryptionLevel.HIGH);
    assertEquals(
        "Standard RDP Security (CLIENT, RC4_128, ENCRYPTION_LEVEL_HIGH)", client.toString());
    assertEquals(
        "RC4 session keys (RC4_40)",
        Rc4SessionKeys.derive(EncryptionMethod.RC4_40, Side.CLIENT, CLIENT_RANDOM, SERVER_RANDOM)
            .toString());
    assertEquals(
        "FIPS session keys",
        FipsSessionKeys.derive(Side.SERVER, CLIENT_RANDOM, SERVER_RANDOM).toString());
    Unprotected u =
        side(Side.SERVER, EncryptionMethod.RC4_128, EncryptionLevel.HIGH)
            .unprotect(client.protect(HELLO, 0));
    assertEquals("TS_SECURITY_HEADER1 flags=SEC_ENCRYPT, 13 bytes, PDU #0, MAC VALID", u.summary());
  }

  // --- the client random -----------------------------------------------------------------------

  private static java.security.KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits, new SecureRandom());
    return g.generateKeyPair();
  }

  @Test
  void aClientRandomForAnotherKeyIsADecodeErrorOnTheServer() throws Exception {
    var ours = rsa(512);
    var theirs = rsa(512);
    RsaPublicKey ourKey = key(ours);
    SecurityExchangePdu pdu = ClientRandom.exchangePdu(key(theirs), CLIENT_RANDOM, 0);
    BigInteger d = ((RSAPrivateKey) ours.getPrivate()).getPrivateExponent();
    DecodeException e =
        assertThrows(DecodeException.class, () -> ClientRandom.decrypt(pdu, ourKey, d));
    assertEquals("encryptedClientRandom", e.field());
    SecurityExchangePdu shorter =
        SecurityExchangePdu.of(0, Octets.of(new byte[ourKey.modulusLength()]));
    assertEquals(
        "length",
        assertThrows(DecodeException.class, () -> ClientRandom.decrypt(shorter, ourKey, d))
            .field());
    assertArrayEquals(
        CLIENT_RANDOM,
        ClientRandom.decrypt(ClientRandom.exchangePdu(ourKey, CLIENT_RANDOM, 0), ourKey, d));
  }

  @Test
  void theRandomIs32BytesAndTheKeyLonger() {
    RsaPublicKey tiny =
        RsaPublicKey.of(BigInteger.ONE.shiftLeft(255).add(BigInteger.ONE), BigInteger.valueOf(3));
    assertThrows(IllegalArgumentException.class, () -> ClientRandom.encrypt(tiny, CLIENT_RANDOM));
    RsaPublicKey spec =
        KnownAnswerTest.spec414Security().serverCertificate().rsaPublicKey().orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> ClientRandom.encrypt(spec, new byte[16]));
    Octets field = ClientRandom.encrypt(spec, CLIENT_RANDOM);
    assertEquals(72, field.length(), "512 / 8 + 8");
    assertTrue(SecurityExchangePdu.of(0, field).paddingIsZero());
  }

  private static RsaPublicKey key(java.security.KeyPair pair) {
    RSAPublicKey k = (RSAPublicKey) pair.getPublic();
    return RsaPublicKey.of(k.getModulus(), k.getPublicExponent());
  }
}
