package dev.rdpprobe.rdpsec;

import java.util.Arrays;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * One direction's 3DES in CBC mode at the FIPS level (MS-RDPBCGR 5.3.6.2): set up once with the
 * fixed initialization vector, after which the chain runs on across PDUs (each PDU's first block is
 * chained to the previous PDU's last), as Windows, FreeRDP and xrdp do it. FIPS keys are never
 * updated (5.3.7.2). Not thread-safe.
 *
 * <p>EDE is composed here from three single-DES engines, and CBC done here, because Bouncy Castle's
 * {@code DESedeEngine} allocates a block for every block it processes (three times the data in
 * garbage); the tests hold the result to the JDK's {@code DESede/CBC/NoPadding}.
 */
final class TripleDesCbc {
  /** The initialization vector of 5.3.6.2. */
  static final byte[] IV = {
    0x12, 0x34, 0x56, 0x78, (byte) 0x90, (byte) 0xAB, (byte) 0xCD, (byte) 0xEF
  };

  static final int BLOCK = 8;

  private final boolean encrypt;
  private final DESEngine first = new DESEngine();
  private final DESEngine second = new DESEngine();
  private final DESEngine third = new DESEngine();
  private final byte[] chain = IV.clone();
  private final byte[] block = new byte[BLOCK];
  private final byte[] saved = new byte[BLOCK];

  /**
   * @param key24 K1, K2 and K3: encryption is E(K3, D(K2, E(K1, x))), decryption the reverse
   */
  TripleDesCbc(boolean encrypt, byte[] key24) {
    if (key24.length != 3 * BLOCK) {
      throw new IllegalArgumentException("a 3DES key is 24 bytes, not " + key24.length);
    }
    this.encrypt = encrypt;
    KeyParameter k1 = new KeyParameter(key24, 0, BLOCK);
    KeyParameter k2 = new KeyParameter(key24, BLOCK, BLOCK);
    KeyParameter k3 = new KeyParameter(key24, 2 * BLOCK, BLOCK);
    if (encrypt) {
      first.init(true, k1);
      second.init(false, k2);
      third.init(true, k3);
    } else {
      first.init(false, k3);
      second.init(true, k2);
      third.init(false, k1);
    }
  }

  /** Encrypts or decrypts whole blocks in place. */
  void apply(byte[] data, int offset, int length) {
    if (length % BLOCK != 0) {
      throw new IllegalArgumentException(
          "3DES takes whole 8-byte blocks, not " + length + " bytes");
    }
    for (int at = offset; at < offset + length; at += BLOCK) {
      if (encrypt) {
        for (int i = 0; i < BLOCK; i++) {
          block[i] = (byte) (data[at + i] ^ chain[i]);
        }
        ede(block, data, at);
        System.arraycopy(data, at, chain, 0, BLOCK);
      } else {
        System.arraycopy(data, at, saved, 0, BLOCK);
        ede(saved, block, 0);
        for (int i = 0; i < BLOCK; i++) {
          data[at + i] = (byte) (block[i] ^ chain[i]);
        }
        System.arraycopy(saved, 0, chain, 0, BLOCK);
      }
    }
  }

  /** The three DES passes from {@code in} into {@code out} at {@code outOffset}. */
  private void ede(byte[] in, byte[] out, int outOffset) {
    first.processBlock(in, 0, out, outOffset);
    second.processBlock(out, outOffset, out, outOffset);
    third.processBlock(out, outOffset, out, outOffset);
  }

  /** Forgets the key schedules and the chain. */
  void destroy() {
    KeyParameter zero = new KeyParameter(new byte[BLOCK]);
    first.init(true, zero);
    second.init(true, zero);
    third.init(true, zero);
    Arrays.fill(chain, (byte) 0);
    Arrays.fill(block, (byte) 0);
    Arrays.fill(saved, (byte) 0);
  }
}
