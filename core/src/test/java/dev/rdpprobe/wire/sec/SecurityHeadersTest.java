package dev.rdpprobe.wire.sec;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.mcs.SendDataRequest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The Client Security Exchange PDU (MS-RDPBCGR 2.2.1.10) and the Non-FIPS and FIPS security headers
 * (2.2.8.1.1.2.2, 2.2.8.1.1.2.3).
 */
class SecurityHeadersTest {

  /** xfreerdp 2.11 to xrdp (2048-bit key): flags 0x0201, length 264. */
  static byte[] xfreerdpExchange() {
    SendDataRequest sdrq =
        decodeAll(SendDataRequest::decodeFramed, testdata("mcs/xfreerdp-security-exchange.hex"));
    return sdrq.userData().toByteArray();
  }

  @Test
  void xfreerdpsSecurityExchange() {
    byte[] bytes = xfreerdpExchange();
    SecurityExchangePdu pdu = decodeAll(SecurityExchangePdu::decode, bytes);
    assertEquals(
        SecurityFlags.SEC_EXCHANGE_PKT | SecurityFlags.SEC_LICENSE_ENCRYPT_SC,
        pdu.basicSecurityHeader().flags().bits());
    assertEquals(264, pdu.length());
    assertEquals(256, pdu.ciphertext().length());
    assertTrue(pdu.paddingIsZero());
    assertEquals(
        "flags=SEC_EXCHANGE_PKT|SEC_LICENSE_ENCRYPT_CS/SC, length=264 (2048-bit key)",
        pdu.summary());
    assertEquals(Octets.of(bytes), Octets.encode(pdu));
    assertEveryPrefixNeedsMoreBytes(SecurityExchangePdu::decode, bytes);
  }

  @Test
  void securityExchangeRoundTripAndLimits() {
    SecurityExchangePdu pdu = SecurityExchangePdu.of(0, Octets.of(new byte[72]));
    byte[] encoded = assertRoundTrip(pdu, SecurityExchangePdu::decode);
    assertEquals("0100000048000000", Octets.of(Arrays.copyOf(encoded, 8)).toHex());
    assertFalse(SecurityExchangePdu.of(0, Octets.fromHex("0102030405060708090a")).paddingIsZero());
    assertThrows(
        IllegalArgumentException.class, () -> SecurityExchangePdu.of(0, Octets.of(new byte[8])));
    assertThrows(
        IllegalArgumentException.class,
        () -> SecurityExchangePdu.of(SecurityFlags.SEC_ENCRYPT, Octets.of(new byte[72])));

    assertError(
        assertDecodeFails(SecurityExchangePdu::decode, "01 00 00 00 09 04 00 00"),
        Kind.TOO_LARGE,
        SecurityExchangePdu.NAME,
        "length",
        4);
    assertError(
        assertDecodeFails(SecurityExchangePdu::decode, "01 00 00 00 08 00 00 00 0000000000000000"),
        Kind.INVALID_FIELD,
        SecurityExchangePdu.NAME,
        "length",
        4);
    assertError(
        assertDecodeFails(SecurityExchangePdu::decode, "40 00 00 00 48 00 00 00"),
        Kind.UNEXPECTED_MESSAGE_TYPE,
        SecurityExchangePdu.NAME,
        "flags",
        0);
    assertError(
        assertDecodeFails(SecurityExchangePdu::decode, "09 00 00 00 48 00 00 00"),
        Kind.INVALID_FIELD,
        SecurityExchangePdu.NAME,
        "flags",
        0);
    assertError(
        assertDecodeFails(SecurityExchangePdu::decode, "01 00 00 00 48 00 00 00 00"),
        Kind.NOT_ENOUGH_BYTES,
        SecurityExchangePdu.NAME,
        "encryptedClientRandom",
        8);
  }

