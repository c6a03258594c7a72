package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Remedy;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.doctor.Finding.Subject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A stall in the TLS handshake repeated with a small and a full-size first flight: a path that
 * loses large packets answers the small one only.
 */
final class FirstFlightConfirmation implements Confirmation {
  @Override
  public Set<CauseId> causes() {
    return Set.of(CauseId.PATH_MTU_BLACK_HOLE);
  }

  @Override
  public Optional<Finding> settle(CauseId cause, Context ctx) {
    return ctx.flights().map(f -> settle(cause, f.small(), f.full(), f.numbers()));
  }

  private static Finding settle(CauseId cause, Probed small, Probed full, List<Integer> both) {
    boolean smallAnswered = !Outcomes.stalled(small.result());
    boolean fullAnswered = !Outcomes.stalled(full.result());
    if (smallAnswered && !fullAnswered) {
      return Findings.confirmed(
          cause,
          "Large packets are lost on the path: the small first flight ("
              + small.flight()
              + ") got an answer ("
              + small.followUp().outcome()
              + "), the full-size one ("
              + full.flight()
              + ") got none ("
              + full.followUp().outcome()
              + ").",
          both,
          Remedy.PATH_MTU_BLACK_HOLE);
    }
    if (!smallAnswered && !fullAnswered) {
      return Findings.weighed(
          cause,
          Status.RULED_OUT,
          "Even the small first flight ("
              + small.flight()
              + ") got no answer: the size is not the problem.",
          both);
    }
    return Findings.weighed(
        cause,
        Status.UNCONFIRMED,
        smallAnswered
            ? "Neither flight stalled this time: the stall comes and goes."
            : "The small flight stalled and the full-size one did not: the stall comes and goes,"
                + " not with the size.",
        both);
  }

  @Override
  public Optional<Finding> observe(Context ctx) {
    return ctx.flights()
        .map(
            f ->
                new Finding(
                    Subject.FIRST_FLIGHT,
                    Status.OBSERVED,
                    null,
                    "Small first flight ("
                        + f.small().flight()
                        + "): "
                        + f.small().followUp().outcome()
                        + "; full-size ("
                        + f.full().flight()
                        + "): "
                        + f.full().followUp().outcome()
                        + ".",
                    f.numbers(),
                    List.of()));
  }
}
