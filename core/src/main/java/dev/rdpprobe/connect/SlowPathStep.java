package dev.rdpprobe.connect;

import dev.rdpprobe.facts.BadSignature;
import dev.rdpprobe.rdpsec.SendDataSecurity;
import dev.rdpprobe.rdpsec.SendDataSecurity.Received;
import dev.rdpprobe.rdpsec.Unprotected;
import dev.rdpprobe.trace.Direction;
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

  /** The channels joined: the ids the step sends on, and how their user data travels. */
  abstract SequenceState.ChannelsJoined channels();

  @Override
  public final Transition onFrame(ByteBuf frame, StepContext ctx) {
    McsFrames.Read<Pdu> read = McsFrames.decodeSlowPath(frame, channels().userData(), ctx);
    if (read.ending() != null) {
      return read.ending();
    }
    SequenceState done = completedBy(read.pdu());
    if (done != null) {
      return Transition.handOver(done, read.pdu(), frame, read.envelope());
    }
    return take(read.pdu(), frame, read.envelope(), ctx);
  }

  /**
   * Records {@code pdu} in this step's phase (unless {@code frame} is {@code null}: recorded
   * already) and handles it.
   *
   * @param envelope how it was protected under Standard RDP Security, or {@code null}
   */
  final Transition take(Pdu pdu, ByteBuf frame, Received envelope, StepContext ctx) {
    if (frame != null) {
      record(pdu, frame, envelope, ctx);
    }
    if (McsFrames.tookAnyPhasePdu(pdu, ctx)) {
      return Transition.STAY;
    }
    return onPdu(pdu, ctx);
  }

  /**
   * Records a received PDU, with how it was protected in its summary; a signature that does not
   * check, and a PDU in the clear where the level encrypts, are noted after it as evidence.
   */
  static void record(Pdu pdu, ByteBuf frame, Received envelope, StepContext ctx) {
    String protection = envelope == null ? "" : SendDataSecurity.describe(envelope);
    ctx.received(
        pdu, frame, protection.isEmpty() ? pdu.summary() : pdu.summary() + " [" + protection + "]");
    if (envelope == null) {
      return;
    }
    if (envelope.badMac()) {
      badSignature(pdu.name(), envelope, ctx);
    }
  }

  /** Notes a server PDU whose signature does not check. */
  static void badSignature(String pdu, Received envelope, StepContext ctx) {
    Unprotected u = envelope.envelope();
    ctx.note(
        "the server's "
            + pdu
            + " (its PDU #"
            + u.encryptionCount()
            + ") carries a "
            + (u.salted() ? "salted " : "")
            + "signature that does not check: the two ends' keys or counts differ",
        new BadSignature(Direction.SERVER_TO_CLIENT, pdu, u.encryptionCount(), u.salted()));
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
