package dev.rdpprobe.connect;

import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;

/**
 * A step after the Client Info PDU: every frame is a server Send Data Indication. What ends the
 * sequence is handled by {@link McsFrames#decodeSlowPath}; a PDU that opens a later phase (the
 * server skipped what this step waited for) completes this step, and the step the sequence puts
 * next takes it, so the trace tags it with the phase it belongs to; a PDU any phase takes the same
 * way is handled by {@link McsFrames#tookAnyPhasePdu}; the rest comes to {@link #onPdu}.
 */
abstract class SlowPathStep implements Step {
  @Override
  public final FrameHint hint() {
    return FrameHint.TPKT;
  }

  @Override
  public final Transition onFrame(ByteBuf frame, StepContext ctx) {
    McsFrames.Read<Pdu> read = McsFrames.decodeSlowPath(frame, ctx);
    if (read.ending() != null) {
      return read.ending();
    }
    SequenceState done = completedBy(read.pdu());
    if (done != null) {
      return Transition.handOver(done, read.pdu(), frame);
    }
    return take(read.pdu(), frame, ctx);
  }

  /**
   * Records {@code pdu} in this step's phase (unless {@code frame} is {@code null}: recorded
   * already) and handles it.
   */
  final Transition take(Pdu pdu, ByteBuf frame, StepContext ctx) {
    if (frame != null) {
      ctx.received(pdu, frame);
    }
    if (McsFrames.tookAnyPhasePdu(pdu, ctx)) {
      return Transition.STAY;
    }
    return onPdu(pdu, ctx);
  }

  /**
   * The state this phase completes with when {@code pdu} belongs to a later phase, or {@code null}
   * when it is this phase's.
   */
  SequenceState completedBy(Pdu pdu) {
    return null;
  }

  /** A server PDU of this phase, already recorded. */
  abstract Transition onPdu(Pdu pdu, StepContext ctx);

  /** Records that the probe leaves {@code pdu} unanswered. */
  static Transition unanswered(Pdu pdu, StepContext ctx) {
    ctx.note("not answered: " + pdu.name());
    return Transition.STAY;
  }
}
