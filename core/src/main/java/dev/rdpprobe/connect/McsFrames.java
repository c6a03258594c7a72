package dev.rdpprobe.connect;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.mcs.DisconnectProviderUltimatum;
import dev.rdpprobe.wire.mcs.McsPdu;
import dev.rdpprobe.wire.x224.TpktHeader;
import dev.rdpprobe.wire.x224.X224Data;
import dev.rdpprobe.wire.x224.X224DisconnectRequest;
import dev.rdpprobe.wire.x224.X224Tpdu;
import io.netty.buffer.ByteBuf;

/**
 * Reads the MCS PDU of a frame for the steps after the security upgrade, and handles what ends a
 * connection at any of them: a Disconnect Provider Ultimatum, an X.224 Disconnect Request,
 * malformed bytes.
 */
final class McsFrames {
  private McsFrames() {}

  /**
   * The frame's MCS PDU, recorded as received; or {@code null} when the frame ended the sequence
   * (the step returns at once).
   */
  static McsPdu read(ByteBuf frame, StepContext ctx) {
    int codeOffset = frame.readerIndex() + TpktHeader.FIXED_PART_SIZE + 1;
    if (frame.readableBytes() > codeOffset - frame.readerIndex()
        && frame.getUnsignedByte(codeOffset) != X224Tpdu.CODE_DATA) {
      X224Tpdu tpdu;
      try {
        tpdu = X224Tpdu.decode(frame.duplicate());
      } catch (DecodeException e) {
        ctx.malformed(frame, e);
        return null;
      }
      ctx.received(tpdu, frame);
      String what =
          tpdu instanceof X224DisconnectRequest dr
              ? "the server sent an X.224 Disconnect Request (" + dr.reason() + ")"
              : "the server sent " + tpdu.name() + " where an MCS PDU was due";
      ctx.finish(
          tpdu instanceof X224DisconnectRequest
              ? CloseKind.REFUSED_BY_SERVER
              : CloseKind.PROTOCOL_VIOLATION,
          what);
      return null;
    }
    McsPdu pdu;
    try {
      pdu = McsPdu.decodeFramed(frame.duplicate());
    } catch (DecodeException e) {
      ctx.malformed(frame, e);
      return null;
    }
    ctx.received(pdu, frame);
    if (pdu instanceof DisconnectProviderUltimatum dpum) {
      ctx.finish(
          CloseKind.REFUSED_BY_SERVER,
          "the server ended the MCS domain: Disconnect Provider Ultimatum (" + dpum.reason() + ")");
      return null;
    }
    return pdu;
  }

  /** Whether a frame is an X.224 Data TPDU (for hints that want to tell). */
  static boolean isData(ByteBuf frame) {
    return frame.readableBytes() > X224Data.HEADER_SIZE - 1
        && frame.getUnsignedByte(frame.readerIndex() + TpktHeader.FIXED_PART_SIZE + 1)
            == X224Tpdu.CODE_DATA;
  }
}
