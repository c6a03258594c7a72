package dev.rdpprobe.trace;

import dev.rdpprobe.wire.Limits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Keeps the events of one connection as they happen and hands each to a sink (a listener); {@link
 * TraceWriter} builds the events. Not thread-safe: one connection's events are recorded on one
 * thread.
 */
final class TraceRecorder {
  private final List<TraceEvent> events = new ArrayList<>();
  private final Consumer<TraceEvent> sink;
  private final Consumer<RuntimeException> sinkFailure;
  private final Map<String, long[]> surplus = new LinkedHashMap<>();
  private long bytes;
  private boolean closed;

  /**
   * A recorder that hands every event to {@code sink}; a sink that throws is reported to {@code
   * sinkFailure} and never stops the recording.
   */
  TraceRecorder(Consumer<TraceEvent> sink, Consumer<RuntimeException> sinkFailure) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.sinkFailure = Objects.requireNonNull(sinkFailure, "sinkFailure");
  }

  /**
   * Appends an event. After the {@link TraceEvent.Closed} event nothing more is recorded: the close
   * is always last.
   *
   * @return whether the event was recorded
   */
  public boolean record(TraceEvent event) {
    Objects.requireNonNull(event, "event");
    if (closed) {
      return false;
    }
    if (event instanceof TraceEvent.Closed) {
      if (!surplus.isEmpty()) {
        add(summary(event));
      }
      closed = true;
    } else if (events.size() >= Limits.TRACE_EVENTS || bytes > Limits.TRACE_BYTES) {
      long[] counts = surplus.computeIfAbsent(kindOf(event), k -> new long[2]);
      counts[0]++;
      counts[1] += bytesOf(event);
      return true;
    }
    bytes += bytesOf(event);
    add(event);
    return true;
  }

  private void add(TraceEvent event) {
    events.add(event);
    try {
      sink.accept(event);
    } catch (RuntimeException e) {
      sinkFailure.accept(e);
    }
  }

  /** One note for everything past the caps, before the close it precedes. */
  private TraceEvent.Note summary(TraceEvent close) {
    long total = 0;
    StringBuilder what = new StringBuilder();
    for (Map.Entry<String, long[]> e : surplus.entrySet()) {
      total += e.getValue()[0];
      what.append(what.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%,d %s", e.getValue()[0], e.getKey()));
      if (e.getValue()[1] > 0) {
        what.append(String.format(Locale.ROOT, " (%,d bytes)", e.getValue()[1]));
      }
    }
    return new TraceEvent.Note(
        close.nanos(),
        close.phase(),
        close.clientOffset(),
        close.serverOffset(),
        String.format(Locale.ROOT, "%,d more events, not recorded one by one: ", total) + what,
        new Surplus(total, Map.copyOf(counts())));
  }

  private Map<String, Long> counts() {
    Map<String, Long> out = new LinkedHashMap<>();
    surplus.forEach((k, v) -> out.put(k, v[0]));
    return out;
  }

  private static String kindOf(TraceEvent e) {
    if (e instanceof TraceEvent.Pdu p) {
      return p.name();
    }
    if (e instanceof TraceEvent.Tls t) {
      return "TLS " + t.message();
    }
    if (e instanceof TraceEvent.TlsAlert a) {
      return "TLS alert " + a.level() + " " + a.description();
    }
    if (e instanceof TraceEvent.Undecodable) {
      return "undecodable frames";
    }
    return "notes";
  }

  private static long bytesOf(TraceEvent e) {
    if (e instanceof TraceEvent.Pdu p) {
      return p.length();
    }
    if (e instanceof TraceEvent.Undecodable u) {
      return u.raw().length;
    }
    if (e instanceof TraceEvent.Tls t) {
      return t.length();
    }
    return 0;
  }

  /** Whether the close has been recorded. */
  public boolean isClosed() {
    return closed;
  }

  /** The events so far. */
  public List<TraceEvent> events() {
    return List.copyOf(events);
  }
}
