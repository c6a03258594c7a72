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
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.AEADCipher;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Opens the protected records of one TLS connection with the secrets of an NSS key log: TLS 1.3
 * (RFC 8446 7.1, 7.3, 5.2: the handshake and then the application traffic secrets of each side) and
 * TLS 1.0 to 1.2 (RFC 2246 6.3, RFC 4346 6.3, RFC 5246 6.3: the key block from the {@code
 * CLIENT_RANDOM} master secret), for the AEAD suites, AES-GCM (RFC 5288, 8446) and
 * ChaCha20-Poly1305 (RFC 7905, 8446), and the AES-CBC suites with HMAC-SHA1, -SHA256 or -SHA384
 * (RFC 5246 6.2.3.2, RFC 5246 and 5289 for the suites): MAC-then-encrypt, or encrypt-then-MAC when
 * the ServerHello says so (RFC 7366); the IV chained from the previous record in TLS 1.0, explicit
 * in each record from TLS 1.1 on. Bouncy Castle's primitives. A record that does not authenticate
 * (or whose CBC padding is wrong) stops that direction: the keys or the sequence are not the
 * connection's.
 */
final class TlsDecrypter implements TlsRecordObserver.Decrypter {
  private final Map<String, Map<String, byte[]>> keyLog;
  private String clientRandom;
  private byte[] serverRandom;
  private int version = -1;
  private int suite = -1;
  private boolean encryptThenMac;
  private Protection protection;
  private boolean ready;
  private final Direction client = new Direction(TlsSide.CLIENT);
  private final Direction server = new Direction(TlsSide.SERVER);

  /** One side's keys and sequence. */
  private static final class Direction {
    final TlsSide side;
    byte[] key;
    byte[] iv; // AEAD: the fixed part of the nonce; CBC in TLS 1.0: the next record's IV
    byte[] macKey; // CBC
    long seq;
    AEADCipher cipher; // keyed with key once, then given each record's nonce only
    CBCModeCipher cbc; // keyed with key once, then given each record's IV only
    HMac mac; // keyed with macKey once
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

