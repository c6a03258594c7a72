package dev.rdpprobe.wire.sec;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.concat;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.encode;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.mcs.SendDataRequest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Basic Security Header (2.2.8.1.1.2.1) and the Client Info PDU (MS-RDPBCGR 2.2.1.11). */
class ClientInfoTest {

  static final String SPEC_4_1_10 = "mcs/ms-rdpbcgr-4.1.10-client-info-packet.hex";

  // --- Basic Security Header ------------------------------------------------------------------

  @Test
  void basicSecurityHeader() {
    BasicSecurityHeader h = decodeAll(BasicSecurityHeader::decode, bytes("40 00 00 00"));
    assertEquals(BasicSecurityHeader.of(SecurityFlags.SEC_INFO_PKT), h);
    assertRoundTrip(
        new BasicSecurityHeader(new SecurityFlags(0xffff), 0x013e), BasicSecurityHeader::decode);
    assertEveryPrefixNeedsMoreBytes(BasicSecurityHeader::decode, bytes("80 00 3e 01"));
  }

  @Test
  void everySecurityFlagIsNamed() {
    assertEquals(
        "SEC_EXCHANGE_PKT|SEC_TRANSPORT_REQ|SEC_TRANSPORT_RSP|SEC_ENCRYPT|SEC_RESET_SEQNO"
            + "|SEC_IGNORE_SEQNO|SEC_INFO_PKT|SEC_LICENSE_PKT|SEC_LICENSE_ENCRYPT_CS/SC"
            + "|SEC_REDIRECTION_PKT|SEC_SECURE_CHECKSUM|SEC_AUTODETECT_REQ|SEC_AUTODETECT_RSP"
            + "|SEC_HEARTBEAT|SEC_FLAGSHI_VALID|unknown (0x100)",
        new SecurityFlags(0xffff).toString());
  }

  // --- the Info Packet of MS-RDPBCGR 4.1.10 -----------------------------------------------------

  @Test
  void spec4110InfoPacket() {
    byte[] bytes = testdata(SPEC_4_1_10);
    InfoPacket p = decodeAll(InfoPacket::decode, bytes);
    assertEquals(0x04090409, p.codePage());
    assertEquals(0x43b3, p.flags().bits());
    assertEquals(
        "INFO_MOUSE|INFO_DISABLECTRLALTDEL|INFO_UNICODE|INFO_MAXIMIZESHELL|INFO_COMPRESSION"
            + "|INFO_ENABLEWINDOWSKEY|INFO_FORCE_ENCRYPTED_CS_PDU|PACKET_COMPR_TYPE_64K",
        p.flags().toString());
    assertEquals("NTDEV", p.domain());
    assertEquals("eltons", p.userName());
    assertEquals("", p.password());
    assertEquals("", p.alternateShell());
    assertEquals("", p.workingDir());
    ExtendedInfoPacket x = p.extraInfo();
    assertEquals(AddressFamily.AF_INET, x.clientAddressFamily());
    assertEquals("157.59.242.156", x.clientAddress());
    assertEquals(
        "C:\\depots\\w2k3_1\\termsrv\\newclient\\lib\\win32\\obj\\i386\\mstscax.dll",
        x.clientDir());
    assertEquals(172, x.clientTimeZone().length());
    assertEquals(0x1e0, x.clientTimeZone().get(0) | x.clientTimeZone().get(1) << 8, "Bias 480");
    assertEquals(0, x.clientSessionId());
    assertEquals(PerformanceFlags.PERF_DISABLE_WALLPAPER, x.performanceFlags().bits());
    assertEquals(Octets.EMPTY, x.autoReconnectCookie());
    assertNull(x.reserved1());
    WireVectors.assertBytes(bytes, encode(p), "4.1.10 re-encoded");
    assertEveryPrefixNeedsMoreBytesOrIsShorter(bytes);
  }

  /**
   * The Info Packet reads to the end of its buffer, so a prefix that ends between two optional
   * fields is a valid, shorter packet; every other prefix fails, and only with DecodeException.
   */
  private static void assertEveryPrefixNeedsMoreBytesOrIsShorter(byte[] bytes) {
    int decoded = 0;
    for (int n = 0; n < bytes.length; n++) {
      byte[] prefix = Arrays.copyOf(bytes, n);
      try {
        InfoPacket p = decodeAll(InfoPacket::decode, prefix);
        assertEquals(n, encode(p).length);
        decoded++;
      } catch (DecodeException e) {
        assertTrue(e.offset() <= n, e.getMessage());
      }
    }
    // after the strings, after clientDir, the time zone, the session id, the performance flags
    assertEquals(5, decoded);
  }

  // --- the probe's Client Info ----------------------------------------------------------------

