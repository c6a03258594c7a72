package dev.rdpprobe.trace;

import java.util.ArrayList;
import java.util.List;
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
    events.add(event);
    if (event instanceof TraceEvent.Closed) {
      closed = true;
    }
    try {
      sink.accept(event);
    } catch (RuntimeException e) {
      sinkFailure.accept(e);
    }
    return true;
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
