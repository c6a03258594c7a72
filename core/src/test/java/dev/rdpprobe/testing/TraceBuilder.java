package dev.rdpprobe.testing;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceHeader;
import dev.rdpprobe.trace.TraceWriter;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.x224.NegotiationRequest;
import dev.rdpprobe.wire.x224.NegotiationResult;
import dev.rdpprobe.wire.x224.RequestToken;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import java.time.Instant;
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

  private final TraceWriter trace =
      new TraceWriter(TraceHeader.of(TraceHeader.Origin.LIVE_PROBE, Instant.EPOCH));
  private String awaiting = "";
  private int pending;

  /** An empty trace at time 0 in TCP_CONNECT. */
  public static TraceBuilder start() {
    return new TraceBuilder();
  }

  /** Lets {@code millis} pass. */
  public TraceBuilder after(long millis) {
    return afterNanos(millis * 1_000_000L);
  }

  /** Lets {@code nanos} pass. */
  public TraceBuilder afterNanos(long nanos) {
    trace.at(trace.now() + nanos);
    return this;
  }

  /** Moves to another phase. */
  public TraceBuilder phase(Phase phase) {
    trace.phase(phase);
    return this;
  }

  /** Sets the PDU the connector waits for ({@code ""}: nothing). */
  public TraceBuilder awaiting(String pdu) {
    this.awaiting = pdu;
    return this;
  }

  /** {@code host} resolved to {@code address}. */
  public TraceBuilder resolved(String host, String address) {
    trace.resolved(host, List.of(address), address);
    return this;
  }

  /** TCP is up; the next phase is X224_NEGOTIATION. */
  public TraceBuilder connected() {
    trace.connected("127.0.0.1:50000", "127.0.0.1:3389", "nio");
    trace.phase(Phase.X224_NEGOTIATION);
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
    return pdu(Direction.CLIENT_TO_SERVER, name, summary, pdu, raw);
  }

  /** Records a PDU we received, with its encoded bytes. */
  public TraceBuilder receive(Pdu pdu) {
    return receive(pdu.name(), pdu.summary(), pdu, encode(pdu));
  }

  /** Records a PDU we received. */
  public TraceBuilder receive(String name, String summary, Object pdu, byte[] raw) {
    return pdu(Direction.SERVER_TO_CLIENT, name, summary, pdu, raw);
  }

  private TraceBuilder pdu(Direction d, String name, String summary, Object pdu, byte[] raw) {
    trace.pdu(d, trace.offset(d), name, summary, pdu, raw);
    trace.count(d, raw.length);
    return this;
  }

  /** Bytes of a PDU that has not arrived whole; they stay pending. */
  public TraceBuilder receivePartial(int n) {
    trace.count(Direction.SERVER_TO_CLIENT, n);
    pending += n;
    return this;
  }

  /** Bytes that did not decode as the awaited PDU. */
  public TraceBuilder undecodable(byte[] raw) {
    trace.undecodable(
        Direction.SERVER_TO_CLIENT,
        trace.offset(Direction.SERVER_TO_CLIENT),
        awaiting.isEmpty() ? "PDU" : awaiting,
        "UNEXPECTED_MESSAGE_TYPE",
        "the server sent bytes that do not decode",
        0,
        raw);
    trace.count(Direction.SERVER_TO_CLIENT, raw.length);
    return this;
  }

  /** A TLS handshake message, in its own record. */
  public TraceBuilder tls(Direction direction, String message, String summary, int length) {
    trace.tls(direction, message, summary, length, false, null);
    trace.count(direction, length + TLS_RECORD_HEADER);
    return this;
  }

  /** The server's ServerHello, carrying its decoded record (the version and suite it chose). */
  public TraceBuilder serverHello(dev.rdpprobe.tls.TlsServerHello hello) {
    trace.tls(
        Direction.SERVER_TO_CLIENT, "ServerHello", hello.summary(), hello.size() + 4, false, hello);
    trace.count(Direction.SERVER_TO_CLIENT, hello.size() + 4 + TLS_RECORD_HEADER);
    return this;
  }

  /** The server's Certificate message, carrying the TLS step's check of the chain. */
  public TraceBuilder certificate(dev.rdpprobe.tls.CertificateCheck check) {
    trace.tls(Direction.SERVER_TO_CLIENT, "Certificate", "", 900, false, check);
    trace.count(Direction.SERVER_TO_CLIENT, 900 + TLS_RECORD_HEADER);
    return this;
  }

  /** Our ClientHello: TLS_HANDSHAKE, awaiting the ServerHello. */
  public TraceBuilder clientHello(int length) {
    trace.phase(Phase.TLS_HANDSHAKE);
    tls(Direction.CLIENT_TO_SERVER, "ClientHello", "versions=TLSv1.2,TLSv1.3", length);
    return awaiting("ServerHello");
  }

  /** A TLS alert, in its own 2-byte record. */
  public TraceBuilder alert(Direction direction, String level, String description, int code) {
    trace.tlsAlert(direction, level, description, code, "");
    trace.count(direction, 2 + TLS_RECORD_HEADER);
    return this;
  }

  /** A note. */
  public TraceBuilder note(String text) {
    trace.note(text);
    return this;
  }

  /** Ends the trace with a close of {@code kind}, closed by whom the kind says. */
  public Trace close(CloseKind kind) {
    return close(kind, kind.closedBy(), kind.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** Ends the trace. */
  public Trace close(CloseKind kind, ClosedBy by, String detail) {
    trace.close(kind, by, detail, pending, awaiting);
    return trace.trace();
  }

  /** The events so far (for building a trace that has not ended). */
  public Trace unfinished() {
    return trace.trace();
  }

  private static byte[] encode(Pdu pdu) {
    return Octets.encode(pdu).toByteArray();
  }
}
