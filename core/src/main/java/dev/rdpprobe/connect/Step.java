package dev.rdpprobe.connect;

import dev.rdpprobe.trace.Phase;
import io.netty.buffer.ByteBuf;

/**
 * One phase of the connection sequence: what it sends when it starts, how the PDUs it expects are
 * framed, and what it does with each. Steps never touch a socket or a clock.
 */
interface Step {
  /** The phase this step runs. */
  Phase phase();

  /** How the next inbound PDU is framed. */
  FrameHint hint();

  /** The PDU this step waits for, in words, e.g. {@code "X.224 Connection Confirm"}. */
  String awaiting();

  /** Called once when the step becomes current: send the phase's first PDU, if any. */
  void start(StepContext ctx);

  /** Called with each whole frame; the frame's reader index is at its first byte. */
  void onFrame(ByteBuf frame, StepContext ctx);

  /**
   * The peer closed (FIN) or reset the connection while this step ran: what the step can add to the
   * close event's detail, or {@code ""}.
   */
  default String onPeerClosed(boolean reset) {
    return "";
  }

  /** A datagram came back from the server's UDP port (after {@link StepContext#sendDatagram}). */
  default void onDatagram(ByteBuf datagram, StepContext ctx) {}

  /**
   * No more datagrams will come: the driver's UDP timeout passed or the port is unreachable.
   *
   * @param why what ended the wait, e.g. {@code "no answer within 2000 ms"}
   */
  default void onDatagramsEnded(String why, StepContext ctx) {}
}
