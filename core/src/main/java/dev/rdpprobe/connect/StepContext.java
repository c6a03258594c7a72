package dev.rdpprobe.connect;

import dev.rdpprobe.tls.TlsAlert;
import dev.rdpprobe.tls.TlsMessage;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.mcs.McsPdu;
import io.netty.buffer.ByteBuf;
import java.time.Instant;
import java.util.random.RandomGenerator;

/** What a {@link Step} may do: send, record, learn facts, move on or finish. */
interface StepContext {
  /** The configuration. */
  ConnectorConfig config();

  /** Encodes a PDU, queues its bytes for sending and records it. */
  void send(Pdu pdu);

  /**
   * Sends {@code pdu} and records {@code recordAs}, a copy of the same size with its secrets
   * zeroed.
   */
  void sendRedacted(Pdu pdu, Pdu recordAs);

  /** Sends an MCS PDU in its TPKT and Data TPDU, recorded as {@code recordAs}. */
  void sendMcs(McsPdu carrier, Pdu recordAs);

  /** Records a received PDU, decoded from {@code frame} (whose bytes are kept as raw). */
  void received(Pdu pdu, ByteBuf frame);

  /** Records a frame that did not decode and finishes with {@link CloseKind#MALFORMED_PDU}. */
  void malformed(ByteBuf frame, DecodeException error);

  /** Records a one-line fact. */
  void note(String text);

  /** Queues bytes that a lower layer already traced (TLS records). */
  void sendRaw(byte[] bytes);

  /** Records a TLS handshake message seen by the TLS session. */
  void tlsMessage(TlsMessage message, Object detail);

  /** Records a TLS alert seen by the TLS session. */
  void tlsAlert(TlsAlert alert);

  /** Installs the record layer the rest of the connection runs over. */
  void secure(SecureLayer layer);

  /** The wall-clock time TCP came up, for certificate validity. */
  Instant connectedAt();

  /**
   * The wall-clock time of the input being handled: {@link #connectedAt()} plus the trace time
   * since TCP came up.
   */
  Instant now();

  /** The facts so far. */
  ServerFacts facts();

  /** Replaces the facts. */
  void facts(ServerFacts facts);

  /**
   * The current phase is complete: stop here if it is the stop point, otherwise start {@code next}.
   */
  void phaseComplete(Step next);

  /**
   * {@code pdu}, decoded from {@code frame} and not yet recorded, opens the phase of {@code next}
   * (the server skipped what this step waited for): complete this phase with {@code next} and let
   * it record and take the PDU; if the sequence stops here instead, the PDU is recorded in this
   * phase.
   */
  void passOn(SlowPathStep next, Pdu pdu, ByteBuf frame);

  /**
   * Like {@link #passOn}, for a PDU this step already recorded and held back (the UDP probe's
   * answer was awaited when it came).
   */
  void passOnRecorded(SlowPathStep next, Pdu pdu);

  /**
   * Queues a datagram for the server's UDP port (the port of the TCP connection) and records it;
   * the driver reports what comes back through {@link Step#onDatagram} and {@link
   * Step#onDatagramsEnded}.
   */
  void sendDatagram(Pdu datagram);

  /** Randomness for nonces and sequence numbers. */
  RandomGenerator random();

  /** Ends the sequence: the connector is finished and the connection should close. */
  void finish(CloseKind kind, String detail);
}
