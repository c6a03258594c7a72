package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Share Control Header, TS_SHARECONTROLHEADER (MS-RDPBCGR 2.2.8.1.1.1.1): totalLength, pduType and
 * pduSource in front of every Share Control PDU. totalLength is not a field of the record: the PDU
 * that carries the header computes it, and decoding checks the one received against the buffer.
 *
 * <p>pduSource is absent ({@code null}) in the four-byte header Windows XP writes for a Deactivate
 * All PDU (totalLength 4; FreeRDP's rdp.c accepts it). A totalLength of {@code 0x8000} is not a
 * length: it marks a T.128 Flow PDU ({@link FlowPdu}).
 *
 * @param pduType pduType, with the protocol version
 * @param pduSource pduSource, the sender's MCS channel id, or null when absent
 */
public record ShareControlHeader(ShareControlPduType pduType, Integer pduSource) {
  public static final String NAME = "TS_SHARECONTROLHEADER";

  public static final int FIXED_PART_SIZE =
      2 // totalLength
          + 2 // pduType
          + 2; // pduSource

  /** totalLength of the short header without pduSource. */
  public static final int SHORT_SIZE = 4;

  /** totalLength's value that marks a Flow PDU instead of a length. */
  public static final int FLOW_MARKER = 0x8000;

  public ShareControlHeader {
    Objects.requireNonNull(pduType, "pduType");
    if (pduSource != null && (pduSource < 0 || pduSource > 0xFFFF)) {
      throw new IllegalArgumentException("pduSource out of range: " + pduSource);
    }
  }

  /** A header with TS_PROTOCOL_VERSION and this source. */
  public static ShareControlHeader of(int type, int pduSource) {
    return new ShareControlHeader(ShareControlPduType.of(type), pduSource);
  }

  /** The header's size: 6, or 4 without pduSource. */
  public int size() {
    return pduSource == null ? SHORT_SIZE : FIXED_PART_SIZE;
  }

  /** Writes the header of a PDU of {@code totalLength} bytes. */
  public void encode(ByteBuf out, int totalLength) {
    out.writeShortLE(totalLength);
    out.writeShortLE(pduType.value());
    if (pduSource != null) {
      out.writeShortLE(pduSource);
    }
  }

  /**
   * A decoded header and the length of the PDU body after it.
   *
   * @param header the header
   * @param bodyLength totalLength less the header
   */
  record Opened(ShareControlHeader header, int bodyLength) {}

  /**
   * Reads the header and checks the totalLength bytes it announces are readable; the reader is left
   * at the body. Not for a Flow PDU (the caller looks for {@link #FLOW_MARKER} first).
   */
  static Opened open(ByteBuf in) {
    int start = in.readerIndex();
    Wire.ensure(in, SHORT_SIZE, NAME, "totalLength");
    int totalLength = in.getUnsignedShortLE(start);
    if (totalLength < SHORT_SIZE || totalLength == SHORT_SIZE + 1) {
      throw Wire.invalid(NAME, "totalLength", start, totalLength, "4, or at least 6");
    }
    if (totalLength > in.readableBytes()) {
      throw new DecodeException(
          DecodeException.Kind.NOT_ENOUGH_BYTES,
          NAME,
          "totalLength",
          start,
          in.readableBytes(),
          totalLength + " bytes");
    }
    in.skipBytes(2);
    ShareControlPduType type = new ShareControlPduType(in.readUnsignedShortLE());
    Integer source = totalLength == SHORT_SIZE ? null : in.readUnsignedShortLE();
    ShareControlHeader header = new ShareControlHeader(type, source);
    return new Opened(header, totalLength - header.size());
  }

  @Override
  public String toString() {
    return "ShareControlHeader[pduType="
        + pduType
        + ", pduSource="
        + (pduSource == null ? "absent" : pduSource.toString())
        + "]";
  }
}
