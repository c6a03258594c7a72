package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/** The TCP connect failed: refused, no answer to the SYN, or unreachable. */
final class ConnectFailureRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    TraceEvent.Closed closed = view.closed();
    List<Evidence> evidence = new ArrayList<>();
    var resolved = view.first(TraceEvent.Resolved.class, r -> true);
    resolved.ifPresent(
        r ->
            evidence.add(
                new Evidence(
                    r.index(),
                    r.event().host() + " resolved to " + r.event().chosen() + ", we connect")));
    long connectNanos = closed.nanos() - resolved.map(r -> r.event().nanos()).orElse(0L);
    String after = " after " + Words.duration(connectNanos);
    return switch (closed.kind()) {
      case CONNECT_REFUSED -> {
        evidence.add(
            new Evidence(
                view.closedIndex(),
                "our SYN was answered with a RST" + after + ": " + closed.detail()));
        yield List.of(
            new Cause(
                CauseId.NOT_LISTENING,
                Confidence.HIGH,
                "the host answered the SYN with a reset, which a host sends when no socket listens"
                    + " on the port",
                evidence,
                Remedy.NOT_LISTENING),
            new Cause(
                CauseId.FIREWALL_REJECTS,
                Confidence.MEDIUM,
                "a firewall that rejects (rather than drops) answers the SYN with a reset on the"
                    + " server's behalf, which looks the same from here",
                evidence,
                Remedy.FIREWALL_REJECTS));
      }
      case CONNECT_TIMEOUT -> {
        evidence.add(
            new Evidence(
                view.closedIndex(), "no answer to our SYN" + after + ": " + closed.detail()));
        yield List.of(
            new Cause(
                CauseId.PORT_FILTERED,
                Confidence.HIGH,
                "nothing came back to the SYN, neither an answer nor a reset: packets to the port"
                    + " are dropped, which is what filtering firewalls do",
                evidence,
                Remedy.PORT_FILTERED),
            new Cause(
                CauseId.HOST_UNREACHABLE,
                Confidence.MEDIUM,
                "a host that is down or whose route goes nowhere gives no answer either",
                evidence,
                Remedy.HOST_DOWN));
      }
      case UNREACHABLE -> {
        evidence.add(
            new Evidence(
                view.closedIndex(),
                "the network reported the host unreachable" + after + ": " + closed.detail()));
        yield List.of(
            new Cause(
                CauseId.HOST_UNREACHABLE,
                Confidence.HIGH,
                "the network (an ICMP error or the local routing table) says the host cannot be"
                    + " reached",
                evidence,
                Remedy.HOST_UNREACHABLE),
            new Cause(
                CauseId.PORT_FILTERED,
                Confidence.LOW,
                "some firewalls answer with an ICMP 'administratively prohibited' error, which"
                    + " also reads as unreachable",
                evidence,
                Remedy.PORT_REJECTED_WITH_ICMP));
      }
      default -> List.of();
    };
  }
}
