package dev.rdpprobe.wire.multitransport;

import static dev.rdpprobe.wire.WireVectors.assertBytes;
import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.assertVector;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.encode;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors.Vector;
import dev.rdpprobe.wire.mcs.SendDataFrame;
import dev.rdpprobe.wire.sec.BasicSecurityHeader;
import dev.rdpprobe.wire.sec.SecurityFlags;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Initiate Multitransport Request and Response (MS-RDPBCGR 2.2.15.1, 2.2.15.2). */
class MultitransportTest {

  /**
   * A Windows 10 server's Initiate Multitransport Request to mstsc, on the message channel 1011:
   * captured and annotated in aquesnel/rdps2rdp, test_parser_v2_mstsc.py
   * (test_parse_from_server_request_udp_fec).
   */
  static final String WINDOWS_REQUEST =
      "03 00 00 2a 02 f0 80 68 00 01 03 f3 70 1c 02 00 00 00 05 00 00 00 01 00 00 00 7c fd 72 23"
          + " c2 6d 4e 48 89 aa 75 88 68 94 1f da";

  static final Octets WINDOWS_COOKIE =
      Octets.fromHex("7c fd 72 23 c2 6d 4e 48 89 aa 75 88 68 94 1f da");

  /** The E_ABORT response of IronRDP's multitransport.rs tests (RESPONSE_ABORT_WIRE). */
  static final String IRONRDP_ABORT = "04 00 00 00 07 00 00 00 04 40 00 80";

