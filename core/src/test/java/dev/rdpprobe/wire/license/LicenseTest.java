package dev.rdpprobe.wire.license;

import static dev.rdpprobe.wire.WireVectors.assertBytes;
import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.assertVector;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.encode;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.WireVectors.Vector;
import dev.rdpprobe.wire.mcs.DataPriority;
import dev.rdpprobe.wire.mcs.LengthForm;
import dev.rdpprobe.wire.mcs.Segmentation;
import dev.rdpprobe.wire.mcs.SendDataFrame;
import dev.rdpprobe.wire.mcs.SendDataHeader;
import dev.rdpprobe.wire.sec.BasicSecurityHeader;
import dev.rdpprobe.wire.sec.SecurityFlags;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Licensing PDUs (MS-RDPBCGR 2.2.1.12, MS-RDPELE) on real and specification bytes. */
class LicenseTest {

  /**
   * A Windows server's Server License Error PDU - Valid Client under TLS, as captured and annotated
   * in Apache CloudStack's RDP client (services/console-proxy/rdpconsole,
   * rdpclient/ServerLicenseErrorPDUValidClient.java): flagsHi holds {@code f1 bc}, not 0.
   */
  static final String WINDOWS_VALID_CLIENT =
      "03 00 00 22 02 f0 80 68 00 01 03 eb 70 14 80 00 f1 bc ff 03 10 00 07 00 00 00 02 00 00 00"
          + " 04 00 00 00";

  /** MS-RDPBCGR 4.1.11 as sent: the license error RC4-encrypted behind a Non-FIPS header. */
  static final String SPEC_4_1_11_ENCRYPTED =
      "03 00 00 2a 02 f0 80 68 00 01 03 eb 70 1c 88 02 02 03 8d 43 9a ab d5 2a 31 39 62 4d c1 ec"
          + " 0d 99 88 e6 da ab 2c 02 72 4d 49 90";

  /** MS-RDPBCGR 4.1.11 decrypted: the licensing preamble and the valid client message. */
  static final String SPEC_4_1_11_DECRYPTED = "ff 03 10 00 07 00 00 00 02 00 00 00 04 00 00 00";

  private static byte[] userData(byte[] framed) {
    // TPKT (4), DT (3), then the Send Data header: choice, initiator, channel, priority, length
    int at = 4 + 3 + 6;
    int lengthOctets = (framed[at] & 0x80) != 0 ? 2 : 1;
    return Arrays.copyOfRange(framed, at + lengthOctets, framed.length);
  }

  private static SendDataFrame<LicensePdu> framed(String file) {
    return decodeAll(LicensePdu::decodeFramed, testdata("mcs/" + file + ".hex"));
  }

