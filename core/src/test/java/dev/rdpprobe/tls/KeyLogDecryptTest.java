package dev.rdpprobe.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rdpprobe.wire.Octets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * Proves the key log lines right without Bouncy Castle's TLS code: the records of the testdata
 * connections are decrypted here, from the key log alone, with the key schedules of RFC 8446
 * section 7 and RFC 5246 section 6.3 (both suites are AES-256-GCM with SHA-384).
 */
class KeyLogDecryptTest {

  private static Map<String, byte[]> keyLog(String name) {
    Map<String, byte[]> out = new HashMap<>();
    try {
      for (String line :
          Files.readAllLines(TlsTestData.TESTDATA.resolve("tls/" + name + ".keylog"))) {
        if (!line.startsWith("#") && !line.isBlank()) {
          String[] f = line.split(" ");
          out.put("random", Octets.fromHex(f[1]).toByteArray());
          out.put(f[0], Octets.fromHex(f[2]).toByteArray());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The records of a flight file: each {type, fragment}. */
  private static List<byte[][]> records(String file) {
    byte[] b = TlsTestData.load("tls/" + file + ".hex");
    List<byte[][]> out = new ArrayList<>();
    for (int i = 0; i < b.length; ) {
      int len = (b[i + 3] & 0xFF) << 8 | (b[i + 4] & 0xFF);
      out.add(
          new byte[][] {
            Arrays.copyOfRange(b, i, i + 5), Arrays.copyOfRange(b, i + 5, i + 5 + len)
          });
      i += 5 + len;
    }
    return out;
  }

  private static byte[] gcmOpen(byte[] key, byte[] nonce, byte[] aad, byte[] sealed) {
    GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
    gcm.init(false, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
    byte[] out = new byte[gcm.getOutputSize(sealed.length)];
    int n = gcm.processBytes(sealed, 0, sealed.length, out, 0);
    try {
      n += gcm.doFinal(out, n);
    } catch (InvalidCipherTextException e) {
      throw new AssertionError("the key log does not decrypt the record", e);
    }
    return Arrays.copyOf(out, n);
  }

  // --- TLS 1.3 -----------------------------------------------------------------------------------

  /** HKDF-Expand-Label(secret, label, "", length) with SHA-384 (RFC 8446 section 7.1). */
  private static byte[] expandLabel(byte[] secret, String label, int length) {
    byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
    byte[] info = new byte[2 + 1 + full.length + 1];
    info[0] = (byte) (length >> 8);
    info[1] = (byte) length;
    info[2] = (byte) full.length;
    System.arraycopy(full, 0, info, 3, full.length);
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA384Digest());
    hkdf.init(HKDFParameters.skipExtractParameters(secret, info));
    byte[] out = new byte[length];
    hkdf.generateBytes(out, 0, length);
    return out;
  }

  /** The inner plaintext of a TLS 1.3 record: content, then the real content type. */
  private static byte[] open13(byte[] trafficSecret, long seq, byte[][] record) {
    byte[] key = expandLabel(trafficSecret, "key", 32);
    byte[] nonce = expandLabel(trafficSecret, "iv", 12);
    for (int i = 0; i < 8; i++) {
      nonce[11 - i] ^= (byte) (seq >>> (8 * i));
    }
    byte[] inner = gcmOpen(key, nonce, record[0], record[1]);
    int end = inner.length;
    while (inner[end - 1] == 0) {
      end--; // padding
    }
    return Arrays.copyOf(inner, end);
  }

  @Test
  void tls13KeyLogDecryptsBothDirectionsOfHandshakeAndData() {
    Map<String, byte[]> keys = keyLog("tls13");
    List<byte[][]> server = records("tls13-2-server");
    assertEquals(22, server.get(0)[0][0], "ServerHello");
    assertEquals(20, server.get(1)[0][0], "compatibility ChangeCipherSpec");
    byte[] shs = keys.get(KeyLogLine.SERVER_HANDSHAKE_TRAFFIC_SECRET);
    int[] types = {8, 11, 15, 20}; // EncryptedExtensions, Certificate, CertificateVerify, Finished
    for (int i = 0; i < types.length; i++) {
      byte[] inner = open13(shs, i, server.get(2 + i));
      assertEquals(types[i], inner[0], "server handshake message " + i);
      assertEquals(22, inner[inner.length - 1], "an inner handshake record");
    }
    List<byte[][]> client = records("tls13-3-client");
    byte[] finished =
        open13(keys.get(KeyLogLine.CLIENT_HANDSHAKE_TRAFFIC_SECRET), 0, client.get(1));
    assertArrayEquals(new byte[] {20, 0, 0, 48}, Arrays.copyOf(finished, 4));
    byte[] ping =
        open13(keys.get(KeyLogLine.CLIENT_TRAFFIC_SECRET_0), 0, records("tls13-4-client").get(0));
    assertEquals(
        TlsVectorsGenerator.CLIENT_DATA + "\u0017", new String(ping, StandardCharsets.US_ASCII));
    byte[] pong =
        open13(keys.get(KeyLogLine.SERVER_TRAFFIC_SECRET_0), 0, records("tls13-5-server").get(0));
    assertEquals(
        TlsVectorsGenerator.SERVER_DATA + "\u0017", new String(pong, StandardCharsets.US_ASCII));
  }

  // --- TLS 1.2 -----------------------------------------------------------------------------------

  /** P_SHA384(secret, label + seed) of RFC 5246 section 5. */
  private static byte[] prf(byte[] secret, String label, byte[] seed, int length) {
    HMac mac = new HMac(new SHA384Digest());
    mac.init(new KeyParameter(secret));
    byte[] labelSeed =
        Arrays.copyOf(label.getBytes(StandardCharsets.US_ASCII), label.length() + seed.length);
    System.arraycopy(seed, 0, labelSeed, label.length(), seed.length);
    byte[] out = new byte[length];
    byte[] a = labelSeed;
    for (int pos = 0; pos < length; ) {
      byte[] next = new byte[mac.getMacSize()];
      mac.update(a, 0, a.length);
      mac.doFinal(next, 0);
      a = next;
      byte[] block = new byte[mac.getMacSize()];
      mac.update(a, 0, a.length);
      mac.update(labelSeed, 0, labelSeed.length);
      mac.doFinal(block, 0);
      System.arraycopy(block, 0, out, pos, Math.min(block.length, length - pos));
      pos += block.length;
    }
    return out;
  }

  /** A TLS 1.2 AES-GCM record (RFC 5288): explicit nonce, ciphertext, tag. */
  private static byte[] open12(byte[] key, byte[] salt, long seq, byte[][] record) {
    byte[] fragment = record[1];
    byte[] nonce = new byte[12];
    System.arraycopy(salt, 0, nonce, 0, 4);
    System.arraycopy(fragment, 0, nonce, 4, 8);
    int plainLength = fragment.length - 8 - 16;
    byte[] aad = new byte[13];
    for (int i = 0; i < 8; i++) {
      aad[7 - i] = (byte) (seq >>> (8 * i));
    }
    aad[8] = record[0][0];
    aad[9] = record[0][1];
    aad[10] = record[0][2];
    aad[11] = (byte) (plainLength >> 8);
    aad[12] = (byte) plainLength;
    return gcmOpen(key, nonce, aad, Arrays.copyOfRange(fragment, 8, fragment.length));
  }

  @Test
  void tls12KeyLogDecryptsBothDirections() {
    Map<String, byte[]> keys = keyLog("tls12");
    byte[] serverHello = records("tls12-2-server").get(0)[1];
    assertEquals(2, serverHello[0]);
    byte[] serverRandom = Arrays.copyOfRange(serverHello, 6, 38);
    byte[] clientRandom = keys.get("random");
    byte[] seed = Arrays.copyOf(serverRandom, 64);
    System.arraycopy(clientRandom, 0, seed, 32, 32);
    byte[] block = prf(keys.get(KeyLogLine.CLIENT_RANDOM), "key expansion", seed, 72);
    byte[] clientKey = Arrays.copyOfRange(block, 0, 32);
    byte[] serverKey = Arrays.copyOfRange(block, 32, 64);
    byte[] clientSalt = Arrays.copyOfRange(block, 64, 68);
    byte[] serverSalt = Arrays.copyOfRange(block, 68, 72);

    List<byte[][]> client = records("tls12-3-client"); // ClientKeyExchange, CCS, Finished
    byte[] finished = open12(clientKey, clientSalt, 0, client.get(2));
    assertArrayEquals(new byte[] {20, 0, 0, 12}, Arrays.copyOf(finished, 4));
    byte[] serverFinished = open12(serverKey, serverSalt, 0, records("tls12-4-server").get(1));
    assertArrayEquals(new byte[] {20, 0, 0, 12}, Arrays.copyOf(serverFinished, 4));
    assertEquals(
        TlsVectorsGenerator.CLIENT_DATA,
        new String(
            open12(clientKey, clientSalt, 1, records("tls12-5-client").get(0)),
            StandardCharsets.US_ASCII));
    assertEquals(
        TlsVectorsGenerator.SERVER_DATA,
        new String(
            open12(serverKey, serverSalt, 1, records("tls12-6-server").get(0)),
            StandardCharsets.US_ASCII));
  }
}
