package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A server that selected Standard RDP Security for an offer with TLS, weighed against each
 * TLS-based protocol offered alone: answered with PROTOCOL_RDP every time, the server downgrades
 * every client, and the finding says what that exposes; one accepted alone means the combined offer
 * alone was downgraded.
 */
final class DowngradeConfirmation implements Confirmation {
  @Override
  public Set<CauseId> causes() {
    return Set.of(CauseId.STANDARD_SECURITY);
  }

  @Override
  public Optional<Finding> confirm(Cause c, Context ctx) {
    List<Probed> tls =
        ctx.of(FollowUp.Kind.PROTOCOL).stream()
            .filter(p -> p.planned().protocol().usesTls())
            .toList();
    if (tls.isEmpty()) {
      return Optional.empty();
    }
    String rdp = SecurityProtocols.RDP.toString();
    List<Probed> downgraded =
        tls.stream().filter(p -> Outcomes.selected(p.result()).orElse("").equals(rdp)).toList();
    List<Probed> accepted = tls.stream().filter(Probed::acceptedAlone).toList();
    if (downgraded.size() == tls.size()) {
      return Optional.of(
          Findings.on(
              c,
              Status.CONFIRMED,
              "Offered alone, "
                  + Probed.names(downgraded)
                  + " were each answered with PROTOCOL_RDP: the server downgrades every client to"
                  + " Standard RDP Security, whatever it offers. That exposes the session: "
                  + c.why()
                  + ".",
              Probed.numbers(downgraded)));
    }
    if (!accepted.isEmpty()) {
      return Optional.of(
          Findings.on(
              c,
              Status.UNCONFIRMED,
              "Offered alone, "
                  + Probed.names(accepted)
                  + (accepted.size() == 1 ? " is" : " are")
                  + " accepted: the server does TLS, and only the baseline's offer was answered"
                  + " with Standard RDP Security.",
              Probed.numbers(accepted)));
    }
    return Optional.of(
        Findings.on(
            c,
            Status.UNCONFIRMED,
            "Offered alone, the TLS-based protocols ended in different ways ("
                + Outcomes.and(
                    tls.stream().map(p -> p.name() + ": " + p.followUp().outcome()).toList())
                + ").",
            Probed.numbers(tls)));
  }
}
