package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.function.BiFunction;

/** Reading shared by the Share Control PDU records. */
final class SharePdus {
  private SharePdus() {}

  /** Offset of pduType2 from the start of a Data PDU. */
  static final int PDU_TYPE2_OFFSET = ShareDataHeader.FIXED_PART_SIZE - 4;

  /**
   * Reads the Share Control Header of a PDU that must be of {@code type}; the reader is left at the
   * body, which is in the buffer.
   */
  static ShareControlHeader.Opened open(ByteBuf in, int type, String pdu) {
    int start = in.readerIndex();
    Wire.ensure(in, 2, ShareControlHeader.NAME, "totalLength");
    if (in.getUnsignedShortLE(start) == ShareControlHeader.FLOW_MARKER) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          pdu,
          "totalLength",
          start,
          ShareControlHeader.FLOW_MARKER,
          "a length (0x8000 marks a Flow PDU)");
    }
    ShareControlHeader.Opened opened = ShareControlHeader.open(in);
    ShareControlPduType got = opened.header().pduType();
    if (got.type() != type) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          pdu,
          "pduType",
          start + 2,
          got.value(),
          Wire.hex(type) + " in the low 4 bits");
    }
    return opened;
  }

  /** Decodes a Share Control PDU of {@code type}: the header, then {@code body} on the rest. */
  static <T> T decode(
      ByteBuf in, int type, String pdu, BiFunction<ShareControlHeader, ByteBuf, T> body) {
    ShareControlHeader.Opened opened = open(in, type, pdu);
    return Wire.within(in, opened.bodyLength(), pdu, b -> body.apply(opened.header(), b));
  }

  /**
   * Decodes an uncompressed Data PDU of {@code pduType2}: both headers, then {@code body} on the
   * rest.
   */
  static <T> T decodeData(
      ByteBuf in, int pduType2, String pdu, BiFunction<ShareDataHeader, ByteBuf, T> body) {
    int start = in.readerIndex();
    ShareControlHeader.Opened opened = open(in, ShareControlPduType.PDUTYPE_DATAPDU, pdu);
    return Wire.within(
        in,
        opened.bodyLength(),
        pdu,
        b -> {
          ShareDataHeader header = ShareDataHeader.decodeRest(opened.header(), b);
          if (header.pduType2().value() != pduType2) {
            throw new DecodeException(
                DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
                pdu,
                "pduType2",
                start + PDU_TYPE2_OFFSET,
                header.pduType2().value(),
                Wire.hex(pduType2));
          }
          checkUncompressed(header, start, pdu);
          return body.apply(header, b);
        });
  }

  /** Rejects a compressed Data PDU where a typed record is wanted. */
  static void checkUncompressed(ShareDataHeader header, int start, String pdu) {
    if (header.compressedType().isCompressed()) {
      throw Wire.invalid(
          pdu,
          "compressedType",
          start + PDU_TYPE2_OFFSET + 1,
          header.compressedType().bits(),
          "PACKET_COMPRESSED clear (compressed data is not decoded)");
    }
  }
}
