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

/** X.224 TPDU Error (X.224 13.12) and its reject causes (X.224 13.12.3). */
class X224ErrorTest {

  // Laid out by hand from X.224 13.12 (LI, code 0x70, DST-REF, reject cause, parameters), see
  // X.224 (ITU-T X.224) 13.12; no RDP specification example exists.
  static Stream<Vector<X224Error>> vectors() {
    return Stream.of(
        vector(
            "X.224 13.12 layout: ER, reason not specified",
            new X224Error(0, RejectCause.NOT_SPECIFIED, Octets.EMPTY),
            "03 00 00 09 04 70 00 00 00",
            X224Error::decode),
        vector(
            // parameter 0xC1 "invalid TPDU": a copy of the rejected header (here LI 6 and CR)
            "X.224 13.12 layout: ER, invalid TPDU type, with the invalid TPDU parameter",
            new X224Error(0x1234, RejectCause.INVALID_TPDU_TYPE, Octets.fromHex("c1 02 06 e1")),
            "03 00 00 0d 08 70 12 34 02 c1 02 06 e1",
            X224Error::decode));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodeDecodeSize(Vector<X224Error> v) {
    WireVectors.assertVector(v);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyTruncationNeedsMoreBytes(Vector<X224Error> v) {
    assertEveryPrefixNeedsMoreBytes(X224Error::decode, v.bytes());
  }

  static Stream<X224Error> errors() {
    return Stream.of(
        new X224Error(0, new RejectCause(1), Octets.EMPTY),
        new X224Error(0, new RejectCause(3), Octets.fromHex("c1 01 ff")),
        new X224Error(0xffff, new RejectCause(0xff), Octets.of(new byte[250])));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void roundTrips(X224Error er) {
    byte[] encoded = assertRoundTrip(er, X224Error::decode);
    assertEquals(4 + er.parameters().length(), encoded[4] & 0xff, "LI");
  }

  @CsvSource({
    "0, reason not specified",
    "1, invalid parameter code",
    "2, invalid TPDU type",
    "3, invalid parameter value",
    "4, unknown (0x04)",
    "255, unknown (0xff)"
  })
  @ParameterizedTest
  void causeNames(int value, String name) {
    assertEquals(name, new RejectCause(value).name());
    assertEquals(name, new RejectCause(value).toString());
  }

  @Test
  void fieldsAndName() {
    X224Error er = new X224Error(0, RejectCause.INVALID_TPDU_TYPE, Octets.EMPTY);
    assertEquals(9, er.size());
    assertEquals("X.224 TPDU Error", er.name());
    assertEquals("rejectCause=invalid TPDU type", er.summary());
  }

  @Test
  void constructorRejectsWhatCannotBeSent() {
    assertThrows(IllegalArgumentException.class, () -> new RejectCause(-1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new X224Error(0, RejectCause.NOT_SPECIFIED, Octets.of(new byte[251])),
        "LI 255");
    assertThrows(
        IllegalArgumentException.class,
        () -> new X224Error(0x10000, RejectCause.NOT_SPECIFIED, Octets.EMPTY));
  }

  // --- malformed input ------------------------------------------------------------------------

  @Test
  void userDataAfterTheHeaderIsTrailing() {
    DecodeException e = assertDecodeFails(X224Error::decode, "03 00 00 0a 04 70 00 00 02 ff");
    assertError(e, Kind.TRAILING_BYTES, "X.224 TPDU Error", "end of TPDU", 9);
    assertEquals(1, e.received());
  }

  @Test
  void lengthIndicatorBelowTheFixedPart() {
    DecodeException e = assertDecodeFails(X224Error::decode, "03 00 00 09 03 70 00 00 02");
    assertError(e, Kind.INVALID_FIELD, "X.224 TPDU Error", "length indicator", 4);
    assertEquals(3, e.received());
  }

  @Test
  void lengthIndicatorBeyondTheTpktLength() {
    DecodeException e = assertDecodeFails(X224Error::decode, "03 00 00 09 05 70 00 00 02");
    assertError(e, Kind.INVALID_FIELD, "X.224 TPDU Error", "length indicator", 4);
    assertEquals("at most 4 (TPKT length)", e.expected());
  }

  @Test
  void wrongTpdu() {
    DecodeException e = assertDecodeFails(X224Error::decode, "03 00 00 08 02 f0 80 28");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "X.224 TPDU Error", "TPDU code", 5);
    assertEquals(0xf0, e.received());
  }
}
