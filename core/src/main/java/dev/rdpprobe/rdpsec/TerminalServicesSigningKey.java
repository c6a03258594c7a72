package dev.rdpprobe.rdpsec;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.RsaPublicKey;
import dev.rdpprobe.wire.gcc.ServerCertificate;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * The 512-bit Terminal Services key that signs proprietary certificates, all three parts of which
 * MS-RDPBCGR 5.3.3.1.1 publishes (so the signature proves nothing against an attacker; it does tell
 * a Windows server's certificate from one an implementation made up), and the signing and checking
 * of 5.3.3.1.2 and 5.3.3.1.3.
 *
 * <p>The signature is RSA over a 63-byte little-endian number: the MD5 of the certificate's first
 * six fields (dwVersion, dwSigAlgId, dwKeyAlgId, wPublicKeyBlobType, wPublicKeyBlobLen,
 * PublicKeyBlob, as sent), then 0x00, then 45 bytes of 0xFF, then 0x01. The signature blob holds
 * the 64-byte result and 8 zero bytes.
 */
public final class TerminalServicesSigningKey {
  /** The modulus (n), 64 bytes, as 5.3.3.1.1 lists them (little-endian). */
  public static final BigInteger MODULUS =
      littleEndian(
          "3d3a5ebd72433ec94dbbc11e4aba5fcb3e882087eff5c1e2d7b76b9af2524595"
              + "ce63656b583afeef7ce7bffe3df65c7d6c5e06091af561bb2093095f056dea87");

  /** The private exponent (d), 64 bytes, as 5.3.3.1.1 lists them (little-endian). */
  public static final BigInteger PRIVATE_EXPONENT =
      littleEndian(
          "87a71932da11875558001616256568f8243ee6fae9674994cf92cc3399e80860"
              + "179a129f24ddb12499c73ab80a7b0ddd350779170b519bb3c7100113e73ff35f");

  /** The public exponent (e), 4 bytes, as 5.3.3.1.1 lists them (little-endian). */
  public static final BigInteger PUBLIC_EXPONENT = littleEndian("5b7b88c0");

  /** The public key. */
  public static final RsaPublicKey PUBLIC_KEY = new RsaPublicKey(MODULUS, PUBLIC_EXPONENT, 512);

  /** The length of the signed number and of the signature without its padding. */
  static final int SIGNATURE_LENGTH = 64;

  /** The zero bytes after the signature in SignatureBlob. */
  static final int SIGNATURE_PADDING = 8;

  private static final int MD5_LENGTH = 16;
  private static final int FIRST_FIELDS = 4 + 4 + 4 + 2 + 2; // up to PublicKeyBlob

  private TerminalServicesSigningKey() {}

  /**
   * Checks {@code certificate}'s signature (5.3.3.1.3).
   *
   * @throws dev.rdpprobe.wire.DecodeException if it is a malformed proprietary certificate
   */
  public static CertificateSignature check(ServerCertificate certificate) {
    Objects.requireNonNull(certificate, "certificate");
    Integer version = certificate.dwVersion();
    if (version == null
        || (version & ~ServerCertificate.TEMPORARY) != ServerCertificate.CERT_CHAIN_VERSION_1) {
      return CertificateSignature.NOT_PROPRIETARY;
    }
    certificate.rsaPublicKey(); // checks the structure read below
    byte[] bytes = certificate.bytes().toByteArray();
    int blobLength = le16(bytes, 14);
    int signedLength = FIRST_FIELDS + blobLength;
    int signatureLength = le16(bytes, signedLength + 2);
    int signatureAt = signedLength + 4;
    if (signatureLength == 0 || signatureLength > SIGNATURE_LENGTH + SIGNATURE_PADDING) {
      return CertificateSignature.INVALID;
    }
    BigInteger s =
        new BigInteger(
            1, reversed(Arrays.copyOfRange(bytes, signatureAt, signatureAt + signatureLength)));
    if (s.compareTo(MODULUS) >= 0) {
      return CertificateSignature.INVALID;
    }
    byte[] m = toLittleEndian(s.modPow(PUBLIC_EXPONENT, MODULUS), SIGNATURE_LENGTH);
    byte[] expected = signedBlock(Digests.md5(Arrays.copyOf(bytes, signedLength)));
    return Arrays.equals(m, expected) ? CertificateSignature.VALID : CertificateSignature.INVALID;
  }

  /**
   * A proprietary certificate for {@code key} signed with the Terminal Services key (5.3.3.1.2), as
   * a Windows server sends it: the emulator's, which clients that check the signature accept.
   */
  public static ServerCertificate signedProprietary(RsaPublicKey key) {
    byte[] bytes = ServerCertificate.proprietary(key).bytes().toByteArray();
    int signedLength = FIRST_FIELDS + le16(bytes, 14);
    byte[] block = signedBlock(Digests.md5(Arrays.copyOf(bytes, signedLength)));
    BigInteger m = new BigInteger(1, reversed(block));
    byte[] s = toLittleEndian(m.modPow(PRIVATE_EXPONENT, MODULUS), SIGNATURE_LENGTH);
    System.arraycopy(s, 0, bytes, signedLength + 4, SIGNATURE_LENGTH);
    return new ServerCertificate(Octets.of(bytes));
  }

  /**
   * The 64 little-endian bytes the signature decrypts to: the hash, 0x00, 45 bytes of 0xFF, 0x01
   * (the 63 bytes of 5.3.3.1.2), and the zero top byte.
   */
  static byte[] signedBlock(byte[] md5) {
    byte[] block = new byte[SIGNATURE_LENGTH];
    System.arraycopy(md5, 0, block, 0, MD5_LENGTH);
    block[MD5_LENGTH] = 0x00;
    Arrays.fill(block, MD5_LENGTH + 1, 62, (byte) 0xFF);
    block[62] = 0x01;
    return block;
  }

  private static int le16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  private static BigInteger littleEndian(String hex) {
    return new BigInteger(1, reversed(Octets.fromHex(hex).toByteArray()));
  }

  private static byte[] toLittleEndian(BigInteger v, int length) {
    byte[] be = v.toByteArray();
    byte[] out = new byte[length];
    for (int i = 0; i < length && i < be.length; i++) {
      out[i] = be[be.length - 1 - i];
    }
    return out;
  }

  private static byte[] reversed(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }
}
