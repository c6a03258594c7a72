package dev.rdpprobe.wire.x224;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.WireVectors.Vector;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link X224Tpdu#decode}: one TPKT packet, whichever of the five TPDUs it holds. */
class X224TpduTest {

  static Stream<Vector<? extends Pdu>> everyVector() {
    return Stream.of(
            X224ConnectionRequestTest.vectors(),
            X224ConnectionConfirmTest.vectors(),
            X224DataTest.vectors(),
            X224DisconnectRequestTest.vectors(),
            X224ErrorTest.vectors())
        .flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyVector")
  void decodesEveryVectorToItsRecord(Vector<? extends Pdu> v) {
    X224Tpdu tpdu = decodeAll(X224Tpdu::decode, v.bytes());
    assertEquals(v.value(), tpdu);
    assertEquals(v.value().getClass(), tpdu.getClass());
    WireVectors.assertVector(
        WireVectors.vector(v.source() + " via X224Tpdu", tpdu, v.bytes(), X224Tpdu::decode));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyVector")
  void everyTruncationNeedsMoreBytes(Vector<? extends Pdu> v) {
    assertEveryPrefixNeedsMoreBytes(X224Tpdu::decode, v.bytes());
  }

  @ParameterizedTest
  @ValueSource(ints = {0x00, 0x10, 0x20, 0x50, 0x60, 0x90, 0xa0, 0xb0, 0xc0})
  void unknownTpduCode(int code) {
    byte[] packet = bytes("03 00 00 0b 06 00 00 00 00 00 00");
    packet[5] = (byte) code;
    DecodeException e = assertDecodeFails(X224Tpdu::decode, packet, "code " + code);
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "X.224", "TPDU code", 5);
    assertEquals(code, e.received());
    assertEquals("0xE0, 0xD0, 0xF0, 0x80 or 0x70", e.expected());
  }

  @Test
  void codeWithCreditGoesToItsTpduAndIsRejectedThere() {
    DecodeException e = assertDecodeFails(X224Tpdu::decode, "03 00 00 0b 06 d1 00 00 12 34 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "X.224 Connection Confirm", "TPDU code", 5);
    assertEquals(0xd1, e.received());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET / HTTP/1.1\r\n", // an HTTP server
        "SSH-2.0-OpenSSH_9.6\r\n", // an SSH server
      })
  void textIsNotTpkt(String banner) {
    byte[] bytes = banner.getBytes(StandardCharsets.US_ASCII);
    DecodeException e = assertDecodeFails(X224Tpdu::decode, bytes, banner.strip());
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "TPKT", "version", 0);
    assertEquals(bytes[0], e.received());
  }

  @Test
  void tlsRecordIsNotTpkt() {
    // a TLS 1.2 handshake record: what a TLS-only listener answers with
    DecodeException e = assertDecodeFails(X224Tpdu::decode, "16 03 03 00 7a 02 00 00 76 03 03");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "TPKT", "version", 0);
    assertEquals(0x16, e.received());
  }

  @Test
  void badTpktVersionIsReportedBeforeTheBufferEnds() {
    // four bytes are enough to see this is not TPKT; a short read must not hide it
    DecodeException e = assertDecodeFails(X224Tpdu::decode, "04 00 00 0b");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "TPKT", "version", 0);
  }

  @Test
  void tpktLengthBelowSeven() {
    DecodeException e = assertDecodeFails(X224Tpdu::decode, "03 00 00 05 02 f0");
    assertError(e, Kind.INVALID_FIELD, "TPKT", "length", 2);
  }
}
