package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The server (or something on the path) kept sending what leads nowhere: ignorable TLS records,
 * warning alerts, PDUs the sequence does not answer, more of them in a row than any server sends in
 * a conversation, until the probe closed the connection as abusive.
 */
final class FloodRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    TraceEvent.Closed closed = view.closed();
    if (closed.kind() != CloseKind.ABUSIVE_PEER) {
      return List.of();
    }
    List<Evidence> evidence = new ArrayList<>();
    view.last(TraceEvent.class, e -> e.direction() == Direction.SERVER_TO_CLIENT)
        .ifPresent(
            last ->
                evidence.add(
                    new Evidence(
                        last.index(),
                        "the last of the server's records or PDUs the probe kept one by one")));
    evidence.add(new Evidence(view.closedIndex(), closed.detail()));
    return List.of(
        new Cause(
            CauseId.SERVER_FLOODS,
            Confidence.HIGH,
            "the server sent record after record that leads nowhere and nothing the sequence"
                + " could answer, until the probe gave up on it: a TLS stack or a device on the"
                + " path in a loop, or a hostile service",
            evidence,
            Remedy.SERVER_FLOODS));
  }
}
