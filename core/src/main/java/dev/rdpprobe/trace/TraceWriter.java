package dev.rdpprobe.trace;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes one connection's trace as it happens, for whoever records it: the client connector, the
 * emulator's server connector, a capture's dissector, a test. It keeps what every event needs and
 * no recorder should work out twice: the clock, the phase, the byte count of each direction, the
 * last PDU each way and when each side last sent, so that every event and the close agree with each
 * other.
 *
 * <p>Counting bytes ({@link #count}) and recording what they were ({@link #pdu}) are separate: a
 * live connector counts bytes when they go on or come off the wire and records a PDU once it is
 * whole; a capture counts what the segments carried.
 *
 * <p>Not thread-safe: one connection's trace is written on one thread.
 */
public final class TraceWriter {
  private final TraceRecorder recorder;
  private TraceHeader header;
  private Phase phase = Phase.TCP_CONNECT;
  private long now;
  private long clientBytes;
  private long serverBytes;
  private long lastClientNanos = -1;
  private long lastServerNanos = -1;
  private String lastClientPdu = "";
  private String lastServerPdu = "";
  private int inboundInARow;

  /**
   * A writer that hands every event to {@code sink}; a sink that throws is reported to {@code
   * sinkFailure} and never stops the recording.
   */
  public TraceWriter(
      TraceHeader header, Consumer<TraceEvent> sink, Consumer<RuntimeException> sinkFailure) {
    this.header = Objects.requireNonNull(header, "header");
    this.recorder = new TraceRecorder(sink, sinkFailure);
  }

  /** A writer without a sink. */
  public TraceWriter(TraceHeader header) {
    this(header, e -> {}, e -> {});
  }

  // ---- clock, phase, counts -------------------------------------------------------------------

  /** Sets the time of what is recorded next, in nanoseconds since the trace started. */
  public void at(long nanos) {
    this.now = nanos;
  }

  /** The time of what is recorded next. */
  public long now() {
    return now;
  }

  /** The phase the connection is in. */
  public Phase phase() {
    return phase;
  }

  /** Moves to another phase. */
  public void phase(Phase phase) {
    this.phase = Objects.requireNonNull(phase, "phase");
  }

  /** The trace's header so far. */
  public TraceHeader header() {
    return header;
  }

  /**
   * Counts {@code n} bytes that went {@code direction} on the TCP stream now: they move that
   * direction's offset and are that side's last bytes.
   */
  public void count(Direction direction, long n) {
    if (n <= 0) {
      return;
    }
    switch (direction) {
      case CLIENT_TO_SERVER -> {
        clientBytes += n;
        lastClientNanos = now;
      }
      case SERVER_TO_CLIENT -> {
        serverBytes += n;
        lastServerNanos = now;
      }
      case NONE -> throw new IllegalArgumentException("bytes go one way or the other");
    }
  }

  /** The bytes each side has sent so far. */
  public TraceEvent.Offsets offsets() {
    return new TraceEvent.Offsets(clientBytes, serverBytes);
  }

  /** The bytes that went {@code direction} so far. */
  public long offset(Direction direction) {
    return direction == Direction.CLIENT_TO_SERVER ? clientBytes : serverBytes;
  }

  /**
   * How many events the side that is not the recording one caused in a row, with nothing sent in
   * answer: what tells a flood from a conversation ({@link
   * dev.rdpprobe.wire.Limits#IGNORED_IN_A_ROW}).
   */
  public int inboundInARow() {
    return inboundInARow;
  }

  /** The name of the last PDU or TLS message that went {@code direction}, or empty. */
  public String lastPdu(Direction direction) {
    return direction == Direction.CLIENT_TO_SERVER ? lastClientPdu : lastServerPdu;
  }

  // ---- events ---------------------------------------------------------------------------------

  /** {@code host} resolved to {@code addresses}; the connection goes to {@code chosen}. */
  public void resolved(String host, List<String> addresses, String chosen) {
    recorder.record(new TraceEvent.Resolved(now, host, addresses, chosen));
  }

  /** The endpoints of the TCP connection, for the header, without an event. */
  public void endpoints(String client, String server) {
    header = header.withEndpoints(client, server);
  }

  /**
   * TCP is up between {@code local} (the recording side) and {@code remote}; the header learns who
   * is the client and who the server.
   */
  public void connected(String local, String remote, String transport) {
    header =
        header.recordedBy() == ClosedBy.SERVER
            ? header.withEndpoints(remote, local)
            : header.withEndpoints(local, remote);
    recorder.record(new TraceEvent.Connected(now, local, remote, transport));
  }

  /**
   * A whole PDU that went {@code direction}, starting at byte {@code start} of that direction's
   * stream.
   */
  public void pdu(
      Direction direction, long start, String name, String summary, Object pdu, byte[] raw) {
    recorder.record(
        new TraceEvent.Pdu(
            now,
            phase,
            direction,
            direction == Direction.CLIENT_TO_SERVER ? start : clientBytes,
            direction == Direction.SERVER_TO_CLIENT ? start : serverBytes,
            name,
            summary,
            pdu,
            raw));
    named(direction, name);
    went(direction);
  }

  /** Bytes that went {@code direction}, starting at byte {@code start}, that did not decode. */
  public void undecodable(
      Direction direction,
      long start,
      String expected,
      String errorKind,
      String error,
      int errorOffset,
      byte[] raw) {
    recorder.record(
        new TraceEvent.Undecodable(
            now,
            phase,
            direction,
            direction == Direction.CLIENT_TO_SERVER ? start : clientBytes,
            direction == Direction.SERVER_TO_CLIENT ? start : serverBytes,
            expected,
            errorKind,
            error,
            errorOffset,
            raw));
    went(direction);
  }

  /** A TLS handshake message that went {@code direction}. */
  public void tls(
      Direction direction,
      String message,
      String summary,
      int length,
      boolean encrypted,
      Object detail) {
    recorder.record(
        new TraceEvent.Tls(
            now,
            phase,
            direction,
            clientBytes,
            serverBytes,
            message,
            summary,
            length,
            encrypted,
            detail));
    named(direction, "TLS " + message);
    went(direction);
  }

  /** A TLS alert that went {@code direction}. */
  public void tlsAlert(
      Direction direction, String level, String description, int code, String cause) {
    recorder.record(
        new TraceEvent.TlsAlert(
            now, phase, direction, clientBytes, serverBytes, level, description, code, cause));
    went(direction);
  }

  /** A one-line fact. */
  public void note(String text) {
    note(text, null);
  }

  /** A one-line fact and its typed value. */
  public void note(String text, Object detail) {
    recorder.record(new TraceEvent.Note(now, phase, clientBytes, serverBytes, text, detail));
  }

  /** Any event built elsewhere (a test's, a replayed one). */
  public void record(TraceEvent event) {
    recorder.record(event);
  }

  /**
   * How the connection ended; the first call wins, later ones are ignored.
   *
   * @param pendingBytes bytes of an incomplete PDU the recording side holds
   * @param awaiting the PDU the recording side waited for, or empty
   * @return whether this call recorded the close
   */
  public boolean close(
      CloseKind kind, ClosedBy closedBy, String detail, int pendingBytes, String awaiting) {
    return close(kind, closedBy, detail, pendingBytes, awaiting, "");
  }

  /**
   * How the connection ended, with the platform's report of the socket error ({@code exception},
   * empty when none); the first call wins.
   */
  public boolean close(
      CloseKind kind,
      ClosedBy closedBy,
      String detail,
      int pendingBytes,
      String awaiting,
      String exception) {
    return recorder.record(
        new TraceEvent.Closed(
            now,
            phase,
            clientBytes,
            serverBytes,
            kind,
            closedBy,
            detail,
            lastClientPdu,
            lastServerPdu,
            lastClientNanos < 0 ? -1 : now - lastClientNanos,
            lastServerNanos < 0 ? -1 : now - lastServerNanos,
            pendingBytes,
            awaiting,
            exception));
  }

  /** Whether the close has been recorded. */
  public boolean isClosed() {
    return recorder.isClosed();
  }

  /** The trace so far. */
  public Trace trace() {
    return new Trace(header, recorder.events());
  }

  /** Counts an event that went {@code direction} towards {@link #inboundInARow()}. */
  private void went(Direction direction) {
    Direction own = header.recordedBy().sends();
    if (direction == Direction.NONE || own == Direction.NONE) {
      return;
    }
    inboundInARow = direction == own ? 0 : inboundInARow + 1;
  }

  private void named(Direction direction, String name) {
    if (direction == Direction.CLIENT_TO_SERVER) {
      lastClientPdu = name;
    } else if (direction == Direction.SERVER_TO_CLIENT) {
      lastServerPdu = name;
    }
  }
}
