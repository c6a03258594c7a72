package dev.rdpprobe.fuzz;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.util.Objects;

/**
 * The health of a target between cases, judged against a baseline: the same probe without a
 * mutation, run before the campaign. A target that refuses, stops answering, ends otherwise than
 * the baseline or takes much longer is suspected to have crashed (or be denied service) by the case
 * before.
 */
public final class Health {
  /** A check takes this many times the baseline's time before it is "much slower". */
  static final int SLOWER_FACTOR = 20;

  /** ... and at least this much longer, so that a fast baseline's jitter is not a finding. */
  static final long SLOWER_MARGIN_MS = 2_000;

  private Health() {}

  /**
   * How a probe without a mutation ends.
   *
   * @param close the close kind
   * @param phase the phase it ended in
   * @param lastServerPdu the last PDU the server sent
   * @param millis how long it took
   */
  public record Outcome(CloseKind close, Phase phase, String lastServerPdu, long millis) {
    public Outcome {
      Objects.requireNonNull(close, "close");
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(lastServerPdu, "lastServerPdu");
    }

    /** The outcome of a probe's trace. */
    public static Outcome of(Trace trace) {
      TraceEvent.Closed c = trace.closed().orElse(null);
      return new Outcome(
          c == null ? CloseKind.LOCAL_ERROR : c.kind(),
          c == null ? trace.lastPhase() : c.phase(),
          trace.lastPdu(Direction.SERVER_TO_CLIENT).map(TraceEvent.Pdu::name).orElse(""),
          c == null ? 0 : c.nanos() / 1_000_000);
    }

    /** Whether the probe waited in vain: the idle timeout or the deadline ended it. */
    public boolean timedOut() {
      return close == CloseKind.IDLE_TIMEOUT || close == CloseKind.DEADLINE_EXCEEDED;
    }

    /** Whether the probe went as far as it was asked. */
    public boolean reachedStopPoint() {
      return close == CloseKind.STOP_POINT_REACHED || close == CloseKind.NOT_FOLLOWED;
    }

    /** Whether the probe reached the server at all. */
    public boolean connected() {
      return phase != Phase.TCP_CONNECT;
    }

    /** The outcome in words. */
    public String line() {
      return close
          + " in "
          + phase
          + (lastServerPdu.isEmpty() ? "" : " after " + lastServerPdu)
          + ", "
          + millis
          + " ms";
    }
  }

  /**
   * The judgement of one check.
   *
   * @param ok whether the target looks as healthy as at the baseline
   * @param detail what differs, or {@code ""}
   */
  public record Verdict(boolean ok, String detail) {
    /** Not checked after this case. */
    public static final Verdict UNCHECKED = new Verdict(true, "");

    public Verdict {
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** How {@code now} compares with {@code baseline}. */
  public static Verdict judge(Outcome baseline, Outcome now) {
    if (now.close() == CloseKind.CONNECT_REFUSED) {
      return new Verdict(false, "the port stopped listening: the connection was refused");
    }
    if (now.close() == CloseKind.CONNECT_TIMEOUT || now.close() == CloseKind.UNREACHABLE) {
      return new Verdict(false, "the target stopped answering: " + now.close());
    }
    boolean differs =
        now.close() != baseline.close()
            || now.phase() != baseline.phase()
            || !now.lastServerPdu().equals(baseline.lastServerPdu());
    // a check that goes as far as asked where the baseline did not is no sign of a crash
    if (differs && !(now.reachedStopPoint() && !baseline.reachedStopPoint())) {
      return new Verdict(
          false,
          "the target answers differently: " + now.line() + " (baseline: " + baseline.line() + ")");
    }
    if (now.millis() > baseline.millis() * SLOWER_FACTOR
        && now.millis() > baseline.millis() + SLOWER_MARGIN_MS) {
      return new Verdict(
          false,
          "the target is much slower: "
              + now.millis()
              + " ms (baseline "
              + baseline.millis()
              + " ms)");
    }
    return new Verdict(true, "");
  }
}
