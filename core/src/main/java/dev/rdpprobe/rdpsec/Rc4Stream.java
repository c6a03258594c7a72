package dev.rdpprobe.rdpsec;

import java.util.Arrays;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * One direction's RC4 under Standard RDP Security (MS-RDPBCGR 5.3.6.1): one keystream across all
 * PDUs, its key updated after every {@value #KEY_UPDATE_INTERVAL} PDUs (5.3.7.1).
 *
 * <pre>
 * SHAComponent = SHA(InitialKey + Pad1 + CurrentKey)
 * TempKey128   = MD5(InitialKey + Pad2 + SHAComponent)
 * 128 bits:      NewKey = RC4(TempKey128) applied to TempKey128
 * 40, 56 bits:   TempKey64 = First64Bits(TempKey128), PreSaltKey = RC4(TempKey64) applied to
 *                TempKey64, NewKey = the 40- or 56-bit salt over PreSaltKey
 * </pre>
 *
 * The keys of 40 and 56 bits enter the update with their salt, as 8 bytes. Not thread-safe.
 */
final class Rc4Stream {
  /** PDUs per key: the 4097th PDU is the first under an updated key. */
  static final int KEY_UPDATE_INTERVAL = 4096;

  private final EncryptionMethod method;
  private final byte[] initialKey;
  private byte[] currentKey;
  private final RC4Engine engine = new RC4Engine();
  private int uses;

  Rc4Stream(EncryptionMethod method, byte[] initialKey) {
    if (!method.isRc4() || initialKey.length != method.keyLength()) {
      throw new IllegalArgumentException(
          "a " + method + " key is " + method.keyLength() + " bytes");
    }
    this.method = method;
    this.initialKey = initialKey.clone();
    this.currentKey = initialKey.clone();
    engine.init(true, new KeyParameter(currentKey));
  }

  /** Encrypts or decrypts one PDU's bytes in place, updating the key first when it is due. */
  void apply(byte[] data, int offset, int length) {
    if (uses == KEY_UPDATE_INTERVAL) {
      byte[] next = updatedKey(method, initialKey, currentKey);
      Arrays.fill(currentKey, (byte) 0);
      currentKey = next;
      engine.init(true, new KeyParameter(currentKey));
      uses = 0;
    }
    engine.processBytes(data, offset, length, data, offset);
    uses++;
  }

  /** The key in use, for tests. */
  byte[] currentKey() {
    return currentKey.clone();
  }

  /** The key that follows {@code current} (MS-RDPBCGR 5.3.7.1). */
  static byte[] updatedKey(EncryptionMethod method, byte[] initial, byte[] current) {
    byte[] sha = Digests.sha1(initial, Digests.PAD1, current);
    byte[] temp = Digests.md5(initial, Digests.PAD2, sha);
    byte[] key = Arrays.copyOf(temp, method.keyLength());
    Arrays.fill(temp, (byte) 0);
    RC4Engine rc4 = new RC4Engine();
    rc4.init(true, new KeyParameter(key));
    rc4.processBytes(key, 0, key.length, key, 0);
    return Rc4SessionKeys.salt(method, key);
  }

  /** Overwrites the keys and the key schedule. */
  void destroy() {
    Arrays.fill(initialKey, (byte) 0);
    Arrays.fill(currentKey, (byte) 0);
    engine.init(true, new KeyParameter(new byte[16]));
  }
}
