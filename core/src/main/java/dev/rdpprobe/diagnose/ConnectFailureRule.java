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
    String after = " after " + TraceView.duration(connectNanos);
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
                List.of(
                    "On the server, check that Remote Desktop is enabled (System Properties, Remote,"
                        + " or fDenyTSConnections = 0) and that the Remote Desktop Services"
                        + " (TermService) service is running.",
                    "Check the port the listener uses (PortNumber under the RDP-Tcp WinStation key,"
                        + " 3389 by default) and run netstat -ano | findstr LISTENING on it.",
                    "For xrdp, check that xrdp is running and the port in xrdp.ini.",
                    "If the address is a NAT or port forward, check that it forwards to the right"
                        + " host and port.")),
            new Cause(
                CauseId.FIREWALL_REJECTS,
                Confidence.MEDIUM,
                "a firewall that rejects (rather than drops) answers the SYN with a reset on the"
                    + " server's behalf, which looks the same from here",
                evidence,
                List.of(
                    "Check the host firewall's inbound rules for the RDP port (Remote Desktop -"
                        + " User Mode (TCP-In) on Windows) and its scope of allowed addresses.",
                    "Check network firewalls between client and server for a reject rule, e.g. by"
                        + " probing from a machine on the server's own subnet.")));
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
                List.of(
                    "Check network firewalls, security groups and the host firewall for the RDP"
                        + " port from the client's address.",
                    "Probe another open port of the same host (or ping it) to tell a filtered port"
                        + " from a host that is down.",
                    "A listener whose accept queue is full also drops SYNs: check the server's"
                        + " load.")),
            new Cause(
                CauseId.HOST_UNREACHABLE,
                Confidence.MEDIUM,
                "a host that is down or whose route goes nowhere gives no answer either",
                evidence,
                List.of(
                    "Check that the machine is running and on the network (not asleep or"
                        + " hibernating).",
                    "Check routing or the VPN between the client and the server's network.")));
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
                List.of(
                    "Check the client's route to the address (route print / ip route) and the"
                        + " VPN connection if the server is on another network.",
                    "Check that the host is up and has the address the name resolves to.")),
            new Cause(
                CauseId.PORT_FILTERED,
                Confidence.LOW,
                "some firewalls answer with an ICMP 'administratively prohibited' error, which"
                    + " also reads as unreachable",
                evidence,
                List.of("Check firewalls on the path for a reject-with-ICMP rule on the port.")));
      }
      default -> List.of();
    };
  }
}
