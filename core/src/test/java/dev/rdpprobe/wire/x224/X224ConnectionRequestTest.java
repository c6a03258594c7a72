package dev.rdpprobe.wire.x224;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.WireVectors.Vector;
import dev.rdpprobe.wire.x224.RequestToken.Cookie;
import dev.rdpprobe.wire.x224.RequestToken.RoutingToken;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * X.224 Connection Request PDU (MS-RDPBCGR 2.2.1.1) with its cookie, routing token and RDP_NEG_REQ.
 */
class X224ConnectionRequestTest {

  static final String SPEC_4_1_1 = "x224/ms-rdpbcgr-4.1.1-client-x224-connection-request.hex";

  /** "Cookie: mstshash=User" without its CR LF, as in IronRDP's cookie tests. */
  private static final String COOKIE_USER_NO_CRLF =
      "43 6f 6f 6b 69 65 3a 20 6d 73 74 73 68 61 73 68 3d 55 73 65 72";

  static Stream<Vector<X224ConnectionRequest>> vectors() {
    return Stream.of(
        vector(
            "MS-RDPBCGR 4.1.1 Client X.224 Connection Request PDU",
            X224ConnectionRequest.of(
                new Cookie("eltons"), NegotiationRequest.of(SecurityProtocols.RDP)),
            testdata(SPEC_4_1_1),
            X224ConnectionRequest::decode),
        vector(
            "nmap nmap-service-probes TerminalServer probe",
            new X224ConnectionRequest(0, 0, 0, null, null, null),
            testdata("x224/nmap-terminalserver-probe.hex"),
            X224ConnectionRequest::decode),
        vector(
            "nmap nmap-service-probes TerminalServerCookie probe",
            X224ConnectionRequest.of(
                new Cookie("nmap"),
                NegotiationRequest.of(
                    SecurityProtocols.of(SecurityProtocols.SSL, SecurityProtocols.HYBRID))),
            testdata("x224/nmap-terminalservercookie-probe.hex"),
            X224ConnectionRequest::decode),
        vector(
            // wallix/redemption tests/includes/fixtures/trace_rdesktop_client.hpp: what an
            // rdesktop client sent to redemption's front (43 bytes)
            "rdesktop Connection Request captured in redemption's trace_rdesktop_client.hpp",
            X224ConnectionRequest.of(
                new Cookie("rzhou"),
                NegotiationRequest.of(
                    SecurityProtocols.of(SecurityProtocols.SSL, SecurityProtocols.HYBRID))),
            "03 00 00 2b 26 e0 00 00 00 00 00 43 6f 6f 6b 69"
                + "65 3a 20 6d 73 74 73 68 61 73 68 3d 72 7a 68 6f"
                + "75 0d 0a 01 00 08 00 03 00 00 00",
            X224ConnectionRequest::decode),
        vector(
            // IronRDP crates/ironrdp-testsuite-core/tests/pdu/x224.rs,
            // nego_connection_request_rdp_security_with_cookie
            "IronRDP x224.rs nego_connection_request_rdp_security_with_cookie",
            X224ConnectionRequest.of(new Cookie("User"), null),
            "03 00 00 22 1d e0 00 00 00 00 00 " + COOKIE_USER_NO_CRLF + " 0d 0a",
            X224ConnectionRequest::decode),
        vector(
            // IronRDP x224.rs nego_connection_request_ssl_security_with_flags
            "IronRDP x224.rs nego_connection_request_ssl_security_with_flags",
            X224ConnectionRequest.of(
                new Cookie("User"),
                new NegotiationRequest(
                    new NegotiationRequestFlags(0x03),
                    SecurityProtocols.of(SecurityProtocols.SSL, SecurityProtocols.HYBRID))),
            "03 00 00 2a 25 e0 00 00 00 00 00 "
                + COOKIE_USER_NO_CRLF
                + " 0d 0a 01 03 08 00 03 00 00 00",
            X224ConnectionRequest::decode));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodeDecodeSize(Vector<X224ConnectionRequest> v) {
    WireVectors.assertVector(v);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyTruncationNeedsMoreBytes(Vector<X224ConnectionRequest> v) {
    assertEveryPrefixNeedsMoreBytes(X224ConnectionRequest::decode, v.bytes());
  }

  @Test
  void specVectorHasTheDocumentedFields() {
    X224ConnectionRequest cr = decodeAll(X224ConnectionRequest::decode, testdata(SPEC_4_1_1));
    assertEquals(44, cr.size());
    assertEquals(0x27, cr.lengthIndicator());
    assertEquals(0, cr.dstRef());
    assertEquals(0, cr.srcRef());
    assertEquals(0, cr.classOptions());
    Cookie cookie = assertInstanceOf(Cookie.class, cr.token());
    assertEquals("eltons", cookie.name());
    assertEquals(25, cookie.size());
    assertEquals(0, cr.negotiationRequest().flags().bits());
    assertEquals(0, cr.negotiationRequest().requestedProtocols().bits());
    assertEquals(List.of("RDP"), cr.negotiationRequest().requestedProtocols().names());
    assertNull(cr.correlationInfo());
    assertEquals("X.224 Connection Request", cr.name());
    assertEquals("Cookie: mstshash=eltons, requestedProtocols=RDP", cr.summary());
  }

  // --- round trips ----------------------------------------------------------------------------

  static Stream<X224ConnectionRequest> requests() {
    List<X224ConnectionRequest> out = new ArrayList<>();
    // every RDP_NEG_REQ flag alone, all known flags, and bits the specification does not define
    for (int flags : new int[] {0x00, 0x01, 0x02, 0x08, 0x0b, 0x04, 0x80, 0xff}) {
      out.add(
          X224ConnectionRequest.of(
              new Cookie("eltons"),
              new NegotiationRequest(
                  new NegotiationRequestFlags(flags), SecurityProtocols.HYBRID)));
    }
    // every requestedProtocols bit alone, all known ones, and undefined bits
    for (int bits : new int[] {0x00, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1f, 0x20, 0x8000_0000, -1}) {
      out.add(X224ConnectionRequest.of(null, NegotiationRequest.of(new SecurityProtocols(bits))));
    }
    Octets id = Octets.fromHex("a1 b2 c3 d4 e5 f6 07 18 29 3a 4b 5c 6d 7e 8f 90");
    NegotiationRequest withCorrelation =
        new NegotiationRequest(
            new NegotiationRequestFlags(NegotiationRequestFlags.CORRELATION_INFO_PRESENT),
            SecurityProtocols.of(
                SecurityProtocols.SSL, SecurityProtocols.HYBRID, SecurityProtocols.HYBRID_EX));
    out.add(
        new X224ConnectionRequest(
            0, 0, 0, new Cookie("eltons"), withCorrelation, CorrelationInfo.of(id)));
    out.add(new X224ConnectionRequest(0, 0, 0, null, withCorrelation, CorrelationInfo.of(id)));
    // routing tokens: IronRDP's session-directory token, an RD Connection Broker token, bytes
    // that are not ASCII, a lone CR and LF inside the token, and the empty token
    out.add(
        X224ConnectionRequest.of(
            RoutingToken.of("Cookie: msts=3640205228.15629.0000"),
            NegotiationRequest.of(SecurityProtocols.SSL)));
    out.add(
        X224ConnectionRequest.of(
            RoutingToken.of("tsv://MS Terminal Services Plugin.1.Sessions"), null));
    out.add(
        X224ConnectionRequest.of(
            new RoutingToken(Octets.fromHex("ff 00 e9 0d 41 0a 0d")),
            NegotiationRequest.of(SecurityProtocols.SSL)));
    out.add(X224ConnectionRequest.of(new RoutingToken(Octets.EMPTY), null));
    // cookies: empty name, and a name with Latin-1 letters
    out.add(X224ConnectionRequest.of(new Cookie(""), null));
    out.add(
        X224ConnectionRequest.of(
            new Cookie("Zo\u00eb.M\u00fcller"), NegotiationRequest.of(SecurityProtocols.SSL)));
    // references and class as sent, not as RDP sets them
    out.add(
        new X224ConnectionRequest(
            0xffff, 0x1234, 0x02, null, NegotiationRequest.of(SecurityProtocols.SSL), null));
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("requests")
  void roundTrips(X224ConnectionRequest cr) {
    byte[] encoded = assertRoundTrip(cr, X224ConnectionRequest::decode);
    assertEquals(encoded.length, ((encoded[2] & 0xff) << 8) | (encoded[3] & 0xff), "TPKT length");
    assertEquals(encoded.length - 5, encoded[4] & 0xff, "LI");
    assertEquals(cr.lengthIndicator(), encoded[4] & 0xff);
  }

  @Test
  void largestLengthIndicatorRoundTrips() {
    // LI = 6 + (17 + n + 2) + 8 + 36 = 254 for a cookie name of n = 185 characters
    X224ConnectionRequest cr =
        new X224ConnectionRequest(
            0,
            0,
            0,
            new Cookie("x".repeat(185)),
            new NegotiationRequest(
                new NegotiationRequestFlags(NegotiationRequestFlags.CORRELATION_INFO_PRESENT),
                SecurityProtocols.SSL),
            CorrelationInfo.of(Octets.fromHex("01 02 03 04 05 06 07 08 09 0a 0b 0c 0e 0f 10 11")));
    assertEquals(254, cr.lengthIndicator());
    assertRoundTrip(cr, X224ConnectionRequest::decode);
  }

  @Test
  void constructorRejectsWhatCannotBeSent() {
    NegotiationRequest req = NegotiationRequest.of(SecurityProtocols.SSL);
    CorrelationInfo info = CorrelationInfo.of(Octets.fromHex("11".repeat(16)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new X224ConnectionRequest(0, 0, 0, new Cookie("x".repeat(186)), req, info),
        "LI 255");
    assertThrows(
        IllegalArgumentException.class,
        () -> new X224ConnectionRequest(0, 0, 0, null, null, info),
        "correlation info without RDP_NEG_REQ");
    assertThrows(
        IllegalArgumentException.class,
        () -> new X224ConnectionRequest(0x10000, 0, 0, null, req, null));
    assertThrows(
        IllegalArgumentException.class, () -> new X224ConnectionRequest(0, -1, 0, null, req, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new X224ConnectionRequest(0, 0, 0x100, null, req, null));
    assertThrows(IllegalArgumentException.class, () -> new Cookie("a\r\nb"));
    assertThrows(IllegalArgumentException.class, () -> new Cookie("a\rb"));
    assertThrows(IllegalArgumentException.class, () -> new Cookie("\u20ac"));
    assertThrows(
        IllegalArgumentException.class, () -> new RoutingToken(Octets.fromHex("41 0d 0a 42")));
  }

  @Test
  void routingTokenThatWouldReadBackAsSomethingElseIsRejected() {
    // a receiver would read a token starting with 0x01 as RDP_NEG_REQ, and one starting with
    // the cookie prefix as a Cookie: neither would decode to the token that was encoded
    assertThrows(IllegalArgumentException.class, () -> new RoutingToken(Octets.fromHex("01 41")));
    assertThrows(IllegalArgumentException.class, () -> RoutingToken.of("Cookie: mstshash=eltons"));
    // a token that merely shares the start of the prefix is fine
    assertRoundTrip(
        X224ConnectionRequest.of(RoutingToken.of("Cookie: mstshas"), null),
        X224ConnectionRequest::decode);
  }

  // --- malformed input ------------------------------------------------------------------------

  @Test
  void cookieWithoutCrLfIsRejectedWithItsOffset() {
    // like IronRDP's cookie_without_cr_lf_error_decode: "Cookie: mstshash=User" and no CR LF,
    // here inside a whole Connection Request whose variable part is just those 21 bytes
    DecodeException e =
        assertDecodeFails(
            X224ConnectionRequest::decode,
            "03 00 00 20 1b e0 00 00 00 00 00 " + COOKIE_USER_NO_CRLF);
    assertEquals(Kind.INVALID_FIELD, e.kind());
    assertEquals("X.224 Connection Request", e.pdu());
    assertEquals("routingToken or cookie", e.field());
    assertEquals(11, e.offset());
    assertEquals(21, e.received());
    assertEquals("text ended by CR LF inside the variable part", e.expected());
    assertEquals(
        "X.224 Connection Request: routingToken or cookie: got 0x15"
            + " (expected: text ended by CR LF inside the variable part) at offset 11",
        e.getMessage());
  }

  @Test
  void cookieWhoseCrLfIsOutsideTheLengthIndicatorIsRejected() {
    // LI 0x1b covers the cookie text only; the CR LF follows as if it were user data
    DecodeException e =
        assertDecodeFails(
            X224ConnectionRequest::decode,
            "03 00 00 22 1b e0 00 00 00 00 00 " + COOKIE_USER_NO_CRLF + " 0d 0a");
    assertError(e, Kind.INVALID_FIELD, "X.224 Connection Request", "routingToken or cookie", 11);
  }

  @Test
  void cookieFollowedByNegotiationRequestWithoutCrLfIsRejected() {
    DecodeException e =
        assertDecodeFails(
            X224ConnectionRequest::decode,
            "03 00 00 28 23 e0 00 00 00 00 00 " + COOKIE_USER_NO_CRLF + " 01 00 08 00 03 00 00 00");
    assertError(e, Kind.INVALID_FIELD, "X.224 Connection Request", "routingToken or cookie", 11);
    assertEquals(29, e.received());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0d", "0a"})
  void cookieNameWithALoneCrOrLfIsADecodeError(String octet) {
    // "Cookie: mstshash=a" <octet> "b" CR LF: the first CR LF ends the cookie, and the name
    // "a\rb" (or "a\nb") is one the Cookie record does not hold
    DecodeException e =
        assertDecodeFails(
            X224ConnectionRequest::decode,
            "03 00 00 21 1c e0 00 00 00 00 00"
                + " 43 6f 6f 6b 69 65 3a 20 6d 73 74 73 68 61 73 68 3d 61 "
                + octet
                + " 62 0d 0a");
    assertError(e, Kind.INVALID_FIELD, "X.224 Connection Request", "cookie", 29);
    assertEquals(Integer.parseInt(octet, 16), e.received());
  }

  @Test
  void connectionConfirmIsTheWrongTpdu() {
    DecodeException e =
        assertDecodeFails(
            X224ConnectionRequest::decode,
            bytes("03 00 00 13 0e d0 00 00 12 34 00 02 00 08 00 00 00 00 00"),
            "CC");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "X.224 Connection Request", "TPDU code", 5);
    assertEquals(0xd0, e.received());
    assertEquals("0xe0", e.expected());
  }

  @Test
  void creditInTheCodeIsTheWrongTpdu() {
    // CDT must be 0 in class 0
    DecodeException e =
        assertDecodeFails(X224ConnectionRequest::decode, "03 00 00 0b 06 e1 00 00 00 00 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "X.224 Connection Request", "TPDU code", 5);
    assertEquals(0xe1, e.received());
  }

  @Test
  void badTpktVersion() {
    DecodeException e =
        assertDecodeFails(X224ConnectionRequest::decode, "02 00 00 0b 06 e0 00 00 00 00 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "TPKT", "version", 0);
    assertEquals(2, e.received());
  }

  @Test
  void tpktLengthBelowSeven() {
    DecodeException e =
        assertDecodeFails(X224ConnectionRequest::decode, "03 00 00 06 06 e0 00 00 00 00 00");
    assertError(e, Kind.INVALID_FIELD, "TPKT", "length", 2);
    assertEquals(6, e.received());
  }

  @Test
  void lengthIndicatorBeyondTheTpktLength() {
    DecodeException e =
        assertDecodeFails(X224ConnectionRequest::decode, "03 00 00 0b 07 e0 00 00 00 00 00");
    assertError(e, Kind.INVALID_FIELD, "X.224 Connection Request", "length indicator", 4);
    assertEquals(7, e.received());
    assertEquals("at most 6 (TPKT length)", e.expected());
  }

  @Test
  void lengthIndicatorBelowTheFixedPart() {
    DecodeException e =
        assertDecodeFails(X224ConnectionRequest::decode, "03 00 00 0b 05 e0 00 00 00 00 00");
    assertError(e, Kind.INVALID_FIELD, "X.224 Connection Request", "length indicator", 4);
    assertEquals(5, e.received());
  }

  @Test
  void lengthIndicator255IsReserved() {
    byte[] packet = new byte[4 + 1 + 255];
    System.arraycopy(bytes("03 00 01 04 ff e0"), 0, packet, 0, 6);
    DecodeException e = assertDecodeFails(X224ConnectionRequest::decode, packet, "LI 255");
    assertError(e, Kind.INVALID_FIELD, "X.224 Connection Request", "length indicator", 4);
    assertEquals(255, e.received());
  }

  @Test
  void negotiationRequestCutShortByTheLengthIndicator() {
    // LI 11 leaves 5 bytes of variable part for an 8-byte RDP_NEG_REQ
    DecodeException e =
        assertDecodeFails(
            X224ConnectionRequest::decode,
            "03 00 00 13 0b e0 00 00 00 00 00 01 00 08 00 03 00 00 00");
    assertError(e, Kind.NOT_ENOUGH_BYTES, "RDP_NEG_REQ", "structure (inside the LI)", 11);
    assertEquals(5, e.received());
    assertEquals("8 bytes", e.expected());
  }

  @Test
  void negotiationRequestLengthFieldNotEight() {
    DecodeException e =
        assertDecodeFails(
            X224ConnectionRequest::decode,
            "03 00 00 13 0e e0 00 00 00 00 00 01 00 09 00 03 00 00 00");
    assertError(e, Kind.INVALID_FIELD, "RDP_NEG_REQ", "length", 13);
    assertEquals(9, e.received());
    assertEquals("8", e.expected());
  }

  @Test
  void unexpectedStructureAfterTheCookie() {
    // IronRDP x224.rs nego_request_unexpected_rdp_msg_type: an RDP_NEG_FAILURE where the
    // RDP_NEG_REQ belongs
    DecodeException e =
        assertDecodeFails(
            X224ConnectionRequest::decode,
            "03 00 00 2a 25 e0 00 00 00 00 00 "
                + COOKIE_USER_NO_CRLF
                + " 0d 0a 03 00 08 00 03 00 00 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "RDP_NEG_REQ", "type", 34);
    assertEquals(3, e.received());
    assertEquals("0x01", e.expected());
  }

  @Test
  void userDataAfterTheHeaderIsTrailing() {
    // the 4.1.1 vector with two bytes after the LI's end, counted in the TPKT length
    byte[] spec = testdata(SPEC_4_1_1);
    byte[] packet = WireVectors.concat(spec, bytes("aa bb"));
    packet[3] = (byte) packet.length;
    DecodeException e = assertDecodeFails(X224ConnectionRequest::decode, packet, "user data");
    assertError(e, Kind.TRAILING_BYTES, "X.224 Connection Request", "end of TPDU", 44);
    assertEquals(2, e.received());
  }

  @Test
  void shortStructureAfterTheNegotiationRequest() {
    // LI covers two more bytes after RDP_NEG_REQ: too few for RDP_NEG_CORRELATION_INFO
    DecodeException e =
        assertDecodeFails(
            X224ConnectionRequest::decode,
            "03 00 00 15 10 e0 00 00 00 00 00 01 08 08 00 03 00 00 00 06 00");
    assertError(
        e, Kind.NOT_ENOUGH_BYTES, "RDP_NEG_CORRELATION_INFO", "structure (inside the LI)", 19);
    assertEquals(2, e.received());
  }

  @Test
  void correlationIdStartingWithZero() {
    String id = "00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff";
    DecodeException e =
        assertDecodeFails(
            X224ConnectionRequest::decode,
            "03 00 00 37 32 e0 00 00 00 00 00 01 08 08 00 03 00 00 00 06 00 24 00 "
                + id
                + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
    assertError(e, Kind.INVALID_FIELD, "RDP_NEG_CORRELATION_INFO", "correlationId", 23);
    assertEquals(0, e.received());
  }
}
