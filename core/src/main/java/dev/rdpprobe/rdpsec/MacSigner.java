package dev.rdpprobe.rdpsec;

import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The 8-byte data signatures of Standard RDP Security, with digests kept for reuse (not
 * thread-safe):
 *
 * <pre>
 * 5.3.6.1    MACSignature = First64Bits(MD5(MACKeyN + Pad2 + SHA(MACKeyN + Pad1 + DataLength + Data)))
 * 5.3.6.1.1  the same with EncryptionCount after Data inside the SHA (SEC_SECURE_CHECKSUM)
 * 5.3.6.2    MACSignature = First64Bits(HMAC-SHA1(HMACKey, Data + EncryptionCount))
 * </pre>
 *
 * DataLength and EncryptionCount are 32-bit little-endian; Data is the plaintext (without the FIPS
 * padding); EncryptionCount is the number of PDUs the sender encrypted before this one.
 */
final class MacSigner {
  static final int SIGNATURE_LENGTH = 8;

  private final SHA1Digest sha1 = new SHA1Digest();
  private final MD5Digest md5 = new MD5Digest();
  private final byte[] shaOut = new byte[20];
  private final byte[] md5Out = new byte[16];
  private final byte[] word = new byte[4];
  private HMac hmac;
  private byte[] hmacKeyInUse;

  /** The RC4 methods' signature, salted with {@code count} when {@code salted}. */
  byte[] nonFips(byte[] macKey, byte[] data, int offset, int length, boolean salted, long count) {
    sha1.update(macKey, 0, macKey.length);
    sha1.update(Digests.PAD1, 0, Digests.PAD1.length);
    putLe32(length);
    sha1.update(word, 0, 4);
    sha1.update(data, offset, length);
    if (salted) {
      putLe32(count);
      sha1.update(word, 0, 4);
    }
    sha1.doFinal(shaOut, 0);
    md5.update(macKey, 0, macKey.length);
    md5.update(Digests.PAD2, 0, Digests.PAD2.length);
    md5.update(shaOut, 0, shaOut.length);
    md5.doFinal(md5Out, 0);
    byte[] out = new byte[SIGNATURE_LENGTH];
    System.arraycopy(md5Out, 0, out, 0, SIGNATURE_LENGTH);
    return out;
  }

  /** The FIPS signature. */
  byte[] fips(byte[] hmacKey, byte[] data, int offset, int length, long count) {
    if (hmac == null) {
      hmac = new HMac(new SHA1Digest());
    }
    if (hmacKeyInUse != hmacKey) {
      // HMac returns to its keyed state after doFinal: key it once per key
      hmac.init(new KeyParameter(hmacKey));
      hmacKeyInUse = hmacKey;
    }
    hmac.update(data, offset, length);
    putLe32(count);
    hmac.update(word, 0, 4);
    hmac.doFinal(shaOut, 0);
    byte[] out = new byte[SIGNATURE_LENGTH];
    System.arraycopy(shaOut, 0, out, 0, SIGNATURE_LENGTH);
    return out;
  }

  private void putLe32(long v) {
    word[0] = (byte) v;
    word[1] = (byte) (v >>> 8);
    word[2] = (byte) (v >>> 16);
    word[3] = (byte) (v >>> 24);
  }
}
