package dev.rdpprobe.rdpsec;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A second implementation of MS-RDPBCGR 5.3.4 to 5.3.7 and MS-RDPELE 5.1.2 to 5.1.5, written
 * straight from the formulas as the specification prints them, slowly and without sharing a line
 * with {@code dev.rdpprobe.rdpsec}: the JDK's own MD5, SHA-1, HMAC, RC4 ("ARCFOUR") and DESede
 * (SunJCE) instead of Bouncy Castle, byte strings concatenated with {@code +} as the text does, the
 * 3DES key expansion done bit by bit in the three steps the text describes, RSA with BigInteger.
 */
final class NaiveRdpSecurity {
  private NaiveRdpSecurity() {}

  // --- primitives --------------------------------------------------------------------------------

  static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] md5(byte[]... parts) {
    return hash("MD5", cat(parts));
  }

  static byte[] sha(byte[]... parts) {
    return hash("SHA-1", cat(parts));
  }

  private static byte[] hash(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] hmacSha1(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** A fresh RC4 keystream over {@code data}. */
  static byte[] rc4(byte[] key, byte[] data) {
    return new Rc4(key).update(data);
  }

  /** An RC4 stream kept across calls. */
  static final class Rc4 {
    private final Cipher cipher;

    Rc4(byte[] key) {
      try {
        cipher = Cipher.getInstance("ARCFOUR");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
      } catch (GeneralSecurityException e) {
        throw new AssertionError(e);
      }
    }

    byte[] update(byte[] data) {
      byte[] out = cipher.update(data);
      return out == null ? new byte[0] : out;
    }
  }

  static byte[] first(byte[] b, int bits) {
    return Arrays.copyOfRange(b, 0, bits / 8);
  }

  static byte[] last(byte[] b, int bits) {
    return Arrays.copyOfRange(b, b.length - bits / 8, b.length);
  }

  static byte[] repeat(int value, int times) {
    byte[] b = new byte[times];
    Arrays.fill(b, (byte) value);
    return b;
  }

  static byte[] le32(long v) {
    return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
  }

  static final byte[] PAD1 = repeat(0x36, 40);
  static final byte[] PAD2 = repeat(0x5C, 48);

  // --- 5.3.5.1 -----------------------------------------------------------------------------------

  static byte[] saltedHash(byte[] s, byte[] i, byte[] clientRandom, byte[] serverRandom) {
    return md5(s, sha(i, s, clientRandom, serverRandom));
  }

  static byte[] finalHash(byte[] k, byte[] clientRandom, byte[] serverRandom) {
    return md5(k, clientRandom, serverRandom);
  }

  static byte[] preMasterSecret(byte[] clientRandom, byte[] serverRandom) {
    return cat(first(clientRandom, 192), first(serverRandom, 192));
  }

  static byte[] masterSecret(byte[] clientRandom, byte[] serverRandom) {
    byte[] pms = preMasterSecret(clientRandom, serverRandom);
    return cat(
        saltedHash(pms, new byte[] {0x41}, clientRandom, serverRandom),
        saltedHash(pms, new byte[] {0x42, 0x42}, clientRandom, serverRandom),
        saltedHash(pms, new byte[] {0x43, 0x43, 0x43}, clientRandom, serverRandom));
  }

  static byte[] sessionKeyBlob(byte[] clientRandom, byte[] serverRandom) {
    byte[] ms = masterSecret(clientRandom, serverRandom);
    return cat(
        saltedHash(ms, new byte[] {0x58}, clientRandom, serverRandom),
        saltedHash(ms, new byte[] {0x59, 0x59}, clientRandom, serverRandom),
        saltedHash(ms, new byte[] {0x5A, 0x5A, 0x5A}, clientRandom, serverRandom));
  }

  /** MACKey128, InitialClientDecryptKey128, InitialClientEncryptKey128. */
  static byte[][] keys128(byte[] clientRandom, byte[] serverRandom) {
    byte[] blob = sessionKeyBlob(clientRandom, serverRandom);
    byte[] mac = first(blob, 128);
    byte[] clientDecrypt = finalHash(Arrays.copyOfRange(blob, 16, 32), clientRandom, serverRandom);
    byte[] clientEncrypt = finalHash(Arrays.copyOfRange(blob, 32, 48), clientRandom, serverRandom);
    return new byte[][] {mac, clientDecrypt, clientEncrypt};
  }

  /** The key of {@code bits} (40, 56 or 128) from a 128-bit one. */
  static byte[] shorten(byte[] key128, int bits) {
    byte[] first64 = first(key128, 64);
    return switch (bits) {
      case 40 -> cat(new byte[] {(byte) 0xD1, 0x26, (byte) 0x9E}, last(first64, 40));
      case 56 -> cat(new byte[] {(byte) 0xD1}, last(first64, 56));
      case 128 -> key128;
      default -> throw new IllegalArgumentException("bits " + bits);
    };
  }

  // --- 5.3.6.1 and 5.3.6.1.1
  // ----------------------------------------------------------------------

  static byte[] macSignature(byte[] macKeyN, byte[] data) {
    byte[] shaComponent = sha(macKeyN, PAD1, le32(data.length), data);
    return first(md5(macKeyN, PAD2, shaComponent), 64);
  }

  static byte[] saltedMacSignature(byte[] macKeyN, byte[] data, long encryptionCount) {
    byte[] shaComponent = sha(macKeyN, PAD1, le32(data.length), data, le32(encryptionCount));
    return first(md5(macKeyN, PAD2, shaComponent), 64);
  }

  // --- 5.3.7.1 -----------------------------------------------------------------------------------

  static byte[] newKey(byte[] initialKeyN, byte[] currentKeyN, int bits) {
    byte[] initial = bits == 128 ? initialKeyN : first(initialKeyN, 64);
    byte[] current = bits == 128 ? currentKeyN : first(currentKeyN, 64);
    byte[] shaComponent = sha(initial, PAD1, current);
    byte[] tempKey128 = md5(initial, PAD2, shaComponent);
    if (bits == 128) {
      return rc4(tempKey128, tempKey128);
    }
    byte[] tempKey64 = first(tempKey128, 64);
    byte[] preSaltKey = rc4(tempKey64, tempKey64);
    return bits == 40
        ? cat(new byte[] {(byte) 0xD1, 0x26, (byte) 0x9E}, last(preSaltKey, 40))
        : cat(new byte[] {(byte) 0xD1}, last(preSaltKey, 56));
  }

  /** One direction of RC4 with the 4096-PDU key update, as a receiver or a sender sees it. */
  static final class Rc4Direction {
    private final byte[] initial;
    private final int bits;
    private byte[] current;
    private Rc4 rc4;
    private int packets;

    Rc4Direction(byte[] initialKeyN, int bits) {
      this.initial = initialKeyN;
      this.current = initialKeyN;
      this.bits = bits;
      this.rc4 = new Rc4(initialKeyN);
    }

    byte[] next(byte[] data) {
      if (packets > 0 && packets % 4096 == 0) {
        current = newKey(initial, current, bits);
        rc4 = new Rc4(current);
      }
      packets++;
      return rc4.update(data);
    }
  }

  // --- 5.3.5.2 and 5.3.6.2 ----------------------------------------------------------------------

  /** ClientEncryptKeyT, ClientDecryptKeyT. */
  static byte[][] fipsKeysT(byte[] clientRandom, byte[] serverRandom) {
    return new byte[][] {
      sha(last(clientRandom, 128), last(serverRandom, 128)),
      sha(first(clientRandom, 128), first(serverRandom, 128))
    };
  }

  static byte[] fipsHmacKey(byte[] clientRandom, byte[] serverRandom) {
    byte[][] t = fipsKeysT(clientRandom, serverRandom);
    return sha(t[1], t[0]);
  }

  /** KeyT + First8Bits(KeyT), then the three steps and the parity of 5.3.5.2, on bit strings. */
  static byte[] fipsKey(byte[] keyT) {
    byte[] key168 = cat(keyT, first(keyT, 8));
    // reverse every byte in the key
    StringBuilder bits = new StringBuilder();
    for (byte b : key168) {
      String s = String.format("%8s", Integer.toBinaryString(b & 0xFF)).replace(' ', '0');
      bits.append(new StringBuilder(s).reverse());
    }
    // insert a zero bit after every seventh bit
    StringBuilder widened = new StringBuilder();
    for (int i = 0; i < bits.length(); i += 7) {
      widened.append(bits, i, i + 7).append('0');
    }
    // reverse every byte, then make each byte's parity odd through its least significant bit
    byte[] out = new byte[widened.length() / 8];
    for (int i = 0; i < out.length; i++) {
      String s = new StringBuilder(widened.substring(8 * i, 8 * i + 8)).reverse().toString();
      int v = Integer.parseInt(s, 2);
      if (Integer.bitCount(v) % 2 == 0) {
        v ^= 1;
      }
      out[i] = (byte) v;
    }
    return out;
  }

  static final byte[] FIPS_IV = {
    0x12, 0x34, 0x56, 0x78, (byte) 0x90, (byte) 0xAB, (byte) 0xCD, (byte) 0xEF
  };

  /** 3DES-CBC with the fixed IV, its chain running on across calls. */
  static final class Des3 {
    private final Cipher cipher;

    Des3(int mode, byte[] key24) {
      try {
        cipher = Cipher.getInstance("DESede/CBC/NoPadding");
        cipher.init(mode, new SecretKeySpec(key24, "DESede"), new IvParameterSpec(FIPS_IV));
      } catch (GeneralSecurityException e) {
        throw new AssertionError(e);
      }
    }

    byte[] update(byte[] data) {
      byte[] out = cipher.update(data);
      return out == null ? new byte[0] : out;
    }
  }

  static byte[] fipsSignature(byte[] hmacKey, byte[] data, long encryptionCount) {
    return first(hmacSha1(hmacKey, cat(data, le32(encryptionCount))), 64);
  }

  // --- 5.3.4.1 -----------------------------------------------------------------------------------

  /** c = r^e mod n with r and c little-endian, c in a zeroed buffer of (bitlen / 8) + 8 bytes. */
  static byte[] encryptClientRandom(byte[] r, BigInteger e, BigInteger n, int bitlen) {
    BigInteger c = littleEndian(r).modPow(e, n);
    byte[] out = new byte[bitlen / 8 + 8];
    byte[] be = c.toByteArray();
    for (int i = 0; i < be.length && i < bitlen / 8; i++) {
      out[i] = be[be.length - 1 - i];
    }
    return out;
  }

  static BigInteger littleEndian(byte[] b) {
    byte[] be = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      be[i] = b[b.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  // --- MS-RDPELE 5.1.2 and 5.1.5 -------------------------------------------------------------

  /** MAC-salt-key, LicensingEncryptionKey. */
  static byte[][] licensingKeys(byte[] clientRandom, byte[] serverRandom, byte[] premaster) {
    byte[] a = {'A'};
    byte[] bb = {'B', 'B'};
    byte[] ccc = {'C', 'C', 'C'};
    byte[] master =
        cat(
            md5(premaster, sha(a, premaster, clientRandom, serverRandom)),
            md5(premaster, sha(bb, premaster, clientRandom, serverRandom)),
            md5(premaster, sha(ccc, premaster, clientRandom, serverRandom)));
    byte[] blob =
        cat(
            md5(master, sha(a, master, serverRandom, clientRandom)),
            md5(master, sha(bb, master, serverRandom, clientRandom)),
            md5(master, sha(ccc, master, serverRandom, clientRandom)));
    return new byte[][] {
      first(blob, 128), md5(Arrays.copyOfRange(blob, 16, 32), clientRandom, serverRandom)
    };
  }

  static byte[] licensingMac(byte[] macSaltKey, byte[] data) {
    return md5(macSaltKey, PAD2, sha(macSaltKey, PAD1, le32(data.length), data));
  }
}
