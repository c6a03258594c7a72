package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Share Data Header, TS_SHAREDATAHEADER (MS-RDPBCGR 2.2.8.1.1.1.2): the Share Control Header of a
 * Data PDU and the twelve bytes after it. Every field is kept as sent, so a decoded header
 * re-encodes to the same bytes whatever the sender's habits: uncompressedLength in particular
 * differs by peer (the specification's examples and Windows count from pduType2, 4 more than the
 * data; FreeRDP writes the data's length; xrdp the whole PDU's, and copies it into
 * compressedLength).
 *
 * @param shareControlHeader shareControlHeader (pduType PDUTYPE_DATAPDU)
 * @param shareId shareId
 * @param pad1 pad1, kept as sent
 * @param streamId streamId
 * @param uncompressedLength uncompressedLength, kept as sent
 * @param pduType2 pduType2
 * @param compressedType compressedType
 * @param compressedLength compressedLength, kept as sent
 */
public record ShareDataHeader(
    ShareControlHeader shareControlHeader,
    int shareId,
    int pad1,
    StreamId streamId,
    int uncompressedLength,
    ShareDataPduType pduType2,
    CompressedType compressedType,
    int compressedLength) {
  public static final String NAME = "TS_SHAREDATAHEADER";

  public static final int FIXED_PART_SIZE =
      ShareControlHeader.FIXED_PART_SIZE // shareControlHeader
          + 4 // shareId
          + 1 // pad1
          + 1 // streamId
          + 2 // uncompressedLength
          + 1 // pduType2
          + 1 // compressedType
          + 2; // compressedLength

  /** The bytes after the Share Control Header. */
  static final int AFTER_CONTROL_HEADER = FIXED_PART_SIZE - ShareControlHeader.FIXED_PART_SIZE;

  public ShareDataHeader {
    Objects.requireNonNull(shareControlHeader, "shareControlHeader");
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(pduType2, "pduType2");
    Objects.requireNonNull(compressedType, "compressedType");
    if (shareControlHeader.pduType().type() != ShareControlPduType.PDUTYPE_DATAPDU) {
      throw new IllegalArgumentException("a Data PDU's pduType must be PDUTYPE_DATAPDU");
    }
    if (shareControlHeader.pduSource() == null) {
      throw new IllegalArgumentException("a Data PDU's Share Control Header has a pduSource");
    }
    if (pad1 < 0 || pad1 > 0xFF) {
      throw new IllegalArgumentException("pad1 out of range: " + pad1);
    }
    if (uncompressedLength < 0 || uncompressedLength > 0xFFFF) {
      throw new IllegalArgumentException("uncompressedLength out of range: " + uncompressedLength);
    }
    if (compressedLength < 0 || compressedLength > 0xFFFF) {
      throw new IllegalArgumentException("compressedLength out of range: " + compressedLength);
    }
  }

  /**
   * The header of an uncompressed Data PDU whose data after the header is {@code dataLength} bytes,
   * as Windows writes it: TS_PROTOCOL_VERSION, pad1 0, uncompressedLength counted from pduType2
   * ({@code dataLength + 4}), compressedLength 0.
   */
  public static ShareDataHeader of(
      int pduSource, int shareId, StreamId streamId, int pduType2, int dataLength) {
    return new ShareDataHeader(
        ShareControlHeader.of(ShareControlPduType.PDUTYPE_DATAPDU, pduSource),
        shareId,
        0,
        streamId,
        dataLength + 4,
        new ShareDataPduType(pduType2),
        CompressedType.NONE,
        0);
  }

  /** Reads the twelve bytes after the Share Control Header. */
  static ShareDataHeader decodeRest(ShareControlHeader controlHeader, ByteBuf in) {
    Wire.ensure(in, AFTER_CONTROL_HEADER, NAME, "shareId");
    return new ShareDataHeader(
        controlHeader,
        in.readIntLE(),
        in.readUnsignedByte(),
        new StreamId(in.readUnsignedByte()),
        in.readUnsignedShortLE(),
        new ShareDataPduType(in.readUnsignedByte()),
        new CompressedType(in.readUnsignedByte()),
        in.readUnsignedShortLE());
  }

  /** Writes the header of a Data PDU of {@code totalLength} bytes. */
  public void encode(ByteBuf out, int totalLength) {
    shareControlHeader.encode(out, totalLength);
    out.writeIntLE(shareId);
    out.writeByte(pad1);
    out.writeByte(streamId.value());
    out.writeShortLE(uncompressedLength);
    out.writeByte(pduType2.value());
    out.writeByte(compressedType.bits());
    out.writeShortLE(compressedLength);
  }

  /** The sender's channel id. */
  public int pduSource() {
    return shareControlHeader.pduSource();
  }

  /** The share id as an unsigned number. */
  public long shareIdUnsigned() {
    return shareId & 0xFFFFFFFFL;
  }

  /** Checks the header carries this uncompressed pduType2, for a typed Data PDU's record. */
  void check(int expectedPduType2, String pdu) {
    if (pduType2.value() != expectedPduType2) {
      throw new IllegalArgumentException(pdu + " needs pduType2 " + Wire.hex(expectedPduType2));
    }
    if (compressedType.isCompressed()) {
      throw new IllegalArgumentException(pdu + " is not compressed");
    }
  }
}
