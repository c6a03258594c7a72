package dev.rdpprobe.rdpsec;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Licensing's own keys (MS-RDPELE 5.1.2, "Generating the Licensing Encryption and MAC Salt Keys"),
 * made by both ends from the licensing client and server randoms and the premaster secret of the
 * New License Request or License Information, whatever Standard RDP Security does:
 *
 * <pre>
 * SaltedHash(S, I)  = MD5(S + SHA-1(I + S + ClientRandom + ServerRandom))
 * MasterSecret      = SaltedHash(PremasterSecret, 'A' | 'BB' | 'CCC'), concatenated
 * SaltedHash2(S, I) = MD5(S + SHA-1(I + S + ServerRandom + ClientRandom))
 * SessionKeyBlob    = SaltedHash2(MasterSecret, 'A' | 'BB' | 'CCC'), concatenated
 * MAC-salt-key      = First128Bits(SessionKeyBlob)
 * LicensingEncryptionKey = MD5(Second128Bits(SessionKeyBlob) + ClientRandom + ServerRandom)
 * </pre>
 *
 * Licensing data is encrypted with RC4 under the licensing key, each message from a fresh key
 * schedule (5.1.3, 5.1.4), and signed with the 16-byte MACData of 5.1.5: {@code MD5(MAC-salt-key +
 * Pad2 + SHA-1(MAC-salt-key + Pad1 + DataLength + Data))} over the plaintext.
 *
 * <p>Holds secrets: {@code toString} shows nothing of them.
 */
public final class LicensingKeys {
  /** The length of the licensing client and server randoms. */
  public static final int RANDOM_LENGTH = 32;

  /** The length of the premaster secret. */
  public static final int PREMASTER_SECRET_LENGTH = 48;

  /** The length of MACData. */
  public static final int MAC_LENGTH = 16;

  private final byte[] macSaltKey;
  private final byte[] encryptionKey;

  private LicensingKeys(byte[] macSaltKey, byte[] encryptionKey) {
    this.macSaltKey = macSaltKey;
    this.encryptionKey = encryptionKey;
  }

  /** The keys of one licensing exchange. */
  public static LicensingKeys derive(
      byte[] clientRandom, byte[] serverRandom, byte[] premasterSecret) {
    check(clientRandom, RANDOM_LENGTH, "clientRandom");
    check(serverRandom, RANDOM_LENGTH, "serverRandom");
    check(premasterSecret, PREMASTER_SECRET_LENGTH, "premasterSecret");
    byte[] master = new byte[48];
    byte[] blob = new byte[48];
    for (int i = 0; i < 3; i++) {
      byte[] label = new byte[i + 1];
      Arrays.fill(label, (byte) ('A' + i));
      byte[] h =
          Digests.md5(
              premasterSecret, Digests.sha1(label, premasterSecret, clientRandom, serverRandom));
      System.arraycopy(h, 0, master, 16 * i, 16);
    }
    for (int i = 0; i < 3; i++) {
      byte[] label = new byte[i + 1];
      Arrays.fill(label, (byte) ('A' + i));
      byte[] h = Digests.md5(master, Digests.sha1(label, master, serverRandom, clientRandom));
      System.arraycopy(h, 0, blob, 16 * i, 16);
    }
    Arrays.fill(master, (byte) 0);
    byte[] macSalt = Arrays.copyOf(blob, 16);
    byte[] key = Digests.md5(Digests.slice(blob, 16, 16), clientRandom, serverRandom);
    Arrays.fill(blob, (byte) 0);
    return new LicensingKeys(macSalt, key);
  }

  private static void check(byte[] b, int length, String what) {
    Objects.requireNonNull(b, what);
    if (b.length != length) {
      throw new IllegalArgumentException(what + " must be " + length + " bytes, not " + b.length);
    }
  }

  /** MACData over {@code plaintext} (MS-RDPELE 5.1.5). */
  public byte[] mac(byte[] plaintext) {
    byte[] sha = Digests.sha1(macSaltKey, Digests.PAD1, Digests.le32(plaintext.length), plaintext);
    return Digests.md5(macSaltKey, Digests.PAD2, sha);
  }

  /** Whether {@code mac} is the MACData of {@code plaintext}, compared in constant time. */
  public boolean checkMac(byte[] plaintext, byte[] mac) {
    return MessageDigest.isEqual(mac(plaintext), mac);
  }

  /** RC4 under the licensing encryption key from a fresh schedule (5.1.3); it also decrypts. */
  public byte[] encrypt(byte[] data) {
    RC4Engine rc4 = new RC4Engine();
    rc4.init(true, new KeyParameter(encryptionKey));
    byte[] out = new byte[data.length];
    rc4.processBytes(data, 0, data.length, out, 0);
    return out;
  }

  /** The same as {@link #encrypt}: RC4 is its own inverse (5.1.4). */
  public byte[] decrypt(byte[] data) {
    return encrypt(data);
  }

  /** The MAC salt key, for tests. */
  byte[] macSaltKey() {
    return macSaltKey.clone();
  }

  /** The licensing encryption key, for tests. */
  byte[] encryptionKey() {
    return encryptionKey.clone();
  }

  /** Overwrites the keys. */
  public void destroy() {
    Arrays.fill(macSaltKey, (byte) 0);
    Arrays.fill(encryptionKey, (byte) 0);
  }

  @Override
  public String toString() {
    return "licensing keys";
  }
}
