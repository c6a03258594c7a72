package dev.rdpprobe.capture;

import dev.rdpprobe.tls.CipherSuites;
import dev.rdpprobe.tls.TlsMessage;
import dev.rdpprobe.tls.TlsRecordObserver;
import dev.rdpprobe.tls.TlsSide;
import dev.rdpprobe.tls.TlsVersion;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Opens the protected records of one TLS connection with the secrets of an NSS key log: TLS 1.3
 * (RFC 8446 7.1, 7.3, 5.2: the handshake and then the application traffic secrets of each side) and
 * TLS 1.2 (RFC 5246 6.3: the key block from the {@code CLIENT_RANDOM} master secret), for the AEAD
 * suites: AES-GCM (RFC 5288, 8446) and ChaCha20-Poly1305 (RFC 7905, 8446), with Bouncy Castle's
 * primitives. CBC suites and TLS before 1.2 are left closed. A record that does not authenticate
 * stops that direction: the keys or the sequence are not the connection's.
 */
final class TlsDecrypter implements TlsRecordObserver.Decrypter {
  private final Map<String, Map<String, byte[]>> keyLog;
  private String clientRandom;
  private byte[] serverRandom;
  private int version = -1;
  private int suite = -1;
  private boolean ready;
  private final Direction client = new Direction(TlsSide.CLIENT);
  private final Direction server = new Direction(TlsSide.SERVER);

  /** One side's keys and sequence. */
  private static final class Direction {
    final TlsSide side;
    byte[] key;
    byte[] iv;
    long seq;
    AEADCipher cipher; // keyed with key once, then given each record's nonce only
    boolean failed;
    boolean application; // TLS 1.3: the application traffic keys are in use
    int messageLeft = -1; // TLS 1.3: bytes left of the handshake message being read
    int messageType;

    Direction(TlsSide side) {
      this.side = side;
    }
  }

  /**
   * @param keyLog secrets by client random (lower-case hex) and label
   */
  TlsDecrypter(Map<String, Map<String, byte[]>> keyLog) {
    this.keyLog = keyLog;
  }

  /** The ClientHello's random. */
  void clientRandom(byte[] random) {
    this.clientRandom = HexFormat.of().formatHex(random);
  }

  /** The ServerHello's random, version and suite. */
  void serverHello(byte[] random, int version, int suite) {
    this.serverRandom = random.clone();
    this.version = version;
    this.suite = suite;
  }

  /** Whether the key log holds this connection's secrets. */
  boolean hasSecrets() {
    return clientRandom != null && keyLog.containsKey(clientRandom);
  }

  @Override
  public TlsRecordObserver.Plaintext open(TlsSide sender, byte[] record) {
    Direction d = sender == TlsSide.CLIENT ? client : server;
    if (d.failed || !prepare()) {
      return null;
    }
    if (d.key == null && !keys(d)) {
      d.failed = true;
      return null;
    }
    try {
      TlsRecordObserver.Plaintext p =
          version == TlsVersion.TLS_1_3.wireValue() ? open13(d, record) : open12(d, record);
      d.seq++;
      if (p != null && version == TlsVersion.TLS_1_3.wireValue()) {
        afterHandshake13(d, p);
      }
      return p;
    } catch (InvalidCipherTextException | RuntimeException e) {
      d.failed = true;
      return null;
    }
  }

  private boolean prepare() {
    if (!ready) {
      ready = hasSecrets() && suite >= 0;
    }
    return ready;
  }

  private String name() {
    return CipherSuites.name(suite);
  }

  private int keyLength() {
    String n = name();
    return n.contains("AES_128_GCM")
        ? 16
        : n.contains("AES_256_GCM") || n.contains("CHACHA20") ? 32 : -1;
  }

  private boolean chacha() {
    return name().contains("CHACHA20_POLY1305");
  }

  private Digest digest() {
    return name().endsWith("SHA384") ? new SHA384Digest() : new SHA256Digest();
  }

  private boolean keys(Direction d) {
    d.cipher = null;
    int keyLength = keyLength();
    if (keyLength < 0) {
      return false; // a CBC or unknown suite
    }
    Map<String, byte[]> secrets = keyLog.get(clientRandom);
    if (version == TlsVersion.TLS_1_3.wireValue()) {
      String label =
          (d.side == TlsSide.CLIENT ? "CLIENT_" : "SERVER_")
              + (d.application ? "TRAFFIC_SECRET_0" : "HANDSHAKE_TRAFFIC_SECRET");
      byte[] secret = secrets.get(label);
      if (secret == null) {
        return false;
      }
      d.key = expandLabel(secret, "key", keyLength);
      d.iv = expandLabel(secret, "iv", 12);
      d.seq = 0;
      return true;
    }
    if (version != TlsVersion.TLS_1_2.wireValue()) {
      return false;
    }
    byte[] master = secrets.get("CLIENT_RANDOM");
    if (master == null) {
      return false;
    }
    int ivLength = chacha() ? 12 : 4;
    byte[] seed = concat(serverRandom, HexFormat.of().parseHex(clientRandom));
    byte[] block = prf(master, "key expansion", seed, 2 * keyLength + 2 * ivLength);
    int at = d.side == TlsSide.CLIENT ? 0 : keyLength;
    d.key = Arrays.copyOfRange(block, at, at + keyLength);
    int ivAt = 2 * keyLength + (d.side == TlsSide.CLIENT ? 0 : ivLength);
    d.iv = Arrays.copyOfRange(block, ivAt, ivAt + ivLength);
    return true;
  }

