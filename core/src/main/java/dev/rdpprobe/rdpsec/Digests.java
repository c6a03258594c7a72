package dev.rdpprobe.rdpsec;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;

/** MD5 and SHA-1 over concatenated parts, and the padding constants of MS-RDPBCGR 5.3.6.1. */
final class Digests {
  /** Pad1: 0x36 repeated 40 times. */
  static final byte[] PAD1 = filled(0x36, 40);

  /** Pad2: 0x5C repeated 48 times. */
  static final byte[] PAD2 = filled(0x5C, 48);

  private Digests() {}

  static byte[] md5(byte[]... parts) {
    return digest(new MD5Digest(), parts);
  }

  static byte[] sha1(byte[]... parts) {
    return digest(new SHA1Digest(), parts);
  }

  private static byte[] digest(Digest d, byte[]... parts) {
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }

  /** {@code value} as 4 little-endian bytes. */
  static byte[] le32(long value) {
    return new byte[] {
      (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)
    };
  }

  static byte[] slice(byte[] b, int from, int length) {
    byte[] out = new byte[length];
    System.arraycopy(b, from, out, 0, length);
    return out;
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static byte[] filled(int value, int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }
}
