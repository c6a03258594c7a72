package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.trace.CloseKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A server that selected TLS and then could not start it, weighed against every TLS version and
 * cipher family offered alone: any completed handshake rules it out.
 */
final class TlsStartConfirmation implements Confirmation {
  @Override
  public Set<CauseId> causes() {
    return Set.of(CauseId.TLS_NOT_STARTED);
  }

  @Override
  public Optional<Finding> confirm(Cause c, Context ctx) {
    List<Probed> probes = new ArrayList<>(ctx.of(FollowUp.Kind.TLS_VERSION));
    probes.addAll(ctx.of(FollowUp.Kind.CIPHER_FAMILY));
    return probes.isEmpty() ? Optional.empty() : Optional.of(finding(c, probes, ctx));
  }

  private static Finding finding(Cause c, List<Probed> probes, Context ctx) {
    List<Probed> works = probes.stream().filter(Probed::tlsComplete).toList();
    if (!works.isEmpty()) {
      return Findings.on(
          c,
          Status.RULED_OUT,
          "The server does start TLS: offered alone, "
              + Probed.names(works)
              + " completes a handshake. It is the client's offer it will not answer.",
          Probed.numbers(works));
    }
    CloseKind kind = ctx.baseline().closed().kind();
    List<Probed> same =
        probes.stream()
            .filter(p -> p.result().closed().kind() == kind)
            .filter(p -> Outcomes.receivedAlert(p.result()).isEmpty())
            .toList();
    if (same.size() == probes.size()) {
      return Findings.on(
          c,
          Status.CONFIRMED,
          c.title()
              + ": every ClientHello we sent (each TLS version alone, each cipher family) ended the"
              + " same way ("
              + Outcomes.shortReason(ctx.baseline())
              + ", without an alert): the server selects TLS but cannot run it.",
          Probed.numbers(probes));
    }
    return Findings.on(
        c,
        Status.UNCONFIRMED,
        "The TLS offers alone ended in different ways (" + Probed.reasons(probes) + ").",
        Probed.numbers(probes));
  }
}
