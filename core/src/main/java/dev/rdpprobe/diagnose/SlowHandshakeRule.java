package dev.rdpprobe.diagnose;

import dev.rdpprobe.facts.TimingFacts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The server took longer, from our MCS Connect Initial (sent once TLS and CredSSP are done) to its
 * last answer, than a client waits for the session to become active ({@link
 * DiagnoserOptions#activationWait()}; FreeRDP 2 gives up after 9 s with "Timeout waiting for
 * activation"): a warning even when the probe got through, since it waits longer than clients do.
 * The slowest round trip tells a slow path (every trip slow) from a slow server.
 */
final class SlowHandshakeRule implements Rule {
  @Override
  public boolean warnsOnSuccess() {
    return true;
  }

  @Override
  public List<Cause> evaluate(TraceView view) {
    TimingFacts timing = TimingFacts.of(view.trace());
    TimingFacts.Wait wait = timing.activationWait();
    Duration limit = view.options().activationWait();
    if (wait == null || wait.time().compareTo(limit) < 0) {
      return List.of();
    }
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(
        new Evidence(
            wait.fromIndex(),
            "we sent our "
                + TraceView.sentName(view.events().get(wait.fromIndex()))
                + ": the security negotiation was over and a client's wait for activation began"));
    var slowest = timing.slowestRoundTrip().orElseThrow();
    String slowestWords =
        Words.duration(slowest.time().toNanos())
            + " from our "
            + slowest.sent()
            + " to the server's "
            + slowest.answer();
    if (slowest.answerIndex() != wait.toIndex()) {
      evidence.add(new Evidence(slowest.answerIndex(), "the slowest round trip: " + slowestWords));
    }
    evidence.add(
        new Evidence(
            wait.toIndex(),
            "the server's "
                + wait.to()
                + " came "
                + Words.duration(wait.time().toNanos())
                + " after it, more than the "
                + Words.duration(limit.toNanos())
                + " a client waits"));
    evidence.sort(Comparator.comparingInt(Evidence::eventIndex));
    long slowTrips =
        timing.roundTrips().stream()
            .filter(t -> t.time().compareTo(slowest.time().dividedBy(2)) >= 0)
            .count();
    return List.of(
        new Cause(
            CauseId.SLOW_HANDSHAKE,
            Confidence.HIGH,
            "the server took "
                + Words.duration(wait.time().toNanos())
                + " from our "
                + TraceView.sentName(view.events().get(wait.fromIndex()))
                + " to its "
                + wait.to()
                + ", and a client waits "
                + Words.duration(limit.toNanos())
                + " for the session to become active (FreeRDP 2 then ends with \"Timeout waiting"
                + " for activation\"; its /timeout sets the wait), so such a client gives up"
                + " where the probe waited on; the slowest round trip was "
                + slowestWords
                + (slowTrips == timing.roundTrips().size()
                    ? ", and every round trip was about as slow: the path is slow, or every"
                        + " answer is held back"
                    : ""),
            evidence,
            Remedy.SLOW_HANDSHAKE));
  }
}
