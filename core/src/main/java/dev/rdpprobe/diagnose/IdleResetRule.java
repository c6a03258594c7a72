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
                + Words.duration(closed.nanosSinceServerSent())
                + " before";
    return List.of(
        new Cause(
            CauseId.MIDDLEBOX_IDLE_RESET,
            Confidence.HIGH,
            "the reset came after "
                + Words.duration(
                    closed.nanosSinceServerSent() < 0
                        ? closed.nanosSinceClientSent()
                        : Math.min(closed.nanosSinceClientSent(), closed.nanosSinceServerSent()))
                + " in which neither side sent anything, the pattern of a device on the path whose"
                + " idle timer expired",
            List.of(
                new Evidence(
                    view.closedIndex(),
                    "peer RST "
                        + Words.duration(closed.nanosSinceClientSent())
                        + " after our "
                        + (closed.lastClientPdu().isEmpty() ? "last send" : closed.lastClientPdu())
                        + "; "
                        + lastReceive)),
            Remedy.MIDDLEBOX_IDLE_RESET));
  }
}
