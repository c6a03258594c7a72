package dev.rdpprobe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

class TlsRecordHeaderTest {

  private static int frame(String hex) {
    ByteBuf in = TlsOracles.buffer(Octets.fromHex(hex).toByteArray());
    try {
      int n = TlsRecordHeader.frameLength(in);
      assertEquals(0, in.readerIndex(), "frameLength consumes nothing");
      return n;
    } finally {
      in.release();
    }
  }

  private static DecodeException frameError(String hex) {
    return assertThrows(DecodeException.class, () -> frame(hex));
  }

  @Test
  void decodesTheRecordHeaderOfARealClientHello() {
    byte[] record = TlsTestData.load("tls/tls13-1-client.hex");
    ByteBuf in = TlsOracles.buffer(record);
    try {
      TlsRecordHeader h = TlsRecordHeader.decode(in);
      assertEquals(new TlsRecordHeader(22, 0x0301, record.length - 5), h);
      assertEquals("handshake", h.contentTypeName());
      assertEquals(5, in.readerIndex());
      assertEquals("handshake TLSv1.0 length=" + (record.length - 5), h.summary());
    } finally {
      in.release();
    }
    assertEquals(record.length, frame(Octets.of(record).toHex()));
  }

  @Test
  void encodesWhatItDecodes() {
    TlsRecordHeader h = new TlsRecordHeader(23, 0x0303, 0x4800);
    assertEquals("1703034800", Octets.of(TlsOracles.encode(h)).toHex());
  }

  @Test
  void needsMoreBytesUntilTheHeaderIsThere() {
    assertEquals(-1, frame(""));
    assertEquals(-1, frame("16"));
    assertEquals(-1, frame("16 03 03 00"));
    assertEquals(5 + 0x4800, frame("17 03 03 48 00"));
  }

  @Test
  void refusesATpktFromItsFirstByte() {
    DecodeException e = frameError("03");
    assertEquals(DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE, e.kind());
    assertEquals("type", e.field());
    assertEquals(3, e.received());
    assertEquals(0, e.offset());
    assertEquals("20, 21, 22, 23 or 24", e.expected());
  }

  @Test
  void refusesAVersionWhoseMajorIsNot3() {
    DecodeException e = frameError("16 fe fd");
    assertEquals(DecodeException.Kind.INVALID_FIELD, e.kind());
    assertEquals("legacy_record_version", e.field());
    assertEquals(1, e.offset());
    assertEquals(0xfe, e.received());
  }

  @Test
  void refusesALengthAboveTheCap() {
    assertEquals(5 + 18432, frame("17 03 03 48 00"));
    DecodeException e = frameError("17 03 03 48 01");
    assertEquals(DecodeException.Kind.TOO_LARGE, e.kind());
    assertEquals(3, e.offset());
    assertEquals(18433, e.received());
  }
}
