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
                            + TraceView.bytes(TraceView.sentLength(s.event()))
                            + ")")));
    evidence.add(
        new Evidence(
            view.closedIndex(),
            "nothing came back in the "
                + TraceView.duration(closed.nanosSinceClientSent())
                + " after our last "
                + TraceView.bytes(flight)
                + " ("
                + view.closeWords()
                + ")"));
    return List.of(
        new Cause(
            CauseId.PATH_MTU_BLACK_HOLE,
            Confidence.MEDIUM,
            "the silence began right after we sent "
                + TraceView.bytes(flight)
                + " in one flight, which needs full-size packets; if the path cannot carry them"
                + " and blocks the ICMP errors that would say so, they vanish",
            evidence,
            List.of(
                "Find the path MTU: ping with don't-fragment set and growing sizes (ping -f -l"
                    + " 1472 on Windows, ping -M do -s 1472 on Linux) until replies stop.",
                "Allow ICMP 'fragmentation needed' (type 3 code 4) and ICMPv6 'packet too big'"
                    + " through firewalls on the path.",
                "On VPNs and tunnels (IPsec, GRE, PPPoE), lower the tunnel MTU or clamp the TCP"
                    + " MSS.",
                "Probe from inside the server's network: if that works, the path is to blame,"
                    + " not the server.")));
  }

  private static String name(TraceEvent e) {
    return (e instanceof TraceEvent.Tls ? "our TLS " : "the ") + TraceView.sentName(e);
  }
}
