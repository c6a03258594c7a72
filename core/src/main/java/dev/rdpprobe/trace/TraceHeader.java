package dev.rdpprobe.trace;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a trace came from and who is who in it.
 *
 * @param origin what recorded the trace
 * @param startedAt the wall-clock time of the trace's time 0 (every event's {@code nanos} counts
 *     from it)
 * @param client the client's address and port ({@code 10.0.0.2:50123}), or empty before TCP came up
 * @param server the server's address and port, or empty before it was known
 */
public record TraceHeader(Origin origin, Instant startedAt, String client, String server) {
  /** What recorded a trace. */
  public enum Origin {
    /** A probe of a live server: the client's view. */
    LIVE_PROBE,
    /** A packet capture read afterwards: both sides seen from the wire. */
    CAPTURE,
    /** A captured or recorded handshake replayed against a live server. */
    REPLAY,
    /** One case of a fuzzing campaign. */
    FUZZ_CASE,
    /** The built-in emulator: the server's view. */
    EMULATOR
  }

  public TraceHeader {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(server, "server");
  }

  /** A header for a trace starting now, endpoints not yet known. */
  public static TraceHeader of(Origin origin, Instant startedAt) {
    return new TraceHeader(origin, startedAt, "", "");
  }

  /** This header with the endpoints of the TCP connection. */
  public TraceHeader withEndpoints(String client, String server) {
    return new TraceHeader(origin, startedAt, client, server);
  }

  /** The side that recorded the trace: the client for a probe, the server for the emulator. */
  public ClosedBy recordedBy() {
    return switch (origin) {
      case LIVE_PROBE, REPLAY, FUZZ_CASE -> ClosedBy.CLIENT;
      case EMULATOR -> ClosedBy.SERVER;
      case CAPTURE -> ClosedBy.NONE;
    };
  }

  /** The wall-clock time of an event at {@code nanos} into the trace. */
  public Instant wallClock(long nanos) {
    return startedAt.plusNanos(nanos);
  }
}
