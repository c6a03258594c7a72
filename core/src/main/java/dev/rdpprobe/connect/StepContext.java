package dev.rdpprobe.connect;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;

/** What a {@link Step} may do: send, record, learn facts, move on or finish. */
interface StepContext {
  /** The configuration. */
  ConnectorConfig config();

  /** Encodes a PDU, queues its bytes for sending and records it. */
  void send(Pdu pdu);

  /** Records a received PDU, decoded from {@code frame} (whose bytes are kept as raw). */
  void received(Pdu pdu, ByteBuf frame);

  /** Records a frame that did not decode and finishes with {@link CloseKind#MALFORMED_PDU}. */
  void malformed(ByteBuf frame, DecodeException error);

  /** Records a one-line fact. */
  void note(String text);

  /** The facts so far. */
  ServerFacts facts();

  /** Replaces the facts. */
  void facts(ServerFacts facts);

  /**
   * The current phase is complete: stop here if it is the stop point, otherwise start {@code next}.
   */
  void phaseComplete(Step next);

  /** Ends the sequence: the connector is finished and the connection should close. */
  void finish(CloseKind kind, String detail);
}
