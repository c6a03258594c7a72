package dev.rdpprobe.connect;

import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;

/**
 * A step after the Client Info PDU: every frame is a server Send Data Indication whose PDU {@link
 * McsFrames#readSlowPath} records; what ends the sequence or needs no answer is handled there, the
 * rest comes to {@link #onPdu}.
 */
abstract class SlowPathStep implements Step {
  @Override
  public final FrameHint hint() {
    return FrameHint.TPKT;
  }

  @Override
  public final void onFrame(ByteBuf frame, StepContext ctx) {
    Pdu pdu = McsFrames.readSlowPath(frame, ctx);
    if (pdu != null) {
      onPdu(pdu, ctx);
    }
  }

  /** A server PDU, already recorded. */
  abstract void onPdu(Pdu pdu, StepContext ctx);

  /** Records that the probe leaves {@code pdu} unanswered. */
  static void unanswered(Pdu pdu, StepContext ctx) {
    ctx.note("not answered: " + pdu.name());
  }
}
