package dev.rdpprobe.license;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.RsaPublicKey;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * RSA as RDP uses it to send a secret to the server (MS-RDPBCGR 5.3.4.1, MS-RDPELE 5.1.2.1): no
 * padding scheme, little-endian numbers. The secret's bytes are read as a little-endian number
 * {@code m}, {@code c = m^e mod n} is written little-endian in exactly the modulus's length, and
 * the wire field adds 8 zero bytes after it. Used for the premaster secret of the Client New
 * License Request; the Security Exchange PDU sends the client random the same way.
 */
public final class RdpRsa {
  /** The zero bytes the wire field carries after the ciphertext. */
  public static final int PADDING = 8;

  private RdpRsa() {}

  /**
   * Encrypts {@code littleEndian} to {@code key}.
   *
   * @return the ciphertext, little-endian, {@link RsaPublicKey#modulusLength()} bytes
   * @throws IllegalArgumentException if the number is not smaller than the modulus
   */
  public static byte[] encrypt(RsaPublicKey key, byte[] littleEndian) {
    Objects.requireNonNull(key, "key");
    byte[] be = reversed(littleEndian);
    BigInteger m = new BigInteger(1, be);
    Arrays.fill(be, (byte) 0);
    if (m.compareTo(key.modulus()) >= 0) {
      throw new IllegalArgumentException(
          "a " + littleEndian.length + "-byte secret does not fit a " + key.keyBits() + "-bit key");
    }
    byte[] c = m.modPow(key.publicExponent(), key.modulus()).toByteArray();
    int length = key.modulusLength();
    byte[] out = new byte[length];
    // c is big-endian, perhaps with a leading sign byte: copy its low bytes reversed
    for (int i = 0; i < length && i < c.length; i++) {
      out[i] = c[c.length - 1 - i];
    }
    return out;
  }

  /**
   * The wire field: {@link #encrypt} followed by {@link #PADDING} zero bytes, {@code
   * modulusLength() + 8} bytes in all.
   */
  public static Octets encryptWithPadding(RsaPublicKey key, byte[] littleEndian) {
    byte[] c = encrypt(key, littleEndian);
    return Octets.of(Arrays.copyOf(c, c.length + PADDING));
  }

  /**
   * The server's side of {@link #encrypt}: {@code littleEndian} ciphertext raised to the private
   * exponent, returned little-endian in {@code length} bytes.
   */
  public static byte[] decrypt(
      RsaPublicKey key, BigInteger privateExponent, byte[] littleEndian, int length) {
    BigInteger m = new BigInteger(1, reversed(littleEndian)).modPow(privateExponent, key.modulus());
    byte[] be = m.toByteArray();
    byte[] out = new byte[length];
    for (int i = 0; i < length && i < be.length; i++) {
      out[i] = be[be.length - 1 - i];
    }
    return out;
  }

  private static byte[] reversed(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }
}
