package dev.rdpprobe.rdpsec;

import java.util.Arrays;
import java.util.Objects;

/**
 * The session keys of one side under Standard RDP Security at the FIPS level (MS-RDPBCGR 5.3.5.2):
 * two 3DES keys and the HMAC-SHA1 key both sides share.
 *
 * <pre>
 * ClientEncryptKeyT = SHA(Last128Bits(ClientRandom) + Last128Bits(ServerRandom))
 * ClientDecryptKeyT = SHA(First128Bits(ClientRandom) + First128Bits(ServerRandom))
 * (the server's decryption key is the client's encryption key, and the other way round)
 * key168 = KeyT + First8Bits(KeyT); key192 = key168 cut into 7-bit groups, each widened to a byte
 *          whose least significant bit makes its parity odd
 * HMACKey = SHA(ClientDecryptKeyT + ClientEncryptKeyT)
 * </pre>
 *
 * <p>Holds secrets: {@code toString} shows nothing of them, and the accessors hand out copies.
 */
public final class FipsSessionKeys {
  /** The length of a 3DES key with its parity bits. */
  public static final int DES3_KEY_LENGTH = 24;

  /** The length of the HMAC key (a SHA-1 digest). */
  public static final int HMAC_KEY_LENGTH = 20;

  private final byte[] encryptKey;
  private final byte[] decryptKey;
  private final byte[] hmacKey;

  private FipsSessionKeys(byte[] encryptKey, byte[] decryptKey, byte[] hmacKey) {
    this.encryptKey = encryptKey;
    this.decryptKey = decryptKey;
    this.hmacKey = hmacKey;
  }

  /** Derives {@code side}'s keys from the two 32-byte randoms. */
  public static FipsSessionKeys derive(Side side, byte[] clientRandom, byte[] serverRandom) {
    Objects.requireNonNull(side, "side");
    Rc4SessionKeys.checkRandom(clientRandom, "clientRandom");
    Rc4SessionKeys.checkRandom(serverRandom, "serverRandom");
    byte[] clientEncryptT =
        Digests.sha1(Digests.slice(clientRandom, 16, 16), Digests.slice(serverRandom, 16, 16));
    byte[] clientDecryptT =
        Digests.sha1(Digests.slice(clientRandom, 0, 16), Digests.slice(serverRandom, 0, 16));
    byte[] hmac = Digests.sha1(clientDecryptT, clientEncryptT);
    byte[] clientEncrypt = expand(clientEncryptT);
    byte[] clientDecrypt = expand(clientDecryptT);
    Arrays.fill(clientEncryptT, (byte) 0);
    Arrays.fill(clientDecryptT, (byte) 0);
    return side == Side.CLIENT
        ? new FipsSessionKeys(clientEncrypt, clientDecrypt, hmac)
        : new FipsSessionKeys(clientDecrypt, clientEncrypt, hmac);
  }

  /** A 160-bit key made 168 bits (its first byte appended) and then a 192-bit 3DES key. */
  private static byte[] expand(byte[] key160) {
    byte[] key168 = Arrays.copyOf(key160, 21);
    key168[20] = key160[0];
    byte[] out = toDes3Key(key168);
    Arrays.fill(key168, (byte) 0);
    return out;
  }

  /**
   * The 24-byte 3DES key of a 21-byte one: read as a little-endian bit string (each byte's least
   * significant bit first), cut into 24 groups of 7 bits, each group the low 7 bits of an output
   * byte, and then each byte's least significant bit set so that the byte has odd parity. This is
   * the spec's "reverse every byte, insert a zero bit after every seventh, reverse every byte, fix
   * the parity" said once.
   */
  static byte[] toDes3Key(byte[] key168) {
    if (key168.length != 21) {
      throw new IllegalArgumentException("a 168-bit key is 21 bytes, not " + key168.length);
    }
    byte[] out = new byte[DES3_KEY_LENGTH];
    for (int i = 0; i < DES3_KEY_LENGTH; i++) {
      int bit = 7 * i;
      int at = bit >>> 3;
      int shift = bit & 7;
      int window = key168[at] & 0xFF;
      if (at + 1 < key168.length) {
        window |= (key168[at + 1] & 0xFF) << 8;
      }
      int group = (window >>> shift) & 0x7F;
      out[i] = (byte) oddParity(group);
    }
    return out;
  }

  /** {@code b} with its least significant bit chosen so that it has an odd number of ones. */
  static int oddParity(int b) {
    int high = b & 0xFE;
    return (Integer.bitCount(high) & 1) == 0 ? high | 1 : high;
  }

  /** This side's 3DES encryption key. */
  byte[] encryptKey() {
    return encryptKey.clone();
  }

  /** This side's 3DES decryption key. */
  byte[] decryptKey() {
    return decryptKey.clone();
  }

  /** The HMAC-SHA1 key. */
  byte[] hmacKey() {
    return hmacKey.clone();
  }

  /** Overwrites the keys. */
  void destroy() {
    Arrays.fill(encryptKey, (byte) 0);
    Arrays.fill(decryptKey, (byte) 0);
    Arrays.fill(hmacKey, (byte) 0);
  }

  @Override
  public String toString() {
    return "FIPS session keys";
  }
}
