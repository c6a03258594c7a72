package dev.rdpprobe.rdpsec;

import java.util.Arrays;
import java.util.Objects;

/**
 * The initial session keys of one side under Standard RDP Security with RC4 (MS-RDPBCGR 5.3.5.1):
 * the MAC key both sides share, this side's encryption key and its decryption key (the other side's
 * encryption key), each 8 bytes for 40- and 56-bit methods and 16 for 128-bit.
 *
 * <pre>
 * PreMasterSecret  = First192Bits(ClientRandom) + First192Bits(ServerRandom)
 * SaltedHash(S, I) = MD5(S + SHA(I + S + ClientRandom + ServerRandom))
 * MasterSecret     = SaltedHash(PreMasterSecret, 'A' | 'BB' | 'CCC'), concatenated
 * SessionKeyBlob   = SaltedHash(MasterSecret, 'X' | 'YY' | 'ZZZ'), concatenated
 * FinalHash(K)     = MD5(K + ClientRandom + ServerRandom)
 * MACKey128        = First128Bits(SessionKeyBlob)
 * client decrypts, server encrypts with FinalHash(Second128Bits(SessionKeyBlob))
 * client encrypts, server decrypts with FinalHash(Third128Bits(SessionKeyBlob))
 * 40 bits: 0xD1269E + Last40Bits(First64Bits(key128)); 56 bits: 0xD1 + Last56Bits(First64Bits(...))
 * </pre>
 *
 * <p>Holds secrets: {@code toString} shows the method only, and the accessors hand out copies.
 */
public final class Rc4SessionKeys {
  /** The length of the client and server randoms. */
  public static final int RANDOM_LENGTH = 32;

  private static final byte[] SALT = {(byte) 0xD1, (byte) 0x26, (byte) 0x9E};

  private final EncryptionMethod method;
  private final byte[] macKey;
  private final byte[] encryptKey;
  private final byte[] decryptKey;

  private Rc4SessionKeys(
      EncryptionMethod method, byte[] macKey, byte[] encryptKey, byte[] decryptKey) {
    this.method = method;
    this.macKey = macKey;
    this.encryptKey = encryptKey;
    this.decryptKey = decryptKey;
  }

  /**
   * Derives {@code side}'s keys.
   *
   * @param method an RC4 method
   * @param clientRandom the 32-byte client random
   * @param serverRandom the 32-byte server random
   */
  public static Rc4SessionKeys derive(
      EncryptionMethod method, Side side, byte[] clientRandom, byte[] serverRandom) {
    Objects.requireNonNull(side, "side");
    if (!method.isRc4()) {
      throw new IllegalArgumentException("not an RC4 method: " + method);
    }
    checkRandom(clientRandom, "clientRandom");
    checkRandom(serverRandom, "serverRandom");
    byte[] blob = sessionKeyBlob(clientRandom, serverRandom);
    byte[] mac = Arrays.copyOf(blob, 16);
    byte[] second = finalHash(Digests.slice(blob, 16, 16), clientRandom, serverRandom);
    byte[] third = finalHash(Digests.slice(blob, 32, 16), clientRandom, serverRandom);
    Arrays.fill(blob, (byte) 0);
    byte[] encrypt = side == Side.CLIENT ? third : second;
    byte[] decrypt = side == Side.CLIENT ? second : third;
    return new Rc4SessionKeys(
        method, reduce(method, mac), reduce(method, encrypt), reduce(method, decrypt));
  }

  static void checkRandom(byte[] random, String what) {
    Objects.requireNonNull(random, what);
    if (random.length != RANDOM_LENGTH) {
      throw new IllegalArgumentException(what + " must be 32 bytes, not " + random.length);
    }
  }

  /** SessionKeyBlob: 48 bytes from the randoms through the pre-master and master secrets. */
  static byte[] sessionKeyBlob(byte[] clientRandom, byte[] serverRandom) {
    byte[] preMaster =
        Digests.concat(Digests.slice(clientRandom, 0, 24), Digests.slice(serverRandom, 0, 24));
    byte[] master = tripleHash(preMaster, 'A', clientRandom, serverRandom);
    Arrays.fill(preMaster, (byte) 0);
    byte[] blob = tripleHash(master, 'X', clientRandom, serverRandom);
    Arrays.fill(master, (byte) 0);
    return blob;
  }

  /** {@code SaltedHash(S, c) + SaltedHash(S, c+1 twice) + SaltedHash(S, c+2 three times)}. */
  private static byte[] tripleHash(byte[] s, char first, byte[] clientRandom, byte[] serverRandom) {
    byte[] out = new byte[48];
    for (int i = 0; i < 3; i++) {
      byte[] label = new byte[i + 1];
      Arrays.fill(label, (byte) (first + i));
      byte[] h = saltedHash(s, label, clientRandom, serverRandom);
      System.arraycopy(h, 0, out, 16 * i, 16);
    }
    return out;
  }

  /** SaltedHash(S, I) = MD5(S + SHA(I + S + ClientRandom + ServerRandom)). */
  static byte[] saltedHash(byte[] s, byte[] i, byte[] clientRandom, byte[] serverRandom) {
    return Digests.md5(s, Digests.sha1(i, s, clientRandom, serverRandom));
  }

  /** FinalHash(K) = MD5(K + ClientRandom + ServerRandom). */
  static byte[] finalHash(byte[] k, byte[] clientRandom, byte[] serverRandom) {
    return Digests.md5(k, clientRandom, serverRandom);
  }

  /**
   * The key of the method's length from a 128-bit (or longer) one: the first 8 bytes with the salt
   * over the first 3 (40 bits) or the first byte (56 bits), or the first 16 bytes (128 bits).
   */
  static byte[] reduce(EncryptionMethod method, byte[] key) {
    byte[] out = Arrays.copyOf(key, method.keyLength());
    Arrays.fill(key, (byte) 0);
    return salt(method, out);
  }

  /** Writes the 40- or 56-bit salt over the first bytes of an 8-byte key, in place. */
  static byte[] salt(EncryptionMethod method, byte[] key8) {
    if (method == EncryptionMethod.RC4_40) {
      System.arraycopy(SALT, 0, key8, 0, 3);
    } else if (method == EncryptionMethod.RC4_56) {
      key8[0] = SALT[0];
    }
    return key8;
  }

  /** The method the keys are for. */
  public EncryptionMethod method() {
    return method;
  }

  /** MACKeyN: the key of the MAC signatures in both directions. */
  byte[] macKey() {
    return macKey.clone();
  }

  /** This side's initial encryption key. */
  byte[] encryptKey() {
    return encryptKey.clone();
  }

  /** This side's initial decryption key. */
  byte[] decryptKey() {
    return decryptKey.clone();
  }

  /** Overwrites the keys. */
  void destroy() {
    Arrays.fill(macKey, (byte) 0);
    Arrays.fill(encryptKey, (byte) 0);
    Arrays.fill(decryptKey, (byte) 0);
  }

  @Override
  public String toString() {
    return "RC4 session keys (" + method + ")";
  }
}
