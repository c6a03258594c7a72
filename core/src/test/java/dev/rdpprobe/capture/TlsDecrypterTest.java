package dev.rdpprobe.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rdpprobe.tls.CipherSuites;
import dev.rdpprobe.tls.TlsRecordObserver;
import dev.rdpprobe.tls.TlsSide;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * A long TLS 1.2 AES-GCM stream, sealed here with the key block of RFC 5246 6.3 computed apart from
 * the decrypter: every record opens with the direction's cipher keyed once and given each record's
 * nonce, and a record altered by one bit stops the direction.
 */
class TlsDecrypterTest {
  static final int SUITE = CipherSuites.code("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").orElseThrow();

  static byte[] hmac(byte[] key, byte[]... parts) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(key));
    for (byte[] p : parts) {
      mac.update(p, 0, p.length);
    }
    byte[] out = new byte[32];
    mac.doFinal(out, 0);
    return out;
  }

  /** P_SHA256 (RFC 5246 5), written out again for the test. */
  static byte[] prf(byte[] secret, String label, byte[] seed, int length) {
    byte[] labelSeed = concat(label.getBytes(StandardCharsets.US_ASCII), seed);
    byte[] out = new byte[0];
    byte[] a = labelSeed;
    while (out.length < length) {
      a = hmac(secret, a);
      out = concat(out, hmac(secret, a, labelSeed));
    }
    return Arrays.copyOf(out, length);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] seal(byte[] key, byte[] salt, long seq, byte[] plain) throws Exception {
    byte[] explicit = new byte[8];
    for (int i = 0; i < 8; i++) {
      explicit[i] = (byte) (seq >>> (56 - 8 * i));
    }
    byte[] aad =
        concat(explicit, new byte[] {23, 3, 3, (byte) (plain.length >> 8), (byte) plain.length});
    GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(true, new AEADParameters(new KeyParameter(key), 128, concat(salt, explicit), aad));
    byte[] sealed = new byte[gcm.getOutputSize(plain.length)];
    int n = gcm.processBytes(plain, 0, plain.length, sealed, 0);
    gcm.doFinal(sealed, n);
    byte[] fragment = concat(explicit, sealed);
    byte[] header = {23, 3, 3, (byte) (fragment.length >> 8), (byte) fragment.length};
    return concat(header, fragment);
  }

  @Test
  void aLongGcmStreamOpensRecordByRecordAndABitFlipStopsIt() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    byte[] clientRandom = new byte[32];
    byte[] serverRandom = new byte[32];
    byte[] master = new byte[48];
    random.nextBytes(clientRandom);
    random.nextBytes(serverRandom);
    random.nextBytes(master);
    byte[] block = prf(master, "key expansion", concat(serverRandom, clientRandom), 40);
    byte[] serverKey = Arrays.copyOfRange(block, 16, 32);
    byte[] serverSalt = Arrays.copyOfRange(block, 36, 40);
    String hex = HexFormat.of().formatHex(clientRandom);
    TlsDecrypter d = new TlsDecrypter(Map.of(hex, Map.of("CLIENT_RANDOM", master)));
    d.clientRandom(clientRandom);
    d.serverHello(serverRandom, 0x0303, SUITE, false);
    for (int seq = 0; seq < 40; seq++) { // 40 records of 1,000 bytes under one key
      byte[] plain = new byte[1000];
      random.nextBytes(plain);
      TlsRecordObserver.Plaintext p =
          d.open(TlsSide.SERVER, seal(serverKey, serverSalt, seq, plain));
      assertNotNull(p, "record " + seq);
      assertEquals(23, p.contentType());
      assertArrayEquals(plain, p.data(), "record " + seq);
    }
    byte[] altered = seal(serverKey, serverSalt, 40, new byte[100]);
    altered[20] ^= 1;
    assertNull(d.open(TlsSide.SERVER, altered));
    assertNull(d.open(TlsSide.SERVER, seal(serverKey, serverSalt, 41, new byte[100])));
  }
}
