package dev.rdpprobe.rdpsec;

import dev.rdpprobe.license.RdpRsa;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.RsaPublicKey;
import dev.rdpprobe.wire.sec.SecurityExchangePdu;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The client random of Standard RDP Security and its trip to the server (MS-RDPBCGR 5.3.4): 32
 * random bytes, encrypted with the server's RSA key from its proprietary or X.509 certificate by
 * RDP's RSA ({@link RdpRsa}: no padding scheme, the random read as a little-endian number, the
 * ciphertext written little-endian in the modulus's length) into a zeroed buffer 8 bytes longer
 * than the modulus (5.3.4.1), sent in the Security Exchange PDU.
 */
public final class ClientRandom {
  /** The length of the random. */
  public static final int LENGTH = 32;

  private ClientRandom() {}

  /** A fresh random from {@code random} (a {@code SecureRandom} outside tests). */
  public static byte[] generate(RandomGenerator random) {
    byte[] b = new byte[LENGTH];
    random.nextBytes(b);
    return b;
  }

  /**
   * The Security Exchange PDU that carries {@code clientRandom} to the owner of {@code serverKey}.
   *
   * @param flags more security flags besides SEC_EXCHANGE_PKT, e.g. SEC_LICENSE_ENCRYPT_SC
   * @throws IllegalArgumentException if the random is not 32 bytes or the key is not longer than it
   */
  public static SecurityExchangePdu exchangePdu(
      RsaPublicKey serverKey, byte[] clientRandom, int flags) {
    return SecurityExchangePdu.of(flags, encrypt(serverKey, clientRandom));
  }

  /**
   * encryptedClientRandom: the ciphertext and 8 zero bytes, {@code modulusLength() + 8} bytes.
   *
   * @throws IllegalArgumentException if the random is not 32 bytes or the key is not longer than it
   */
  public static Octets encrypt(RsaPublicKey serverKey, byte[] clientRandom) {
    Objects.requireNonNull(serverKey, "serverKey");
    check(clientRandom);
    if (serverKey.modulus().bitLength() <= 8 * LENGTH) {
      throw new IllegalArgumentException(
          "a " + serverKey.keyBits() + "-bit key cannot carry a 32-byte client random");
    }
    return RdpRsa.encryptWithPadding(serverKey, clientRandom);
  }

  /**
   * The server's side: the client random in {@code pdu}, decrypted with the private exponent of
   * {@code serverKey}.
   *
   * @throws DecodeException if the field's length is not the key's modulus length plus 8, or the
   *     number it decrypts to is longer than 32 bytes (the client encrypted to another key)
   */
  public static byte[] decrypt(
      SecurityExchangePdu pdu, RsaPublicKey serverKey, BigInteger privateExponent) {
    Objects.requireNonNull(pdu, "pdu");
    Objects.requireNonNull(serverKey, "serverKey");
    Objects.requireNonNull(privateExponent, "privateExponent");
    int n = serverKey.modulusLength();
    int offset = SecurityExchangePdu.FIXED_PART_SIZE;
    if (pdu.length() != n + SecurityExchangePdu.PADDING) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD,
          SecurityExchangePdu.NAME,
          "length",
          offset - 4,
          pdu.length(),
          (n + SecurityExchangePdu.PADDING) + " (the server key's modulus length + 8)");
    }
    byte[] ciphertext = pdu.ciphertext().toByteArray();
    byte[] plain = RdpRsa.decrypt(serverKey, privateExponent, ciphertext, n);
    try {
      for (int i = LENGTH; i < plain.length; i++) {
        if (plain[i] != 0) {
          throw new DecodeException(
              DecodeException.Kind.INVALID_FIELD,
              SecurityExchangePdu.NAME,
              "encryptedClientRandom",
              offset,
              pdu.length(),
              "a 32-byte random encrypted to this server's key");
        }
      }
      return Arrays.copyOf(plain, LENGTH);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  static void check(byte[] clientRandom) {
    Objects.requireNonNull(clientRandom, "clientRandom");
    if (clientRandom.length != LENGTH) {
      throw new IllegalArgumentException(
          "the client random is 32 bytes, not " + clientRandom.length);
    }
  }
}
