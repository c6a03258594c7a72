package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import java.util.List;

/**
 * The server went quiet while a PDU was due (our idle timeout or deadline), or kept sending so
 * slowly that the PDU never finished before the deadline (a trickle).
 */
final class SilenceRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    TraceEvent.Closed closed = view.closed();
    String awaiting = closed.awaiting();
    if (awaiting.isEmpty()) {
      return List.of();
    }
    if (closed.kind() == CloseKind.DEADLINE_EXCEEDED && closed.pendingBytes() > 0) {
      return List.of(trickle(view));
    }
    boolean idle = closed.kind() == CloseKind.IDLE_TIMEOUT;
    if (!idle && closed.kind() != CloseKind.DEADLINE_EXCEEDED) {
      return List.of();
    }
    // After a large unanswered flight, the path is the first suspect (LargeFlightStallRule).
    Confidence confidence =
        view.largeUnansweredFlight() ? Confidence.LOW : idle ? Confidence.HIGH : Confidence.MEDIUM;
    long silence =
        closed.nanosSinceServerSent() < 0
            ? closed.nanosSinceClientSent()
            : closed.nanosSinceServerSent();
    String partial =
        closed.pendingBytes() > 0
            ? " after sending " + Words.bytes(closed.pendingBytes()) + " of it"
            : "";
    return List.of(
        new Cause(
            CauseId.SERVER_SILENT,
            confidence,
            "the server sent nothing for "
                + Words.duration(silence)
                + " while we waited for the "
                + awaiting
                + partial
                + "; the connection stayed up, so the server (or what stands in for it) is"
                + " stuck or waiting for something else",
            List.of(
                new Evidence(
                    view.closedIndex(),
                    view.closeWords()
                        + " while waiting for the "
                        + awaiting
                        + " in "
                        + closed.phase()
                        + ", "
                        + Words.duration(silence)
                        + " without a byte"
                        + (closed.pendingBytes() > 0
                            ? ", " + Words.bytes(closed.pendingBytes()) + " of it pending"
                            : ""))),
            silentOnClientHello(view)
                ? Remedy.SERVER_SILENT_AFTER_CLIENT_HELLO
                : Remedy.SERVER_SILENT));
  }

  /**
   * Whether the silence began on our ClientHello, after the server had answered the X.224
   * negotiation: its TLS, not its RDP listener, does not answer.
   */
  static boolean silentOnClientHello(TraceView view) {
    return view.closedIn(Phase.TLS_HANDSHAKE)
        && view.connectionConfirm().isPresent()
        && !view.receivedTlsMessage()
        && view.clientHello().map(h -> view.receivedSince(h.event()) == 0).orElse(false);
  }

  private static Cause trickle(TraceView view) {
    TraceEvent.Closed closed = view.closed();
    return new Cause(
        CauseId.SERVER_TRICKLE,
        Confidence.HIGH,
        "bytes kept arriving (the last "
            + Words.duration(closed.nanosSinceServerSent())
            + " before the end, within the idle timeout) but "
            + Words.bytes(closed.pendingBytes())
            + " of the "
            + closed.awaiting()
            + " were all that came before the deadline",
        List.of(
            new Evidence(
                view.closedIndex(),
                "our deadline after "
                    + Words.duration(closed.nanos())
                    + " with "
                    + Words.bytes(closed.pendingBytes())
                    + " of an unfinished "
                    + closed.awaiting()
                    + " pending, the last byte "
                    + Words.duration(closed.nanosSinceServerSent())
                    + " before")),
        Remedy.SERVER_TRICKLE);
  }
}