  /**
   * The ServerHello's random, version and suite, and whether it accepted encrypt-then-MAC (RFC
   * 7366).
   */
  void serverHello(byte[] random, int version, int suite, boolean encryptThenMac) {
    this.serverRandom = random.clone();
    this.version = version;
    this.suite = suite;
    this.encryptThenMac = encryptThenMac;
    this.protection = Protection.of(CipherSuites.name(suite));
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
          version == TlsVersion.TLS_1_3.wireValue()
              ? open13(d, record)
              : protection.cipher() == Cipher.AES_CBC ? openCbc(d, record) : open12(d, record);
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

  private enum Cipher {
    AES_GCM,
    CHACHA20_POLY1305,
    AES_CBC
  }

  /**
   * How a suite protects its records.
   *
   * @param macLength the HMAC's length (CBC suites), 0 for AEAD
   */
  private record Protection(Cipher cipher, int keyLength, int macLength) {
    /** The suite's protection by its IANA name, or {@code null} for one not opened here. */
    static Protection of(String name) {
      int key = name.contains("AES_128_") ? 16 : name.contains("AES_256_") ? 32 : -1;
      if (name.contains("CHACHA20_POLY1305")) {
        return new Protection(Cipher.CHACHA20_POLY1305, 32, 0);
      }
      if (key > 0 && name.contains("_GCM_")) {
        return new Protection(Cipher.AES_GCM, key, 0);
      }
      if (key > 0 && name.contains("_CBC_")) {
        int mac =
            name.endsWith("_SHA")
                ? 20
                : name.endsWith("_SHA256") ? 32 : name.endsWith("_SHA384") ? 48 : -1;
        return mac < 0 ? null : new Protection(Cipher.AES_CBC, key, mac);
      }
      return null;
    }

    Digest macDigest() {
      return macLength == 20
          ? new SHA1Digest()
          : macLength == 32 ? new SHA256Digest() : new SHA384Digest();
    }
  }

  /** The TLS 1.2 PRF's and TLS 1.3 HKDF's hash: SHA-384 for the suites named so, else SHA-256. */
  private Digest digest() {
    return CipherSuites.name(suite).endsWith("SHA384") ? new SHA384Digest() : new SHA256Digest();
  }

  private boolean keys(Direction d) {
    d.cipher = null;
    d.cbc = null;
    d.mac = null;
    if (protection == null) {
      return false; // a suite not opened here
    }
    int keyLength = protection.keyLength();
    Map<String, byte[]> secrets = keyLog.get(clientRandom);
    if (version == TlsVersion.TLS_1_3.wireValue()) {
      String label =
          (d.side == TlsSide.CLIENT ? "CLIENT_" : "SERVER_")
              + (d.application ? "TRAFFIC_SECRET_0" : "HANDSHAKE_TRAFFIC_SECRET");
      byte[] secret = secrets.get(label);
      if (secret == null || protection.cipher() == Cipher.AES_CBC) {
        return false;
      }
      // one HMAC keyed with the secret for both labels: doFinal leaves it keyed
      HMac mac = new HMac(digest());
      mac.init(new KeyParameter(secret));
      d.key = expandLabel(mac, "key", keyLength);
      d.iv = expandLabel(mac, "iv", 12);
      d.seq = 0;
      return true;
    }
    boolean tls12 = version == TlsVersion.TLS_1_2.wireValue();
    boolean older =
        version == TlsVersion.TLS_1_0.wireValue() || version == TlsVersion.TLS_1_1.wireValue();
    if (!tls12 && !(older && protection.cipher() == Cipher.AES_CBC)) {
      return false; // AEAD suites exist from TLS 1.2 on
    }
    byte[] master = secrets.get("CLIENT_RANDOM");
    if (master == null) {
      return false;
    }
    // RFC 5246 6.3: MAC keys, keys, then the IVs: the AEAD's fixed nonce part, or a CBC IV in TLS
    // 1.0 only (later versions send it in each record)
    int macLength = protection.macLength();
    int ivLength =
        switch (protection.cipher()) {
          case CHACHA20_POLY1305 -> 12;
          case AES_GCM -> 4;
          case AES_CBC -> version == TlsVersion.TLS_1_0.wireValue() ? 16 : 0;
        };
    byte[] seed = concat(serverRandom, HexFormat.of().parseHex(clientRandom));
    int length = 2 * macLength + 2 * keyLength + 2 * ivLength;
    byte[] block =
        tls12
            ? prf12(master, "key expansion", seed, length)
            : prf10(master, "key expansion", seed, length);
    boolean server = d.side == TlsSide.SERVER;
    int macAt = server ? macLength : 0;
    d.macKey = Arrays.copyOfRange(block, macAt, macAt + macLength);
    int at = 2 * macLength + (server ? keyLength : 0);
    d.key = Arrays.copyOfRange(block, at, at + keyLength);
    int ivAt = 2 * macLength + 2 * keyLength + (server ? ivLength : 0);
    d.iv = Arrays.copyOfRange(block, ivAt, ivAt + ivLength);
    return true;
  }

  private AEADCipher cipher() {
    return protection.cipher() == Cipher.CHACHA20_POLY1305
        ? new ChaCha20Poly1305()
        : GCMBlockCipher.newInstance(AESEngine.newInstance());
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
    if (protection.cipher() == Cipher.CHACHA20_POLY1305) {
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

  /**
   * RFC 5246 6.2.3.2 (RFC 2246 and 4346 alike, the IV aside), RFC 7366 3: a CBC record. The MAC
   * covers seq, type, version and length, then the plaintext (MAC-then-encrypt) or the IV and
   * ciphertext (encrypt-then-MAC); every padding byte holds the padding's length.
   */
  private TlsRecordObserver.Plaintext openCbc(Direction d, byte[] record) {
    int type = record[0] & 0xFF;
    int blockSize = 16;
    boolean explicitIv = version != TlsVersion.TLS_1_0.wireValue();
    int macLength = protection.macLength();
    int fragment = record.length - 5;
    int sealed = encryptThenMac ? fragment - macLength : fragment; // IV and ciphertext
    int ivLength = explicitIv ? blockSize : 0;
    int cipherLength = sealed - ivLength;
    if (cipherLength < blockSize || cipherLength % blockSize != 0) {
      throw new IllegalArgumentException("a CBC record of " + fragment + " bytes");
    }
    if (encryptThenMac && !macMatches(d, type, record, 5, sealed, 5 + sealed)) {
      throw new IllegalArgumentException("the record's MAC does not verify");
    }
    byte[] iv = explicitIv ? Arrays.copyOfRange(record, 5, 5 + blockSize) : d.iv;
    int from = 5 + ivLength;
    if (d.cbc == null) {
      d.cbc = CBCBlockCipher.newInstance(AESEngine.newInstance());
      d.cbc.init(false, new ParametersWithIV(new KeyParameter(d.key), iv));
    } else {
      d.cbc.init(false, new ParametersWithIV(null, iv));
    }
    byte[] plain = new byte[cipherLength];
    for (int at = 0; at < cipherLength; at += blockSize) {
      d.cbc.processBlock(record, from + at, plain, at);
    }
    if (!explicitIv) { // TLS 1.0: the next record's IV is this one's last ciphertext block
      d.iv = Arrays.copyOfRange(record, from + cipherLength - blockSize, from + cipherLength);
    }
    int padding = plain[cipherLength - 1] & 0xFF;
    int end = cipherLength - 1 - padding; // the end of the content (and MAC)
    if (end < (encryptThenMac ? 0 : macLength)) {
      throw new IllegalArgumentException("a CBC padding of " + padding + " bytes");
    }
    for (int i = end; i < cipherLength - 1; i++) {
      if ((plain[i] & 0xFF) != padding) {
        throw new IllegalArgumentException("a CBC padding byte that is not its length");
      }
    }
    if (!encryptThenMac) {
      end -= macLength;
      if (!macMatches(d, type, plain, 0, end, end)) {
        throw new IllegalArgumentException("the record's MAC does not verify");
      }
    }
    return new TlsRecordObserver.Plaintext(type, Arrays.copyOf(plain, end));
  }

  /**
   * Whether the MAC at {@code macAt} of {@code in} is HMAC(seq, type, version, length, the {@code
   * length} bytes at {@code off}).
   */
  private boolean macMatches(Direction d, int type, byte[] in, int off, int length, int macAt) {
    if (d.mac == null) {
      d.mac = new HMac(protection.macDigest());
      d.mac.init(new KeyParameter(d.macKey));
    }
    byte[] header = new byte[13];
    for (int i = 0; i < 8; i++) {
      header[i] = (byte) (d.seq >>> (56 - 8 * i));
    }
    header[8] = (byte) type;
    header[9] = (byte) (version >> 8);
    header[10] = (byte) version;
    header[11] = (byte) (length >> 8);
    header[12] = (byte) length;
    d.mac.update(header, 0, header.length);
    d.mac.update(in, off, length);
    byte[] mac = new byte[d.mac.getMacSize()];
    d.mac.doFinal(mac, 0);
    return Arrays.equals(mac, 0, mac.length, in, macAt, macAt + mac.length);
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

  /**
   * HKDF-Expand-Label (RFC 8446 7.1) with an empty context, {@code mac} keyed with the secret. The
   * key and IV are shorter than the hash, so HKDF-Expand (RFC 5869 2.3) is the first block alone:
   * HMAC(secret, info | 0x01).
   */
  private static byte[] expandLabel(HMac mac, String label, int length) {
    byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
    byte[] info = new byte[2 + 1 + full.length + 1];
    info[0] = (byte) (length >> 8);
    info[1] = (byte) length;
    info[2] = (byte) full.length;
    System.arraycopy(full, 0, info, 3, full.length);
    info[info.length - 1] = 0; // an empty context
    if (length > mac.getMacSize()) {
      throw new IllegalArgumentException("a label longer than one HKDF block: " + length);
    }
    mac.update(info, 0, info.length);
    mac.update((byte) 1);
    byte[] block = new byte[mac.getMacSize()];
    mac.doFinal(block, 0);
    return Arrays.copyOf(block, length);
  }

  /** The TLS 1.2 PRF (RFC 5246 5): P_hash with the suite's hash. */
  private byte[] prf12(byte[] secret, String label, byte[] seed, int length) {
    return pHash(digest(), secret, 0, secret.length, labelSeed(label, seed), length);
  }

  /**
   * The TLS 1.0 and 1.1 PRF (RFC 2246 5, RFC 4346 5): P_MD5 with the secret's first half XOR
   * P_SHA-1 with its second half (halves that share the middle byte when its length is odd).
   */
  private static byte[] prf10(byte[] secret, String label, byte[] seed, int length) {
    int half = (secret.length + 1) / 2;
    byte[] labelSeed = labelSeed(label, seed);
    byte[] md5 = pHash(new MD5Digest(), secret, 0, half, labelSeed, length);
    byte[] sha1 = pHash(new SHA1Digest(), secret, secret.length - half, half, labelSeed, length);
    for (int i = 0; i < length; i++) {
      md5[i] ^= sha1[i];
    }
    return md5;
  }

  private static byte[] labelSeed(String label, byte[] seed) {
    return concat(label.getBytes(StandardCharsets.US_ASCII), seed);
  }

  /** P_hash (RFC 5246 5): A(i) = HMAC(secret, A(i-1)), out = HMAC(secret, A(i) + seed)... */
  private static byte[] pHash(
      Digest digest, byte[] secret, int off, int len, byte[] labelSeed, int length) {
    HMac mac = new HMac(digest);
    mac.init(new KeyParameter(secret, off, len));
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
