package dev.rdpprobe.rdpsec;

import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.ConferenceCreateResponse;
import dev.rdpprobe.wire.gcc.RsaPublicKey;
import dev.rdpprobe.wire.gcc.ServerCertificate;
import dev.rdpprobe.wire.gcc.ServerSecurityData;
import dev.rdpprobe.wire.mcs.McsConnectResponse;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Known answers from MS-RDPBCGR itself: the worked example of the 3DES key expansion (5.3.5.2), the
 * Terminal Services signing key (5.3.3.1.1) against the proprietary certificate a Windows Server
 * 2003 sent in the annotated connection of 4.1.4, and the signed-block layout of 5.3.3.1.2.
 */
class KnownAnswerTest {

  static ServerSecurityData spec414Security() {
    McsConnectResponse response =
        decodeAll(
            McsConnectResponse::decodeFramed,
            testdata("mcs/ms-rdpbcgr-4.1.4-server-mcs-connect-response.hex"));
    return ConferenceCreateResponse.from(response).userData().security().orElseThrow();
  }

  /**
   * 5.3.5.2: "0xD1 0x5E 0xC4 0x7E 0xDA ..." expands to "0x51 0x3D 0x11 0x76 0x27 ..." and, with odd
   * parity, "0x51 0x3D 0x10 0x76 0x26 ...". The example shows the first five bytes of a 21-byte
   * key; the rest here is zeros, which do not reach the first five output bytes.
   */
  @Test
  void fipsKeyExpansionOfTheSpecExample() {
    byte[] key168 = Arrays.copyOf(bytes("d1 5e c4 7e da"), 21);
    byte[] key192 = FipsSessionKeys.toDes3Key(key168);
    assertEquals(24, key192.length);
    assertArrayEquals(bytes("51 3d 10 76 26"), Arrays.copyOf(key192, 5));
    // the naive bit-string version gives the same
    assertArrayEquals(
        bytes("51 3d 10 76 26"),
        Arrays.copyOf(NaiveRdpSecurity.fipsKey(Arrays.copyOf(key168, 20)), 5));
  }

  @Test
  void everyExpandedByteHasOddParity() {
    SplittableRandom random = new SplittableRandom(5352);
    for (int round = 0; round < 200; round++) {
      byte[] key = new byte[21];
      random.nextBytes(key);
      for (byte b : FipsSessionKeys.toDes3Key(key)) {
        assertEquals(1, Integer.bitCount(b & 0xFF) % 2, "odd parity");
      }
    }
  }

  /** 5.3.3.1.1 and 4.1.4: the certificate of the annotated connection is signed with the key. */
  @Test
  void theSpecsServerCertificateChecksAgainstTheTerminalServicesKey() {
    ServerCertificate certificate = spec414Security().serverCertificate();
    assertEquals(184, certificate.bytes().length());
    assertEquals(CertificateSignature.VALID, TerminalServicesSigningKey.check(certificate));
  }

  @Test
  void anyChangedByteOfTheSignedFieldsOrTheSignatureFailsTheCheck() {
    byte[] good = spec414Security().serverCertificate().bytes().toByteArray();
    // every byte of the hashed fields and of the signature, save the 8 bytes of padding
    for (int i = 0; i < good.length - 8; i++) {
      if (i >= 108 && i < 112) {
        continue; // wSignatureBlobType and wSignatureBlobLen are not signed
      }
      byte[] bad = good.clone();
      bad[i] ^= 0x01;
      CertificateSignature result;
      try {
        result = TerminalServicesSigningKey.check(new ServerCertificate(Octets.of(bad)));
      } catch (DecodeException e) {
        continue; // the change made the structure unreadable (a length, the magic)
      }
      assertEquals(
          i < 4 ? CertificateSignature.NOT_PROPRIETARY : CertificateSignature.INVALID,
          result,
          "byte " + i + " changed");
    }
  }

  /** The public and private exponents of 5.3.3.1.1 are inverses: sign then verify round trips. */
  @Test
  void theTerminalServicesKeyPartsBelongTogether() {
    SplittableRandom random = new SplittableRandom(53311);
    for (int i = 0; i < 20; i++) {
      byte[] m = new byte[63];
      random.nextBytes(m);
      BigInteger x = new BigInteger(1, m);
      BigInteger s =
          x.modPow(TerminalServicesSigningKey.PRIVATE_EXPONENT, TerminalServicesSigningKey.MODULUS);
      assertEquals(
          x,
          s.modPow(TerminalServicesSigningKey.PUBLIC_EXPONENT, TerminalServicesSigningKey.MODULUS));
    }
    assertEquals(512, TerminalServicesSigningKey.MODULUS.bitLength());
    assertEquals(0xc0887b5bL, TerminalServicesSigningKey.PUBLIC_EXPONENT.longValue());
  }

  /**
   * 5.3.3.1.2: the example hash "0xf5 0xcc ... 0x7f" in the 63-byte array (the specification's
   * first rendering of the array ends in 0x10, its second and 5.3.3.1.3 in 0x01; the certificate of
   * 4.1.4 settles it, see above).
   */
  @Test
  void theSignedBlockLayoutOfTheSpecExample() {
    byte[] hash = bytes("f5 cc 18 ee 45 e9 4d a6 79 02 ca 76 51 33 e1 7f");
    byte[] block = TerminalServicesSigningKey.signedBlock(hash);
    byte[] expected = new byte[64];
    System.arraycopy(hash, 0, expected, 0, 16);
    Arrays.fill(expected, 17, 62, (byte) 0xFF);
    expected[62] = 0x01;
    assertArrayEquals(expected, block);
  }

  @Test
  void otherCertificatesAreNotProprietary() {
    assertEquals(
        CertificateSignature.NOT_PROPRIETARY,
        TerminalServicesSigningKey.check(new ServerCertificate(Octets.EMPTY)));
    assertEquals(
        CertificateSignature.NOT_PROPRIETARY,
        TerminalServicesSigningKey.check(new ServerCertificate(Octets.fromHex("02 00 00 80 01"))));
    assertEquals(
        CertificateSignature.NOT_PROPRIETARY,
        TerminalServicesSigningKey.check(new ServerCertificate(Octets.fromHex("01 00"))));
  }

  @Test
  void aMalformedProprietaryCertificateIsADecodeError() {
    byte[] cert = spec414Security().serverCertificate().bytes().toByteArray();
    assertThrows(
        DecodeException.class,
        () ->
            TerminalServicesSigningKey.check(
                new ServerCertificate(Octets.of(Arrays.copyOf(cert, 100)))));
  }

  /** What the emulator sends: a certificate for its own key that passes the check. */
  @Test
  void aSignedProprietaryCertificateChecksAndCarriesItsKey() {
    RsaPublicKey key = spec414Security().serverCertificate().rsaPublicKey().orElseThrow();
    ServerCertificate signed = TerminalServicesSigningKey.signedProprietary(key);
    assertEquals(CertificateSignature.VALID, TerminalServicesSigningKey.check(signed));
    assertEquals(key, signed.rsaPublicKey().orElseThrow());
    // signing the spec's own key reproduces the spec's certificate byte for byte (RSA without
    // padding is deterministic)
    assertEquals(spec414Security().serverCertificate(), signed);
    assertEquals(
        CertificateSignature.INVALID,
        TerminalServicesSigningKey.check(ServerCertificate.proprietary(key)),
        "the zero signature of an unsigned certificate");
  }
}
