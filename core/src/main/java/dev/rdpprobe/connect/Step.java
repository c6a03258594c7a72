package dev.rdpprobe.connect;

import dev.rdpprobe.trace.Phase;
import io.netty.buffer.ByteBuf;

/**
 * One phase of the connection sequence: what it sends when it starts, how the PDUs it expects are
 * framed, and what it makes of each, as a {@link Transition}. A step is built from the {@link
 * SequenceState} before it and never touches a socket or a clock, so a test can build one directly.
 */
interface Step {
  /** The phase this step runs. */
  Phase phase();

  /** How the next inbound PDU is framed. */
  FrameHint hint();

  /** The PDU this step waits for, in words, e.g. {@code "X.224 Connection Confirm"}. */
  String awaiting();

  /** Called once when the step becomes current: send the phase's first PDU, if any. */
  Transition start(StepContext ctx);

  /** Called with each whole frame; the frame's reader index is at its first byte. */
  Transition onFrame(ByteBuf frame, StepContext ctx);

  /**
   * The peer closed (FIN) or reset the connection while this step ran: what the step can add to the
   * close event's detail, or {@code ""}. The step may record what the ending means first.
   */
  default String onPeerClosed(boolean reset, StepContext ctx) {
    return "";
  }

  /** A datagram came back from the server's UDP port (after {@link StepContext#sendDatagram}). */
  default Transition onDatagram(ByteBuf datagram, StepContext ctx) {
    return Transition.STAY;
  }

  /**
   * No more datagrams will come: the driver's UDP timeout passed or the port is unreachable.
   *
   * @param why what ended the wait, e.g. {@code "no answer within 2000 ms"}
   */
  default Transition onDatagramsEnded(String why, StepContext ctx) {
    return Transition.STAY;
  }
}
