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
  public Optional<Finding> confirm(CauseId cause, Context ctx) {
    Optional<Probed> small = ctx.first(FollowUp.Kind.SMALL_FLIGHT);
    Optional<Probed> full = ctx.first(FollowUp.Kind.FULL_FLIGHT);
    if (small.isEmpty() || full.isEmpty()) {
      return Optional.empty();
    }
    boolean smallAnswered = !Outcomes.stalled(small.get().result());
    boolean fullAnswered = !Outcomes.stalled(full.get().result());
    List<Integer> both = List.of(small.get().number(), full.get().number());
    if (smallAnswered && !fullAnswered) {
      return Optional.of(
          Findings.confirmed(
              cause,
              "Large packets are lost on the path: the small first flight ("
                  + small.get().flight()
                  + ") got an answer ("
                  + small.get().followUp().outcome()
                  + "), the full-size one ("
                  + full.get().flight()
                  + ") got none ("
                  + full.get().followUp().outcome()
                  + ").",
              both,
              Remedy.PATH_MTU_BLACK_HOLE));
    }
    if (!smallAnswered && !fullAnswered) {
      return Optional.of(
          Findings.weighed(
              cause,
              Status.RULED_OUT,
              "Even the small first flight ("
                  + small.get().flight()
                  + ") got no answer: the size is"
                  + " not the problem.",
              both));
    }
    return Optional.of(
        Findings.weighed(
            cause,
            Status.UNCONFIRMED,
            smallAnswered
                ? "Neither flight stalled this time: the stall comes and goes."
                : "The small flight stalled and the full-size one did not: the stall comes and"
                    + " goes, not with the size.",
            both));
  }

  @Override
  public Optional<Finding> observe(Context ctx) {
    Optional<Probed> small = ctx.first(FollowUp.Kind.SMALL_FLIGHT);
    Optional<Probed> full = ctx.first(FollowUp.Kind.FULL_FLIGHT);
    if (small.isEmpty() || full.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Finding(
            Subject.FIRST_FLIGHT,
            Status.OBSERVED,
            null,
            "Small first flight ("
                + small.get().flight()
                + "): "
                + small.get().followUp().outcome()
                + "; full-size ("
                + full.get().flight()
                + "): "
                + full.get().followUp().outcome()
                + ".",
            List.of(small.get().number(), full.get().number()),
            List.of()));
  }
}
