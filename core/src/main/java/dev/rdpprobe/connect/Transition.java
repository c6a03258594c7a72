package dev.rdpprobe.connect;

import dev.rdpprobe.rdpsec.SendDataSecurity.Received;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/** What a step's handling of an input leads to: a value the connector acts on. */
sealed interface Transition {
  /** The step goes on waiting. */
  Transition STAY = new Stay();

  /** The step goes on waiting. */
  record Stay() implements Transition {}

  /**
   * The step's phase is complete.
   *
   * @param reached what the sequence knows now: what the next step needs
   * @param opening a server PDU that already belongs to a later phase (the server skipped what this
   *     step waited for), or {@code null}
   * @param openingFrame the frame {@code opening} came in, not yet recorded; {@code null} when the
   *     step recorded it already (it held it back)
   * @param openingEnvelope how {@code opening} was protected (Standard RDP Security), or {@code
   *     null}
   */
  record Complete(
      SequenceState reached, Pdu opening, ByteBuf openingFrame, Received openingEnvelope)
      implements Transition {
    public Complete {
      Objects.requireNonNull(reached, "reached");
    }

    /** Complete without an envelope. */
    public Complete(SequenceState reached, Pdu opening, ByteBuf openingFrame) {
      this(reached, opening, openingFrame, null);
    }
  }

  /** The sequence ends here: the connection should close. */
  record Finish(CloseKind kind, String detail) implements Transition {
    public Finish {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** The phase is complete. */
  static Transition complete(SequenceState reached) {
    return new Complete(reached, null, null);
  }

  /** The phase is complete, and {@code pdu}, not yet recorded, opens the next one. */
  static Transition handOver(SequenceState reached, Pdu pdu, ByteBuf frame) {
    return new Complete(reached, pdu, frame);
  }

  /** {@link #handOver(SequenceState, Pdu, ByteBuf)} for a PDU that came protected. */
  static Transition handOver(SequenceState reached, Pdu pdu, ByteBuf frame, Received envelope) {
    return new Complete(reached, pdu, frame, envelope);
  }

  /** The sequence ends. */
  static Transition finish(CloseKind kind, String detail) {
    return new Finish(kind, detail);
  }
}
