package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.tls.TlsVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A connection cut right after the server's first TLS flight, weighed against every TLS version and
 * cipher family offered alone: cut every time, it does not depend on the offer; some offers
 * complete, and it does. A TLS 1.3 follow-up says nothing: its flight ends with the server's
 * Finished, and the follow-up stops right after the handshake, before a cut on what follows.
 */
final class TlsCutConfirmation implements Confirmation {
  @Override
  public Set<CauseId> causes() {
    return Set.of(CauseId.TLS_CUT_AFTER_SERVER_FLIGHT);
  }

  @Override
  public Optional<Finding> confirm(Cause c, Context ctx) {
    List<Probed> probes = new ArrayList<>(ctx.of(FollowUp.Kind.TLS_VERSION));
    probes.addAll(ctx.of(FollowUp.Kind.CIPHER_FAMILY));
    probes.removeIf(p -> p.planned().version() == TlsVersion.TLS_1_3);
    if (probes.isEmpty()) {
      return Optional.empty();
    }
    List<Probed> cut = probes.stream().filter(TlsCutConfirmation::cut).toList();
    List<Probed> complete = probes.stream().filter(Probed::tlsComplete).toList();
    if (cut.size() == probes.size()) {
      return Optional.of(
          Findings.on(
              c,
              Status.CONFIRMED,
              c.title()
                  + ": offered alone, "
                  + Probed.names(cut)
                  + " were each cut the same way after the server's first flight, so the cut"
                  + " does not depend on what the client offers.",
              Probed.numbers(cut)));
    }
    if (!complete.isEmpty()) {
      return Optional.of(
          Findings.on(
              c,
              Status.UNCONFIRMED,
              "Offered alone, "
                  + Probed.names(complete)
                  + " complete"
                  + (complete.size() == 1 ? "s" : "")
                  + " a handshake"
                  + (cut.isEmpty() ? "" : " while " + Probed.names(cut) + " are cut")
                  + ": the cut depends on the offer, as a device that inspects only some"
                  + " versions or suites would make it.",
              Probed.numbers(probes)));
    }
    return Optional.of(
        Findings.on(
            c,
            Status.UNCONFIRMED,
            "The TLS offers alone ended in different ways (" + Probed.reasons(probes) + ").",
            Probed.numbers(probes)));
  }

  private static boolean cut(Probed p) {
    return p.followUp().diagnosis().causes().stream()
        .anyMatch(x -> x.id() == CauseId.TLS_CUT_AFTER_SERVER_FLIGHT);
  }
}
