package dev.rdpprobe.rdpsec;

import static dev.rdpprobe.rdpsec.NaiveRdpSecurity.cat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.gcc.RsaPublicKey;
import dev.rdpprobe.wire.sec.SecurityFlags;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The code under test against {@link NaiveRdpSecurity}, a second implementation written from the
 * specification's formulas with the JDK's primitives, over many random inputs: every key, every
 * signature, every key update and every byte on the wire.
 */
class SecondImplementationTest {
  private static final int ROUNDS = 300;

  private static byte[] random(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static int bits(EncryptionMethod m) {
    return switch (m) {
      case RC4_40 -> 40;
      case RC4_56 -> 56;
      case RC4_128 -> 128;
      default -> throw new IllegalArgumentException(m.name());
    };
  }

  @ParameterizedTest
  @EnumSource(
      value = EncryptionMethod.class,
      names = {"RC4_40", "RC4_56", "RC4_128"})
  void rc4SessionKeysOfBothSides(EncryptionMethod method) {
    SplittableRandom r = new SplittableRandom(5351 + method.ordinal());
    for (int i = 0; i < ROUNDS; i++) {
      byte[] cr = random(r, 32);
      byte[] sr = random(r, 32);
      assertArrayEquals(
          NaiveRdpSecurity.sessionKeyBlob(cr, sr), Rc4SessionKeys.sessionKeyBlob(cr, sr));
      byte[][] k = NaiveRdpSecurity.keys128(cr, sr);
      byte[] mac = NaiveRdpSecurity.shorten(k[0], bits(method));
      byte[] clientDecrypt = NaiveRdpSecurity.shorten(k[1], bits(method));
      byte[] clientEncrypt = NaiveRdpSecurity.shorten(k[2], bits(method));
      Rc4SessionKeys client = Rc4SessionKeys.derive(method, Side.CLIENT, cr, sr);
      Rc4SessionKeys server = Rc4SessionKeys.derive(method, Side.SERVER, cr, sr);
      assertArrayEquals(mac, client.macKey());
      assertArrayEquals(mac, server.macKey());
      assertArrayEquals(clientEncrypt, client.encryptKey());
      assertArrayEquals(clientDecrypt, client.decryptKey());
      assertArrayEquals(clientEncrypt, server.decryptKey(), "the server decrypts the client");
      assertArrayEquals(clientDecrypt, server.encryptKey(), "the server encrypts for the client");
    }
  }

  @Test
  void fipsSessionKeysOfBothSides() {
    SplittableRandom r = new SplittableRandom(5352);
    for (int i = 0; i < ROUNDS; i++) {
      byte[] cr = random(r, 32);
      byte[] sr = random(r, 32);
      byte[][] t = NaiveRdpSecurity.fipsKeysT(cr, sr);
      byte[] clientEncrypt = NaiveRdpSecurity.fipsKey(t[0]);
      byte[] clientDecrypt = NaiveRdpSecurity.fipsKey(t[1]);
      byte[] hmac = NaiveRdpSecurity.fipsHmacKey(cr, sr);
      FipsSessionKeys client = FipsSessionKeys.derive(Side.CLIENT, cr, sr);
      FipsSessionKeys server = FipsSessionKeys.derive(Side.SERVER, cr, sr);
      assertArrayEquals(clientEncrypt, client.encryptKey());
      assertArrayEquals(clientDecrypt, client.decryptKey());
      assertArrayEquals(clientEncrypt, server.decryptKey());
      assertArrayEquals(clientDecrypt, server.encryptKey());
      assertArrayEquals(hmac, client.hmacKey());
      assertArrayEquals(hmac, server.hmacKey());
    }
  }

  @Test
  void macSignaturesPlainSaltedAndFips() {
    SplittableRandom r = new SplittableRandom(5361);
    MacSigner signer = new MacSigner();
    for (int i = 0; i < ROUNDS; i++) {
      byte[] key = random(r, i % 2 == 0 ? 8 : 16);
      byte[] hmacKey = random(r, 20);
      int offset = r.nextInt(5);
      byte[] data = random(r, offset + r.nextInt(2000));
      int length = data.length - offset;
      byte[] slice = java.util.Arrays.copyOfRange(data, offset, data.length);
      long count = r.nextLong(0, 0x1_0000_0000L);
      assertArrayEquals(
          NaiveRdpSecurity.macSignature(key, slice),
          signer.nonFips(key, data, offset, length, false, count));
      assertArrayEquals(
          NaiveRdpSecurity.saltedMacSignature(key, slice, count),
          signer.nonFips(key, data, offset, length, true, count));
      assertArrayEquals(
          NaiveRdpSecurity.fipsSignature(hmacKey, slice, count),
          signer.fips(hmacKey, data, offset, length, count));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = EncryptionMethod.class,
      names = {"RC4_40", "RC4_56", "RC4_128"})
  void keyUpdatesChainFromTheInitialKey(EncryptionMethod method) {
    SplittableRandom r = new SplittableRandom(5371 + method.ordinal());
    for (int i = 0; i < 50; i++) {
      byte[] initial = Rc4SessionKeys.salt(method, random(r, method.keyLength()));
      byte[] naive = initial;
      byte[] ours = initial;
      for (int update = 0; update < 5; update++) {
        naive = NaiveRdpSecurity.newKey(initial, naive, bits(method));
        ours = Rc4Stream.updatedKey(method, initial, ours);
        assertArrayEquals(naive, ours, "update " + update);
      }
    }
  }

  /**
   * Every byte a client and a server put on the wire, for 8200 PDUs each way: the RC4 streams
   * across two key updates, the plain and the salted signatures with their counts, the headers.
   */
  @ParameterizedTest
  @EnumSource(
      value = EncryptionMethod.class,
      names = {"RC4_40", "RC4_56", "RC4_128"})
  void rc4WireBytesAcrossKeyUpdates(EncryptionMethod method) {
    SplittableRandom r = new SplittableRandom(5381 + method.ordinal());
    byte[] cr = random(r, 32);
    byte[] sr = random(r, 32);
    byte[][] k = NaiveRdpSecurity.keys128(cr, sr);
    byte[] mac = NaiveRdpSecurity.shorten(k[0], bits(method));
    NaiveRdpSecurity.Rc4Direction clientToServer =
        new NaiveRdpSecurity.Rc4Direction(
            NaiveRdpSecurity.shorten(k[2], bits(method)), bits(method));
    NaiveRdpSecurity.Rc4Direction serverToClient =
        new NaiveRdpSecurity.Rc4Direction(
            NaiveRdpSecurity.shorten(k[1], bits(method)), bits(method));
    StandardSecurity client =
        StandardSecurity.clientSide(
            method.toEncryptionMethods(), EncryptionLevel.HIGH, Octets.of(cr), Octets.of(sr));
    StandardSecurity server =
        StandardSecurity.serverSide(
            method.toEncryptionMethods(), EncryptionLevel.HIGH, Octets.of(cr), Octets.of(sr));
    for (int pdu = 0; pdu < 2 * 4096 + 8; pdu++) {
      boolean salted = pdu >= 3000;
      client.saltedMac(salted);
      server.saltedMac(salted);
      int flags = pdu == 0 ? SecurityFlags.SEC_INFO_PKT : 0;
      int wireFlags =
          flags | SecurityFlags.SEC_ENCRYPT | (salted ? SecurityFlags.SEC_SECURE_CHECKSUM : 0);
      byte[] data = random(r, r.nextInt(48));
      byte[] signature =
          salted
              ? NaiveRdpSecurity.saltedMacSignature(mac, data, pdu)
              : NaiveRdpSecurity.macSignature(mac, data);
      byte[] expected = cat(NaiveRdpSecurity.le32(wireFlags), signature, clientToServer.next(data));
      Octets sent = client.protect(Octets.of(data), flags);
      assertArrayEquals(expected, sent.toByteArray(), "client PDU " + pdu);
      Unprotected received = server.unprotect(sent);
      assertEquals(MacCheck.VALID, received.mac(), "client PDU " + pdu);
      assertEquals(Octets.of(data), received.plaintext());
      assertEquals(pdu, received.encryptionCount());

      byte[] back = random(r, r.nextInt(48));
      byte[] backSignature =
          salted
              ? NaiveRdpSecurity.saltedMacSignature(mac, back, pdu)
              : NaiveRdpSecurity.macSignature(mac, back);
      byte[] expectedBack =
          cat(
              NaiveRdpSecurity.le32(wireFlags & ~SecurityFlags.SEC_INFO_PKT),
              backSignature,
              serverToClient.next(back));
      Octets answer = server.protect(Octets.of(back), 0);
      assertArrayEquals(expectedBack, answer.toByteArray(), "server PDU " + pdu);
      Unprotected got = client.unprotect(answer);
      assertEquals(MacCheck.VALID, got.mac(), "server PDU " + pdu);
      assertEquals(Octets.of(back), got.plaintext());
    }
    assertEquals(2 * 4096 + 8, client.encryptedCount());
    assertEquals(2 * 4096 + 8, client.decryptedCount());
  }

  /** FIPS: the headers with their padlen, the HMAC with the count, 3DES-CBC chained across PDUs. */
  @Test
  void fipsWireBytes() {
    SplittableRandom r = new SplittableRandom(5391);
    byte[] cr = random(r, 32);
    byte[] sr = random(r, 32);
    byte[][] t = NaiveRdpSecurity.fipsKeysT(cr, sr);
    byte[] hmac = NaiveRdpSecurity.fipsHmacKey(cr, sr);
    NaiveRdpSecurity.Des3 clientToServer =
        new NaiveRdpSecurity.Des3(Cipher.ENCRYPT_MODE, NaiveRdpSecurity.fipsKey(t[0]));
    NaiveRdpSecurity.Des3 serverToClient =
        new NaiveRdpSecurity.Des3(Cipher.ENCRYPT_MODE, NaiveRdpSecurity.fipsKey(t[1]));
    StandardSecurity client =
        StandardSecurity.clientSide(
            EncryptionMethod.FIPS.toEncryptionMethods(),
            EncryptionLevel.FIPS,
            Octets.of(cr),
            Octets.of(sr));
    StandardSecurity server =
        StandardSecurity.serverSide(
            EncryptionMethod.FIPS.toEncryptionMethods(),
            EncryptionLevel.FIPS,
            Octets.of(cr),
            Octets.of(sr));
    client.saltedMac(true); // no effect under FIPS
    for (int pdu = 0; pdu < 600; pdu++) {
      byte[] data = random(r, r.nextInt(100));
      int pad = (8 - data.length % 8) % 8;
      byte[] expected =
          cat(
              NaiveRdpSecurity.le32(SecurityFlags.SEC_ENCRYPT),
              new byte[] {0x10, 0x00, 0x01, (byte) pad},
              NaiveRdpSecurity.fipsSignature(hmac, data, pdu),
              clientToServer.update(cat(data, new byte[pad])));
      Octets sent = client.protect(Octets.of(data), 0);
      assertArrayEquals(expected, sent.toByteArray(), "client PDU " + pdu);
      Unprotected received = server.unprotect(sent);
      assertEquals(MacCheck.VALID, received.mac());
      assertEquals(Octets.of(data), received.plaintext());

      byte[] back = random(r, r.nextInt(100));
      int backPad = (8 - back.length % 8) % 8;
      byte[] expectedBack =
          cat(
              NaiveRdpSecurity.le32(SecurityFlags.SEC_ENCRYPT),
              new byte[] {0x10, 0x00, 0x01, (byte) backPad},
              NaiveRdpSecurity.fipsSignature(hmac, back, pdu),
              serverToClient.update(cat(back, new byte[backPad])));
      Octets answer = server.protect(Octets.of(back), 0);
      assertArrayEquals(expectedBack, answer.toByteArray(), "server PDU " + pdu);
      assertEquals(Octets.of(back), client.unprotect(answer).plaintext());
    }
  }

  /** 5.3.4.1: c = r^e mod n, little-endian, in a zeroed buffer of bitlen / 8 + 8 bytes. */
  @ParameterizedTest
  @ValueSource(ints = {512, 1024, 2048})
  void clientRandomEncryption(int keyBits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(keyBits, new SecureRandom());
    var pair = g.generateKeyPair();
    RSAPublicKey jdk = (RSAPublicKey) pair.getPublic();
    BigInteger d =
        ((java.security.interfaces.RSAPrivateKey) pair.getPrivate()).getPrivateExponent();
    RsaPublicKey key = RsaPublicKey.of(jdk.getModulus(), jdk.getPublicExponent());
    SplittableRandom r = new SplittableRandom(5341 + keyBits);
    for (int i = 0; i < 20; i++) {
      byte[] random = random(r, 32);
      byte[] field = ClientRandom.encrypt(key, random).toByteArray();
      assertArrayEquals(
          NaiveRdpSecurity.encryptClientRandom(
              random, jdk.getPublicExponent(), jdk.getModulus(), keyBits),
          field);
      assertEquals(keyBits / 8 + 8, field.length);
      var pdu = ClientRandom.exchangePdu(key, random, SecurityFlags.SEC_LICENSE_ENCRYPT_SC);
      assertEquals(keyBits / 8 + 8, pdu.length());
      assertArrayEquals(random, ClientRandom.decrypt(pdu, key, d));
    }
  }

  @Test
  void licensingKeysMacAndEncryption() {
    SplittableRandom r = new SplittableRandom(51);
    for (int i = 0; i < ROUNDS; i++) {
      byte[] cr = random(r, 32);
      byte[] sr = random(r, 32);
      byte[] premaster = random(r, 48);
      byte[][] naive = NaiveRdpSecurity.licensingKeys(cr, sr, premaster);
      LicensingKeys keys = LicensingKeys.derive(cr, sr, premaster);
      assertArrayEquals(naive[0], keys.macSaltKey());
      assertArrayEquals(naive[1], keys.encryptionKey());
      byte[] data = random(r, r.nextInt(300));
      assertArrayEquals(NaiveRdpSecurity.licensingMac(naive[0], data), keys.mac(data));
      byte[] encrypted = keys.encrypt(data);
      assertArrayEquals(NaiveRdpSecurity.rc4(naive[1], data), encrypted);
      assertArrayEquals(data, keys.decrypt(encrypted), "a fresh key schedule for each message");
    }
  }
}
