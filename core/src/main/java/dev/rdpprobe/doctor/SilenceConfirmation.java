package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Remedy;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.trace.Phase;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A server that fell silent, weighed against the first flights of both sizes (a stall in the TLS
 * handshake) or against each security protocol offered alone (a stall in the negotiation): silent
 * whatever it is sent, it is the server that does not answer.
 */
final class SilenceConfirmation implements Confirmation {
  @Override
  public Set<CauseId> causes() {
    return Set.of(CauseId.SERVER_SILENT);
  }

  @Override
  public Optional<Finding> settle(CauseId cause, Context ctx) {
    Optional<Context.Flights> flights = ctx.flights();
    if (flights.isPresent()) {
      return Optional.of(afterFlights(cause, flights.get()));
    }
    if (!Outcomes.stalled(ctx.baseline())
        || ctx.baseline().closed().phase() != Phase.X224_NEGOTIATION) {
      return Optional.empty();
    }
    List<Probed> probes = ctx.of(FollowUp.Kind.PROTOCOL);
    if (probes.isEmpty()) {
      return Optional.empty();
    }
    List<Probed> answered = probes.stream().filter(p -> !Outcomes.stalled(p.result())).toList();
    if (answered.isEmpty()) {
      return Optional.of(
          Findings.confirmed(
              cause,
              "The server stayed silent after every Connection Request, whatever it offered ("
                  + Probed.names(probes)
                  + " alone): it accepts TCP connections, but nothing answers RDP.",
              Probed.numbers(probes),
              Remedy.SERVER_SILENT_TO_EVERY_OFFER));
    }
    return Optional.of(
        Findings.weighed(
            cause,
            Status.RULED_OUT,
            "The server does answer: offered alone, "
                + Probed.names(answered)
                + " got an answer; see the security protocols.",
            Probed.numbers(answered)));
  }

  private static Finding afterFlights(CauseId cause, Context.Flights flights) {
    Probed small = flights.small();
    boolean smallStalled = Outcomes.stalled(small.result());
    boolean fullStalled = Outcomes.stalled(flights.full().result());
    List<Integer> both = flights.numbers();
    if (smallStalled && fullStalled) {
      return Findings.confirmed(
          cause,
          "The server answers the X.224 Connection Request but never our ClientHello, whatever"
              + " its size ("
              + small.flight()
              + " and "
              + flights.full().flight()
              + "): its TLS does not answer, not its RDP listener.",
          both,
          Remedy.SERVER_SILENT_AFTER_CLIENT_HELLO);
    }
    if (!smallStalled) {
      return Findings.weighed(
          cause,
          Status.RULED_OUT,
          fullStalled
              ? "The server answers a small first flight ("
                  + small.followUp().outcome()
                  + "): it is not the server that falls silent."
              : "Both flights got an answer this time: the server does answer.",
          both);
    }
    return Findings.weighed(
        cause,
        Status.UNCONFIRMED,
        "The small flight went unanswered and the full-size one did not: the silence comes and"
            + " goes.",
        both);
  }
}
