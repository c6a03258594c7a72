package dev.rdpprobe.wire.x224;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.hex;
import static dev.rdpprobe.wire.WireVectors.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.WireVectors;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TPKT header (RFC 1006 section 6, T.123 section 8): decode, encode, framing and errors. */
class TpktHeaderTest {

  // IronRDP crates/ironrdp-testsuite-core/tests/pdu/x224.rs, SAMPLE_TPKT_HEADER_BINARY:
  // version 3, reserved 0, length 0x0542 big-endian
  private static final String IRONRDP_SAMPLE = "03 00 05 42";

  @Test
  void decodesIronRdpSampleAndLeavesThePayload() {
    ByteBuf in = hex(IRONRDP_SAMPLE + " 02 f0 80");
    try {
      TpktHeader header = TpktHeader.decode(in);
      assertEquals(new TpktHeader(3, 0x542), header);
      assertEquals(4, in.readerIndex());
      assertEquals(3, in.readableBytes());
    } finally {
      in.release();
    }
  }

  @Test
  void encodesIronRdpSample() {
    TpktHeader header = TpktHeader.ofLength(0x542);
    assertEquals(4, header.size());
    ByteBuf out = WireVectors.ALLOC.buffer();
    try {
      header.encode(out);
      byte[] written = new byte[out.readableBytes()];
      out.readBytes(written);
      WireVectors.assertBytes(bytes(IRONRDP_SAMPLE), written, "TPKT encode");
    } finally {
      out.release();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {TpktHeader.MIN_LENGTH, 0x00ff, 0x0100, 0x542, TpktHeader.MAX_LENGTH})
  void roundTrips(int length) {
    TpktHeader header = TpktHeader.ofLength(length);
    ByteBuf buf = WireVectors.ALLOC.buffer();
    try {
      header.encode(buf);
      assertEquals(header.size(), buf.readableBytes());
      assertEquals(header, TpktHeader.decode(buf));
      assertEquals(0, buf.readableBytes());
    } finally {
      buf.release();
    }
  }

  @Test
  void reservedOctetIsIgnoredOnReceipt() {
    ByteBuf in = hex("03 ff 00 0b");
    try {
      assertEquals(TpktHeader.ofLength(11), TpktHeader.decode(in));
    } finally {
      in.release();
    }
  }

  @Test
  void everyTruncatedHeaderNeedsMoreBytes() {
    byte[] header = bytes("03 00 00 2c");
    for (int n = 0; n < header.length; n++) {
      DecodeException e =
          assertDecodeFails(TpktHeader::decode, Arrays.copyOf(header, n), n + " bytes");
      assertError(e, Kind.NOT_ENOUGH_BYTES, "TPKT", "header", 0);
      assertEquals(n, e.received());
      assertEquals("4 bytes", e.expected());
    }
  }

  @Test
  void badVersionIsNamedWithItsOffset() {
    DecodeException e = assertDecodeFails(TpktHeader::decode, "04 00 00 0b");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "TPKT", "version", 0);
    assertEquals(4, e.received());
    assertEquals("0x03", e.expected());
    assertEquals("TPKT: version: got 0x04 (expected: 0x03) at offset 0", e.getMessage());
  }

  @Test
  void tlsRecordIsNotTpkt() {
    // a TLS handshake record (content type 0x16, version 3.1) where a TPKT header was expected
    DecodeException e = assertDecodeFails(TpktHeader::decode, "16 03 01 00 a5");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "TPKT", "version", 0);
    assertEquals(0x16, e.received());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 4, 5, 6})
  void lengthBelowSevenIsInvalid(int length) {
    DecodeException e = assertDecodeFails(TpktHeader::decode, "03 00 00 " + hexByte(length));
    assertError(e, Kind.INVALID_FIELD, "TPKT", "length", 2);
    assertEquals(length, e.received());
    assertEquals("at least 7", e.expected());
  }

  @Test
  void offsetsAreReaderIndexesOfTheBuffer() {
    ByteBuf in = hex("ff ff 03 00 00 06");
    try {
      in.readerIndex(2);
      DecodeException e = assertThrows(DecodeException.class, () -> TpktHeader.decode(in));
      assertError(e, Kind.INVALID_FIELD, "TPKT", "length", 4);
    } finally {
      in.release();
    }
  }

  @Test
  void frameLengthNeedsFourBytes() {
    byte[] packet = bytes("03 00 00 2c 27 e0");
    for (int n = 0; n <= packet.length; n++) {
      ByteBuf in = WireVectors.buffer(Arrays.copyOf(packet, n));
      try {
        assertEquals(n < 4 ? -1 : 44, TpktHeader.frameLength(in), toHex(Arrays.copyOf(packet, n)));
        assertEquals(0, in.readerIndex(), "frameLength consumes nothing");
      } finally {
        in.release();
      }
    }
  }

  @Test
  void frameLengthReadsAtTheReaderIndex() {
    ByteBuf in = hex("03 00 00 0b 06 d0 00 00 12 34 00 03 00 ff ff");
    try {
      in.readerIndex(11);
      assertEquals(0xffff, TpktHeader.frameLength(in));
      assertEquals(11, in.readerIndex());
    } finally {
      in.release();
    }
  }

  @Test
  void frameLengthRejectsWhatDecodeRejects() {
    DecodeException version = assertDecodeFails(TpktHeader::frameLength, "47 45 54 20");
    assertError(version, Kind.UNEXPECTED_MESSAGE_TYPE, "TPKT", "version", 0);
    assertEquals(0x47, version.received());

    DecodeException length = assertDecodeFails(TpktHeader::frameLength, "03 00 00 03");
    assertError(length, Kind.INVALID_FIELD, "TPKT", "length", 2);
    assertEquals(3, length.received());
  }

  @Test
  void constructorRejectsValuesTheFieldsCannotHold() {
    assertThrows(IllegalArgumentException.class, () -> new TpktHeader(3, 3));
    assertThrows(IllegalArgumentException.class, () -> new TpktHeader(3, 0x10000));
    assertThrows(IllegalArgumentException.class, () -> new TpktHeader(0x100, 11));
    assertThrows(IllegalArgumentException.class, () -> new TpktHeader(-1, 11));
  }

  private static String hexByte(int value) {
    return String.format("%02x", value);
  }
}
