package dev.rdpprobe.doctor;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.diagnose.Diagnosis;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an examination found: the baseline probe (the user's settings, on the first resolved
 * address) with its diagnosis, every follow-up probe with what it tested, the follow-ups that did
 * not run and why, and the verdict.
 *
 * @param spec what was examined
 * @param addresses every address the host resolved to, in resolver order; empty when it did not
 *     resolve
 * @param baseline the baseline probe's result
 * @param diagnosis the diagnosis of the baseline's trace
 * @param followUps the follow-ups, in the order planned ({@link FollowUp#number()} 1, 2, ...)
 * @param notRun the follow-ups that did not run, each with why
 * @param verdict the conclusion
 * @param elapsed how long the examination took
 * @param peakConnections the most connections that were open at once
 */
public record DoctorReport(
    DoctorSpec spec,
    List<InetAddress> addresses,
    ProbeResult baseline,
    Diagnosis diagnosis,
    List<FollowUp> followUps,
    List<NotRun> notRun,
    Verdict verdict,
    Duration elapsed,
    int peakConnections) {
  public DoctorReport {
    Objects.requireNonNull(spec, "spec");
    addresses = List.copyOf(addresses);
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(diagnosis, "diagnosis");
    followUps = List.copyOf(followUps);
    notRun = List.copyOf(notRun);
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Whether the baseline got as far as it was asked to. */
  public boolean baselineSucceeded() {
    return baseline.reachedStopPoint();
  }

  /** The follow-ups of one kind, in order. */
  public List<FollowUp> followUps(FollowUp.Kind kind) {
    return followUps.stream().filter(f -> f.kind() == kind).toList();
  }
}