  static Stream<Vector<?>> vectors() {
    return Stream.of(
        vector(
            "freerdp-shadow valid client (testdata/mcs)",
            new SendDataFrame<>(
                new SendDataHeader(
                    26,
                    1009,
                    1003,
                    DataPriority.HIGH,
                    Segmentation.BEGIN_END,
                    20,
                    LengthForm.TWO_OCTETS),
                LicensePdu.validClient()),
            testdata("mcs/freerdp-shadow-license-error-alert.hex"),
            LicensePdu::decodeFramed),
        vector(
            "Windows valid client (CloudStack capture)",
            SendDataFrame.indication(
                1002,
                1003,
                new LicensePdu(
                    new BasicSecurityHeader(
                        new SecurityFlags(SecurityFlags.SEC_LICENSE_PKT), 0xbcf1),
                    new PreambleFlags(PreambleFlags.PREAMBLE_VERSION_3_0),
                    LicenseErrorMessage.validClient())),
            WINDOWS_VALID_CLIENT,
            LicensePdu::decodeFramed),
        vector(
            "xrdp valid client (testdata/mcs)",
            SendDataFrame.indication(
                1007,
                1003,
                new LicensePdu(
                    new BasicSecurityHeader(
                        new SecurityFlags(SecurityFlags.SEC_LICENSE_PKT), 0x0010),
                    new PreambleFlags(PreambleFlags.PREAMBLE_VERSION_2_0),
                    new LicenseErrorMessage(
                        LicenseErrorCode.STATUS_VALID_CLIENT,
                        LicenseStateTransition.ST_NO_TRANSITION,
                        LicenseBinaryBlob.empty(0x1428)))),
            testdata("mcs/xrdp-license-error-alert.hex"),
            LicensePdu::decodeFramed),
        vector(
            "MS-RDPBCGR 4.1.11 decrypted, behind a Basic Security Header",
            LicensePdu.validClient(),
            "80 00 00 00 " + SPEC_4_1_11_DECRYPTED,
            LicensePdu::decode));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodesDecodesAndSizes(Vector<?> v) {
    assertVector(v);
  }

  @Test
  void validClientIsWhatFreerdpShadowSends() {
    LicensePdu pdu = LicensePdu.validClient();
    assertTrue(pdu.isValidClient());
    assertEquals("License Error PDU", pdu.name());
    assertEquals(
        "bMsgType=ERROR_ALERT, flags=PREAMBLE_VERSION_3_0, dwErrorCode=STATUS_VALID_CLIENT (0x07),"
            + " dwStateTransition=ST_NO_TRANSITION (0x02)",
        pdu.summary());
    assertBytes(
        userData(testdata("mcs/freerdp-shadow-license-error-alert.hex")),
        encode(pdu),
        "valid client");
    assertEquals(
        new LicensePreamble(
            LicenseMessageType.ERROR_ALERT,
            new PreambleFlags(PreambleFlags.PREAMBLE_VERSION_3_0),
            16),
        pdu.preamble());
    SendDataFrame<LicensePdu> frame = pdu.toIndication(1002, 1003);
    assertBytes(
        bytes(WINDOWS_VALID_CLIENT.replace("f1 bc", "00 00")),
        encode(frame),
        "the emulator's valid client in its frame");
  }

  @Test
  void xrdpLicenseRequestIsNamedAndKeptRaw() {
    SendDataFrame<LicensePdu> frame = framed("xrdp-license-request");
    assertEquals(1007, frame.initiator());
    assertEquals(1003, frame.channelId());
    LicensePdu pdu = frame.pdu();
    assertEquals(0x013e, pdu.securityHeader().flagsHi(), "xrdp writes wMsgSize into flagsHi");
    assertEquals("PREAMBLE_VERSION_2_0", pdu.flags().toString());
    ServerLicenseRequest request = assertInstanceOf(ServerLicenseRequest.class, pdu.message());
    assertEquals(314, request.body().length());
    assertEquals(0x013e, pdu.preamble().wMsgSize());
    assertEquals("Server License Request PDU", pdu.name());
    assertFalse(pdu.isValidClient());
    assertEquals(
        "bMsgType=LICENSE_REQUEST, flags=PREAMBLE_VERSION_2_0, 314 bytes, not decoded",
        pdu.summary());
  }

  @Test
  void xrdpValidClientLeavesTheBlobTypeUnset() {
    LicensePdu pdu = framed("xrdp-license-error-alert").pdu();
    assertTrue(pdu.isValidClient());
    LicenseErrorMessage m = (LicenseErrorMessage) pdu.message();
    assertEquals("unknown (0x1428)", m.bbErrorInfo().typeName());
    assertEquals(0, m.bbErrorInfo().blobData().length());
  }

  @Test
  void xfreerdpNewLicenseRequestIsKeptRaw() {
    SendDataFrame<LicensePdu> frame = framed("xfreerdp-license-new-license-request");
    assertFalse(frame.header().isIndication());
    LicensePdu pdu = frame.pdu();
    assertEquals("PREAMBLE_VERSION_3_0|EXTENDED_ERROR_MSG_SUPPORTED", pdu.flags().toString());
    RawLicenseMessage m = assertInstanceOf(RawLicenseMessage.class, pdu.message());
    assertEquals(LicenseMessageType.NEW_LICENSE_REQUEST, m.messageType());
    assertEquals("License PDU NEW_LICENSE_REQUEST", pdu.name());
    assertEquals("licensing message NEW_LICENSE_REQUEST", m.name());
  }

  @Test
  void everyPrefixNeedsMoreBytes() {
    for (String file :
        new String[] {
          "freerdp-shadow-license-error-alert",
          "xrdp-license-error-alert",
          "xrdp-license-request",
          "xfreerdp-license-new-license-request"
        }) {
      byte[] framed = testdata("mcs/" + file + ".hex");
      assertEveryPrefixNeedsMoreBytes(LicensePdu::decode, userData(framed));
      assertEveryPrefixNeedsMoreBytes(LicensePdu::decodeFramed, framed);
    }
    assertEveryPrefixNeedsMoreBytes(LicensePreamble::decode, bytes(SPEC_4_1_11_DECRYPTED));
    assertEveryPrefixNeedsMoreBytes(
        LicenseErrorMessage::decode, bytes("07 00 00 00 02 00 00 00 04 00 02 00 ab cd"));
  }

  @Test
  void userDataLongerThanTheLicensePduIsAnError() {
    // freerdp-shadow's valid client with one more byte in the user data (and both lengths + 1)
    DecodeException e =
        assertDecodeFails(
            LicensePdu::decodeFramed,
            "03 00 00 24 02 f0 80 68 00 08 03 eb 70 80 15 80 00 00 00 ff 03 10 00 07 00 00 00 02 00"
                + " 00 00 04 00 00 00 ee");
    assertError(e, Kind.TRAILING_BYTES, LicensePdu.NAME, "end of PDU", 35);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SendDataFrame<>(
                new SendDataHeader(
                    26,
                    1002,
                    1003,
                    DataPriority.HIGH,
                    Segmentation.BEGIN_END,
                    19,
                    LengthForm.SHORTEST),
                LicensePdu.validClient()));
  }

