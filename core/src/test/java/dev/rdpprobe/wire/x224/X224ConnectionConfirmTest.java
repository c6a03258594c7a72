package dev.rdpprobe.wire.x224;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.WireVectors.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** X.224 Connection Confirm PDU (MS-RDPBCGR 2.2.1.2) with RDP_NEG_RSP or RDP_NEG_FAILURE. */
class X224ConnectionConfirmTest {

  static final String SPEC_4_1_2 = "x224/ms-rdpbcgr-4.1.2-server-x224-connection-confirm.hex";

  static Stream<Vector<X224ConnectionConfirm>> vectors() {
    return Stream.of(
        vector(
            "MS-RDPBCGR 4.1.2 Server X.224 Connection Confirm PDU",
            X224ConnectionConfirm.of(
                new NegotiationResponse(NegotiationResponseFlags.NONE, SecurityProtocols.RDP)),
            testdata(SPEC_4_1_2),
            X224ConnectionConfirm::decode),
        vector(
            // IronRDP crates/ironrdp-testsuite-core/tests/pdu/x224.rs nego_confirm_response
            "IronRDP x224.rs nego_confirm_response",
            new X224ConnectionConfirm(
                0,
                0,
                0,
                new NegotiationResponse(
                    new NegotiationResponseFlags(0x1f), SecurityProtocols.HYBRID)),
            "03 00 00 13 0e d0 00 00 00 00 00 02 1f 08 00 02 00 00 00",
            X224ConnectionConfirm::decode),
        vector(
            // IronRDP x224.rs nego_confirm_failure
            "IronRDP x224.rs nego_confirm_failure",
            new X224ConnectionConfirm(
                0,
                0,
                0,
                NegotiationFailure.of(
                    NegotiationFailureCode.SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER)),
            "03 00 00 13 0e d0 00 00 00 00 00 03 00 08 00 06 00 00 00",
            X224ConnectionConfirm::decode),
        vector(
            // wallix/redemption tests/includes/fixtures/trace_rdesktop_client.hpp: redemption's
            // answer when TLS is not enabled, a confirm without negotiation data
            "redemption trace_rdesktop_client.hpp confirm without rdpNegData",
            new X224ConnectionConfirm(0, 0, 0, null),
            "03 00 00 0b 06 d0 00 00 00 00 00",
            X224ConnectionConfirm::decode));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodeDecodeSize(Vector<X224ConnectionConfirm> v) {
    WireVectors.assertVector(v);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyTruncationNeedsMoreBytes(Vector<X224ConnectionConfirm> v) {
    assertEveryPrefixNeedsMoreBytes(X224ConnectionConfirm::decode, v.bytes());
  }

  @Test
  void specVectorHasTheDocumentedFields() {
    X224ConnectionConfirm cc = decodeAll(X224ConnectionConfirm::decode, testdata(SPEC_4_1_2));
    assertEquals(19, cc.size());
    assertEquals(0, cc.dstRef());
    assertEquals(0x1234, cc.srcRef());
    assertEquals(0, cc.classOptions());
    NegotiationResponse rsp = assertInstanceOf(NegotiationResponse.class, cc.negotiation());
    assertEquals(0, rsp.flags().bits());
    assertEquals(SecurityProtocols.RDP, rsp.selectedProtocol());
    assertEquals(false, rsp.selectedProtocol().usesTls());
    assertEquals("X.224 Connection Confirm", cc.name());
    assertEquals("selectedProtocol=RDP", cc.summary());
  }

  @Test
  void failureAndAbsentNegotiationDataAreShown() {
    assertEquals(
        "RDP_NEG_FAILURE failureCode=HYBRID_REQUIRED_BY_SERVER",
        X224ConnectionConfirm.of(
                NegotiationFailure.of(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER))
            .summary());
    assertEquals(
        "no negotiation data (pre-negotiation server)",
        new X224ConnectionConfirm(0, 0, 0, null).summary());
    assertEquals(
        "selectedProtocol=SSL, flags=EXTENDED_CLIENT_DATA_SUPPORTED",
        X224ConnectionConfirm.of(
                new NegotiationResponse(new NegotiationResponseFlags(1), SecurityProtocols.SSL))
            .summary());
  }

  // --- round trips ----------------------------------------------------------------------------

  static Stream<X224ConnectionConfirm> confirms() {
    List<X224ConnectionConfirm> out = new ArrayList<>();
    // every RDP_NEG_RSP flag alone, all of them, and undefined bits
    for (int flags : new int[] {0x00, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1f, 0x20, 0xff}) {
      out.add(
          X224ConnectionConfirm.of(
              new NegotiationResponse(
                  new NegotiationResponseFlags(flags), SecurityProtocols.HYBRID)));
    }
    // every selectedProtocol the specification defines, and values it does not
    for (int protocol : new int[] {0x00, 0x01, 0x02, 0x04, 0x08, 0x10, 0x03, 0x8000_0000, -1}) {
      out.add(
          X224ConnectionConfirm.of(
              new NegotiationResponse(
                  new NegotiationResponseFlags(0x07), new SecurityProtocols(protocol))));
    }
    // the six failure codes and unknown ones
    for (int code : new int[] {1, 2, 3, 4, 5, 6, 0, 7, 0x7fff_ffff, -1}) {
      out.add(X224ConnectionConfirm.of(NegotiationFailure.of(new NegotiationFailureCode(code))));
    }
    out.add(
        X224ConnectionConfirm.of(
            new NegotiationFailure(0xff, NegotiationFailureCode.SSL_REQUIRED_BY_SERVER)));
    out.add(new X224ConnectionConfirm(0xffff, 0xffff, 0xff, null));
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("confirms")
  void roundTrips(X224ConnectionConfirm cc) {
    byte[] encoded = assertRoundTrip(cc, X224ConnectionConfirm::decode);
    assertEquals(cc.negotiation() == null ? 6 : 14, encoded[4], "LI");
  }

  @Test
  void constructorRejectsReferencesOutOfRange() {
    assertThrows(
        IllegalArgumentException.class, () -> new X224ConnectionConfirm(0x10000, 0, 0, null));
    assertThrows(IllegalArgumentException.class, () -> new X224ConnectionConfirm(0, -1, 0, null));
    assertThrows(
        IllegalArgumentException.class, () -> new X224ConnectionConfirm(0, 0, 0x100, null));
  }

  // --- malformed input ------------------------------------------------------------------------

  @Test
  void connectionRequestIsTheWrongTpdu() {
    DecodeException e =
        assertDecodeFails(
            X224ConnectionConfirm::decode,
            testdata(X224ConnectionRequestTest.SPEC_4_1_1),
            "the 4.1.1 request");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "X.224 Connection Confirm", "TPDU code", 5);
    assertEquals(0xe0, e.received());
    assertEquals("0xd0", e.expected());
  }

  @Test
  void badTpktVersion() {
    DecodeException e =
        assertDecodeFails(X224ConnectionConfirm::decode, "00 00 00 0b 06 d0 00 00 12 34 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "TPKT", "version", 0);
    assertEquals(0, e.received());
  }

  @Test
  void tpktLengthBelowSeven() {
    DecodeException e =
        assertDecodeFails(X224ConnectionConfirm::decode, "03 00 00 05 06 d0 00 00 12 34 00");
    assertError(e, Kind.INVALID_FIELD, "TPKT", "length", 2);
  }

  @Test
  void tpktLengthBeyondTheBufferNeedsMoreBytes() {
    DecodeException e =
        assertDecodeFails(X224ConnectionConfirm::decode, "03 00 00 13 0e d0 00 00 12 34 00");
    assertError(e, Kind.NOT_ENOUGH_BYTES, "X.224 Connection Confirm", "TPKT payload", 4);
    assertEquals(7, e.received());
    assertEquals("15 bytes", e.expected());
  }

  @Test
  void lengthIndicatorBeyondTheTpktLength() {
    // LI 14 in an 11-byte packet: the negotiation data the LI announces is not there
    DecodeException e =
        assertDecodeFails(
            X224ConnectionConfirm::decode, "03 00 00 0b 0e d0 00 00 12 34 00 02 00 08 00");
    assertError(e, Kind.INVALID_FIELD, "X.224 Connection Confirm", "length indicator", 4);
    assertEquals(14, e.received());
    assertEquals("at most 6 (TPKT length)", e.expected());
  }

  @ParameterizedTest
  @ValueSource(ints = {7, 10, 13})
  void negotiationDataCutShortByTheLengthIndicator(int li) {
    byte[] packet = testdata(SPEC_4_1_2);
    packet[4] = (byte) li;
    packet[3] = (byte) (5 + li);
    byte[] cut = java.util.Arrays.copyOf(packet, 5 + li);
    DecodeException e = assertDecodeFails(X224ConnectionConfirm::decode, cut, "LI " + li);
    assertError(e, Kind.NOT_ENOUGH_BYTES, "rdpNegData", "structure (inside the LI)", 11);
    assertEquals(li - 6, e.received());
  }

  @Test
  void negotiationResponseLengthFieldNotEight() {
    DecodeException e =
        assertDecodeFails(
            X224ConnectionConfirm::decode,
            "03 00 00 13 0e d0 00 00 12 34 00 02 00 0e 00 00 00 00 00");
    assertError(e, Kind.INVALID_FIELD, "RDP_NEG_RSP", "length", 13);
    assertEquals(14, e.received());
    assertEquals("8", e.expected());
  }

  @Test
  void negotiationFailureLengthFieldNotEight() {
    DecodeException e =
        assertDecodeFails(
            X224ConnectionConfirm::decode,
            "03 00 00 13 0e d0 00 00 12 34 00 03 00 00 08 05 00 00 00");
    assertError(e, Kind.INVALID_FIELD, "RDP_NEG_FAILURE", "length", 13);
    assertEquals(0x0800, e.received());
  }

  @Test
  void unknownNegotiationDataType() {
    // IronRDP x224.rs nego_confirm_unexpected_rdp_msg_type: type 0xAF
    DecodeException e =
        assertDecodeFails(
            X224ConnectionConfirm::decode,
            "03 00 00 13 0e d0 00 00 00 00 00 af 1f 08 00 02 00 00 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "rdpNegData", "type", 11);
    assertEquals(0xaf, e.received());
    assertEquals("0x02 (RDP_NEG_RSP) or 0x03 (RDP_NEG_FAILURE)", e.expected());
  }

  @Test
  void negotiationRequestInAConfirm() {
    DecodeException e =
        assertDecodeFails(
            X224ConnectionConfirm::decode,
            "03 00 00 13 0e d0 00 00 12 34 00 01 00 08 00 03 00 00 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "rdpNegData", "type", 11);
    assertEquals(1, e.received());
  }

  @Test
  void bytesAfterTheNegotiationDataInsideTheLengthIndicator() {
    DecodeException e =
        assertDecodeFails(
            X224ConnectionConfirm::decode,
            "03 00 00 14 0f d0 00 00 12 34 00 02 00 08 00 01 00 00 00 00");
    assertError(e, Kind.TRAILING_BYTES, "X.224 Connection Confirm", "end of TPDU", 19);
    assertEquals(1, e.received());
  }

  @Test
  void userDataAfterTheHeaderIsTrailing() {
    DecodeException e =
        assertDecodeFails(X224ConnectionConfirm::decode, "03 00 00 0d 06 d0 00 00 12 34 00 aa bb");
    assertError(e, Kind.TRAILING_BYTES, "X.224 Connection Confirm", "end of TPDU", 11);
    assertEquals(2, e.received());
    assertEquals(
        "X.224 Connection Confirm: end of TPDU: got 2 bytes left over"
            + " (expected: 0 bytes left over) at offset 11",
        e.getMessage());
  }
}
