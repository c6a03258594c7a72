package dev.rdpprobe.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that happened on one connection, in order, ending with a {@link TraceEvent.Closed}
 * once the connection is over: the one record every fact, diagnosis, report and capture of a
 * connection derives from.
 *
 * @param header where the trace came from and who is who
 * @param events the events in the order they happened
 */
public record Trace(TraceHeader header, List<TraceEvent> events) {
  /** The header of a trace whose origin is not known (a trace built by hand). */
  public static final TraceHeader UNKNOWN_ORIGIN =
      TraceHeader.of(TraceHeader.Origin.LIVE_PROBE, java.time.Instant.EPOCH);

  public Trace {
    Objects.requireNonNull(header, "header");
    events = List.copyOf(events);
  }

  /** A live probe's trace whose wall-clock start is not known. */
  public Trace(List<TraceEvent> events) {
    this(UNKNOWN_ORIGIN, events);
  }

  /** The close event, if the connection is over. */
  public Optional<TraceEvent.Closed> closed() {
    if (!events.isEmpty() && events.get(events.size() - 1) instanceof TraceEvent.Closed c) {
      return Optional.of(c);
    }
    return Optional.empty();
  }

  /** Every PDU sent or received, in order. */
  public List<TraceEvent.Pdu> pdus() {
    List<TraceEvent.Pdu> out = new ArrayList<>();
    for (TraceEvent e : events) {
      if (e instanceof TraceEvent.Pdu p) {
        out.add(p);
      }
    }
    return out;
  }

  /** The last PDU that went the given way. */
  public Optional<TraceEvent.Pdu> lastPdu(Direction direction) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i) instanceof TraceEvent.Pdu p && p.direction() == direction) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The first decoded PDU of the given record type that went the given way. */
  public <T> Optional<T> first(Direction direction, Class<T> type) {
    for (TraceEvent e : events) {
      if (e instanceof TraceEvent.Pdu p && p.direction() == direction && type.isInstance(p.pdu())) {
        return Optional.of(type.cast(p.pdu()));
      }
    }
    return Optional.empty();
  }

  /** The events of one record type, in order. */
  public <T extends TraceEvent> List<T> eventsOf(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (TraceEvent e : events) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  /** The phase of the last event, {@link Phase#TCP_CONNECT} for an empty trace. */
  public Phase lastPhase() {
    return events.isEmpty() ? Phase.TCP_CONNECT : events.get(events.size() - 1).phase();
  }
}
