package dev.rdpprobe.trace;

import java.util.List;
import java.util.Objects;

/**
 * One thing that happened on a connection, in the order it happened. Every event carries its time
 * in nanoseconds since the trace started ({@link TraceHeader#startedAt()}), its phase, its
 * direction and the number of bytes each side had sent on the TCP stream before it.
 *
 * <p>The same events come from a live probe, the emulator, a captured handshake and a fuzz or
 * replay run, and they speak of client and server, never of "us": a diagnosis never needs to know
 * which produced a trace.
 */
public sealed interface TraceEvent
    permits TraceEvent.Resolved,
        TraceEvent.Connected,
        TraceEvent.Pdu,
        TraceEvent.Undecodable,
        TraceEvent.Tls,
        TraceEvent.TlsAlert,
        TraceEvent.Note,
        TraceEvent.Closed {

  /** Nanoseconds since the trace started. */
  long nanos();

  /** The phase the connection was in. */
  Phase phase();

  /** Which way the bytes went. */
  Direction direction();

  /** Bytes the client had sent on the TCP stream before this event. */
  long clientOffset();

  /** Bytes the server had sent on the TCP stream before this event. */
  long serverOffset();

  /**
   * The byte counts of both directions of a TCP stream at one moment.
   *
   * @param client bytes the client had sent
   * @param server bytes the server had sent
   */
  record Offsets(long client, long server) {
    /** Nothing sent either way: the start of a stream. */
    public static final Offsets ZERO = new Offsets(0, 0);
  }

  /**
   * The host name resolved.
   *
   * @param host the name asked for
   * @param addresses every address it resolved to, in resolver order
   * @param chosen the address the probe connects to
   */
  record Resolved(long nanos, String host, List<String> addresses, String chosen)
      implements TraceEvent {
    public Resolved {
      Objects.requireNonNull(host, "host");
      addresses = List.copyOf(addresses);
      Objects.requireNonNull(chosen, "chosen");
    }

    @Override
    public Phase phase() {
      return Phase.TCP_CONNECT;
    }

    @Override
    public Direction direction() {
      return Direction.NONE;
    }

    @Override
    public long clientOffset() {
      return 0;
    }

    @Override
    public long serverOffset() {
      return 0;
    }
  }

  /**
   * The TCP connection is up.
   *
   * @param local the recording side's address and port (the client's, for a probe)
   * @param remote the other side's address and port
   * @param transport the socket implementation, e.g. {@code nio} or {@code epoll}
   */
  record Connected(long nanos, String local, String remote, String transport)
      implements TraceEvent {
    @Override
    public Phase phase() {
      return Phase.TCP_CONNECT;
    }

    @Override
    public Direction direction() {
      return Direction.NONE;
    }

    @Override
    public long clientOffset() {
      return 0;
    }

    @Override
    public long serverOffset() {
      return 0;
    }
  }

  /**
   * A whole PDU sent or received, decoded.
   *
   * @param name the PDU's specification name
   * @param summary its key fields in one line
   * @param pdu the decoded record (from {@code dev.rdpprobe.wire}), or {@code null}
   * @param raw the PDU's bytes as they were on the wire (or in the TLS stream)
   */
  record Pdu(
      long nanos,
      Phase phase,
      Direction direction,
      long clientOffset,
      long serverOffset,
      String name,
      String summary,
      Object pdu,
      byte[] raw)
      implements TraceEvent {
    public Pdu {
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(summary, "summary");
      raw = raw.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] raw() {
      return raw.clone();
    }

    /** The number of bytes. */
    public int length() {
      return raw.length;
    }
  }

  /**
   * Bytes that did not decode as the PDU expected.
   *
   * @param expected the PDU the recording side waited for
   * @param errorKind the decode error's kind, e.g. {@code INVALID_FIELD}
   * @param error what is wrong and where, in a sentence
   * @param errorOffset the offset of the bad field in {@code raw}
   * @param raw the bytes (a whole frame, or everything pending when framing failed)
   */
  record Undecodable(
      long nanos,
      Phase phase,
      Direction direction,
      long clientOffset,
      long serverOffset,
      String expected,
      String errorKind,
      String error,
      int errorOffset,
      byte[] raw)
      implements TraceEvent {
    public Undecodable {
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(expected, "expected");
      Objects.requireNonNull(error, "error");
      raw = raw.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] raw() {
      return raw.clone();
    }
  }

  /**
   * A TLS handshake message sent or received.
   *
   * @param message the handshake message type, e.g. {@code ClientHello}
   * @param summary its key fields in one line
   * @param length the message's length in bytes
   * @param encrypted whether the message was protected on the wire (TLS 1.3 after ServerHello)
   * @param detail the decoded message, or {@code null}: a {@code TlsClientHello}, a {@code
   *     TlsServerHello}, and for the server's Certificate a {@code CertificateCheck} (the chain's
   *     facts and what a validating client would object to), all from {@code dev.rdpprobe.tls}
   */
  record Tls(
      long nanos,
      Phase phase,
      Direction direction,
      long clientOffset,
      long serverOffset,
      String message,
      String summary,
      int length,
      boolean encrypted,
      Object detail)
      implements TraceEvent {}

  /**
   * A TLS alert sent or received.
   *
   * @param level {@code warning} or {@code fatal}
   * @param description the alert description's name, e.g. {@code handshake_failure}
   * @param code the alert description's number
   * @param cause why the recording side raised it, when it did; empty otherwise
   */
  record TlsAlert(
      long nanos,
      Phase phase,
      Direction direction,
      long clientOffset,
      long serverOffset,
      String level,
      String description,
      int code,
      String cause)
      implements TraceEvent {}

  /**
   * A fact worth a line in the trace that is not a PDU, e.g. the stop point.
   *
   * @param text the fact, one line
   * @param detail the fact as a typed value when one exists (e.g. the outcome of a credential
   *     check, the end of a UDP probe), or {@code null}
   */
  record Note(
      long nanos, Phase phase, long clientOffset, long serverOffset, String text, Object detail)
      implements TraceEvent {
    public Note {
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(text, "text");
    }

    /** A note without a typed value. */
    public Note(long nanos, Phase phase, long clientOffset, long serverOffset, String text) {
      this(nanos, phase, clientOffset, serverOffset, text, null);
    }

    @Override
    public Direction direction() {
      return Direction.NONE;
    }
  }

  /**
   * How the connection ended. The last event of every trace.
   *
   * @param kind how it ended
   * @param closedBy who ended it
   * @param detail the exact circumstance in words
   * @param lastClientPdu the name of the client's last PDU, or empty
   * @param lastServerPdu the name of the server's last PDU, or empty
   * @param nanosSinceClientSent time since the client's last bytes, or -1 if it sent none
   * @param nanosSinceServerSent time since the server's last bytes, or -1 if it sent none
   * @param pendingBytes bytes of an incomplete PDU received by the recording side but not yet
   *     decodable
   * @param awaiting the PDU the recording side was waiting for, or empty
   * @param exception the socket error as the platform reported it (its type and message), for
   *     experts; empty when none. {@code detail} says the same in plain words
   */
  record Closed(
      long nanos,
      Phase phase,
      long clientOffset,
      long serverOffset,
      CloseKind kind,
      ClosedBy closedBy,
      String detail,
      String lastClientPdu,
      String lastServerPdu,
      long nanosSinceClientSent,
      long nanosSinceServerSent,
      int pendingBytes,
      String awaiting,
      String exception)
      implements TraceEvent {
    public Closed {
      Objects.requireNonNull(exception, "exception");
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(closedBy, "closedBy");
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(lastClientPdu, "lastClientPdu");
      Objects.requireNonNull(lastServerPdu, "lastServerPdu");
      Objects.requireNonNull(awaiting, "awaiting");
    }

    @Override
    public Direction direction() {
      return Direction.NONE;
    }

    /** Milliseconds since the client's last bytes, or -1. */
    public long millisSinceClientSent() {
      return nanosSinceClientSent < 0 ? -1 : nanosSinceClientSent / 1_000_000;
    }

    /** Milliseconds since the server's last bytes, or -1. */
    public long millisSinceServerSent() {
      return nanosSinceServerSent < 0 ? -1 : nanosSinceServerSent / 1_000_000;
    }
  }
}
