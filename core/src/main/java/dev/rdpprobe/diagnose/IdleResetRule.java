package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.TraceEvent;
import java.util.List;

/**
 * A reset after a long silence on both sides: the idle timer of a NAT, firewall, load balancer or
 * VPN gateway dropped the connection's state and reset it.
 */
final class IdleResetRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    TraceEvent.Closed closed = view.closed();
    if (closed.kind() != CloseKind.PEER_RST || !view.longSilence()) {
      return List.of();
    }
    String lastReceive =
        closed.nanosSinceServerSent() < 0
            ? "nothing ever came from the server"
            : "the server's last byte came "
                + TraceView.duration(closed.nanosSinceServerSent())
                + " before";
    return List.of(
        new Cause(
            CauseId.MIDDLEBOX_IDLE_RESET,
            Confidence.HIGH,
            "the reset came after "
                + TraceView.duration(
                    closed.nanosSinceServerSent() < 0
                        ? closed.nanosSinceClientSent()
                        : Math.min(closed.nanosSinceClientSent(), closed.nanosSinceServerSent()))
                + " in which neither side sent anything, the pattern of a device on the path whose"
                + " idle timer expired",
            List.of(
                new Evidence(
                    view.closedIndex(),
                    "peer RST "
                        + TraceView.duration(closed.nanosSinceClientSent())
                        + " after our "
                        + (closed.lastClientPdu().isEmpty() ? "last send" : closed.lastClientPdu())
                        + "; "
                        + lastReceive)),
            List.of(
                "Find the device with the shortest idle timeout on the path (NAT gateway, firewall,"
                    + " load balancer, VPN concentrator) and compare it with the silence.",
                "Turn on keep-alives so the connection is never idle that long: the policy"
                    + " 'Configure keep-alive connection interval' on the server, TCP keep-alive"
                    + " on clients.",
                "Capture on both ends: a RST the client receives that the server never sent comes"
                    + " from the path.",
                "During the handshake, also ask why the server was silent so long (see the phase"
                    + " and the PDU awaited).")));
  }
}
