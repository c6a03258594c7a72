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
 * Weak TLS, which the baseline's own ServerHello shows (its signature), weighed against the TLS
 * versions and cipher families offered alone: whether the server has anything stronger, which tells
 * a server that only prefers the weak choice from one that has nothing else.
 */
final class WeakTlsConfirmation implements Confirmation {
  @Override
  public Set<CauseId> causes() {
    return Set.of(CauseId.WEAK_TLS);
  }

  @Override
  public Optional<Finding> confirm(Cause c, Context ctx) {
    List<Probed> strong = new ArrayList<>();
    for (Probed p : ctx.of(FollowUp.Kind.TLS_VERSION)) {
      if (p.tlsComplete() && p.planned().version() == TlsVersion.TLS_1_3) {
        strong.add(p);
      }
    }
    for (Probed p : ctx.of(FollowUp.Kind.CIPHER_FAMILY)) {
      if (p.tlsComplete() && p.planned().family() == CipherFamily.ECDHE_GCM) {
        strong.add(p);
      }
    }
    List<Probed> tried = new ArrayList<>(ctx.of(FollowUp.Kind.TLS_VERSION));
    tried.addAll(ctx.of(FollowUp.Kind.CIPHER_FAMILY));
    String because = c.why().substring(0, 1).toUpperCase() + c.why().substring(1) + ".";
    if (tried.isEmpty()) {
      return Optional.of(Findings.on(c, Status.CONFIRMED, because, List.of()));
    }
    return Optional.of(
        Findings.on(
            c,
            Status.CONFIRMED,
            because
                + (strong.isEmpty()
                    ? " Offered alone, neither TLS 1.3 nor ECDHE with AES-GCM completes a"
                        + " handshake: the server has nothing stronger."
                    : " Offered alone, "
                        + Probed.names(strong)
                        + " complete"
                        + (strong.size() == 1 ? "s" : "")
                        + " a handshake: the server has stronger choices and still picked this"
                        + " one for our offer."),
            Probed.numbers(strong.isEmpty() ? tried : strong)));
  }
}
