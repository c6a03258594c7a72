package dev.rdpprobe.rdpsec;

import dev.rdpprobe.wire.gcc.EncryptionMethods;

/**
 * The one encryption method a server selects in Server Security Data (MS-RDPBCGR 2.2.1.4.3): RC4
 * with a 40-, 56- or 128-bit key (5.3.5.1), FIPS (3DES and HMAC-SHA1, 5.3.5.2), or none.
 */
public enum EncryptionMethod {
  /** ENCRYPTION_METHOD_NONE (0): no keys, no headers beyond the basic one. */
  NONE(0, 0),
  /** ENCRYPTION_METHOD_40BIT: 8-byte RC4 and MAC keys whose first 3 bytes are 0xD1269E. */
  RC4_40(EncryptionMethods.ENCRYPTION_METHOD_40BIT, 8),
  /** ENCRYPTION_METHOD_56BIT: 8-byte RC4 and MAC keys whose first byte is 0xD1. */
  RC4_56(EncryptionMethods.ENCRYPTION_METHOD_56BIT, 8),
  /** ENCRYPTION_METHOD_128BIT: 16-byte RC4 and MAC keys. */
  RC4_128(EncryptionMethods.ENCRYPTION_METHOD_128BIT, 16),
  /** ENCRYPTION_METHOD_FIPS: 168-bit 3DES keys in CBC mode and a 160-bit HMAC-SHA1 key. */
  FIPS(EncryptionMethods.ENCRYPTION_METHOD_FIPS, 24);

  private final int bits;
  private final int keyLength;

  EncryptionMethod(int bits, int keyLength) {
    this.bits = bits;
    this.keyLength = keyLength;
  }

  /**
   * The method a server's encryptionMethod names.
   *
   * @throws IllegalArgumentException if the field holds more than one bit or an unknown one
   */
  public static EncryptionMethod of(EncryptionMethods selected) {
    for (EncryptionMethod m : values()) {
      if (m.bits == selected.bits()) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "not one encryption method: "
            + selected
            + " ("
            + Integer.toHexString(selected.bits())
            + ")");
  }

  /** The encryptionMethod value. */
  public EncryptionMethods toEncryptionMethods() {
    return new EncryptionMethods(bits);
  }

  /** Whether the method is one of the RC4 ones. */
  public boolean isRc4() {
    return this == RC4_40 || this == RC4_56 || this == RC4_128;
  }

  /**
   * The length in bytes of the encryption keys: 8 for 40 and 56 bits (whose first bytes are the
   * salt), 16 for 128 bits, 24 for FIPS (3DES with parity bits), 0 for none.
   */
  public int keyLength() {
    return keyLength;
  }
}
