package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Server Certificate, SERVER_CERTIFICATE (MS-RDPBCGR 2.2.1.4.3.1), kept as the raw bytes the server
 * sent: a proprietary certificate (2.2.1.4.3.1.1, an RSA public key signed with the Terminal
 * Services key) or an X.509 chain (CERT_CHAIN_VERSION_2). {@code dwVersion} is read on demand, and
 * {@link #rsaPublicKey()} finds the server's RSA key in either form. The same structure travels in
 * Server Security Data and in the Server License Request (MS-RDPELE 2.2.2.1).
 *
 * @param bytes the serverCertificate field of Server Security Data
 */
public record ServerCertificate(Octets bytes) {
  /** dwVersion: a proprietary certificate. */
  public static final int CERT_CHAIN_VERSION_1 = 0x00000001;

  /** dwVersion: an X.509 certificate chain. */
  public static final int CERT_CHAIN_VERSION_2 = 0x00000002;

  /** The top bit of dwVersion: the certificate was issued temporarily (0: permanently). */
  public static final int TEMPORARY = 0x80000000;

  /** The layer named in errors about the certificate's structure. */
  public static final String NAME = "SERVER_CERTIFICATE";

  /** The layer named in errors about a proprietary certificate. */
  public static final String PROPRIETARY = "PROPRIETARYSERVERCERTIFICATE";

  /** The layer named in errors about the public key of a proprietary certificate. */
  public static final String RSA_PUBLIC_KEY = "RSA_PUBLIC_KEY";

  /** The layer named in errors about an X.509 certificate chain. */
  public static final String X509_CHAIN = "X.509 certificate chain";

  /**
   * dwSigAlgId and dwKeyAlgId of a proprietary certificate: SIGNATURE_ALG_RSA,
   * KEY_EXCHANGE_ALG_RSA.
   */
  public static final int ALG_RSA = 0x00000001;

  /** wPublicKeyBlobType of a proprietary certificate: BB_RSA_KEY_BLOB. */
  public static final int BB_RSA_KEY_BLOB = 0x0006;

  /** wSignatureBlobType of a proprietary certificate: BB_RSA_SIGNATURE_BLOB. */
  public static final int BB_RSA_SIGNATURE_BLOB = 0x0008;

  /** magic of RSA_PUBLIC_KEY: {@code "RSA1"} read as a little-endian 32-bit value. */
  public static final int RSA1 = 0x31415352;

  /** The most CertBlobs an X.509 chain may announce; Windows sends two or three. */
  public static final int MAX_CERT_BLOBS = 64;

  private static final NamedBits VERSIONS =
      NamedBits.of(
          CERT_CHAIN_VERSION_1,
          "CERT_CHAIN_VERSION_1",
          CERT_CHAIN_VERSION_2,
          "CERT_CHAIN_VERSION_2");

  public ServerCertificate {
    Objects.requireNonNull(bytes, "bytes");
  }

  /**
   * A proprietary certificate (CERT_CHAIN_VERSION_1) for {@code key}, as an emulated server sends
   * it. Its signature is zeros: only a Terminal Services private key could sign it, and clients
   * that check it (mstsc under Standard RDP Security) reject it.
   */
  public static ServerCertificate proprietary(RsaPublicKey key) {
    int n = key.modulusLength();
    int keyBlob = 20 + n + 8; // RSA_PUBLIC_KEY: magic, keylen, bitlen, datalen, pubExp, modulus
    ByteBuf out = Unpooled.buffer(16 + keyBlob + 4 + 72);
    try {
      out.writeIntLE(CERT_CHAIN_VERSION_1);
      out.writeIntLE(ALG_RSA); // dwSigAlgId: SIGNATURE_ALG_RSA
      out.writeIntLE(ALG_RSA); // dwKeyAlgId: KEY_EXCHANGE_ALG_RSA
      out.writeShortLE(BB_RSA_KEY_BLOB);
      out.writeShortLE(keyBlob);
      out.writeIntLE(RSA1);
      out.writeIntLE(n + 8);
      out.writeIntLE(key.keyBits());
      out.writeIntLE(n - 1);
      out.writeIntLE(key.publicExponent().intValueExact());
      byte[] be = key.modulus().toByteArray();
      for (int i = 0; i < n; i++) {
        out.writeByte(i < be.length ? be[be.length - 1 - i] : 0);
      }
      out.writeZero(8);
      out.writeShortLE(BB_RSA_SIGNATURE_BLOB);
      out.writeShortLE(72);
      out.writeZero(72);
      return new ServerCertificate(Octets.of(ByteBufUtil.getBytes(out)));
    } finally {
      out.release();
    }
  }

  /** dwVersion (little-endian), or null when the certificate is shorter than 4 bytes. */
  public Integer dwVersion() {
    if (bytes.length() < 4) {
      return null;
    }
    return bytes.getIntLE(0);
  }

  /** The name of dwVersion's low 31 bits ({@code CERT_CHAIN_VERSION_1}), or null without them. */
  public String versionName() {
    Integer v = dwVersion();
    return v == null ? null : VERSIONS.code(v & ~TEMPORARY);
  }

  /** Whether dwVersion's top bit marks the certificate as temporarily issued. */
  public boolean isTemporary() {
    Integer v = dwVersion();
    return v != null && (v & TEMPORARY) != 0;
  }

  /**
   * The server's RSA public key: from the RSA_PUBLIC_KEY of a proprietary certificate
   * (CERT_CHAIN_VERSION_1: dwSigAlgId, dwKeyAlgId, the BB_RSA_KEY_BLOB with magic {@code RSA1},
   * keylen, bitlen, datalen, pubExp and the little-endian modulus with its 8 zero bytes of padding,
   * then the BB_RSA_SIGNATURE_BLOB), or from the subject public key of the last certificate of an
   * X.509 chain (CERT_CHAIN_VERSION_2: NumCertBlobs, then cbCert and the DER of each; the last is
   * the server's own). The signature of a proprietary certificate and the X.509 chain are not
   * verified, as other clients do not verify them; bytes after the signature blob or the last
   * CertBlob (the chain's padding) are not read.
   *
   * @return the key, or empty when there is none to read: no bytes (what a server sends under TLS),
   *     a dwVersion other than the two above, or an X.509 leaf whose key is not rsaEncryption
   * @throws DecodeException if the certificate is malformed (offsets count from its first byte)
   */
  public Optional<RsaPublicKey> rsaPublicKey() {
    if (bytes.length() == 0) {
      return Optional.empty();
    }
    ByteBuf in = bytes.asByteBuf();
    Wire.ensure(in, 4, NAME, "dwVersion");
    int version = in.readIntLE() & ~TEMPORARY;
    return switch (version) {
      case CERT_CHAIN_VERSION_1 -> Optional.of(proprietaryKey(in));
      case CERT_CHAIN_VERSION_2 -> x509Key(in);
      default -> Optional.empty();
    };
  }

  private static RsaPublicKey proprietaryKey(ByteBuf in) {
    Wire.ensure(in, 4 + 4 + 2 + 2, PROPRIETARY, "dwSigAlgId");
    int at = in.readerIndex();
    int sigAlg = in.readIntLE();
    if (sigAlg != ALG_RSA) {
      throw Wire.invalid(
          PROPRIETARY, "dwSigAlgId", at, sigAlg & 0xFFFFFFFFL, "1 (SIGNATURE_ALG_RSA)");
    }
    int keyAlg = in.readIntLE();
    if (keyAlg != ALG_RSA) {
      throw Wire.invalid(
          PROPRIETARY, "dwKeyAlgId", at + 4, keyAlg & 0xFFFFFFFFL, "1 (KEY_EXCHANGE_ALG_RSA)");
    }
    int blobType = in.readUnsignedShortLE();
    if (blobType != BB_RSA_KEY_BLOB) {
      throw Wire.invalid(
          PROPRIETARY, "wPublicKeyBlobType", at + 8, blobType, "0x0006 (BB_RSA_KEY_BLOB)");
    }
    int blobLen = in.readUnsignedShortLE();
    RsaPublicKey key = Wire.within(in, blobLen, RSA_PUBLIC_KEY, ServerCertificate::rsaKeyBlob);
    Wire.ensure(in, 4, PROPRIETARY, "wSignatureBlobType");
    at = in.readerIndex();
    int sigType = in.readUnsignedShortLE();
    if (sigType != BB_RSA_SIGNATURE_BLOB) {
      throw Wire.invalid(
          PROPRIETARY, "wSignatureBlobType", at, sigType, "0x0008 (BB_RSA_SIGNATURE_BLOB)");
    }
    int sigLen = in.readUnsignedShortLE();
    Wire.ensure(in, sigLen, PROPRIETARY, "SignatureBlob");
    return key;
  }

  private static RsaPublicKey rsaKeyBlob(ByteBuf in) {
    int start = in.readerIndex();
    Wire.ensure(in, 20, RSA_PUBLIC_KEY, "magic");
    int magic = in.readIntLE();
    if (magic != RSA1) {
      throw Wire.invalid(RSA_PUBLIC_KEY, "magic", start, magic & 0xFFFFFFFFL, "0x31415352 (RSA1)");
    }
    long keylen = in.readUnsignedIntLE();
    long bitlen = in.readUnsignedIntLE();
    in.skipBytes(4); // datalen: the most bytes the key encrypts, derived from bitlen
    long pubExp = in.readUnsignedIntLE();
    if (bitlen == 0 || bitlen % 8 != 0 || keylen != bitlen / 8 + 8) {
      throw Wire.invalid(
          RSA_PUBLIC_KEY,
          "keylen",
          start + 4,
          keylen,
          "bitlen / 8 + 8 with bitlen (" + bitlen + ") a positive multiple of 8");
    }
    if (keylen > in.readableBytes()) {
      throw new DecodeException(
          DecodeException.Kind.NOT_ENOUGH_BYTES,
          RSA_PUBLIC_KEY,
          "modulus",
          in.readerIndex(),
          in.readableBytes(),
          keylen + " bytes (keylen)");
    }
    int modulusAt = in.readerIndex();
    byte[] le = Wire.readBytes(in, (int) keylen, RSA_PUBLIC_KEY, "modulus");
    BigInteger modulus = new BigInteger(1, reverse(le));
    if (modulus.bitLength() > bitlen || modulus.compareTo(BigInteger.ONE) <= 0) {
      throw Wire.invalid(
          RSA_PUBLIC_KEY,
          "modulus",
          modulusAt,
          modulus.bitLength(),
          "a modulus of at most bitlen (" + bitlen + ") bits, then 8 zero bytes");
    }
    if (pubExp == 0) {
      throw Wire.invalid(RSA_PUBLIC_KEY, "pubExp", start + 16, pubExp, "a positive exponent");
    }
    return new RsaPublicKey(modulus, BigInteger.valueOf(pubExp), (int) bitlen);
  }

  private static Optional<RsaPublicKey> x509Key(ByteBuf in) {
    Wire.ensure(in, 4, X509_CHAIN, "NumCertBlobs");
    int at = in.readerIndex();
    long count = in.readUnsignedIntLE();
    if (count == 0 || count > MAX_CERT_BLOBS) {
      throw Wire.invalid(X509_CHAIN, "NumCertBlobs", at, count, "1 to " + MAX_CERT_BLOBS);
    }
    int leafAt = -1;
    int leafLength = 0;
    for (long i = 0; i < count; i++) {
      Wire.ensure(in, 4, X509_CHAIN, "cbCert");
      int lengthAt = in.readerIndex();
      long length = in.readUnsignedIntLE();
      if (length == 0 || length > in.readableBytes()) {
        throw Wire.invalid(
            X509_CHAIN,
            "cbCert",
            lengthAt,
            length,
            "1 to " + in.readableBytes() + " (the bytes left)");
      }
      leafAt = in.readerIndex();
      leafLength = (int) length;
      in.skipBytes(leafLength);
    }
    byte[] der = new byte[leafLength];
    in.getBytes(leafAt, der);
    SubjectPublicKeyInfo spki;
    try {
      spki = Certificate.getInstance(ASN1Primitive.fromByteArray(der)).getSubjectPublicKeyInfo();
    } catch (IOException | RuntimeException e) {
      throw Wire.invalid(X509_CHAIN, "abCert", leafAt, leafLength, "a DER X.509 certificate");
    }
    if (!PKCSObjectIdentifiers.rsaEncryption.equals(spki.getAlgorithm().getAlgorithm())) {
      return Optional.empty();
    }
    org.bouncycastle.asn1.pkcs.RSAPublicKey rsa;
    try {
      rsa = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(spki.parsePublicKey());
    } catch (IOException | RuntimeException e) {
      throw Wire.invalid(X509_CHAIN, "subjectPublicKey", leafAt, leafLength, "a DER RSAPublicKey");
    }
    if (rsa.getModulus().signum() <= 0 || rsa.getPublicExponent().signum() <= 0) {
      throw Wire.invalid(
          X509_CHAIN, "subjectPublicKey", leafAt, leafLength, "a positive modulus and exponent");
    }
    return Optional.of(RsaPublicKey.of(rsa.getModulus(), rsa.getPublicExponent()));
  }

  private static byte[] reverse(byte[] b) {
    for (int i = 0, j = b.length - 1; i < j; i++, j--) {
      byte t = b[i];
      b[i] = b[j];
      b[j] = t;
    }
    return b;
  }

  @Override
  public String toString() {
    String version = versionName();
    return (version == null ? "no dwVersion" : version + (isTemporary() ? " (temporary)" : ""))
        + ", "
        + bytes.length()
        + " bytes";
  }
}