  @Test
  void withoutCredentialsSendsNoUserAndNoPassword() {
    ClientInfoPdu pdu = ClientInfoPdu.withoutCredentials(AddressFamily.AF_INET, "192.0.2.10");
    InfoPacket p = pdu.infoPacket();
    assertEquals("", p.userName());
    assertEquals("", p.password());
    assertEquals("", p.domain());
    assertFalse(p.flags().has(InfoFlags.INFO_AUTOLOGON));
    assertFalse(p.hasCredentials());
    assertTrue(p.flags().has(InfoFlags.INFO_UNICODE));
    assertFalse(p.flags().has(InfoFlags.INFO_COMPRESSION), "the probe decompresses nothing");
    assertEquals(SecurityFlags.SEC_INFO_PKT, pdu.securityHeader().flags().bits());
    assertRoundTrip(pdu, ClientInfoPdu::decode);
    SendDataRequest sd = pdu.toSendDataRequest(1007, 1003);
    assertEquals(pdu, ClientInfoPdu.decode(sd.userData().asByteBuf()));
  }

  @Test
  void passwordIsNeverPrinted() {
    ExtendedInfoPacket x =
        ClientInfoPdu.withoutCredentials(AddressFamily.AF_INET, "10.0.0.1")
            .infoPacket()
            .extraInfo();
    InfoPacket p =
        new InfoPacket(
            0,
            new InfoFlags(InfoFlags.INFO_UNICODE | InfoFlags.INFO_AUTOLOGON),
            "CORP",
            "alice",
            "s3cret-Passw0rd",
            "",
            "",
            x);
    assertFalse(p.toString().contains("s3cret"), p.toString());
    assertFalse(
        new ClientInfoPdu(BasicSecurityHeader.of(SecurityFlags.SEC_INFO_PKT), p)
            .toString()
            .contains("s3cret"));
    assertFalse(p.summary().contains("s3cret"), p.summary());
    assertTrue(p.hasCredentials());
    assertRoundTrip(p, InfoPacket::decode);
  }

  // --- strings --------------------------------------------------------------------------------

  @Test
  void ansiStringsRoundTripEveryByte() {
    StringBuilder latin = new StringBuilder();
    for (char c = 1; c < 256; c += 3) {
      latin.append(c);
    }
    InfoPacket p =
        new InfoPacket(
            0x409,
            new InfoFlags(InfoFlags.INFO_MOUSE),
            "DOM",
            latin.toString(),
            "",
            "cmd.exe",
            "C:\\",
            null);
    byte[] bytes = assertRoundTrip(p, InfoPacket::decode);
    assertEquals(18 + 3 + latin.length() + 7 + 3 + 5, bytes.length);
    assertThrows(
        IllegalArgumentException.class,
        () -> new InfoPacket(0, new InfoFlags(0), "", "\u20ac", "", "", "", null));
  }

  @Test
  void unpairedSurrogatesSurvive() {
    InfoPacket p =
        new InfoPacket(0, new InfoFlags(InfoFlags.INFO_UNICODE), "", "a\ud800b", "", "", "", null);
    assertEquals(p, decodeAll(InfoPacket::decode, encode(p)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2, 510, 512})
  void stringLengthsUpToTheCap(int bytes) {
    String s = "x".repeat(bytes / 2);
    InfoPacket p = new InfoPacket(0, new InfoFlags(InfoFlags.INFO_UNICODE), s, s, s, s, s, null);
    assertRoundTrip(p, InfoPacket::decode);
  }

  @Test
  void stringLengthCapsAndOddUnicodeLengths() {
    // cbDomain 514
    DecodeException e =
        assertDecodeFails(
            InfoPacket::decode, "00 00 00 00 10 00 00 00 02 02 00 00 00 00 00 00 00 00");
    assertError(e, Kind.TOO_LARGE, InfoPacket.NAME, "cbDomain", 8);
    e =
        assertDecodeFails(
            InfoPacket::decode, "00 00 00 00 10 00 00 00 00 00 03 00 00 00 00 00 00 00");
    assertError(e, Kind.INVALID_FIELD, InfoPacket.NAME, "cbUserName", 10);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new InfoPacket(
                0, new InfoFlags(InfoFlags.INFO_UNICODE), "", "", "x".repeat(257), "", "", null));
  }

  @Test
  void terminatorMustBeNul() {
    // Unicode, all strings empty, the Domain "terminator" is 'A'
    DecodeException e =
        assertDecodeFails(
            InfoPacket::decode,
            "00 00 00 00 10 00 00 00 00 00 00 00 00 00 00 00 00 00 41 00 00 00 00 00 00 00 00 00");
    assertError(e, Kind.INVALID_FIELD, InfoPacket.NAME, "Domain terminator", 18);
  }

