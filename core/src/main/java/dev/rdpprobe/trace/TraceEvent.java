package dev.rdpprobe.trace;

import java.util.List;
import java.util.Objects;

/**
 * One thing that happened on a connection, in the order it happened. Every event carries its time
 * in nanoseconds since the probe started, its phase, its direction and the number of bytes sent and
 * received on the TCP stream before it.
 *
 * <p>The same events come from a live probe, a captured handshake and a fuzz or replay run, so a
 * diagnosis never needs to know which produced a trace.
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

  /** Nanoseconds since the probe started. */
  long nanos();

  /** The phase the connection was in. */
  Phase phase();

  /** Which way the bytes went. */
  Direction direction();

  /** Bytes we had sent on the TCP stream before this event. */
  long sentOffset();

  /** Bytes we had received on the TCP stream before this event. */
  long receivedOffset();

  /** The byte counts of both directions of a TCP stream at one moment. */
  record Offsets(long sent, long received) {
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
    public long sentOffset() {
      return 0;
    }

    @Override
    public long receivedOffset() {
      return 0;
    }
  }

  /**
   * The TCP connection is up.
   *
   * @param local our address and port
   * @param remote the server's address and port
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
    public long sentOffset() {
      return 0;
    }

    @Override
    public long receivedOffset() {
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
      long sentOffset,
      long receivedOffset,
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
   * @param expected the PDU we waited for
   * @param errorKind the decode error's kind, e.g. {@code INVALID_FIELD}
   * @param error what is wrong and where, in a sentence
   * @param errorOffset the offset of the bad field in {@code raw}
   * @param raw the bytes (a whole frame, or everything pending when framing failed)
   */
  record Undecodable(
      long nanos,
      Phase phase,
      Direction direction,
      long sentOffset,
      long receivedOffset,
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
   * @param detail what was decoded from it, or {@code null} (for the server's Certificate: the
   *     chain's facts and what a validating client would object to)
   */
  record Tls(
      long nanos,
      Phase phase,
      Direction direction,
      long sentOffset,
      long receivedOffset,
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
   * @param cause why we raised it, when we did; empty otherwise
   */
  record TlsAlert(
      long nanos,
      Phase phase,
      Direction direction,
      long sentOffset,
      long receivedOffset,
      String level,
      String description,
      int code,
      String cause)
      implements TraceEvent {}

  /**
   * A fact worth a line in the trace that is not a PDU, e.g. the stop point.
   *
   * @param text the fact, one line
   */
  record Note(long nanos, Phase phase, long sentOffset, long receivedOffset, String text)
      implements TraceEvent {
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
   * @param detail the exact circumstance in words, e.g. the socket error text
   * @param lastSent the name of our last PDU, or empty
   * @param lastReceived the name of the server's last PDU, or empty
   * @param nanosSinceLastSend time since our last send, or -1 if we sent nothing
   * @param nanosSinceLastReceive time since the last byte received, or -1 if none came
   * @param pendingBytes bytes of an incomplete PDU received but not yet decodable
   * @param awaiting the PDU we were waiting for, or empty
   */
  record Closed(
      long nanos,
      Phase phase,
      long sentOffset,
      long receivedOffset,
      CloseKind kind,
      ClosedBy closedBy,
      String detail,
      String lastSent,
      String lastReceived,
      long nanosSinceLastSend,
      long nanosSinceLastReceive,
      int pendingBytes,
      String awaiting)
      implements TraceEvent {
    public Closed {
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(closedBy, "closedBy");
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(lastSent, "lastSent");
      Objects.requireNonNull(lastReceived, "lastReceived");
      Objects.requireNonNull(awaiting, "awaiting");
    }

    @Override
    public Direction direction() {
      return Direction.NONE;
    }

    /** Milliseconds since our last send, or -1. */
    public long millisSinceLastSend() {
      return nanosSinceLastSend < 0 ? -1 : nanosSinceLastSend / 1_000_000;
    }

    /** Milliseconds since the last byte received, or -1. */
    public long millisSinceLastReceive() {
      return nanosSinceLastReceive < 0 ? -1 : nanosSinceLastReceive / 1_000_000;
    }
  }
}
