package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Silence right after a large flight of ours: packets too large for the path are dropped and the
 * "fragmentation needed" errors that would say so never arrive (a path MTU black hole, typical of
 * VPNs and tunnels).
 */
final class LargeFlightStallRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    TraceEvent.Closed closed = view.closed();
    boolean timedOut =
        closed.kind() == CloseKind.IDLE_TIMEOUT || closed.kind() == CloseKind.DEADLINE_EXCEEDED;
    if (!timedOut || closed.pendingBytes() > 0 || !view.largeUnansweredFlight()) {
      return List.of();
    }
    long flight = view.sentSinceLastReceive();
    List<Evidence> evidence = new ArrayList<>();
    view.largestSendSinceLastReceive()
        .ifPresent(
            s ->
                evidence.add(
                    new Evidence(
                        s.index(),
                        "we sent "
                            + name(s.event())
                            + " ("
                            + Words.bytes(TraceView.sentLength(s.event()))
                            + ")")));
    evidence.add(
        new Evidence(
            view.closedIndex(),
            "nothing came back in the "
                + Words.duration(closed.nanosSinceClientSent())
                + " after our last "
                + Words.bytes(flight)
                + " ("
                + view.closeWords()
                + ")"));
    return List.of(
        new Cause(
            CauseId.PATH_MTU_BLACK_HOLE,
            Confidence.MEDIUM,
            "the silence began right after we sent "
                + Words.bytes(flight)
                + " in one flight, which needs full-size packets; if the path cannot carry them"
                + " and blocks the ICMP errors that would say so, they vanish",
            evidence,
            Remedy.PATH_MTU_BLACK_HOLE));
  }

  private static String name(TraceEvent e) {
    return (e instanceof TraceEvent.Tls ? "our TLS " : "the ") + TraceView.sentName(e);
  }
}
