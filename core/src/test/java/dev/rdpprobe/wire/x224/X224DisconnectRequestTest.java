package dev.rdpprobe.wire.x224;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.WireVectors.Vector;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** X.224 Disconnect Request TPDU (X.224 13.5) and its reason codes (X.224 13.5.3). */
class X224DisconnectRequestTest {

  // No specification example exists for RDP; these vectors are laid out by hand from X.224 13.5
  // (LI, code 0x80, DST-REF, SRC-REF, reason, variable part, user data), see X.224 (ITU-T X.224)
  // 13.5.
  static Stream<Vector<X224DisconnectRequest>> vectors() {
    return Stream.of(
        vector(
            "X.224 13.5 layout: DR, normal disconnect",
            new X224DisconnectRequest(
                0, 0x1234, DisconnectReason.NORMAL, Octets.EMPTY, Octets.EMPTY),
            "03 00 00 0b 06 80 00 00 12 34 80",
            X224DisconnectRequest::decode),
        vector(
            // parameter 0xE0 "additional information" (X.224 13.5.4) with two octets, then user
            // data
            "X.224 13.5 layout: DR with a parameter and user data",
            new X224DisconnectRequest(
                0x0001,
                0x1234,
                DisconnectReason.PROTOCOL_ERROR,
                Octets.fromHex("e0 02 ab cd"),
                Octets.fromHex("01 02 03")),
            "03 00 00 12 0a 80 00 01 12 34 85 e0 02 ab cd 01 02 03",
            X224DisconnectRequest::decode));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodeDecodeSize(Vector<X224DisconnectRequest> v) {
    WireVectors.assertVector(v);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyTruncationNeedsMoreBytes(Vector<X224DisconnectRequest> v) {
    assertEveryPrefixNeedsMoreBytes(X224DisconnectRequest::decode, v.bytes());
  }

  static Stream<X224DisconnectRequest> requests() {
    return Stream.of(
        X224DisconnectRequest.of(DisconnectReason.NOT_SPECIFIED),
        X224DisconnectRequest.of(DisconnectReason.CONNECTION_REQUEST_REFUSED),
        X224DisconnectRequest.of(new DisconnectReason(0xff)),
        new X224DisconnectRequest(
            0xffff, 0xffff, DisconnectReason.NORMAL, Octets.of(new byte[248]), Octets.EMPTY),
        new X224DisconnectRequest(
            0, 0, DisconnectReason.NORMAL, Octets.EMPTY, Octets.fromHex("00 ff 0d 0a")),
        new X224DisconnectRequest(
            0, 0, DisconnectReason.NORMAL, Octets.of(new byte[248]), Octets.of(new byte[65_276])));
  }

  @ParameterizedTest
  @MethodSource("requests")
  void roundTrips(X224DisconnectRequest dr) {
    byte[] encoded = assertRoundTrip(dr, X224DisconnectRequest::decode);
    assertEquals(6 + dr.parameters().length(), encoded[4] & 0xff, "LI");
  }

  @CsvSource({
    "0x00, not specified",
    "0x01, congestion at TSAP",
    "0x02, session entity not attached to TSAP",
    "0x03, address unknown",
    "0x80, normal disconnect",
    "0x81, remote transport entity congestion",
    "0x82, connection negotiation failed",
    "0x83, duplicate source reference",
    "0x84, mismatched references",
    "0x85, protocol error",
    "0x87, reference overflow",
    "0x88, connection request refused",
    "0x8a, header or parameter length invalid",
    "0x04, unknown (0x04)",
    "0x86, unknown (0x86)",
    "0xff, unknown (0xff)"
  })
  @ParameterizedTest
  void reasonNames(String value, String name) {
    DisconnectReason reason = new DisconnectReason(Integer.decode(value));
    assertEquals(name, reason.name());
    assertEquals(name, reason.toString());
  }

  @Test
  void fieldsAndName() {
    X224DisconnectRequest dr = X224DisconnectRequest.of(DisconnectReason.NORMAL);
    assertEquals(11, dr.size());
    assertEquals("X.224 Disconnect Request", dr.name());
    assertEquals("reason=normal disconnect", dr.summary());
  }

  @Test
  void constructorRejectsWhatCannotBeSent() {
    assertThrows(IllegalArgumentException.class, () -> new DisconnectReason(0x100));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new X224DisconnectRequest(
                0, 0, DisconnectReason.NORMAL, Octets.of(new byte[249]), Octets.EMPTY),
        "LI 255");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new X224DisconnectRequest(
                0x10000, 0, DisconnectReason.NORMAL, Octets.EMPTY, Octets.EMPTY));
  }

  @Test
  void userDataBeyondOnePacketIsRejected() {
    // 11 header bytes + 65525 bytes of user data = 65536, one more than a TPKT length holds
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new X224DisconnectRequest(
                0, 0, DisconnectReason.NORMAL, Octets.EMPTY, Octets.of(new byte[65_525])));
  }

  // --- malformed input ------------------------------------------------------------------------

  @Test
  void lengthIndicatorBelowTheFixedPart() {
    DecodeException e =
        assertDecodeFails(X224DisconnectRequest::decode, "03 00 00 0b 05 80 00 00 12 34 80");
    assertError(e, Kind.INVALID_FIELD, "X.224 Disconnect Request", "length indicator", 4);
    assertEquals(5, e.received());
  }

  @Test
  void lengthIndicatorBeyondTheTpktLength() {
    DecodeException e =
        assertDecodeFails(X224DisconnectRequest::decode, "03 00 00 0b 08 80 00 00 12 34 80");
    assertError(e, Kind.INVALID_FIELD, "X.224 Disconnect Request", "length indicator", 4);
    assertEquals("at most 6 (TPKT length)", e.expected());
  }

  @Test
  void wrongTpdu() {
    DecodeException e =
        assertDecodeFails(X224DisconnectRequest::decode, "03 00 00 09 04 70 00 00 02");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "X.224 Disconnect Request", "TPDU code", 5);
    assertEquals(0x70, e.received());
    assertEquals("0x80", e.expected());
  }
}
