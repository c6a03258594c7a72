package dev.rdpprobe.connect;

import dev.rdpprobe.rdpsec.SendDataSecurity;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.mcs.DisconnectProviderUltimatum;
import dev.rdpprobe.wire.mcs.DomainMcsPdu;
import dev.rdpprobe.wire.mcs.McsPdu;
import dev.rdpprobe.wire.mcs.SendDataIndication;
import dev.rdpprobe.wire.sec.RawSecurityPdu;
import dev.rdpprobe.wire.share.SaveSessionInfoPdu;
import dev.rdpprobe.wire.share.SetErrorInfoPdu;
import dev.rdpprobe.wire.slowpath.ServerSlowPath;
import dev.rdpprobe.wire.x224.TpktHeader;
import dev.rdpprobe.wire.x224.X224Data;
import dev.rdpprobe.wire.x224.X224DisconnectRequest;
import dev.rdpprobe.wire.x224.X224Tpdu;
import io.netty.buffer.ByteBuf;

/**
 * Reads the MCS PDU of a frame for the steps after the security upgrade, and handles what ends a
 * connection at any of them: a Disconnect Provider Ultimatum, an X.224 Disconnect Request,
 * malformed bytes. After the Client Info PDU it also reads the PDU a Send Data Indication carries
 * ({@link #decodeSlowPath}) and takes those every phase handles alike ({@link #tookAnyPhasePdu}:
 * Set Error Info, Save Session Info, auto-detect and heartbeat PDUs).
 */
final class McsFrames {
  private McsFrames() {}

  /**
   * What a frame held.
   *
   * @param pdu the PDU, when the frame goes on to the step
   * @param ending the transition that ends the sequence, when the frame ended it (recorded)
   * @param envelope how the PDU was protected under Standard RDP Security, or {@code null}
   */
  record Read<P>(P pdu, Transition ending, SendDataSecurity.Received envelope) {
    static <P> Read<P> of(P pdu) {
      return new Read<>(pdu, null, null);
    }

    static <P> Read<P> ended(Transition ending) {
      return new Read<>(null, ending, null);
    }
  }

  /** The frame's MCS PDU, recorded as received; or the ending when the frame ended the sequence. */
  static Read<McsPdu> read(ByteBuf frame, StepContext ctx) {
    int codeOffset = frame.readerIndex() + TpktHeader.FIXED_PART_SIZE + 1;
    if (frame.readableBytes() > codeOffset - frame.readerIndex()
        && frame.getUnsignedByte(codeOffset) != X224Tpdu.CODE_DATA) {
      X224Tpdu tpdu;
      try {
        tpdu = X224Tpdu.decode(frame.duplicate());
      } catch (DecodeException e) {
        return Read.ended(ctx.malformed(frame, e));
      }
      ctx.received(tpdu, frame);
      String what =
          tpdu instanceof X224DisconnectRequest dr
              ? "the server sent an X.224 Disconnect Request (" + dr.reason() + ")"
              : "the server sent " + tpdu.name() + " where an MCS PDU was due";
      return Read.ended(
          Transition.finish(
              tpdu instanceof X224DisconnectRequest
                  ? CloseKind.REFUSED_BY_SERVER
                  : CloseKind.PROTOCOL_VIOLATION,
              what));
    }
    McsPdu pdu;
    try {
      pdu = McsPdu.decodeFramed(frame.duplicate());
    } catch (DecodeException e) {
      return Read.ended(ctx.malformed(frame, e));
    }
    ctx.received(pdu, frame);
    if (pdu instanceof DisconnectProviderUltimatum dpum) {
      return Read.ended(
          Transition.finish(
              CloseKind.REFUSED_BY_SERVER,
              "the server ended the MCS domain: Disconnect Provider Ultimatum ("
                  + dpum.reason()
                  + ")"));
    }
    return Read.of(pdu);
  }

  /**
   * The PDU a server's Send Data Indication carries after the Client Info PDU, not yet recorded,
   * its user data read through {@code userData} (decrypted and its signature checked under Standard
   * RDP Security); or the ending when the frame ended the sequence (an ultimatum, a Disconnect
   * Request, another MCS PDU, malformed bytes: each recorded here).
   */
  static Read<Pdu> decodeSlowPath(ByteBuf frame, SendDataSecurity userData, StepContext ctx) {
    int choiceOffset = frame.readerIndex() + X224Data.HEADER_SIZE;
    if (!isData(frame)
        || frame.readableBytes() <= X224Data.HEADER_SIZE
        || frame.getUnsignedByte(choiceOffset) >> 2 != DomainMcsPdu.CHOICE_SEND_DATA_INDICATION) {
      Read<McsPdu> other = read(frame, ctx);
      if (other.ending() != null) {
        return Read.ended(other.ending());
      }
      return Read.ended(
          Transition.finish(
              CloseKind.PROTOCOL_VIOLATION,
              "the server sent " + other.pdu().name() + " where a Send Data Indication was due"));
    }
    if (userData.standard().isEmpty()) {
      try {
        return Read.of(ServerSlowPath.decodeFramed(frame.duplicate()).pdu());
      } catch (DecodeException e) {
        return Read.ended(ctx.malformed(frame, e));
      }
    }
    SendDataSecurity.Received received;
    try {
      received = userData.unwrap(SendDataIndication.decodeFramed(frame.duplicate()).userData());
    } catch (DecodeException e) {
      return Read.ended(ctx.malformed(frame, e));
    }
    try {
      Pdu pdu = ServerSlowPath.decode(received.clearUserData().asByteBuf());
      return new Read<>(pdu, null, received);
    } catch (DecodeException e) {
      if (received.badMac()) {
        // the keys are wrong: what the plaintext says is noise, the signature is the evidence
        SlowPathStep.badSignature(ServerSlowPath.NAME, received, ctx);
      }
      return Read.ended(ctx.malformed(frame, e));
    }
  }

  /**
   * Whether a recorded PDU is one any phase takes the same way: a Set Error Info PDU (its ERRINFO
   * is noted; the facts read it from the PDU), a Save Session Info PDU, auto-detect and heartbeat
   * PDUs (recorded, not answered).
   */
  static boolean tookAnyPhasePdu(Pdu pdu, StepContext ctx) {
    if (pdu instanceof SetErrorInfoPdu info) {
      if (!info.errorInfo().equals(dev.rdpprobe.wire.share.ErrorInfo.NONE)) {
        ctx.note("the server reports why it will disconnect: " + info.errorInfo());
      }
      return true;
    }
    return pdu instanceof SaveSessionInfoPdu || pdu instanceof RawSecurityPdu;
  }

  /** Whether a frame is an X.224 Data TPDU (for hints that want to tell). */
  static boolean isData(ByteBuf frame) {
    return frame.readableBytes() > X224Data.HEADER_SIZE - 1
        && frame.getUnsignedByte(frame.readerIndex() + TpktHeader.FIXED_PART_SIZE + 1)
            == X224Tpdu.CODE_DATA;
  }
}
