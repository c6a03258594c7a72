package dev.rdpprobe.ntlm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The primitives and one-way functions of MS-NLMP 3.3.2 and 6, over Bouncy Castle's lightweight API
 * (no JCA provider is registered or needed). Callers zero what they get back when it is a secret;
 * intermediate secrets are zeroed here.
 */
final class Crypto {
  private Crypto() {}

  static byte[] md4(byte[] data) {
    return digest(new MD4Digest(), data);
  }

  static byte[] md5(byte[]... parts) {
    return digest(new MD5Digest(), parts);
  }

  static byte[] sha256(byte[]... parts) {
    return digest(new SHA256Digest(), parts);
  }

  private static byte[] digest(Digest d, byte[]... parts) {
    for (byte[] p : parts) {
      d.update(p, 0, p.length);
    }
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }

  /** HMAC_MD5(key, parts concatenated). */
  static byte[] hmacMd5(byte[] key, byte[]... parts) {
    HMac mac = new HMac(new MD5Digest());
    mac.init(new KeyParameter(key));
    for (byte[] p : parts) {
      mac.update(p, 0, p.length);
    }
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    return out;
  }

  /** RC4K(key, data): a fresh RC4 stream keyed with {@code key} over {@code data}. */
  static byte[] rc4k(byte[] key, byte[] data) {
    return new Rc4(key).apply(data);
  }

  /**
   * NTOWFv2 (MS-NLMP 3.3.2): {@code HMAC_MD5(MD4(UNICODE(Passwd)), UNICODE(ConcatenationOf(
   * Uppercase(User), UserDom)))}. The upper-casing is per UTF-16 code unit, like Windows' {@code
   * RtlUpcaseUnicodeString}, never a locale's rules (Java would turn {@code ß} into {@code SS}).
   * The password's UTF-16 octets and its MD4 are zeroed before this returns.
   */
  static byte[] ntowfV2(char[] password, String user, String domain) {
    byte[] passwordBytes = utf16(password);
    byte[] ntHash = md4(passwordBytes);
    Arrays.fill(passwordBytes, (byte) 0);
    try {
      return hmacMd5(ntHash, utf16((upper(user) + domain).toCharArray()));
    } finally {
      Arrays.fill(ntHash, (byte) 0);
    }
  }

  static String upper(String s) {
    char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      c[i] = Character.toUpperCase(c[i]);
    }
    return new String(c);
  }

  /** UTF-16LE code units, with no charset replacement. */
  static byte[] utf16(char[] chars) {
    byte[] out = new byte[2 * chars.length];
    for (int i = 0; i < chars.length; i++) {
      out[2 * i] = (byte) chars[i];
      out[2 * i + 1] = (byte) (chars[i] >> 8);
    }
    return out;
  }

  /** ASCII with the terminating NUL, as the magic constants of MS-NLMP 3.4.5.2 are used. */
  static byte[] magic(String text) {
    byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
    return Arrays.copyOf(ascii, ascii.length + 1);
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

  /** Constant-time comparison. */
  static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  static void zero(byte[]... secrets) {
    for (byte[] s : secrets) {
      if (s != null) {
        Arrays.fill(s, (byte) 0);
      }
    }
  }

  /** An RC4 stream whose key stream continues from call to call (a sealing handle). */
  static final class Rc4 {
    private final RC4Engine engine = new RC4Engine();

    Rc4(byte[] key) {
      engine.init(true, new KeyParameter(key));
    }

    byte[] apply(byte[] data) {
      byte[] out = new byte[data.length];
      engine.processBytes(data, 0, data.length, out, 0);
      return out;
    }

    /** Overwrites the key schedule by resetting to a zero key. */
    void destroy() {
      engine.init(true, new KeyParameter(new byte[16]));
    }
  }
}
