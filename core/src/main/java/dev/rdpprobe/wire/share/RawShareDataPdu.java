package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A Data PDU this codec does not decode (an Update, Pointer or Input PDU, a Monitor Layout PDU,
 * compressed data, an unknown pduType2): its Share Data Header, with pduType2 named, and the data
 * after the header as it came.
 *
 * @param header the Share Data Header
 * @param data the data after the header
 */
public record RawShareDataPdu(ShareDataHeader header, Octets data) implements ShareDataPdu {
  public static final String NAME = "Data PDU";

  public RawShareDataPdu {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(data, "data");
    if (!header.compressedType().isCompressed()
        && ShareDataPdu.isTyped(header.pduType2().value())) {
      throw new IllegalArgumentException(header.pduType2() + " has its own record");
    }
    int total = ShareDataHeader.FIXED_PART_SIZE + data.length();
    if (total > 0xFFFF || total == ShareControlHeader.FLOW_MARKER) {
      throw new IllegalArgumentException("data too long for totalLength: " + data.length());
    }
  }

  static RawShareDataPdu decodeData(ShareDataHeader header, ByteBuf in) {
    return new RawShareDataPdu(header, Octets.read(in, in.readableBytes(), NAME, "data"));
  }

  /** {@code Data PDU PDUTYPE2_UPDATE}. */
  @Override
  public String name() {
    return NAME + " " + header.pduType2().name();
  }

  @Override
  public int dataSize() {
    return data.length();
  }

  @Override
  public void encodeData(ByteBuf out) {
    data.writeTo(out);
  }

  @Override
  public String summary() {
    return "pduType2="
        + header.pduType2().name()
        + (header.compressedType().isCompressed() ? ", compressed " + header.compressedType() : "")
        + ", "
        + data.length()
        + " bytes, not decoded";
  }
}
