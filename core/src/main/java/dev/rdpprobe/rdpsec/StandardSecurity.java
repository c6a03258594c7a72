package dev.rdpprobe.rdpsec;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.sec.BasicSecurityHeader;
import dev.rdpprobe.wire.sec.FipsSecurityHeader;
import dev.rdpprobe.wire.sec.NonFipsSecurityHeader;
import dev.rdpprobe.wire.sec.SecurityFlags;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * One end of one connection under Standard RDP Security (MS-RDPBCGR 5.3): the keys made from the
 * two randoms after the Security Exchange, the RC4 or 3DES state of each direction and the counts
 * of PDUs encrypted and decrypted. {@link #protect} turns a PDU's plaintext into the user data of a
 * Send Data Request or Indication (security header, signature, ciphertext); {@link #unprotect} does
 * the reverse for the peer's and reports a bad signature as a {@link MacCheck}, never by throwing.
 * Not thread-safe: one connection's event loop owns it.
 *
 * <p>What each level protects (5.3.6, 2.2.8.1.1.2), and the headers written:
 *
 * <table>
 *   <caption>security headers by level and direction</caption>
 *   <tr><th>level</th><th>client to server</th><th>server to client</th></tr>
 *   <tr><td>NONE (method NONE)</td><td colspan="2">no header, except the Client Info and licensing
 *       PDUs: a Basic Security Header with their flag ({@link #headerOnEveryPdu()} is false)</td></tr>
 *   <tr><td>LOW</td><td>encrypted: TS_SECURITY_HEADER1 (RC4) or TS_SECURITY_HEADER2 (FIPS),
 *       SEC_ENCRYPT</td><td>in the clear behind a Basic Security Header</td></tr>
 *   <tr><td>CLIENT_COMPATIBLE, HIGH, FIPS</td><td colspan="2">encrypted both ways, SEC_ENCRYPT
 *       </td></tr>
 * </table>
 *
 * <p>SEC_SECURE_CHECKSUM is set, and the RC4 signature salted with the encryption count
 * (5.3.6.1.1), once {@link #saltedMac(boolean)} turns it on: after the capability exchange, when
 * both General Capability Sets carry ENC_SALTED_CHECKSUM. A received PDU's own flag says how its
 * signature was made. FIPS signatures always cover the count and never set the flag.
 * SEC_RESET_SEQNO and SEC_IGNORE_SEQNO are never set and are ignored on receipt ("not processed by
 * any RDP clients or servers", 2.2.8.1.1.2.1). Licensing PDUs may travel in the clear at any level
 * ({@link #protectInClear}); a received PDU without SEC_ENCRYPT is passed through unsigned.
 *
 * <p>RC4 keys are updated after every 4096 PDUs in each direction (5.3.7.1); FIPS keys never
 * (5.3.7.2). A PDU whose signature does not check still counts: its bytes went through the cipher.
 */
public final class StandardSecurity {
  /** The name decode errors give for what follows a security header. */
  public static final String ENCRYPTED_DATA = "encrypted data";

  private final Side side;
  private final EncryptionMethod method;
  private final EncryptionLevel level;
  private final Rc4Stream encryptRc4;
  private final Rc4Stream decryptRc4;
  private final byte[] macKey;
  private final TripleDesCbc encryptDes;
  private final TripleDesCbc decryptDes;
  private final byte[] hmacKey;
  private final MacSigner signer = new MacSigner();
  private long encrypted;
  private long decrypted;
  private boolean saltedMac;

  private StandardSecurity(
      Side side, EncryptionMethod method, EncryptionLevel level, byte[] cr, byte[] sr) {
    this.side = side;
    this.method = method;
    this.level = level;
    if (method.isRc4()) {
      Rc4SessionKeys keys = Rc4SessionKeys.derive(method, side, cr, sr);
      macKey = keys.macKey();
      byte[] e = keys.encryptKey();
      byte[] d = keys.decryptKey();
      encryptRc4 = new Rc4Stream(method, e);
      decryptRc4 = new Rc4Stream(method, d);
      Arrays.fill(e, (byte) 0);
      Arrays.fill(d, (byte) 0);
      keys.destroy();
      encryptDes = null;
      decryptDes = null;
      hmacKey = null;
    } else if (method == EncryptionMethod.FIPS) {
      FipsSessionKeys keys = FipsSessionKeys.derive(side, cr, sr);
      hmacKey = keys.hmacKey();
      byte[] e = keys.encryptKey();
      byte[] d = keys.decryptKey();
      encryptDes = new TripleDesCbc(true, e);
      decryptDes = new TripleDesCbc(false, d);
      Arrays.fill(e, (byte) 0);
      Arrays.fill(d, (byte) 0);
      keys.destroy();
      encryptRc4 = null;
      decryptRc4 = null;
      macKey = null;
    } else {
      encryptRc4 = null;
      decryptRc4 = null;
      macKey = null;
      encryptDes = null;
      decryptDes = null;
      hmacKey = null;
    }
  }

  /**
   * The client's context for the method and level of the server's Security Data.
   *
   * @param clientRandom the client random sent in the Security Exchange PDU, 32 bytes (null with
   *     method and level NONE)
   * @param serverRandom serverRandom of Server Security Data, 32 bytes (null with method and level
   *     NONE)
   * @throws IllegalArgumentException if method and level disagree about encryption (one NONE, the
   *     other not: 5.3.2 says they go together), the method is not exactly one known method, the
   *     level is not one of the five, or a random is not 32 bytes
   */
  public static StandardSecurity clientSide(
      EncryptionMethods method, EncryptionLevel level, Octets clientRandom, Octets serverRandom) {
    return create(Side.CLIENT, method, level, clientRandom, serverRandom);
  }

  /** The server's context: {@link #clientSide} with the directions swapped. */
  public static StandardSecurity serverSide(
      EncryptionMethods method, EncryptionLevel level, Octets clientRandom, Octets serverRandom) {
    return create(Side.SERVER, method, level, clientRandom, serverRandom);
  }

  /** {@code side}'s context (see {@link #clientSide}). */
  public static StandardSecurity create(
      Side side,
      EncryptionMethods method,
      EncryptionLevel level,
      Octets clientRandom,
      Octets serverRandom) {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(level, "level");
    EncryptionMethod m = EncryptionMethod.of(method);
    int l = level.value();
    if (l < EncryptionLevel.NONE.value() || l > EncryptionLevel.FIPS.value()) {
      throw new IllegalArgumentException("unknown encryption level " + level);
    }
    if ((m == EncryptionMethod.NONE) != (l == EncryptionLevel.NONE.value())) {
      throw new IllegalArgumentException(
          "encryption method " + method + " with level " + level + ": they are NONE together");
    }
    if (m == EncryptionMethod.NONE) {
      return new StandardSecurity(side, m, EncryptionLevel.NONE, null, null);
    }
    Objects.requireNonNull(clientRandom, "clientRandom");
    Objects.requireNonNull(serverRandom, "serverRandom");
    byte[] cr = clientRandom.toByteArray();
    byte[] sr = serverRandom.toByteArray();
    try {
      return new StandardSecurity(side, m, level, cr, sr);
    } finally {
      Arrays.fill(cr, (byte) 0);
    }
  }

  /** A context without encryption (method and level NONE): headers only where they are due. */
  public static StandardSecurity none(Side side) {
    return create(side, EncryptionMethods.NONE, EncryptionLevel.NONE, null, null);
  }

  public Side side() {
    return side;
  }

  public EncryptionMethod method() {
    return method;
  }

  public EncryptionLevel level() {
    return level;
  }

  /** Whether this side encrypts what it sends: not at NONE, nor from the server at LOW. */
  public boolean encryptsOutgoing() {
    return method != EncryptionMethod.NONE
        && (side == Side.CLIENT || level.value() != EncryptionLevel.LOW.value());
  }

  /** Whether the peer encrypts what it sends: not at NONE, nor from the server at LOW. */
  public boolean expectsEncryptedIncoming() {
    return method != EncryptionMethod.NONE
        && (side == Side.SERVER || level.value() != EncryptionLevel.LOW.value());
  }

  /**
   * Whether every PDU after the Security Exchange carries a security header in both directions: at
   * every level but NONE, where only the Client Info and licensing PDUs do.
   */
  public boolean headerOnEveryPdu() {
    return method != EncryptionMethod.NONE;
  }

  /** Turns salted signatures (SEC_SECURE_CHECKSUM) on or off for the PDUs this side sends. */
  public void saltedMac(boolean on) {
    this.saltedMac = on;
  }

  /** Whether this side salts its signatures. */
  public boolean saltedMac() {
    return saltedMac && method.isRc4();
  }

  /** The number of PDUs this side has encrypted. */
  public long encryptedCount() {
    return encrypted;
  }

  /** The number of the peer's PDUs this side has decrypted. */
  public long decryptedCount() {
    return decrypted;
  }

  /**
   * The user data for {@code pdu}: the security header this side sends at this level with {@code
   * flags} (plus SEC_ENCRYPT, and SEC_SECURE_CHECKSUM when salting), then the PDU encrypted, or in
   * the clear behind a Basic Security Header when this side does not encrypt.
   *
   * @param flags the PDU's own flags (SEC_INFO_PKT, SEC_LICENSE_PKT, 0, ...)
   * @throws IllegalArgumentException if {@code flags} hold SEC_ENCRYPT or SEC_SECURE_CHECKSUM,
   *     which this context decides
   */
  public Octets protect(Pdu pdu, int flags) {
    int size = pdu.size();
    int header = headerSize();
    byte[] out = new byte[header + size + padding(size)];
    ByteBuf body = Unpooled.wrappedBuffer(out);
    body.writerIndex(header);
    pdu.encode(body);
    if (body.writerIndex() != header + size) {
      throw new IllegalStateException(
          pdu.name()
              + ": size() is "
              + size
              + " but encode wrote "
              + (body.writerIndex() - header));
    }
    return Octets.of(sealInPlace(out, header, size, flags));
  }

  /** {@link #protect(Pdu, int)} for bytes already encoded. */
  public Octets protect(Octets plaintext, int flags) {
    int size = plaintext.length();
    int header = headerSize();
    byte[] out = new byte[header + size + padding(size)];
    plaintext.asByteBuf().getBytes(0, out, header, size);
    return Octets.of(sealInPlace(out, header, size, flags));
  }

  /**
   * A Basic Security Header with {@code flags} and the plaintext after it, whatever the level: for
   * licensing PDUs, which travel in the clear unless both ends agree otherwise, and the Client Info
   * PDU at level NONE.
   */
  public Octets protectInClear(Octets plaintext, int flags) {
    checkCallerFlags(flags);
    byte[] out = new byte[BasicSecurityHeader.FIXED_PART_SIZE + plaintext.length()];
    writeLe16(out, 0, flags);
    plaintext.asByteBuf().getBytes(0, out, BasicSecurityHeader.FIXED_PART_SIZE, plaintext.length());
    return Octets.of(out);
  }

  /**
   * Encrypts and signs {@code plaintext} in this side's outgoing direction, counting it: the parts
   * of a fast-path PDU, or of a slow-path one for a caller writing its own header.
   *
   * @throws IllegalStateException if this side does not encrypt ({@link #encryptsOutgoing()})
   */
  public Sealed seal(Octets plaintext) {
    if (!encryptsOutgoing()) {
      throw new IllegalStateException("this side sends in the clear at " + level);
    }
    int size = plaintext.length();
    byte[] buf = new byte[size + padding(size)];
    plaintext.asByteBuf().getBytes(0, buf, 0, size);
    long count = encrypted;
    boolean salted = saltedMac();
    byte[] signature = signAndEncrypt(buf, 0, size);
    return new Sealed(Octets.of(signature), buf.length - size, Octets.of(buf), salted, count);
  }

  private int headerSize() {
    if (!encryptsOutgoing()) {
      return BasicSecurityHeader.FIXED_PART_SIZE;
    }
    return method == EncryptionMethod.FIPS
        ? FipsSecurityHeader.FIXED_PART_SIZE
        : NonFipsSecurityHeader.FIXED_PART_SIZE;
  }

  private int padding(int size) {
    return encryptsOutgoing() && method == EncryptionMethod.FIPS
        ? (TripleDesCbc.BLOCK - size % TripleDesCbc.BLOCK) % TripleDesCbc.BLOCK
        : 0;
  }

  /** Writes the header into {@code out[0, header)} and encrypts {@code size} bytes after it. */
  private byte[] sealInPlace(byte[] out, int header, int size, int flags) {
    checkCallerFlags(flags);
    if (!encryptsOutgoing()) {
      writeLe16(out, 0, flags);
      return out;
    }
    int sent =
        flags | SecurityFlags.SEC_ENCRYPT | (saltedMac() ? SecurityFlags.SEC_SECURE_CHECKSUM : 0);
    writeLe16(out, 0, sent);
    byte[] signature = signAndEncrypt(out, header, size);
    if (method == EncryptionMethod.FIPS) {
      writeLe16(out, 4, FipsSecurityHeader.LENGTH);
      out[6] = FipsSecurityHeader.TSFIPS_VERSION1;
      out[7] = (byte) (out.length - header - size);
      System.arraycopy(signature, 0, out, 8, MacSigner.SIGNATURE_LENGTH);
    } else {
      System.arraycopy(signature, 0, out, 4, MacSigner.SIGNATURE_LENGTH);
    }
    return out;
  }

  /**
   * Signs {@code size} bytes at {@code offset} and encrypts them (with the zero padding that
   * follows them under FIPS) in place; counts the PDU.
   */
  private byte[] signAndEncrypt(byte[] buf, int offset, int size) {
    long count = encrypted;
    byte[] signature;
    if (method == EncryptionMethod.FIPS) {
      signature = signer.fips(hmacKey, buf, offset, size, count);
      encryptDes.apply(buf, offset, size + padding(size));
    } else {
      signature = signer.nonFips(macKey, buf, offset, size, saltedMac(), count);
      encryptRc4.apply(buf, offset, size);
    }
    encrypted++;
    return signature;
  }

  private static void checkCallerFlags(int flags) {
    if (flags < 0 || flags > 0xFFFF) {
      throw new IllegalArgumentException("flags out of range (16 bits): " + flags);
    }
    if ((flags & (SecurityFlags.SEC_ENCRYPT | SecurityFlags.SEC_SECURE_CHECKSUM)) != 0) {
      throw new IllegalArgumentException(
          "SEC_ENCRYPT and SEC_SECURE_CHECKSUM are the security context's to set");
    }
  }

  private static void writeLe16(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
  }

  /**
   * Takes the security header off {@code userData} (the whole user data of a Send Data Request or
   * Indication, which must start with one: any PDU when {@link #headerOnEveryPdu()}, else the
   * Client Info and licensing PDUs) and, if it says SEC_ENCRYPT, decrypts the rest and checks its
   * signature.
   *
   * @throws DecodeException if the header is short or malformed, SEC_ENCRYPT comes without a
   *     method, or FIPS data is not whole 3DES blocks or shorter than its padding; nothing is
   *     decrypted or counted then
   */
  public Unprotected unprotect(Octets userData) {
    ByteBuf in = userData.asByteBuf();
    Wire.ensure(in, BasicSecurityHeader.FIXED_PART_SIZE, BasicSecurityHeader.NAME, "flags");
    SecurityFlags flags = new SecurityFlags(in.getUnsignedShortLE(0));
    if (!flags.has(SecurityFlags.SEC_ENCRYPT)) {
      BasicSecurityHeader header = BasicSecurityHeader.decode(in);
      return new Unprotected(
          flags,
          header,
          Octets.read(in, in.readableBytes(), ENCRYPTED_DATA, "data"),
          MacCheck.NOT_SIGNED,
          -1);
    }
    if (method == EncryptionMethod.NONE) {
      throw Wire.invalid(
          BasicSecurityHeader.NAME,
          "flags",
          0,
          flags.bits(),
          "SEC_ENCRYPT clear: no encryption method was negotiated");
    }
    Pdu header;
    int padlen;
    Octets signature;
    if (method == EncryptionMethod.FIPS) {
      FipsSecurityHeader fips = FipsSecurityHeader.decode(in);
      header = fips;
      padlen = fips.padlen();
      signature = fips.dataSignature();
    } else {
      NonFipsSecurityHeader nonFips = NonFipsSecurityHeader.decode(in);
      header = nonFips;
      padlen = 0;
      signature = nonFips.dataSignature();
    }
    int at = in.readerIndex();
    byte[] ciphertext = new byte[in.readableBytes()];
    in.readBytes(ciphertext);
    Opened opened =
        open(signature, flags.has(SecurityFlags.SEC_SECURE_CHECKSUM), padlen, ciphertext, at);
    return new Unprotected(
        flags, header, opened.plaintext(), opened.mac(), opened.encryptionCount());
  }

  /**
   * Decrypts {@code ciphertext} in the incoming direction and checks {@code dataSignature},
   * counting the PDU: for a fast-path PDU, or a caller that read the security header itself.
   *
   * @param salted whether the sender salted the signature (SEC_SECURE_CHECKSUM, or the fast-path
   *     header's FASTPATH_OUTPUT_SECURE_CHECKSUM); ignored under FIPS
   * @param padlen the FIPS padding to drop after decryption, else 0
   * @throws DecodeException if there is no method, the signature is not 8 bytes, or FIPS data is
   *     not whole 3DES blocks or shorter than {@code padlen}
   */
  public Opened open(Octets dataSignature, boolean salted, int padlen, Octets ciphertext) {
    return open(dataSignature, salted, padlen, ciphertext.toByteArray(), 0);
  }

  private Opened open(Octets dataSignature, boolean salted, int padlen, byte[] data, int at) {
    if (method == EncryptionMethod.NONE) {
      throw Wire.invalid(
          ENCRYPTED_DATA,
          "data",
          at,
          data.length,
          "no data to decrypt: no encryption method was negotiated");
    }
    if (dataSignature.length() != MacSigner.SIGNATURE_LENGTH) {
      throw Wire.invalid(ENCRYPTED_DATA, "dataSignature", at, dataSignature.length(), "8 bytes");
    }
    int size = data.length;
    if (method == EncryptionMethod.FIPS) {
      if (data.length % TripleDesCbc.BLOCK != 0) {
        throw Wire.invalid(ENCRYPTED_DATA, "data", at, data.length, "whole 8-byte 3DES blocks");
      }
      if (padlen < 0 || padlen >= TripleDesCbc.BLOCK || padlen > data.length) {
        throw Wire.invalid(
            FipsSecurityHeader.NAME,
            "padlen",
            at,
            padlen,
            "0 to 7 and at most the " + data.length + " bytes of data");
      }
      decryptDes.apply(data, 0, data.length);
      size = data.length - padlen;
    } else {
      decryptRc4.apply(data, 0, data.length);
    }
    long count = decrypted++;
    byte[] expected =
        method == EncryptionMethod.FIPS
            ? signer.fips(hmacKey, data, 0, size, count)
            : signer.nonFips(macKey, data, 0, size, salted, count);
    boolean valid = MessageDigest.isEqual(expected, dataSignature.toByteArray());
    Octets plaintext = Octets.of(size == data.length ? data : Arrays.copyOf(data, size));
    Arrays.fill(data, (byte) 0);
    return new Opened(plaintext, valid ? MacCheck.VALID : MacCheck.INVALID, count);
  }

  /** Overwrites the keys and cipher states; the context is unusable afterwards. */
  public void destroy() {
    if (macKey != null) {
      Arrays.fill(macKey, (byte) 0);
      encryptRc4.destroy();
      decryptRc4.destroy();
    }
    if (hmacKey != null) {
      Arrays.fill(hmacKey, (byte) 0);
      encryptDes.destroy();
      decryptDes.destroy();
    }
  }

  @Override
  public String toString() {
    return "Standard RDP Security (" + side + ", " + method + ", " + level + ")";
  }
}
