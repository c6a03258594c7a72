package dev.rdpprobe.wire.gcc;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An RSA public key as a server certificate carries it: the RSA_PUBLIC_KEY of a proprietary
 * certificate (MS-RDPBCGR 2.2.1.4.3.1.1.1) or the subject public key of an X.509 leaf. Public
 * material only: {@code toString} shows the whole key.
 *
 * @param modulus the modulus, positive
 * @param publicExponent the public exponent, positive
 * @param keyBits the key's size in bits: the proprietary key's bitlen, or the modulus's bit length
 *     for an X.509 key; at least the modulus's bit length
 */
public record RsaPublicKey(BigInteger modulus, BigInteger publicExponent, int keyBits) {
  public RsaPublicKey {
    Objects.requireNonNull(modulus, "modulus");
    Objects.requireNonNull(publicExponent, "publicExponent");
    if (modulus.signum() <= 0 || publicExponent.signum() <= 0) {
      throw new IllegalArgumentException("modulus and exponent must be positive");
    }
    if (keyBits < modulus.bitLength()) {
      throw new IllegalArgumentException(
          "keyBits " + keyBits + " below the modulus's " + modulus.bitLength() + " bits");
    }
  }

  /** The key with {@code keyBits} the modulus's bit length. */
  public static RsaPublicKey of(BigInteger modulus, BigInteger publicExponent) {
    return new RsaPublicKey(modulus, publicExponent, modulus.bitLength());
  }

  /** The modulus's length in bytes, {@code ceil(keyBits / 8)}: the length of a ciphertext. */
  public int modulusLength() {
    return (keyBits + 7) / 8;
  }

  @Override
  public String toString() {
    return "RSA " + keyBits + " bits, e=" + publicExponent + ", n=0x" + modulus.toString(16);
  }
}
