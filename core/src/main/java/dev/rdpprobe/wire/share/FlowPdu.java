package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A T.128 Flow PDU (T.128 8.5, 9.1): what a Share Control Header with totalLength {@code 0x8000}
 * introduces (MS-RDPBCGR 2.2.8.1.1.1.1, which says to ignore it). Eight bytes: flowMarker,
 * pduTypeFlow, flowIdentifier, flowNumber and pduSource, kept as sent.
 *
 * @param pduTypeFlow pduTypeFlow (FLOW_TEST 0x41, FLOW_RESPONSE 0x42, FLOW_STOP 0x43)
 * @param flowIdentifier flowIdentifier
 * @param flowNumber flowNumber
 * @param pduSource pduSource
 */
public record FlowPdu(int pduTypeFlow, int flowIdentifier, int flowNumber, int pduSource)
    implements ShareControlPdu {
  public static final String NAME = "Flow PDU";

  public static final int FIXED_PART_SIZE =
      2 // flowMarker
          + 2 // pduTypeFlow
          + 1 // flowIdentifier
          + 1 // flowNumber
          + 2; // pduSource

  private static final NamedBits TYPES =
      NamedBits.of(0x41, "FLOW_TEST", 0x42, "FLOW_RESPONSE", 0x43, "FLOW_STOP");

  public FlowPdu {
    if (pduTypeFlow < 0 || pduTypeFlow > 0xFFFF) {
      throw new IllegalArgumentException("pduTypeFlow out of range: " + pduTypeFlow);
    }
    if (flowIdentifier < 0 || flowIdentifier > 0xFF || flowNumber < 0 || flowNumber > 0xFF) {
      throw new IllegalArgumentException("flowIdentifier and flowNumber are 8-bit");
    }
    if (pduSource < 0 || pduSource > 0xFFFF) {
      throw new IllegalArgumentException("pduSource out of range: " + pduSource);
    }
  }

  /** Reads the eight bytes; the first two must be the flow marker. */
  public static FlowPdu decode(ByteBuf in) {
    int start = in.readerIndex();
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "flowMarker");
    int marker = in.readUnsignedShortLE();
    if (marker != ShareControlHeader.FLOW_MARKER) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          NAME,
          "flowMarker",
          start,
          marker,
          "0x8000");
    }
    return new FlowPdu(
        in.readUnsignedShortLE(),
        in.readUnsignedByte(),
        in.readUnsignedByte(),
        in.readUnsignedShortLE());
  }

  /** pduTypeFlow's name, e.g. {@code FLOW_TEST}, or {@code unknown (0x..)}. */
  public String pduTypeFlowName() {
    return TYPES.code(pduTypeFlow);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE;
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeShortLE(ShareControlHeader.FLOW_MARKER);
    out.writeShortLE(pduTypeFlow);
    out.writeByte(flowIdentifier);
    out.writeByte(flowNumber);
    out.writeShortLE(pduSource);
  }

  @Override
  public String summary() {
    return pduTypeFlowName() + ", pduSource=" + pduSource;
  }
}
