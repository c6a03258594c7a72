package dev.rdpprobe.rdpsec;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * One direction's 3DES in CBC mode at the FIPS level (MS-RDPBCGR 5.3.6.2): set up once with the
 * fixed initialization vector, after which the chain runs on across PDUs (each PDU's first block is
 * chained to the previous PDU's last), as Windows, FreeRDP and xrdp do it. FIPS keys are never
 * updated (5.3.7.2). Not thread-safe.
 */
final class TripleDesCbc {
  /** The initialization vector of 5.3.6.2. */
  static final byte[] IV = {
    0x12, 0x34, 0x56, 0x78, (byte) 0x90, (byte) 0xAB, (byte) 0xCD, (byte) 0xEF
  };

  static final int BLOCK = 8;

  private final BlockCipher cbc = CBCBlockCipher.newInstance(new DESedeEngine());

  TripleDesCbc(boolean encrypt, byte[] key24) {
    cbc.init(encrypt, new ParametersWithIV(new KeyParameter(key24), IV));
  }

  /** Encrypts or decrypts whole blocks in place. */
  void apply(byte[] data, int offset, int length) {
    if (length % BLOCK != 0) {
      throw new IllegalArgumentException(
          "3DES takes whole 8-byte blocks, not " + length + " bytes");
    }
    for (int at = offset; at < offset + length; at += BLOCK) {
      cbc.processBlock(data, at, data, at);
    }
  }

  /** Forgets the key schedule. */
  void destroy() {
    cbc.reset();
    cbc.init(true, new ParametersWithIV(new KeyParameter(new byte[24]), IV));
  }
}