  @Test
  void encryptedLicensingIsNotDecoded() {
    DecodeException e = assertDecodeFails(LicensePdu::decodeFramed, SPEC_4_1_11_ENCRYPTED);
    assertError(e, Kind.INVALID_FIELD, LicensePdu.NAME, "flags", 14);
    assertEquals(0x0288, e.received());
  }

  @Test
  void anotherSecurityPacketIsNotLicensing() {
    // the Client Info PDU's security header
    DecodeException e =
        assertDecodeFails(LicensePdu::decode, "40 00 00 00 " + SPEC_4_1_11_DECRYPTED);
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, LicensePdu.NAME, "flags", 0);
  }

  @Test
  void messageSizeIsCheckedAgainstTheBytes() {
    DecodeException e = assertDecodeFails(LicensePdu::decode, "80 00 00 00 ff 03 03 00");
    assertError(e, Kind.INVALID_FIELD, LicensePreamble.NAME, "wMsgSize", 6);
    e = assertDecodeFails(LicensePdu::decode, "80 00 00 00 ff 03 11 00 07 00 00 00");
    assertError(e, Kind.NOT_ENOUGH_BYTES, LicensePreamble.NAME, "licensing message", 8);
    // wMsgSize 17: the 16-byte message and one byte more
    e =
        assertDecodeFails(
            LicensePdu::decode, "80 00 00 00 ff 03 11 00 07 00 00 00 02 00 00 00 04 00 00 00 ee");
    assertError(e, Kind.TRAILING_BYTES, LicenseErrorMessage.NAME, "end of PDU", 20);
    // a blob longer than the message
    e =
        assertDecodeFails(
            LicensePdu::decode, "80 00 00 00 ff 03 11 00 07 00 00 00 02 00 00 00 04 00 02 00 ee");
    assertError(e, Kind.NOT_ENOUGH_BYTES, LicenseBinaryBlob.NAME, "blobData", 20);
  }

  @Test
  void wMsgSizeBoundsTheMessageInAStream() {
    // the PDU and the first bytes of another: decode stops at wMsgSize
    byte[] two = bytes("80 00 00 00 " + SPEC_4_1_11_DECRYPTED + " 80 00");
    ByteBuf in = WireVectors.buffer(two);
    try {
      assertEquals(LicensePdu.validClient(), LicensePdu.decode(in));
      assertEquals(2, in.readableBytes());
    } finally {
      in.release();
    }
  }

  @Test
  void everyMessageRoundTrips() {
    PreambleFlags v3 = new PreambleFlags(0x83);
    Octets body = Octets.fromHex("00 11 22 33 44 55");
    for (LicenseMessage m :
        new LicenseMessage[] {
          new ServerLicenseRequest(body),
          new ServerPlatformChallenge(body),
          new ServerPlatformChallenge(Octets.EMPTY),
          new RawLicenseMessage(LicenseMessageType.NEW_LICENSE, body),
          new RawLicenseMessage(new LicenseMessageType(0x42), Octets.EMPTY),
          new LicenseErrorMessage(
              LicenseErrorCode.ERR_NO_LICENSE_SERVER,
              LicenseStateTransition.ST_TOTAL_ABORT,
              new LicenseBinaryBlob(LicenseBinaryBlob.BB_ERROR_BLOB, body)),
          new LicenseErrorMessage(
              new LicenseErrorCode(0xdeadbeef),
              new LicenseStateTransition(-1),
              LicenseBinaryBlob.empty(0xffff))
        }) {
      assertRoundTrip(LicensePdu.of(v3, m), LicensePdu::decode);
      assertRoundTrip(LicensePdu.of(v3, m).toIndication(1002, 1003), LicensePdu::decodeFramed);
    }
    assertEquals(
        "Server Platform Challenge PDU",
        LicensePdu.of(v3, new ServerPlatformChallenge(body)).name());
    assertEquals(
        "License PDU unknown (0x42)",
        LicensePdu.of(v3, new RawLicenseMessage(new LicenseMessageType(0x42), body)).name());
  }

  @Test
  void codesAreNamedAndUnknownOnesKept() {
    assertEquals("ERR_INVALID_MESSAGE_LEN (0x0c)", new LicenseErrorCode(0x0c).toString());
    assertEquals("unknown (0x05)", new LicenseErrorCode(5).name());
    assertEquals("unknown (0xdeadbeef)", new LicenseErrorCode(0xdeadbeef).toString());
    assertEquals(
        "ST_RESEND_LAST_MESSAGE (0x04)", LicenseStateTransition.ST_RESEND_LAST_MESSAGE.toString());
    assertEquals("unknown (0x00)", new LicenseStateTransition(0).toString());
    assertEquals(
        "PLATFORM_CHALLENGE_RESPONSE (0x15)",
        LicenseMessageType.PLATFORM_CHALLENGE_RESPONSE.toString());
    assertEquals("unknown (0x05)", new LicenseMessageType(5).toString());
    assertEquals("unknown (0x05)|unknown (0x70)", new PreambleFlags(0x75).toString());
    assertEquals("BB_CLIENT_MACHINE_NAME_BLOB", LicenseBinaryBlob.empty(0x10).typeName());
    assertThrows(IllegalArgumentException.class, () -> new LicenseMessageType(0x100));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RawLicenseMessage(LicenseMessageType.ERROR_ALERT, Octets.EMPTY));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LicensePdu(
                BasicSecurityHeader.of(SecurityFlags.SEC_INFO_PKT),
                new PreambleFlags(3),
                LicenseErrorMessage.validClient()));
  }
}
