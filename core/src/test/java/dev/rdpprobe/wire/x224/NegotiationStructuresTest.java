package dev.rdpprobe.wire.x224;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.WireVectors.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The negotiation structures of MS-RDPBCGR 2.2.1.1.1 (RDP_NEG_REQ), 2.2.1.1.2
 * (RDP_NEG_CORRELATION_INFO), 2.2.1.2.1 (RDP_NEG_RSP) and 2.2.1.2.2 (RDP_NEG_FAILURE), decoded on
 * their own, and the names of their flags and codes.
 */
class NegotiationStructuresTest {

  private static final Octets CORRELATION_ID =
      Octets.fromHex("a1 b2 c3 d4 e5 f6 07 18 29 3a 4b 5c 6d 7e 8f 90");

  static Stream<Vector<? extends Pdu>> vectors() {
    return Stream.of(
        vector(
            "MS-RDPBCGR 4.1.1 rdpNegReq",
            NegotiationRequest.of(SecurityProtocols.RDP),
            "01 00 08 00 00 00 00 00",
            NegotiationRequest::decode),
        vector(
            "nmap TerminalServerCookie probe rdpNegReq (SSL|HYBRID)",
            NegotiationRequest.of(
                SecurityProtocols.of(SecurityProtocols.SSL, SecurityProtocols.HYBRID)),
            "01 00 08 00 03 00 00 00",
            NegotiationRequest::decode),
        vector(
            "MS-RDPBCGR 4.1.2 rdpNegData (RDP_NEG_RSP)",
            new NegotiationResponse(NegotiationResponseFlags.NONE, SecurityProtocols.RDP),
            "02 00 08 00 00 00 00 00",
            NegotiationResult::decode),
        vector(
            "IronRDP x224.rs nego_confirm_response rdpNegData",
            new NegotiationResponse(new NegotiationResponseFlags(0x1f), SecurityProtocols.HYBRID),
            "02 1f 08 00 02 00 00 00",
            NegotiationResult::decode),
        vector(
            "IronRDP x224.rs nego_confirm_failure rdpNegData",
            NegotiationFailure.of(NegotiationFailureCode.SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER),
            "03 00 08 00 06 00 00 00",
            NegotiationResult::decode),
        vector(
            // laid out from MS-RDPBCGR 2.2.1.1.2: type 6, flags 0, length 36, id, 16 zero bytes
            "MS-RDPBCGR 2.2.1.1.2 layout: RDP_NEG_CORRELATION_INFO",
            CorrelationInfo.of(CORRELATION_ID),
            "06 00 24 00 a1 b2 c3 d4 e5 f6 07 18 29 3a 4b 5c 6d 7e 8f 90"
                + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
            CorrelationInfo::decode));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  <T extends Pdu> void encodeDecodeSize(Vector<T> v) {
    WireVectors.assertVector(v);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  <T extends Pdu> void everyTruncationNeedsMoreBytes(Vector<T> v) {
    assertEveryPrefixNeedsMoreBytes(v.decoder(), v.bytes());
  }

  // --- RDP_NEG_REQ ----------------------------------------------------------------------------

  static Stream<NegotiationRequest> negotiationRequests() {
    List<NegotiationRequest> out = new ArrayList<>();
    for (int flags = 0; flags <= 0xff; flags++) {
      out.add(new NegotiationRequest(new NegotiationRequestFlags(flags), SecurityProtocols.SSL));
    }
    for (int bit = 0; bit < 32; bit++) {
      out.add(NegotiationRequest.of(new SecurityProtocols(1 << bit)));
    }
    out.add(NegotiationRequest.of(SecurityProtocols.RDP));
    out.add(NegotiationRequest.of(new SecurityProtocols(0x1f)));
    out.add(NegotiationRequest.of(new SecurityProtocols(-1)));
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("negotiationRequests")
  void negotiationRequestRoundTrips(NegotiationRequest req) {
    byte[] encoded = assertRoundTrip(req, NegotiationRequest::decode);
    assertEquals(1, encoded[0], "type");
    assertEquals(req.flags().bits(), encoded[1] & 0xff, "flags");
    assertEquals(8, encoded[2], "length, low byte");
  }

  @CsvSource({
    "0x00, none",
    "0x01, RESTRICTED_ADMIN_MODE_REQUIRED",
    "0x02, REDIRECTED_AUTHENTICATION_MODE_REQUIRED",
    "0x08, CORRELATION_INFO_PRESENT",
    "0x0b, RESTRICTED_ADMIN_MODE_REQUIRED|REDIRECTED_AUTHENTICATION_MODE_REQUIRED"
        + "|CORRELATION_INFO_PRESENT",
    "0x04, unknown (0x04)",
    "0x81, RESTRICTED_ADMIN_MODE_REQUIRED|unknown (0x80)",
    "0xff, RESTRICTED_ADMIN_MODE_REQUIRED|REDIRECTED_AUTHENTICATION_MODE_REQUIRED"
        + "|CORRELATION_INFO_PRESENT|unknown (0xf4)"
  })
  @ParameterizedTest
  void negotiationRequestFlagNames(String bits, String names) {
    assertEquals(names, new NegotiationRequestFlags(Integer.decode(bits)).toString());
  }

  @Test
  void negotiationRequestFlagTests() {
    NegotiationRequestFlags flags = new NegotiationRequestFlags(0x09);
    assertTrue(flags.has(NegotiationRequestFlags.RESTRICTED_ADMIN_MODE_REQUIRED));
    assertTrue(flags.has(NegotiationRequestFlags.CORRELATION_INFO_PRESENT));
    assertFalse(flags.has(NegotiationRequestFlags.REDIRECTED_AUTHENTICATION_MODE_REQUIRED));
    assertThrows(IllegalArgumentException.class, () -> new NegotiationRequestFlags(0x100));
    assertThrows(IllegalArgumentException.class, () -> new NegotiationRequestFlags(-1));
  }

  @Test
  void negotiationRequestWithTheWrongType() {
    DecodeException e = assertDecodeFails(NegotiationRequest::decode, "02 00 08 00 01 00 00 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "RDP_NEG_REQ", "type", 0);
    assertEquals(2, e.received());
    assertEquals("0x01", e.expected());
  }

  @ParameterizedTest
  @ValueSource(strings = {"00 00", "07 00", "09 00", "08 01", "ff ff"})
  void negotiationRequestLengthFieldNotEight(String length) {
    DecodeException e =
        assertDecodeFails(NegotiationRequest::decode, "01 00 " + length + " 03 00 00 00");
    assertError(e, Kind.INVALID_FIELD, "RDP_NEG_REQ", "length", 2);
    assertEquals("8", e.expected());
  }

  // --- security protocols ---------------------------------------------------------------------

  @CsvSource({
    "0x00000000, RDP",
    "0x00000001, SSL",
    "0x00000002, HYBRID",
    "0x00000004, RDSTLS",
    "0x00000008, HYBRID_EX",
    "0x00000010, RDSAAD",
    "0x0000000b, SSL|HYBRID|HYBRID_EX",
    "0x0000001f, SSL|HYBRID|RDSTLS|HYBRID_EX|RDSAAD",
    "0x00000020, unknown (0x20)",
    "0x80000000, unknown (0x80000000)",
    "0x80000003, SSL|HYBRID|unknown (0x80000000)",
    "0xffffffff, SSL|HYBRID|RDSTLS|HYBRID_EX|RDSAAD|unknown (0xffffffe0)"
  })
  @ParameterizedTest
  void securityProtocolNames(String bits, String names) {
    assertEquals(
        names, new SecurityProtocols(Integer.parseUnsignedInt(bits.substring(2), 16)).toString());
  }

  @Test
  void securityProtocolsParseAndContain() {
    SecurityProtocols nla = SecurityProtocols.parse("ssl | NLA, hybrid-ex");
    assertEquals(0x0b, nla.bits());
    assertTrue(nla.contains(SecurityProtocols.HYBRID));
    assertTrue(nla.contains(SecurityProtocols.RDP));
    assertFalse(nla.contains(SecurityProtocols.RDSTLS));
    assertEquals(0x0f, nla.with(SecurityProtocols.RDSTLS).bits());
    assertEquals(0, SecurityProtocols.parse("rdp").bits());
    assertFalse(SecurityProtocols.RDP.usesTls());
    assertTrue(SecurityProtocols.SSL.usesTls());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SecurityProtocols.parse("ssl|kerberos"));
    assertEquals(
        "unknown security protocol 'kerberos'"
            + " (expected: rdp, ssl, hybrid, rdstls, hybrid_ex, rdsaad)",
        e.getMessage());
  }

  // --- RDP_NEG_RSP and RDP_NEG_FAILURE
  // ------------------------------------------------------------

  static Stream<NegotiationResult> negotiationResults() {
    List<NegotiationResult> out = new ArrayList<>();
    for (int flags = 0; flags <= 0xff; flags++) {
      out.add(new NegotiationResponse(new NegotiationResponseFlags(flags), SecurityProtocols.SSL));
    }
    for (int protocol : new int[] {0x00, 0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x8000_0000, -1}) {
      out.add(
          new NegotiationResponse(NegotiationResponseFlags.NONE, new SecurityProtocols(protocol)));
    }
    for (int code : new int[] {1, 2, 3, 4, 5, 6, 0, 7, 0x100, 0x8000_0000, -1}) {
      out.add(NegotiationFailure.of(new NegotiationFailureCode(code)));
    }
    out.add(new NegotiationFailure(0x01, NegotiationFailureCode.SSL_REQUIRED_BY_SERVER));
    out.add(new NegotiationFailure(0xff, new NegotiationFailureCode(99)));
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("negotiationResults")
  void negotiationResultRoundTrips(NegotiationResult result) {
    assertRoundTrip(result, NegotiationResult::decode);
    if (result instanceof NegotiationResponse rsp) {
      assertRoundTrip(rsp, NegotiationResponse::decode);
    } else if (result instanceof NegotiationFailure failure) {
      assertRoundTrip(failure, NegotiationFailure::decode);
    }
  }

  @CsvSource({
    "0x00, none",
    "0x01, EXTENDED_CLIENT_DATA_SUPPORTED",
    "0x02, DYNVC_GFX_PROTOCOL_SUPPORTED",
    "0x04, NEGRSP_FLAG_RESERVED",
    "0x08, RESTRICTED_ADMIN_MODE_SUPPORTED",
    "0x10, REDIRECTED_AUTHENTICATION_MODE_SUPPORTED",
    "0x1f, EXTENDED_CLIENT_DATA_SUPPORTED|DYNVC_GFX_PROTOCOL_SUPPORTED|NEGRSP_FLAG_RESERVED"
        + "|RESTRICTED_ADMIN_MODE_SUPPORTED|REDIRECTED_AUTHENTICATION_MODE_SUPPORTED",
    "0x20, unknown (0x20)",
    "0xe1, EXTENDED_CLIENT_DATA_SUPPORTED|unknown (0xe0)"
  })
  @ParameterizedTest
  void negotiationResponseFlagNames(String bits, String names) {
    NegotiationResponseFlags flags = new NegotiationResponseFlags(Integer.decode(bits));
    assertEquals(names, flags.toString());
  }

  @Test
  void negotiationResponseFlagTests() {
    NegotiationResponseFlags flags = new NegotiationResponseFlags(0x0f);
    assertTrue(flags.has(NegotiationResponseFlags.RESTRICTED_ADMIN_MODE_SUPPORTED));
    assertFalse(flags.has(NegotiationResponseFlags.REDIRECTED_AUTHENTICATION_MODE_SUPPORTED));
    assertThrows(IllegalArgumentException.class, () -> new NegotiationResponseFlags(0x100));
  }

  @CsvSource({
    "1, SSL_REQUIRED_BY_SERVER, the server requires TLS (or CredSSP) and the client did not offer it",
    "2, SSL_NOT_ALLOWED_BY_SERVER, 'the server only allows Standard RDP Security, without TLS'",
    "3, SSL_CERT_NOT_ON_SERVER, the server has no certificate configured for TLS",
    "4, INCONSISTENT_FLAGS, the server found the requested protocol flags inconsistent",
    "5, HYBRID_REQUIRED_BY_SERVER, the server requires Network Level Authentication (CredSSP)",
    "6, SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER,"
        + " the server requires TLS with client certificate authentication"
  })
  @ParameterizedTest
  void failureCodeNames(int value, String name, String description) {
    NegotiationFailureCode code = new NegotiationFailureCode(value);
    assertEquals(name, code.name());
    assertEquals(name, code.toString());
    assertEquals(description, code.description());
    assertTrue(code.isKnown());
  }

  @CsvSource({"0, unknown (0x00)", "7, unknown (0x07)", "-1, unknown (0xffffffff)"})
  @ParameterizedTest
  void unknownFailureCodes(int value, String name) {
    NegotiationFailureCode code = new NegotiationFailureCode(value);
    assertEquals(name, code.name());
    assertEquals(name, code.toString());
    assertFalse(code.isKnown());
    assertEquals("a failure code the specification does not define", code.description());
  }

  @Test
  void failureCodeConstantsMatchTheirValues() {
    assertEquals(1, NegotiationFailureCode.SSL_REQUIRED_BY_SERVER.value());
    assertEquals(2, NegotiationFailureCode.SSL_NOT_ALLOWED_BY_SERVER.value());
    assertEquals(3, NegotiationFailureCode.SSL_CERT_NOT_ON_SERVER.value());
    assertEquals(4, NegotiationFailureCode.INCONSISTENT_FLAGS.value());
    assertEquals(5, NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER.value());
    assertEquals(6, NegotiationFailureCode.SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER.value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"00", "01", "04", "06", "ff"})
  void unknownNegotiationDataType(String type) {
    DecodeException e =
        assertDecodeFails(NegotiationResult::decode, type + " 00 08 00 00 00 00 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "rdpNegData", "type", 0);
    assertEquals(Integer.parseInt(type, 16), e.received());
  }

  @Test
  void negotiationResponseLengthFieldNotEight() {
    DecodeException e = assertDecodeFails(NegotiationResult::decode, "02 00 07 00 00 00 00 00");
    assertError(e, Kind.INVALID_FIELD, "RDP_NEG_RSP", "length", 2);
    assertEquals(7, e.received());
    assertEquals("RDP_NEG_RSP: length: got 0x07 (expected: 8) at offset 2", e.getMessage());
  }

  @Test
  void negotiationFailureLengthFieldNotEight() {
    DecodeException e = assertDecodeFails(NegotiationFailure::decode, "03 00 10 00 05 00 00 00");
    assertError(e, Kind.INVALID_FIELD, "RDP_NEG_FAILURE", "length", 2);
    assertEquals(16, e.received());
  }

  @Test
  void responseDecoderRejectsAFailure() {
    DecodeException e = assertDecodeFails(NegotiationResponse::decode, "03 00 08 00 05 00 00 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "RDP_NEG_RSP", "type", 0);
    assertEquals(3, e.received());
  }

  @Test
  void failureFlagsOutOfRange() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new NegotiationFailure(0x100, NegotiationFailureCode.SSL_REQUIRED_BY_SERVER));
  }

  // --- RDP_NEG_CORRELATION_INFO ---------------------------------------------------------------

  @Test
  void correlationInfoRoundTrips() {
    assertRoundTrip(CorrelationInfo.of(CORRELATION_ID), CorrelationInfo::decode);
    // flags and reserved bytes are kept as sent
    assertRoundTrip(
        new CorrelationInfo(
            0x5a, Octets.fromHex("f3" + " ff".repeat(15)), Octets.fromHex("0d".repeat(16))),
        CorrelationInfo::decode);
  }

  @ParameterizedTest
  @CsvSource({"00, 0, 0x00", "f4, 0, 0xf4", "0d, 0, 0x0d", "11, 5, 0x0d", "11, 15, 0x0d"})
  void correlationIdRules(String first, int badIndex, String badValue) {
    // the id starts with <first>; the byte at <badIndex> breaks a rule of MS-RDPBCGR 2.2.1.1.2
    byte[] id = WireVectors.bytes(first + " 22".repeat(15));
    id[badIndex] = (byte) Integer.decode(badValue).intValue();
    Octets bad = Octets.of(id);
    assertThrows(IllegalArgumentException.class, () -> CorrelationInfo.of(bad));

    String structure = "06 00 24 00 " + WireVectors.toHex(id) + " 00".repeat(16);
    DecodeException e = assertDecodeFails(CorrelationInfo::decode, structure);
    assertError(e, Kind.INVALID_FIELD, "RDP_NEG_CORRELATION_INFO", "correlationId", 4 + badIndex);
    assertEquals(Integer.decode(badValue).intValue(), e.received());
  }

  @Test
  void correlationInfoLengthFieldNot36() {
    DecodeException e =
        assertDecodeFails(
            CorrelationInfo::decode, "06 00 23 00 " + CORRELATION_ID.toHex() + " 00".repeat(16));
    assertError(e, Kind.INVALID_FIELD, "RDP_NEG_CORRELATION_INFO", "length", 2);
    assertEquals(35, e.received());
    assertEquals("36", e.expected());
  }

  @Test
  void correlationInfoWithTheWrongType() {
    DecodeException e =
        assertDecodeFails(
            CorrelationInfo::decode, "01 00 24 00 " + CORRELATION_ID.toHex() + " 00".repeat(16));
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "RDP_NEG_CORRELATION_INFO", "type", 0);
  }

  @Test
  void correlationInfoSizesAreChecked() {
    assertThrows(
        IllegalArgumentException.class, () -> CorrelationInfo.of(Octets.fromHex("11".repeat(15))));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CorrelationInfo(0, CORRELATION_ID, Octets.fromHex("00".repeat(17))));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CorrelationInfo(0x100, CORRELATION_ID, Octets.fromHex("00".repeat(16))));
  }
}
