package dev.rdpprobe.wire.x224;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.hex;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.WireVectors.Vector;
import io.netty.buffer.ByteBuf;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** X.224 Data TPDU (X.224 13.7; MS-RDPBCGR 2.2.1.3 and on): the envelope of every MCS PDU. */
class X224DataTest {

  static Stream<Vector<X224Data>> vectors() {
    return Stream.of(
        vector(
            "MS-RDPBCGR 4.1.5 Client MCS Erect Domain Request PDU",
            X224Data.of(Octets.fromHex("04 01 00 01 00")),
            testdata("x224/ms-rdpbcgr-4.1.5-client-mcs-erect-domain-request.hex"),
            X224Data::decode),
        vector(
            // https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-rdpbcgr/5125dd86-1a99-46cd-bcae-d1c3c083eeb0
            "MS-RDPBCGR 4.1.6 Client MCS Attach User Request PDU",
            X224Data.of(Octets.fromHex("28")),
            "03 00 00 08 02 f0 80 28",
            X224Data::decode),
        vector(
            // T.123 section 8: 7 bytes is the smallest TPKT packet, a DT with no user data
            "T.123 smallest packet: DT without user data",
            X224Data.of(Octets.EMPTY),
            "03 00 00 07 02 f0 80",
            X224Data::decode));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodeDecodeSize(Vector<X224Data> v) {
    WireVectors.assertVector(v);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyTruncationNeedsMoreBytes(Vector<X224Data> v) {
    assertEveryPrefixNeedsMoreBytes(X224Data::decode, v.bytes());
  }

  @Test
  void openPayloadLeavesTheReaderAtTheUserData() {
    // the 4.1.5 packet followed by the first bytes of the next one
    ByteBuf in = hex("03 00 00 0c 02 f0 80 04 01 00 01 00 03 00 00 08");
    try {
      assertEquals(5, X224Data.openPayload(in));
      assertEquals(7, in.readerIndex());
      assertEquals(0x04, in.readUnsignedByte());
    } finally {
      in.release();
    }
  }

  @Test
  void fieldsAndName() {
    X224Data dt = X224Data.of(Octets.fromHex("04 01 00 01 00"));
    assertEquals(X224Data.EOT, dt.eotNumber());
    assertEquals(12, dt.size());
    assertEquals("X.224 Data", dt.name());
    assertEquals("5 bytes of user data", dt.summary());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 255, 256, 65_527, 65_528})
  void roundTrips(int userDataLength) {
    byte[] data = new byte[userDataLength];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    byte[] encoded = assertRoundTrip(X224Data.of(Octets.of(data)), X224Data::decode);
    assertEquals(7 + userDataLength, encoded.length);
  }

  @Test
  void userDataBeyondOnePacketIsRejected() {
    // 65535 - 7 = 65528 is the largest payload; MS-RDPBCGR's client processing of the Connection
    // Request calls it "the default maximum size of an X.224 Data PDU payload (65528 bytes)"
    assertThrows(IllegalArgumentException.class, () -> X224Data.of(Octets.of(new byte[65_529])));
    assertThrows(IllegalArgumentException.class, () -> new X224Data(0x100, Octets.EMPTY));
  }

  // --- malformed input ------------------------------------------------------------------------

  @Test
  void lengthIndicatorOtherThanTwo() {
    DecodeException e = assertDecodeFails(X224Data::decode, "03 00 00 08 03 f0 80 00");
    assertError(e, Kind.INVALID_FIELD, "X.224 Data", "length indicator", 4);
    assertEquals(3, e.received());
    assertEquals("2", e.expected());
  }

  @Test
  void lengthIndicatorBeyondTheTpktLength() {
    DecodeException e = assertDecodeFails(X224Data::decode, "03 00 00 07 03 f0 80");
    assertError(e, Kind.INVALID_FIELD, "X.224 Data", "length indicator", 4);
    assertEquals("at most 2 (TPKT length)", e.expected());
  }

  @Test
  void lengthIndicatorBelowTheFixedPart() {
    DecodeException e = assertDecodeFails(X224Data::decode, "03 00 00 07 01 f0 80");
    assertError(e, Kind.INVALID_FIELD, "X.224 Data", "length indicator", 4);
    assertEquals(1, e.received());
  }

  @Test
  void segmentedDataIsRejected() {
    // EOT clear: RDP never splits a data unit
    DecodeException e = assertDecodeFails(X224Data::decode, "03 00 00 08 02 f0 00 28");
    assertError(e, Kind.INVALID_FIELD, "X.224 Data", "EOT/TPDU-NR", 6);
    assertEquals(0, e.received());
  }

  @Test
  void connectionConfirmIsTheWrongTpdu() {
    DecodeException e = assertDecodeFails(X224Data::decode, "03 00 00 0b 06 d0 00 00 12 34 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "X.224 Data", "TPDU code", 5);
    assertEquals(0xd0, e.received());
    assertEquals("0xf0", e.expected());
  }

  @Test
  void badTpktVersion() {
    DecodeException e = assertDecodeFails(X224Data::decode, "13 00 00 08 02 f0 80 28");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "TPKT", "version", 0);
  }
}
