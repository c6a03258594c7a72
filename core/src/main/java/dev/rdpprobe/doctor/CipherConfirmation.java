package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Remedy;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.doctor.Finding.Subject;
import dev.rdpprobe.tls.TlsSessionFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Each {@link CipherFamily} offered alone: which ones complete a handshake, whether the client
 * offers any suite the server takes, or whether the server refuses every offer a client can make.
 */
final class CipherConfirmation implements Confirmation {
  @Override
  public Set<CauseId> causes() {
    return Set.of(CauseId.NO_COMMON_CIPHER);
  }

  @Override
  public Optional<Finding> settle(CauseId cause, Context ctx) {
    List<Probed> probes = ctx.of(FollowUp.Kind.CIPHER_FAMILY);
    if (probes.isEmpty()) {
      return Optional.empty();
    }
    List<Probed> versions = ctx.of(FollowUp.Kind.TLS_VERSION);
    List<Probed> works = probes.stream().filter(Probed::tlsComplete).toList();
    if (works.isEmpty()) {
      List<Probed> versionWorks = versions.stream().filter(Probed::tlsComplete).toList();
      if (!versionWorks.isEmpty()) {
        return Optional.of(
            Findings.weighed(
                cause,
                Status.UNCONFIRMED,
                "No TLS 1.0 to 1.2 cipher family completes a handshake alone ("
                    + Probed.reasons(probes)
                    + "), but "
                    + Probed.names(versionWorks)
                    + " does: the families cannot tell.",
                Probed.numbers(probes)));
      }
      List<Probed> all = new ArrayList<>(versions);
      all.addAll(probes);
      // a server without a common suite says so with an alert; resets and non-TLS answers are
      // a TLS that does not start, another cause
      List<Probed> refusedWithAlert = all.stream().filter(CipherConfirmation::cipherAlert).toList();
      if (refusedWithAlert.isEmpty()) {
        return Optional.of(
            Findings.weighed(
                cause,
                Status.UNCONFIRMED,
                "No TLS offer completes a handshake, but none was refused with handshake_failure"
                    + " or insufficient_security either ("
                    + Probed.reasons(all)
                    + "): that is not how a server without a common cipher suite answers.",
                Probed.numbers(all)));
      }
      return Optional.of(
          Findings.confirmed(
              cause,
              "The server refuses every TLS offer we can make: each TLS version alone and each"
                  + " cipher family ("
                  + Probed.names(probes)
                  + ") ended without a handshake ("
                  + Probed.reasons(all)
                  + "), "
                  + Probed.names(refusedWithAlert)
                  + " with an alert that says no suite fits. Changing the client's offer will not"
                  + " help: the server's TLS setup leaves nothing a Windows client offers.",
              Probed.numbers(all),
              Remedy.TLS_REFUSES_EVERY_OFFER));
    }
    List<String> offeredSuites = ctx.baseline().spec().tlsOffer().cipherSuites();
    List<Probed> suiteOffered =
        works.stream()
            .filter(p -> offeredSuites.contains(p.result().facts().tls().cipherSuite()))
            .toList();
    if (suiteOffered.isEmpty()) {
      return Optional.of(
          Findings.confirmed(
              cause,
              "The server takes only "
                  + Probed.names(works)
                  + " suites ("
                  + Outcomes.and(
                      works.stream().map(p -> p.result().facts().tls().cipherSuite()).toList())
                  + "), and the client offers none of them.",
              Probed.numbers(works),
              Remedy.CLIENT_LACKS_SERVER_SUITES));
    }
    TlsSessionFacts tls = suiteOffered.get(0).result().facts().tls();
    boolean versionOffered =
        tls.version() != null
            && ctx.baseline().spec().tlsOffer().versions().contains(tls.version());
    return Optional.of(
        Findings.weighed(
            cause,
            Status.RULED_OUT,
            "The server completes a handshake with "
                + tls.cipherSuite()
                + ", which the client offers"
                + (versionOffered
                    ? " too: the cipher suites are not the problem."
                    : ", at "
                        + tls.version()
                        + ", which it does not: the version is the problem,"
                        + " not the suites."),
            Probed.numbers(suiteOffered)));
  }

  /** Whether the server refused the offer with handshake_failure or insufficient_security. */
  static boolean cipherAlert(Probed p) {
    return Outcomes.receivedAlert(p.result())
        .filter(a -> a.code() == 40 || a.code() == 71)
        .isPresent();
  }

  @Override
  public Optional<Finding> observe(Context ctx) {
    List<Probed> families = ctx.of(FollowUp.Kind.CIPHER_FAMILY);
    if (families.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Finding(
            Subject.CIPHER_FAMILIES,
            Status.OBSERVED,
            null,
            "Offered alone: " + Probed.handshakes(families, p -> p.planned().family().title()),
            Probed.numbers(families),
            List.of()));
  }
}
