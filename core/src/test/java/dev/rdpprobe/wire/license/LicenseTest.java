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
import dev.rdpprobe.wire.gcc.ServerCertificate;
import dev.rdpprobe.wire.mcs.DataPriority;
import dev.rdpprobe.wire.mcs.LengthForm;
import dev.rdpprobe.wire.mcs.Segmentation;
import dev.rdpprobe.wire.mcs.SendDataFrame;
import dev.rdpprobe.wire.mcs.SendDataHeader;
import dev.rdpprobe.wire.sec.BasicSecurityHeader;
import dev.rdpprobe.wire.sec.SecurityFlags;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
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
  void xrdpLicenseRequestDecodes() {
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

    ServerLicenseRequest.Contents c = request.contents();
    assertEquals(
        Octets.fromHex("7b3c31a6aee874f6b4a50390e7c2c739ba531c30546e9005d005ce4418918381"),
        c.serverRandom());
    assertEquals(new ProductInfo(0x00040000, "Microsoft Corporation", "236"), c.productInfo());
    assertEquals(4, c.productInfo().majorVersion());
    assertEquals(0, c.productInfo().minorVersion());
    assertEquals(
        new LicenseBinaryBlob(LicenseBinaryBlob.BB_KEY_EXCHG_ALG_BLOB, Octets.fromHex("01000000")),
        c.keyExchangeList());
    assertEquals(List.of(ServerLicenseRequest.KEY_EXCHANGE_ALG_RSA), c.keyExchangeAlgorithms());
    assertEquals(184, c.serverCertificate().bytes().length());
    assertEquals(ServerCertificate.CERT_CHAIN_VERSION_1, c.serverCertificate().dwVersion());
    assertEquals(512, c.serverCertificate().rsaPublicKey().orElseThrow().keyBits());
    assertEquals(List.of("microsoft.com"), c.scopeList());
    // the accessors read the same
    assertEquals(c.serverRandom(), request.serverRandom());
    assertEquals(c.productInfo(), request.productInfo());
    assertEquals(c.keyExchangeList(), request.keyExchangeList());
    assertEquals(c.serverCertificate(), request.serverCertificate());
    assertEquals(c.scopeList(), request.scopeList());
    assertEquals(
        "bMsgType=LICENSE_REQUEST, flags=PREAMBLE_VERSION_2_0, ProductInfo=Microsoft Corporation"
            + " 236 4.0, KeyExchangeList=[0x01], ServerCertificate=CERT_CHAIN_VERSION_1, 184 bytes,"
            + " ScopeList=[microsoft.com]",
        pdu.summary());
    // made again from its fields, it is the same message
    assertEquals(request, ServerLicenseRequest.of(c));
    assertRoundTrip(frame, LicensePdu::decodeFramed);
  }

  /** The body of xrdp's License Request, as hex. */
  private static String xrdpRequestBody() {
    LicensePdu pdu = framed("xrdp-license-request").pdu();
    return ((ServerLicenseRequest) pdu.message()).body().toHex();
  }

  private static DecodeException requestFails(String bodyHex) {
    ServerLicenseRequest r = new ServerLicenseRequest(Octets.fromHex(bodyHex));
    DecodeException e = assertThrows(DecodeException.class, r::contents);
    assertTrue(
        LicensePdu.of(new PreambleFlags(2), r).summary().contains("bytes, malformed: "),
        "a malformed request's summary says so");
    return e;
  }

  /** {@code hex} with the byte at {@code offset} (of the body) replaced by {@code b}. */
  private static String patch(String hex, int offset, String b) {
    return hex.substring(0, 2 * offset) + b + hex.substring(2 * offset + b.length());
  }

  @Test
  void malformedLicenseRequestsSayWhere() {
    String body = xrdpRequestBody();
    assertError(
        requestFails(body.substring(0, 2 * 31)),
        Kind.NOT_ENOUGH_BYTES,
        ServerLicenseRequest.NAME,
        "ServerRandom",
        0);
    assertError(
        requestFails(body.substring(0, 2 * 34)),
        Kind.NOT_ENOUGH_BYTES,
        ProductInfo.NAME,
        "dwVersion",
        32);
    // cbCompanyName odd, then beyond the message
    assertError(
        requestFails(patch(body, 36, "2d")),
        Kind.INVALID_FIELD,
        ProductInfo.NAME,
        "cbCompanyName",
        36);
    assertError(
        requestFails(patch(body, 36, "2c01")),
        Kind.INVALID_FIELD,
        ProductInfo.NAME,
        "cbCompanyName",
        36);
    assertError(
        requestFails(patch(body, 84, "ffffffff")),
        Kind.INVALID_FIELD,
        ProductInfo.NAME,
        "cbProductId",
        84);
    // the KeyExchangeList blob: wrong type, a length not a multiple of 4
    assertError(
        requestFails(patch(body, 96, "0e00")),
        Kind.INVALID_FIELD,
        ServerLicenseRequest.NAME,
        "KeyExchangeList.wBlobType",
        96);
    assertError(
        requestFails(patch(body, 98, "0300")),
        Kind.INVALID_FIELD,
        ServerLicenseRequest.NAME,
        "KeyExchangeList.wBlobLen",
        98);
    assertError(
        requestFails(patch(body, 104, "0100")),
        Kind.INVALID_FIELD,
        ServerLicenseRequest.NAME,
        "ServerCertificate.wBlobType",
        104);
    assertError(
        requestFails(patch(body, 106, "ff00")),
        Kind.NOT_ENOUGH_BYTES,
        LicenseBinaryBlob.NAME,
        "blobData",
        108);
    // ScopeCount: more scopes than bytes, a scope of the wrong type, bytes after the list
    assertError(
        requestFails(patch(body, 292, "06000000")),
        Kind.INVALID_FIELD,
        ServerLicenseRequest.NAME,
        "ScopeCount",
        292);
    assertError(
        requestFails(patch(body, 296, "0d00")),
        Kind.INVALID_FIELD,
        ServerLicenseRequest.NAME,
        "ScopeArray.wBlobType",
        296);
    assertError(
        requestFails(body + "00"),
        Kind.TRAILING_BYTES,
        ServerLicenseRequest.NAME,
        "end of PDU",
        314);
    assertError(
        requestFails(body.substring(0, 2 * 292)),
        Kind.NOT_ENOUGH_BYTES,
        ServerLicenseRequest.NAME,
        "ScopeCount",
        292);
    // an empty certificate blob may have any type (as under TLS), and no scopes is fine
    ServerLicenseRequest tls =
        new ServerLicenseRequest(
            Octets.fromHex(body.substring(0, 2 * 104) + "0000 0000 00000000".replace(" ", "")));
    assertEquals(0, tls.serverCertificate().bytes().length());
    assertEquals(List.of(), tls.scopeList());
  }

  @Test
  void licenseRequestFromItsFields() {
    ServerLicenseRequest.Contents c =
        new ServerLicenseRequest.Contents(
            Octets.of(new byte[32]),
            new ProductInfo(0x00060002, "Example", ""),
            LicenseBinaryBlob.empty(LicenseBinaryBlob.BB_KEY_EXCHG_ALG_BLOB),
            new ServerCertificate(Octets.EMPTY),
            List.of("a", "\u00e9t\u00e9"));
    ServerLicenseRequest r = ServerLicenseRequest.of(c);
    assertEquals(c, r.contents());
    assertRoundTrip(LicensePdu.of(new PreambleFlags(3), r), LicensePdu::decode);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ServerLicenseRequest.of(
                new ServerLicenseRequest.Contents(
                    c.serverRandom(),
                    c.productInfo(),
                    c.keyExchangeList(),
                    c.serverCertificate(),
                    List.of("\u20ac"))));
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
  void xfreerdpNewLicenseRequestDecodes() {
    SendDataFrame<LicensePdu> frame = framed("xfreerdp-license-new-license-request");
    assertFalse(frame.header().isIndication());
    LicensePdu pdu = frame.pdu();
    assertEquals("PREAMBLE_VERSION_3_0|EXTENDED_ERROR_MSG_SUPPORTED", pdu.flags().toString());
    NewLicenseRequest m = assertInstanceOf(NewLicenseRequest.class, pdu.message());
    assertEquals(LicenseMessageType.NEW_LICENSE_REQUEST, m.messageType());
    assertEquals("Client New License Request PDU", pdu.name());
    assertEquals(NewLicenseRequest.NAME, m.name());
    assertEquals(NewLicenseRequest.KEY_EXCHANGE_ALG_RSA, m.preferredKeyExchangeAlg());
    assertEquals(NewLicenseRequest.PLATFORM_ID_WINDOWS, m.platformId());
    assertEquals(0x04010000, m.platformId());
    assertEquals(
        Octets.fromHex("e3b0812cd3186fd4ed5d279148b00597ac63a3672b286249794f343a6e23ba73"),
        m.clientRandom());
    assertEquals(LicenseBinaryBlob.BB_RANDOM_BLOB, m.encryptedPreMasterSecret().wBlobType());
    assertEquals(72, m.encryptedPreMasterSecret().blobData().length(), "64 bytes and 8 of padding");
    assertEquals("rdpprobe", m.userName());
    assertEquals("rdpprobe", m.machineName());
    assertEquals(9, m.clientUserName().blobData().length(), "the name and its NUL");
    String summary =
        "bMsgType=NEW_LICENSE_REQUEST, flags=PREAMBLE_VERSION_3_0|EXTENDED_ERROR_MSG_SUPPORTED,"
            + " ClientUserName=rdpprobe, ClientMachineName=rdpprobe,"
            + " PreferredKeyExchangeAlg=KEY_EXCHANGE_ALG_RSA,"
            + " PlatformId=CLIENT_OS_ID_WINNT_POST_52|CLIENT_IMAGE_ID_MICROSOFT (0x04010000),"
            + " EncryptedPreMasterSecret 72 bytes";
    assertEquals(summary, pdu.summary());
    // neither the summary nor toString shows the random or the encrypted secret
    String secret = m.encryptedPreMasterSecret().blobData().toHex().substring(0, 16);
    String random = m.clientRandom().toHex().substring(0, 16);
    for (String shown :
        new String[] {pdu.summary(), m.toString(), pdu.toString(), frame.toString()}) {
      assertFalse(shown.contains(secret), shown);
      assertFalse(shown.contains(random), shown);
    }
    assertRoundTrip(frame, LicensePdu::decodeFramed);
    assertEquals(
        m,
        NewLicenseRequest.of(
            1,
            0x04010000,
            m.clientRandom(),
            m.encryptedPreMasterSecret().blobData(),
            "rdpprobe",
            "rdpprobe"));
  }

  @Test
  void newLicenseRequestErrorsSayWhere() {
    byte[] ud = userData(testdata("mcs/xfreerdp-license-new-license-request.hex"));
    String body = WireVectors.toHex(Arrays.copyOfRange(ud, 8, ud.length)).replace(" ", "");
    assertEveryPrefixNeedsMoreBytes(NewLicenseRequest::decode, bytes(body));
    assertError(
        assertDecodeFails(NewLicenseRequest::decode, patch(body, 40, "0100")),
        Kind.INVALID_FIELD,
        NewLicenseRequest.NAME,
        "EncryptedPreMasterSecret.wBlobType",
        40);
    assertError(
        assertDecodeFails(NewLicenseRequest::decode, patch(body, 116, "1000")),
        Kind.INVALID_FIELD,
        NewLicenseRequest.NAME,
        "ClientUserName.wBlobType",
        116);
    assertError(
        assertDecodeFails(NewLicenseRequest::decode, patch(body, 129, "0f00")),
        Kind.INVALID_FIELD,
        NewLicenseRequest.NAME,
        "ClientMachineName.wBlobType",
        129);
    // in its PDU, a byte after the message is left over
    assertError(
        assertDecodeFails(LicensePdu::decode, "80 00 00 00 13 83 93 00 " + body + " 00"),
        Kind.TRAILING_BYTES,
        NewLicenseRequest.NAME,
        "end of PDU",
        146 + 4);
    // empty blobs may carry any type; names without a NUL read whole
    NewLicenseRequest bare =
        decodeAll(
            NewLicenseRequest::decode,
            bytes(body.substring(0, 80) + " 0000 0000 0f00 0200 4142 1000 0200 4344"));
    assertEquals("AB", bare.userName());
    assertEquals("CD", bare.machineName());
    assertEquals(0, bare.encryptedPreMasterSecret().blobData().length());
    assertThrows(
        IllegalArgumentException.class,
        () -> NewLicenseRequest.of(1, 0, Octets.of(new byte[31]), Octets.EMPTY, "user", "machine"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            NewLicenseRequest.of(1, 0, Octets.of(new byte[32]), Octets.EMPTY, "us\0er", "machine"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new NewLicenseRequest(
                1,
                0,
                Octets.of(new byte[32]),
                new LicenseBinaryBlob(LicenseBinaryBlob.BB_DATA_BLOB, Octets.fromHex("00")),
                LicenseBinaryBlob.empty(0),
                LicenseBinaryBlob.empty(0)));
    assertEquals(
        "unknown (0x09)|CLIENT_IMAGE_ID_CITRIX|build 2600 (0x09020a28)",
        NewLicenseRequest.of(1, 0x09020a28, Octets.of(new byte[32]), Octets.EMPTY, "", "")
            .platformName());
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
          NewLicenseRequest.of(
              0x42, 0, Octets.of(new byte[32]), Octets.fromHex("0102"), "user", "\u00ff"),
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
        () -> new RawLicenseMessage(LicenseMessageType.NEW_LICENSE_REQUEST, Octets.EMPTY));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new LicensePdu(
                BasicSecurityHeader.of(SecurityFlags.SEC_INFO_PKT),
                new PreambleFlags(3),
                LicenseErrorMessage.validClient()));
  }

  @Test
  void thePlatformIdIsNamedWithItsEightHexDigits() {
    for (int id : new int[] {0, 0x04010000, 0x0000abcd, 0x80000000, 0xffffffff}) {
      NewLicenseRequest r =
          new NewLicenseRequest(
              1,
              id,
              dev.rdpprobe.wire.Octets.of(new byte[32]),
              LicenseBinaryBlob.empty(2),
              LicenseBinaryBlob.empty(15),
              LicenseBinaryBlob.empty(16));
      assertTrue(
          r.platformName().endsWith(" (0x" + String.format("%08x", id) + ")"), r.platformName());
    }
  }
}
