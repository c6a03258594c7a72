package dev.rdpprobe.connect;

import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;

/**
 * A step after the Client Info PDU: every frame is a server Send Data Indication. What ends the
 * sequence is handled by {@link McsFrames#decodeSlowPath}; a PDU that opens a later phase (the
 * server skipped what this step waited for) goes to that phase's step, so the trace tags it with
 * the phase it belongs to; a PDU any phase takes the same way is handled by {@link
 * McsFrames#tookAnyPhasePdu}; the rest comes to {@link #onPdu}.
 */
abstract class SlowPathStep implements Step {
  @Override
  public final FrameHint hint() {
    return FrameHint.TPKT;
  }

  @Override
  public final void onFrame(ByteBuf frame, StepContext ctx) {
    Pdu pdu = McsFrames.decodeSlowPath(frame, ctx);
    if (pdu == null) {
      return;
    }
    SlowPathStep next = successor(pdu);
    if (next != null) {
      ctx.passOn(next, pdu, frame);
      return;
    }
    take(pdu, frame, ctx);
  }

  /** Records {@code pdu} in this step's phase and handles it. */
  final void take(Pdu pdu, ByteBuf frame, StepContext ctx) {
    ctx.received(pdu, frame);
    if (!McsFrames.tookAnyPhasePdu(pdu, ctx)) {
      onPdu(pdu, ctx);
    }
  }

  /** The step of the later phase {@code pdu} opens, or {@code null} when it is this phase's. */
  SlowPathStep successor(Pdu pdu) {
    return null;
  }

  /** A server PDU of this phase, already recorded. */
  abstract void onPdu(Pdu pdu, StepContext ctx);

  /** Records that the probe leaves {@code pdu} unanswered. */
  static void unanswered(Pdu pdu, StepContext ctx) {
    ctx.note("not answered: " + pdu.name());
  }
}
