package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportRequest;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportResponse;
import dev.rdpprobe.wire.udp.RdpudpDatagram;
import java.util.ArrayList;
import java.util.List;

/**
 * The server asked for a UDP transport (Initiate Multitransport Request) and the probe's RDP-UDP
 * SYN got no SYN+ACK: a warning even when the connection goes on, because a client that then starts
 * UDP waits for it and can freeze or drop when the path loses UDP.
 */
final class UdpUnreachableRule implements Rule {
  @Override
  public boolean warnsOnSuccess() {
    return true;
  }

  @Override
  public List<Cause> evaluate(TraceView view) {
    var events = view.events();
    int request = -1;
    int syn = -1;
    int answered = -1;
    for (int i = 0; i < events.size(); i++) {
      if (!(events.get(i) instanceof TraceEvent.Pdu p)) {
        continue;
      }
      if (p.pdu() instanceof InitiateMultitransportRequest && request < 0) {
        request = i;
      } else if (p.pdu() instanceof RdpudpDatagram d) {
        if (p.direction() == Direction.CLIENT_TO_SERVER) {
          syn = i;
        } else if (d.isSynAck()) {
          return List.of();
        }
      } else if (p.pdu() instanceof InitiateMultitransportResponse && syn >= 0 && answered < 0) {
        answered = i;
      }
    }
    // the connector answers the request only once the UDP wait is over (timeout or ICMP): an
    // answer after the SYN and no SYN+ACK is the verdict, a probe that stopped first is not
    if (request < 0 || syn < 0 || answered < 0) {
      return List.of();
    }
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(
        new Evidence(
            request,
            "the server asked for a UDP transport: "
                + ((TraceEvent.Pdu) events.get(request)).summary()));
    evidence.add(new Evidence(syn, "we sent an RDP-UDP SYN to the server's UDP port"));
    evidence.add(
        new Evidence(
            answered,
            "no SYN+ACK came back before we answered the request (the UDP wait was over)"));
    return List.of(
        new Cause(
            CauseId.UDP_UNREACHABLE,
            Confidence.MEDIUM,
            "the server offers RDP over UDP but its UDP port does not answer from here: a"
                + " firewall or VPN drops UDP, and a client that tries UDP may stall or drop",
            evidence,
            Remedy.UDP_UNREACHABLE));
  }
}
