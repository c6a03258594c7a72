package dev.rdpprobe.diagnose;

import dev.rdpprobe.tls.TlsHandshakeComplete;
import dev.rdpprobe.tls.TlsServerHello;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The server answered our ClientHello with its first flight (ServerHello and what comes with it),
 * and then the connection was reset or closed without an alert before the server sent another byte:
 * our answer to the flight went unanswered. A TLS-inspecting device that gives up on RDP does this,
 * and so does a server whose TLS fails after its ServerHello. Under TLS 1.3 the flight ends with
 * the server's Finished, so the handshake is complete on our side and the close comes on our
 * Finished and first PDU.
 */
final class TlsFlightCutRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    var hello = view.clientHello();
    var serverHello =
        view.first(
            TraceEvent.Tls.class,
            t -> t.direction() == Direction.SERVER_TO_CLIENT && "ServerHello".equals(t.message()));
    if (hello.isEmpty()
        || serverHello.isEmpty()
        || !view.closedByPeer()
        || view.first(TraceEvent.TlsAlert.class, a -> a.direction() == Direction.SERVER_TO_CLIENT)
            .isPresent()) {
      return List.of();
    }
    // the server's last bytes are its first flight: nothing of it arrived after our answer
    var lastFromServer =
        view.last(TraceEvent.class, e -> e.direction() == Direction.SERVER_TO_CLIENT);
    if (lastFromServer.isEmpty()
        || !(lastFromServer.get().event() instanceof TraceEvent.Tls flightEnd)
        || flightEnd.phase() != Phase.TLS_HANDSHAKE
        || view.closed().pendingBytes() > 0) {
      return List.of();
    }
    boolean complete =
        view.first(TraceEvent.Note.class, n -> n.detail() instanceof TlsHandshakeComplete)
            .isPresent();
    boolean tls13 =
        serverHello.get().event().detail() instanceof TlsServerHello sh
            && sh.selectedVersion() == TlsVersion.TLS_1_3.wireValue();
    if (complete && !tls13) {
      return List.of(); // under TLS 1.2 a complete handshake had a second flight of the server's
    }
    int answerFrom = lastFromServer.get().index();
    Set<String> answer = new LinkedHashSet<>();
    int answerIndex = -1;
    for (int i = answerFrom + 1; i < view.closedIndex(); i++) {
      TraceEvent e = view.events().get(i);
      if (TraceView.sentLength(e) >= 0) {
        answer.add(TraceView.sentName(e));
        answerIndex = answerIndex < 0 ? i : answerIndex;
      }
    }
    if (answer.isEmpty()) {
      return List.of(); // cut before we could answer: the flight itself may be unfinished
    }
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(
        new Evidence(
            hello.get().index(),
            "we sent our ClientHello ("
                + Words.bytes(hello.get().event().length())
                + ")"
                + (hello.get().event().summary().isEmpty()
                    ? ""
                    : ": " + hello.get().event().summary())));
    evidence.add(
        new Evidence(
            serverHello.get().index(),
            "the server answered with its ServerHello"
                + (serverHello.get().event().summary().isEmpty()
                    ? ""
                    : " (" + serverHello.get().event().summary() + ")")));
    if (answerFrom != serverHello.get().index()) {
      evidence.add(
          new Evidence(answerFrom, "its first flight ended with its " + flightEnd.message()));
    }
    evidence.add(
        new Evidence(answerIndex, "we answered the flight with our " + String.join(", ", answer)));
    var lastSend = view.lastSend().orElseThrow();
    evidence.add(
        new Evidence(
            view.closedIndex(),
            view.closeAfter(lastSend.event(), TraceView.sentName(lastSend.event()))
                + ", no alert and not a byte from the server since its flight"));
    return List.of(
        new Cause(
            CauseId.TLS_CUT_AFTER_SERVER_FLIGHT,
            // under TLS 1.3 our Finished went with the next phase's first PDU, and a server that
            // refuses that PDU (a CredSSP NEGOTIATE, a Connect Initial) closes the same way: the
            // next phase's own cause ranks first
            complete ? Confidence.LOW : Confidence.HIGH,
            "the server sent its first TLS flight, then the connection was "
                + (view.closed().kind() == dev.rdpprobe.trace.CloseKind.PEER_RST
                    ? "reset"
                    : "closed")
                + " on our answer without an alert and without another byte of the server's:"
                + " a TLS-inspecting device on the path that gives up does this, and so does a"
                + " server whose TLS fails after its ServerHello"
                + (complete
                    ? " (under TLS 1.3 the flight ends with the server's Finished, so the"
                        + " handshake is complete on our side)"
                    : ""),
            evidence,
            Remedy.TLS_CUT_AFTER_SERVER_FLIGHT));
  }
}