  private AEADCipher cipher() {
    return chacha() ? new ChaCha20Poly1305() : GCMBlockCipher.newInstance(AESEngine.newInstance());
  }

  /** RFC 8446 5.2/5.3: nonce = iv XOR seq, the header as additional data, inner type last. */
  private TlsRecordObserver.Plaintext open13(Direction d, byte[] record)
      throws InvalidCipherTextException {
    byte[] nonce = xorSeq(d.iv, d.seq);
    byte[] plain = run(d, nonce, Arrays.copyOf(record, 5), record, 5, record.length - 5);
    int end = plain.length;
    while (end > 0 && plain[end - 1] == 0) {
      end--;
    }
    if (end == 0) {
      throw new IllegalArgumentException("a TLS 1.3 record without its content type");
    }
    return new TlsRecordObserver.Plaintext(plain[end - 1] & 0xFF, Arrays.copyOf(plain, end - 1));
  }

  /** RFC 5246 6.2.3.3, RFC 5288 3, RFC 7905 2: seq, type, version and length as additional data. */
  private TlsRecordObserver.Plaintext open12(Direction d, byte[] record)
      throws InvalidCipherTextException {
    int type = record[0] & 0xFF;
    byte[] nonce;
    int from;
    if (chacha()) {
      nonce = xorSeq(d.iv, d.seq);
      from = 5;
    } else {
      nonce = concat(d.iv, Arrays.copyOfRange(record, 5, 13)); // the explicit part first
      from = 13;
    }
    int plainLength = record.length - from - 16;
    if (plainLength < 0) {
      throw new IllegalArgumentException("a record shorter than its tag");
    }
    byte[] aad = new byte[13];
    for (int i = 0; i < 8; i++) {
      aad[i] = (byte) (d.seq >>> (56 - 8 * i));
    }
    aad[8] = (byte) type;
    aad[9] = record[1];
    aad[10] = record[2];
    aad[11] = (byte) (plainLength >> 8);
    aad[12] = (byte) plainLength;
    byte[] plain = run(d, nonce, aad, record, from, record.length - from);
    return new TlsRecordObserver.Plaintext(type, plain);
  }

  private byte[] run(Direction d, byte[] nonce, byte[] aad, byte[] in, int off, int len)
      throws InvalidCipherTextException {
    // the key schedule (and GCM's tables) once a key: a null key keeps the cipher's
    KeyParameter key = null;
    if (d.cipher == null) {
      d.cipher = cipher();
      key = new KeyParameter(d.key);
    }
    AEADCipher c = d.cipher;
    c.init(false, new AEADParameters(key, 128, nonce, aad));
    byte[] out = new byte[c.getOutputSize(len)];
    int n = c.processBytes(in, off, len, out, 0);
    n += c.doFinal(out, n);
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /**
   * TLS 1.3: a side's Finished ends its handshake keys; its next record uses the application
   * traffic keys. Handshake messages are followed across records by their lengths.
   */
  private void afterHandshake13(Direction d, TlsRecordObserver.Plaintext p) {
    if (d.application || p.contentType() != TlsMessage.HANDSHAKE) {
      return;
    }
    byte[] b = p.data();
    int pos = 0;
    boolean finished = false;
    while (pos < b.length) {
      if (d.messageLeft > 0) {
        int take = Math.min(d.messageLeft, b.length - pos);
        pos += take;
        d.messageLeft -= take;
      } else if (b.length - pos >= 4) {
        d.messageType = b[pos] & 0xFF;
        d.messageLeft = (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
        pos += 4;
      } else {
        break; // a header split over records: not followed
      }
      if (d.messageLeft == 0 && d.messageType == 20) {
        finished = true;
        d.messageType = -1;
      }
    }
    if (finished) {
      d.application = true;
      d.key = null;
      d.failed = !keys(d);
    }
  }

  private byte[] expandLabel(byte[] secret, String label, int length) {
    byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
    byte[] info = new byte[2 + 1 + full.length + 1];
    info[0] = (byte) (length >> 8);
    info[1] = (byte) length;
    info[2] = (byte) full.length;
    System.arraycopy(full, 0, info, 3, full.length);
    info[info.length - 1] = 0; // an empty context
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(digest());
    hkdf.init(HKDFParameters.skipExtractParameters(secret, info));
    byte[] out = new byte[length];
    hkdf.generateBytes(out, 0, length);
    return out;
  }

  /** The TLS 1.2 PRF (RFC 5246 5): P_hash with the suite's hash. */
  private byte[] prf(byte[] secret, String label, byte[] seed, int length) {
    HMac mac = new HMac(digest());
    mac.init(new KeyParameter(secret));
    byte[] labelSeed = concat(label.getBytes(StandardCharsets.US_ASCII), seed);
    byte[] a = labelSeed;
    byte[] out = new byte[length];
    int at = 0;
    byte[] h = new byte[mac.getMacSize()];
    while (at < length) {
      mac.update(a, 0, a.length);
      a = new byte[h.length];
      mac.doFinal(a, 0);
      mac.update(a, 0, a.length);
      mac.update(labelSeed, 0, labelSeed.length);
      mac.doFinal(h, 0);
      int n = Math.min(h.length, length - at);
      System.arraycopy(h, 0, out, at, n);
      at += n;
    }
    return out;
  }

  private static byte[] xorSeq(byte[] iv, long seq) {
    byte[] nonce = iv.clone();
    for (int i = 0; i < 8; i++) {
      nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));
    }
    return nonce;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
