package dev.rdpprobe.testing;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.x224.NegotiationRequest;
import dev.rdpprobe.wire.x224.NegotiationResult;
import dev.rdpprobe.wire.x224.RequestToken;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds synthetic traces the way the connector records them: it keeps the clock, the phase, the
 * byte offsets of both directions, the last PDUs and what is awaited, so a test writes only the
 * story ({@code connected(); connectionRequest(SSL); after(12); close(PEER_RST)}) and gets events
 * whose offsets and timings agree with each other.
 */
public final class TraceBuilder {
  /** The TLS record header in front of every handshake message on the wire. */
  private static final int TLS_RECORD_HEADER = 5;

  private final List<TraceEvent> events = new ArrayList<>();
  private long now;
  private Phase phase = Phase.TCP_CONNECT;
  private long sent;
  private long received;
  private long lastSendNanos = -1;
  private long lastReceiveNanos = -1;
  private String lastSent = "";
  private String lastReceived = "";
  private String awaiting = "";
  private int pending;

  /** An empty trace at time 0 in TCP_CONNECT. */
  public static TraceBuilder start() {
    return new TraceBuilder();
  }

  /** Lets {@code millis} pass. */
  public TraceBuilder after(long millis) {
    now += millis * 1_000_000L;
    return this;
  }

  /** Lets {@code nanos} pass. */
  public TraceBuilder afterNanos(long nanos) {
    now += nanos;
    return this;
  }

  /** Moves to another phase. */
  public TraceBuilder phase(Phase phase) {
    this.phase = phase;
    return this;
  }

  /** Sets the PDU the connector waits for ({@code ""}: nothing). */
  public TraceBuilder awaiting(String pdu) {
    this.awaiting = pdu;
    return this;
  }

  /** {@code host} resolved to {@code address}. */
  public TraceBuilder resolved(String host, String address) {
    events.add(new TraceEvent.Resolved(now, host, List.of(address), address));
    return this;
  }

  /** TCP is up; the next phase is X224_NEGOTIATION. */
  public TraceBuilder connected() {
    events.add(new TraceEvent.Connected(now, "127.0.0.1:50000", "127.0.0.1:3389", "nio"));
    phase = Phase.X224_NEGOTIATION;
    return this;
  }

  /** Sends a Connection Request offering {@code offer}; awaits the Connection Confirm. */
  public TraceBuilder connectionRequest(SecurityProtocols offer) {
    send(X224ConnectionRequest.of(new RequestToken.Cookie("probe"), NegotiationRequest.of(offer)));
    return awaiting(X224ConnectionConfirm.NAME);
  }

  /** Receives a Connection Confirm carrying {@code negotiation} (or none). */
  public TraceBuilder connectionConfirm(NegotiationResult negotiation) {
    receive(X224ConnectionConfirm.of(negotiation));
    return awaiting("");
  }

  /** Records a PDU we sent, with its encoded bytes. */
  public TraceBuilder send(Pdu pdu) {
    return send(pdu.name(), pdu.summary(), pdu, encode(pdu));
  }

  /** Records a PDU we sent. */
  public TraceBuilder send(String name, String summary, Object pdu, byte[] raw) {
    events.add(
        new TraceEvent.Pdu(now, phase, Direction.SENT, sent, received, name, summary, pdu, raw));
    sent += raw.length;
    lastSendNanos = now;
    lastSent = name;
    return this;
  }

  /** Records a PDU we received, with its encoded bytes. */
  public TraceBuilder receive(Pdu pdu) {
    return receive(pdu.name(), pdu.summary(), pdu, encode(pdu));
  }

  /** Records a PDU we received. */
  public TraceBuilder receive(String name, String summary, Object pdu, byte[] raw) {
    events.add(
        new TraceEvent.Pdu(
            now, phase, Direction.RECEIVED, sent, received, name, summary, pdu, raw));
    received += raw.length;
    lastReceiveNanos = now;
    lastReceived = name;
    return this;
  }

  /** Bytes of a PDU that has not arrived whole; they stay pending. */
  public TraceBuilder receivePartial(int n) {
    received += n;
    pending += n;
    lastReceiveNanos = now;
    return this;
  }

  /** Bytes that did not decode as the awaited PDU. */
  public TraceBuilder undecodable(byte[] raw) {
    events.add(
        new TraceEvent.Undecodable(
            now,
            phase,
            Direction.RECEIVED,
            sent,
            received,
            awaiting.isEmpty() ? "PDU" : awaiting,
            "UNEXPECTED_MESSAGE_TYPE",
            "the server sent bytes that do not decode",
            0,
            raw));
    received += raw.length;
    lastReceiveNanos = now;
    return this;
  }

  /** A TLS handshake message, in its own record. */
  public TraceBuilder tls(Direction direction, String message, String summary, int length) {
    events.add(
        new TraceEvent.Tls(
            now, phase, direction, sent, received, message, summary, length, false, null));
    if (direction == Direction.SENT) {
      sent += length + TLS_RECORD_HEADER;
      lastSendNanos = now;
    } else {
      received += length + TLS_RECORD_HEADER;
      lastReceiveNanos = now;
    }
    return this;
  }

  /** The server's Certificate message, carrying the TLS step's check of the chain. */
  public TraceBuilder certificate(dev.rdpprobe.tls.CertificateCheck check) {
    events.add(
        new TraceEvent.Tls(
            now, phase, Direction.RECEIVED, sent, received, "Certificate", "", 900, false, check));
    received += 900 + TLS_RECORD_HEADER;
    lastReceiveNanos = now;
    return this;
  }

  /** Our ClientHello: TLS_HANDSHAKE, awaiting the ServerHello. */
  public TraceBuilder clientHello(int length) {
    phase = Phase.TLS_HANDSHAKE;
    tls(Direction.SENT, "ClientHello", "versions=TLSv1.2,TLSv1.3", length);
    return awaiting("ServerHello");
  }

  /** A TLS alert, in its own 2-byte record. */
  public TraceBuilder alert(Direction direction, String level, String description, int code) {
    events.add(
        new TraceEvent.TlsAlert(
            now, phase, direction, sent, received, level, description, code, ""));
    if (direction == Direction.SENT) {
      sent += 2 + TLS_RECORD_HEADER;
      lastSendNanos = now;
    } else {
      received += 2 + TLS_RECORD_HEADER;
      lastReceiveNanos = now;
    }
    return this;
  }

  /** A note. */
  public TraceBuilder note(String text) {
    events.add(new TraceEvent.Note(now, phase, sent, received, text));
    return this;
  }

  /** Ends the trace with a close of {@code kind}, closed by whom the kind says. */
  public Trace close(CloseKind kind) {
    return close(kind, kind.closedBy(), kind.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** Ends the trace. */
  public Trace close(CloseKind kind, ClosedBy by, String detail) {
    events.add(
        new TraceEvent.Closed(
            now,
            phase,
            sent,
            received,
            kind,
            by,
            detail,
            lastSent,
            lastReceived,
            lastSendNanos < 0 ? -1 : now - lastSendNanos,
            lastReceiveNanos < 0 ? -1 : now - lastReceiveNanos,
            pending,
            awaiting));
    return new Trace(events);
  }

  /** The events so far (for building a trace that has not ended). */
  public Trace unfinished() {
    return new Trace(events);
  }

  private static byte[] encode(Pdu pdu) {
    ByteBuf buf = Unpooled.buffer(pdu.size());
    try {
      pdu.encode(buf);
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }
}