  // --- the extended info's optional tail ------------------------------------------------------

  @Test
  void withoutSecretsKeepsTheFlagsAndDropsWhatLogsOn() {
    ExtendedInfoPacket x =
        new ExtendedInfoPacket(
            AddressFamily.AF_INET,
            "10.0.0.2",
            "C:\\mstscax.dll",
            Octets.of(new byte[172]),
            0,
            new PerformanceFlags(PerformanceFlags.PERF_DISABLE_WALLPAPER),
            Octets.fromHex("1c000000 01000000 2a000000" + "aa".repeat(16)),
            null,
            null,
            null,
            null,
            Octets.EMPTY);
    int flags = InfoFlags.INFO_UNICODE | InfoFlags.INFO_AUTOLOGON | InfoFlags.INFO_MOUSE;
    ClientInfoPdu pdu =
        ClientInfoPdu.of(
            new InfoPacket(
                0x0409, new InfoFlags(flags), "CORP", "alice", "s3cret!", "shell", "dir", x));
    ClientInfoPdu kept = pdu.withoutSecrets();
    InfoPacket p = kept.infoPacket();
    assertEquals(flags, p.flags().bits());
    assertEquals(0x0409, p.codePage());
    assertEquals(List.of("", "", ""), List.of(p.domain(), p.userName(), p.password()));
    assertEquals(List.of("shell", "dir"), List.of(p.alternateShell(), p.workingDir()));
    assertEquals(Octets.EMPTY, p.extraInfo().autoReconnectCookie());
    assertEquals("10.0.0.2", p.extraInfo().clientAddress());
    assertEquals(x.performanceFlags(), p.extraInfo().performanceFlags());
    String hex = Octets.encode(kept).toHex();
    // "s3cret!" and "alice" in UTF-16LE appear nowhere in what is kept
    assertFalse(hex.contains("7300330063007200650074002100"), hex);
    assertFalse(hex.contains("61006c00690063006500"), hex);
    assertRoundTrip(kept, ClientInfoPdu::decode);
  }

  @Test
  void everyOptionalFieldRoundTrips() {
    ExtendedInfoPacket full =
        new ExtendedInfoPacket(
            AddressFamily.AF_INET6,
            "2001:db8::1",
            "C:\\mstscax.dll",
            Octets.of(new byte[172]),
            7,
            new PerformanceFlags(0x800001ff),
            Octets.of(new byte[28]),
            0,
            0,
            "Pacific Standard Time",
            1,
            Octets.fromHex("ee ff"));
    InfoPacket p =
        new InfoPacket(0, new InfoFlags(InfoFlags.INFO_UNICODE), "", "", "", "", "", full);
    assertRoundTrip(p, InfoPacket::decode);
    assertTrue(full.toString().contains("autoReconnectCookie"));
    assertEquals("AF_INET6", full.clientAddressFamily().name());
    assertEquals("unknown (0x03)", new AddressFamily(3).name());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ExtendedInfoPacket(
                AddressFamily.AF_INET,
                "a",
                "b",
                null,
                1,
                null,
                null,
                null,
                null,
                null,
                null,
                Octets.EMPTY));
  }

  @Test
  void autoReconnectCookieIsCapped() {
    byte[] strings =
        bytes(
            "00 00 00 00 10 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
    byte[] ext = concat(bytes("02 00 00 00 00 00"), new byte[172 + 8]);
    byte[] cookie = bytes("1d 00");
    DecodeException e =
        WireVectors.assertDecodeFails(
            InfoPacket::decode, concat(concat(strings, ext), cookie), "cookie 29");
    assertError(
        e, Kind.TOO_LARGE, InfoPacket.NAME, "cbAutoReconnectCookie", strings.length + ext.length);
  }

  // --- the Client Info PDU --------------------------------------------------------------------

  @Test
  void encryptedClientInfoIsNotDecoded() {
    // MS-RDPBCGR 4.1.10 as sent: SEC_INFO_PKT | SEC_ENCRYPT, signature, ciphertext
    DecodeException e =
        assertDecodeFails(ClientInfoPdu::decode, "48 00 00 00 45 ca 46 fa 5e a7 be bc 74 21 d3 65");
    assertError(e, Kind.INVALID_FIELD, ClientInfoPdu.NAME, "flags", 0);
    assertEquals(0x48, e.received());
  }

  @Test
  void anotherSecurityPacketIsNotClientInfo() {
    DecodeException e = assertDecodeFails(ClientInfoPdu::decode, "80 00 3e 01 01 02 3e 01");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, ClientInfoPdu.NAME, "flags", 0);
  }
}