  /**
   * The user data of xfreerdp's first PDU after the Security Exchange (its Client Info) in a
   * session of {@code testdata/rdpsec/} (made by {@code testdata/capture/rdpsec-peers.sh}).
   */
  static byte[] xfreerdpClientInfo(String level) {
    try {
      for (String line :
          java.nio.file.Files.readAllLines(
              dev.rdpprobe.wire.WireVectors.TESTDATA.resolve(
                  "rdpsec/xrdp-rdp-" + level + "_xfreerdp.txt"))) {
        if (line.startsWith("c2s data ")) {
          return bytes(line.substring("c2s data ".length()));
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError("no client PDU in the " + level + " session");
  }

  @Test
  void xfreerdpsHeadersInFrontOfItsEncryptedClientInfo() {
    int flags =
        SecurityFlags.SEC_ENCRYPT | SecurityFlags.SEC_INFO_PKT | SecurityFlags.SEC_SECURE_CHECKSUM;
    byte[] rc4 = xfreerdpClientInfo("high");
    NonFipsSecurityHeader h1 =
        decodeAll(
            NonFipsSecurityHeader::decode,
            Arrays.copyOf(rc4, NonFipsSecurityHeader.FIXED_PART_SIZE));
    assertEquals(flags, h1.flags().bits());
    assertEquals(Octets.of(Arrays.copyOfRange(rc4, 4, 12)), h1.dataSignature());
    byte[] fips = xfreerdpClientInfo("fips");
    FipsSecurityHeader h2 =
        decodeAll(
            FipsSecurityHeader::decode, Arrays.copyOf(fips, FipsSecurityHeader.FIXED_PART_SIZE));
    assertEquals(flags, h2.flags().bits());
    assertEquals(FipsSecurityHeader.TSFIPS_VERSION1, h2.version());
    assertEquals(0, (fips.length - FipsSecurityHeader.FIXED_PART_SIZE) % 8, "whole 3DES blocks");
    assertEquals(
        316,
        fips.length - FipsSecurityHeader.FIXED_PART_SIZE - h2.padlen(),
        "the 316-byte Info Packet and its padding");
  }

  @Test
  void nonFipsHeader() {
    byte[] bytes = bytes("08 08 00 00 01 02 03 04 05 06 07 08");
    NonFipsSecurityHeader h = decodeAll(NonFipsSecurityHeader::decode, bytes);
    assertEquals(SecurityFlags.SEC_ENCRYPT | SecurityFlags.SEC_SECURE_CHECKSUM, h.flags().bits());
    assertEquals(Octets.fromHex("0102030405060708"), h.dataSignature());
    assertEquals(
        "flags=SEC_ENCRYPT|SEC_SECURE_CHECKSUM, dataSignature=0102030405060708", h.summary());
    assertRoundTrip(h, NonFipsSecurityHeader::decode);
    assertEveryPrefixNeedsMoreBytes(NonFipsSecurityHeader::decode, bytes);
    assertThrows(
        IllegalArgumentException.class,
        () -> new NonFipsSecurityHeader(BasicSecurityHeader.of(8), Octets.of(new byte[7])));
  }

  @Test
  void fipsHeader() {
    byte[] bytes = bytes("08 00 00 00 10 00 01 03 01 02 03 04 05 06 07 08");
    FipsSecurityHeader h = decodeAll(FipsSecurityHeader::decode, bytes);
    assertEquals(
        FipsSecurityHeader.of(SecurityFlags.SEC_ENCRYPT, 3, Octets.fromHex("0102030405060708")), h);
    assertEquals(
        "flags=SEC_ENCRYPT, version=1, padlen=3, dataSignature=0102030405060708", h.summary());
    assertRoundTrip(h, FipsSecurityHeader::decode);
    assertEveryPrefixNeedsMoreBytes(FipsSecurityHeader::decode, bytes);
    // a version other than 1 is kept (the field is a SHOULD)
    assertEquals(
        2,
        decodeAll(FipsSecurityHeader::decode, bytes("08 00 00 00 10 00 02 00 0102030405060708"))
            .version());
    assertError(
        assertDecodeFails(FipsSecurityHeader::decode, "08 00 00 00 0c 00 01 00 0102030405060708"),
        Kind.INVALID_FIELD,
        FipsSecurityHeader.NAME,
        "length",
        4);
    assertError(
        assertDecodeFails(FipsSecurityHeader::decode, "08 00 00 00 10 00 01 08 0102030405060708"),
        Kind.INVALID_FIELD,
        FipsSecurityHeader.NAME,
        "padlen",
        7);
    assertThrows(
        IllegalArgumentException.class, () -> FipsSecurityHeader.of(8, 8, Octets.of(new byte[8])));
  }
}
