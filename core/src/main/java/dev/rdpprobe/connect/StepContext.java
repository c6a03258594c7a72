package dev.rdpprobe.connect;

import dev.rdpprobe.tls.TlsAlert;
import dev.rdpprobe.tls.TlsMessage;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.mcs.McsPdu;
import io.netty.buffer.ByteBuf;
import java.time.Instant;
import java.util.random.RandomGenerator;

/** What a {@link Step} may do: send and record, with the connection's clock and randomness. */
interface StepContext {
  /** Encodes a PDU, records it and queues its bytes for sending. */
  void send(Pdu pdu);

  /**
   * Sends {@code pdu} and records {@code recordAs}, a copy of the same size with its secrets
   * zeroed.
   */
  void sendRedacted(Pdu pdu, Pdu recordAs);

  /** Sends an MCS PDU in its TPKT and Data TPDU, recorded as {@code recordAs}. */
  void sendMcs(McsPdu carrier, Pdu recordAs);

  /** Sends an MCS PDU like {@link #sendMcs(McsPdu, Pdu)}, recorded with {@code summary}. */
  void sendMcs(McsPdu carrier, Pdu recordAs, String summary);

  /** Sends records a lower layer traced already (a TLS handshake flight). */
  void sendRecords(byte[] records);

  /**
   * Queues a datagram for the server's UDP port (the port of the TCP connection) and records it;
   * the driver reports what comes back through {@link Step#onDatagram} and {@link
   * Step#onDatagramsEnded}.
   */
  void sendDatagram(Pdu datagram);

  /** Records a received PDU, decoded from {@code frame} (whose bytes are kept as raw). */
  void received(Pdu pdu, ByteBuf frame);

  /** Records a received PDU with {@code summary} in place of its own. */
  void received(Pdu pdu, ByteBuf frame, String summary);

  /**
   * Records a frame that did not decode as the awaited PDU.
   *
   * @return the transition that ends the sequence with {@code MALFORMED_PDU}
   */
  Transition malformed(ByteBuf frame, DecodeException error);

  /** Records a one-line fact. */
  void note(String text);

  /** Records a one-line fact and its typed value, which the facts of the trace read. */
  void note(String text, Object detail);

  /** Records a TLS handshake message seen by the TLS session. */
  void tlsMessage(TlsMessage message, Object detail);

  /** Records a TLS alert seen by the TLS session. */
  void tlsAlert(TlsAlert alert);

  /** Installs the record layer the rest of the connection runs over. */
  void secure(SecureLayer layer);

  /** The wall-clock time of the input being handled. */
  Instant now();

  /** Randomness for nonces and sequence numbers. */
  RandomGenerator random();
}
