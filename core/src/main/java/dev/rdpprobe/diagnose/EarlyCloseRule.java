package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The server, or something in front of it, closed (FIN) or reset (RST) the connection right after
 * TCP connected, before answering our Connection Request with a single byte.
 */
final class EarlyCloseRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    TraceEvent.Closed closed = view.closed();
    boolean early = closed.phase() == Phase.TCP_CONNECT || closed.phase() == Phase.X224_NEGOTIATION;
    if (!view.closedByPeer() || !early || !view.nothingReceived()) {
      return List.of();
    }
    boolean rst = closed.kind() == CloseKind.PEER_RST;
    List<Evidence> evidence = new ArrayList<>();
    var request = view.connectionRequest();
    request.ifPresent(
        r ->
            evidence.add(
                new Evidence(
                    r.index(),
                    "we sent the X.224 Connection Request ("
                        + Words.bytes(r.event().length())
                        + ", "
                        + r.event().summary()
                        + ")")));
    String when =
        request.isPresent()
            ? Words.duration(closed.nanos() - request.get().event().nanos())
                + " after our Connection Request"
            : "before we could send anything";
    evidence.add(
        new Evidence(
            view.closedIndex(),
            view.closeWords() + " " + when + ", 0 bytes received from the server"));
    // A close after a long silence is an idle timer's doing (IdleResetRule), not a refusal.
    boolean prompt = !view.longSilence();
    String what = rst ? "reset the connection" : "closed the connection";
    return List.of(
        new Cause(
            CauseId.LISTENER_REFUSES,
            prompt ? Confidence.HIGH : Confidence.LOW,
            "the server accepted TCP and then "
                + what
                + " without answering the Connection Request, which is how a Remote Desktop"
                + " listener turns a connection away before negotiating",
            evidence,
            Remedy.LISTENER_REFUSES),
        new Cause(
            CauseId.MIDDLEBOX_CLOSES,
            rst && prompt ? Confidence.MEDIUM : Confidence.LOW,
            "a firewall, IPS or load balancer that inspects RDP can complete the TCP handshake"
                + " itself and then "
                + what
                + " when it dislikes the Connection Request",
            evidence,
            Remedy.MIDDLEBOX_CLOSES.steps("close", rst ? "RST" : "FIN")),
        new Cause(
            CauseId.NOT_RDP_LISTENER,
            !rst && prompt ? Confidence.MEDIUM : Confidence.LOW,
            "a service of another protocol on this port may close a connection whose first"
                + " bytes it does not understand",
            evidence,
            Remedy.NOT_RDP_LISTENER));
  }
}