  static Stream<Vector<?>> vectors() {
    return Stream.of(
        vector(
            "Windows 10 request (rdps2rdp capture)",
            SendDataFrame.indication(
                1002,
                1011,
                InitiateMultitransportRequest.of(5, RequestedProtocol.UDPFECR, WINDOWS_COOKIE)),
            WINDOWS_REQUEST,
            InitiateMultitransportRequest::decodeFramed),
        vector(
            "E_ABORT response (IronRDP multitransport.rs)",
            InitiateMultitransportResponse.of(7, HrResponse.E_ABORT),
            IRONRDP_ABORT,
            InitiateMultitransportResponse::decode),
        vector(
            "the probe's decline, framed",
            InitiateMultitransportResponse.of(5, HrResponse.E_ABORT).toRequest(1007, 1011),
            "03 00 00 1a 02 f0 80 64 00 06 03 f3 70 0c " + "04 00 00 00 05 00 00 00 04 40 00 80",
            InitiateMultitransportResponse::decodeFramed));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodesDecodesAndSizes(Vector<?> v) {
    assertVector(v);
  }

  @Test
  void windowsRequestFields() {
    SendDataFrame<InitiateMultitransportRequest> frame =
        decodeAll(InitiateMultitransportRequest::decodeFramed, bytes(WINDOWS_REQUEST));
    InitiateMultitransportRequest r = frame.pdu();
    assertEquals(1011, frame.channelId(), "the message channel, not the I/O channel");
    assertEquals(5, r.requestId());
    assertEquals("INITITATE_REQUEST_PROTOCOL_UDPFECR (0x01)", r.requestedProtocol().toString());
    assertEquals(WINDOWS_COOKIE, r.securityCookie());
    assertEquals("requestId=5, requestedProtocol=INITITATE_REQUEST_PROTOCOL_UDPFECR", r.summary());
    InitiateMultitransportResponse decline = InitiateMultitransportResponse.decline(r);
    assertEquals(5, decline.requestId());
    assertEquals("requestId=5, hrResponse=E_ABORT (0x80004004)", decline.summary());
    assertFalse(decline.hrResponse().succeeded());
    assertTrue(HrResponse.S_OK.succeeded());
  }

  @Test
  void extraBytesAfterTheCookieAreKept() {
    // reserved 1, then (FreeRDP's observation) two zero bytes and a JSON document
    byte[] json = "{\"v\":1}".getBytes(StandardCharsets.US_ASCII);
    Octets extra = Octets.of(concat(bytes("00 00"), json));
    InitiateMultitransportRequest r =
        new InitiateMultitransportRequest(
            BasicSecurityHeader.of(SecurityFlags.SEC_TRANSPORT_REQ),
            0xfffffffe,
            RequestedProtocol.UDPFECL,
            1,
            WINDOWS_COOKIE,
            extra);
    byte[] encoded = assertRoundTrip(r, InitiateMultitransportRequest::decode);
    assertEquals(28 + 9, encoded.length);
    assertRoundTrip(r.toIndication(1002, 1011), InitiateMultitransportRequest::decodeFramed);
    assertEquals(4294967294L, r.requestIdUnsigned());
    assertEquals(
        "requestId=4294967294, requestedProtocol=INITITATE_REQUEST_PROTOCOL_UDPFECL,"
            + " reserved=0x01, 9 extra bytes",
        r.summary());
  }

  @Test
  void everyPrefixNeedsMoreBytes() {
    byte[] framed = bytes(WINDOWS_REQUEST);
    assertEveryPrefixNeedsMoreBytes(InitiateMultitransportRequest::decodeFramed, framed);
    assertEveryPrefixNeedsMoreBytes(
        InitiateMultitransportRequest::decode, Arrays.copyOfRange(framed, 14, framed.length));
    assertEveryPrefixNeedsMoreBytes(InitiateMultitransportResponse::decode, bytes(IRONRDP_ABORT));
    assertEveryPrefixNeedsMoreBytes(
        InitiateMultitransportResponse::decodeFramed,
        encode(InitiateMultitransportResponse.of(9, HrResponse.S_OK).toRequest(1007, 1011)));
  }

  @Test
  void theSecurityFlagsNameThePdu() {
    DecodeException e =
        assertDecodeFails(
            InitiateMultitransportRequest::decode,
            IRONRDP_ABORT + " 00 00 00 00" + " 00 00 00 00 00 00 00 00 00 00 00 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, InitiateMultitransportRequest.NAME, "flags", 0);
    e =
        assertDecodeFails(
            InitiateMultitransportResponse::decode, "02 00 00 00 07 00 00 00 00 00 00 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, InitiateMultitransportResponse.NAME, "flags", 0);
    e =
        assertDecodeFails(
            InitiateMultitransportResponse::decode, "0c 00 00 00 07 00 00 00 00 00 00 00");
    assertError(e, Kind.INVALID_FIELD, InitiateMultitransportResponse.NAME, "flags", 0);
  }

  @Test
  void aLongerResponseIsAnErrorInItsFrame() {
    DecodeException e =
        assertDecodeFails(
            InitiateMultitransportResponse::decodeFramed,
            "03 00 00 1b 02 f0 80 64 00 06 03 f3 70 0d 04 00 00 00 05 00 00 00 04 40 00 80 ff");
    assertError(e, Kind.TRAILING_BYTES, InitiateMultitransportResponse.NAME, "end of PDU", 26);
  }

  @Test
  void unknownValuesAreKept() {
    assertEquals("unknown (0x03)", new RequestedProtocol(3).toString());
    assertEquals("unknown (0x80070005)", new HrResponse(0x80070005).toString());
    InitiateMultitransportResponse odd =
        new InitiateMultitransportResponse(
            new BasicSecurityHeader(new SecurityFlags(0x8004), 0x1234), -1, new HrResponse(1));
    assertRoundTrip(odd, InitiateMultitransportResponse::decode);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            InitiateMultitransportRequest.of(
                1, RequestedProtocol.UDPFECR, Octets.of(new byte[15])));
    assertBytes(
        bytes("02 00 00 00 01 00 00 00 02 00 00 00"),
        Arrays.copyOf(
            encode(InitiateMultitransportRequest.of(1, RequestedProtocol.UDPFECL, WINDOWS_COOKIE)),
            12),
        "request fixed fields");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
