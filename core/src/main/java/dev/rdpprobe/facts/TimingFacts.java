package dev.rdpprobe.facts;

import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How long the connection took, from the trace's times (which are wire times: a send when its bytes
 * were handed to the kernel, a receive when the read returned): when each phase began, each round
 * trip (from our last send to the server's next bytes), and the wait a client spends from the end
 * of the security negotiation to the last thing the server sent towards activation.
 *
 * @param phases the phases in the order they began, each with the time from the trace's start
 * @param roundTrips every round trip, in trace order: the TCP connect (from the address lookup's
 *     end to the connection), then each of our sends that the server answered
 * @param activationWait from our MCS Connect Initial (sent once TLS and CredSSP, if any, are done)
 *     to the last thing the server sent, or {@code null} when the trace has no MCS Connect Initial
 *     or nothing came after it
 */
public record TimingFacts(
    List<PhaseStart> phases, List<RoundTrip> roundTrips, Wait activationWait) {
  public TimingFacts {
    phases = List.copyOf(phases);
    roundTrips = List.copyOf(roundTrips);
  }

  /**
   * When a phase began.
   *
   * @param phase the phase
   * @param index the index of its first event in the trace
   * @param at the time from the trace's start
   */
  public record PhaseStart(Phase phase, int index, Duration at) {
    public PhaseStart {
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * One round trip: from our last send to the server's next bytes.
   *
   * @param sentIndex the index of what we sent (of the lookup, or 0, for the TCP connect)
   * @param sent what we sent, e.g. {@code X.224 Connection Request}, {@code TCP SYN}
   * @param answerIndex the index of the server's answer
   * @param answer what answered, e.g. {@code X.224 Connection Confirm}
   * @param time how long it took
   */
  public record RoundTrip(
      int sentIndex, String sent, int answerIndex, String answer, Duration time) {
    public RoundTrip {
      Objects.requireNonNull(sent, "sent");
      Objects.requireNonNull(answer, "answer");
      Objects.requireNonNull(time, "time");
    }
  }

  /**
   * A wait between two events.
   *
   * @param fromIndex the index of the event it starts at
   * @param toIndex the index of the event it ends at
   * @param to what ended it, e.g. {@code Demand Active PDU}
   * @param time its length
   */
  public record Wait(int fromIndex, int toIndex, String to, Duration time) {
    public Wait {
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(time, "time");
    }
  }

  /** The timing of a trace. */
  public static TimingFacts of(Trace trace) {
    List<TraceEvent> events = trace.events();
    List<PhaseStart> phases = new ArrayList<>();
    List<RoundTrip> trips = new ArrayList<>();
    Phase current = null;
    int lastSend = -1;
    int lookup = -1;
    int connectInitial = -1;
    int lastReceived = -1;
    for (int i = 0; i < events.size(); i++) {
      TraceEvent e = events.get(i);
      if (e instanceof TraceEvent.Closed) {
        break;
      }
      if (e.phase() != current) {
        current = e.phase();
        phases.add(new PhaseStart(current, i, Duration.ofNanos(e.nanos())));
      }
      if (e instanceof TraceEvent.Resolved) {
        lookup = i;
      } else if (e instanceof TraceEvent.Connected) {
        long from = lookup < 0 ? 0 : events.get(lookup).nanos();
        trips.add(
            new RoundTrip(
                Math.max(lookup, 0), "TCP SYN", i, "SYN+ACK", Duration.ofNanos(e.nanos() - from)));
      } else if (e.direction() == Direction.CLIENT_TO_SERVER && name(e) != null) {
        lastSend = i;
        // the first send of the basic settings exchange is the MCS Connect Initial
        if (connectInitial < 0 && e.phase() == Phase.BASIC_SETTINGS) {
          connectInitial = i;
        }
      } else if (e.direction() == Direction.SERVER_TO_CLIENT) {
        lastReceived = i;
        if (lastSend >= 0) {
          TraceEvent sent = events.get(lastSend);
          trips.add(
              new RoundTrip(
                  lastSend,
                  name(sent),
                  i,
                  Objects.requireNonNullElse(name(e), "bytes"),
                  Duration.ofNanos(e.nanos() - sent.nanos())));
          lastSend = -1;
        }
      }
    }
    Wait wait = null;
    if (connectInitial >= 0 && lastReceived > connectInitial) {
      TraceEvent to = events.get(lastReceived);
      wait =
          new Wait(
              connectInitial,
              lastReceived,
              Objects.requireNonNullElse(name(to), "bytes"),
              Duration.ofNanos(to.nanos() - events.get(connectInitial).nanos()));
    }
    return new TimingFacts(phases, trips, wait);
  }

  /** The longest round trip, if the server answered anything. */
  public Optional<RoundTrip> slowestRoundTrip() {
    return roundTrips.stream().max((a, b) -> a.time().compareTo(b.time()));
  }

  /** When {@code phase} began, if the connection got there. */
  public Optional<PhaseStart> start(Phase phase) {
    return phases.stream().filter(p -> p.phase() == phase).findFirst();
  }

  /** What a PDU, TLS message, alert or undecodable bytes are called; null for other events. */
  private static String name(TraceEvent e) {
    if (e instanceof TraceEvent.Pdu p) {
      return p.name();
    }
    if (e instanceof TraceEvent.Tls t) {
      return "TLS " + t.message();
    }
    if (e instanceof TraceEvent.TlsAlert a) {
      return "TLS alert " + a.description();
    }
    if (e instanceof TraceEvent.Undecodable) {
      return "undecodable bytes";
    }
    return null;
  }
}
