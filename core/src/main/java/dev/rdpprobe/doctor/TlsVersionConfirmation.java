package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Remedy;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.doctor.Finding.Subject;
import dev.rdpprobe.tls.TlsVersion;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Each TLS version offered alone: which ones complete a handshake, and whether the client's offer
 * shares none of them with the server (older or newer than the client offers).
 */
final class TlsVersionConfirmation implements Confirmation {
  @Override
  public Set<CauseId> causes() {
    return Set.of(CauseId.TLS_VERSION_UNSUPPORTED);
  }

  @Override
  public Optional<Finding> settle(CauseId cause, Context ctx) {
    List<Probed> probes = ctx.of(FollowUp.Kind.TLS_VERSION);
    if (probes.isEmpty()) {
      return Optional.empty();
    }
    Set<TlsVersion> offered = ctx.baseline().spec().tlsOffer().versions();
    List<Probed> works = probes.stream().filter(Probed::tlsComplete).toList();
    Set<TlsVersion> worksV = new TreeSet<>();
    works.forEach(p -> worksV.add(p.planned().version()));
    if (worksV.isEmpty()) {
      return Optional.of(
          Findings.weighed(
              cause,
              Status.UNCONFIRMED,
              "No TLS version completes a handshake offered alone either ("
                  + Probed.reasons(probes)
                  + "), so the versions the client offers do not explain the failure by"
                  + " themselves.",
              Probed.numbers(probes)));
    }
    Set<TlsVersion> common = new TreeSet<>(worksV);
    common.retainAll(offered);
    if (!common.isEmpty()) {
      return Optional.of(
          Findings.weighed(
              cause,
              Status.RULED_OUT,
              "Offered alone, "
                  + Outcomes.versions(common)
                  + " completes a handshake, and the client offered it: the TLS version is not"
                  + " why the handshake failed.",
              Probed.numbers(works)));
    }
    String what;
    Remedy remedy;
    if (last(worksV).compareTo(offered.iterator().next()) < 0) {
      what = "The server only speaks an old TLS version";
      remedy = Remedy.TLS_SERVER_TOO_OLD;
    } else if (worksV.iterator().next().compareTo(last(offered)) > 0) {
      what = "The server only speaks a newer TLS version than the client offers";
      remedy = Remedy.TLS_SERVER_TOO_NEW;
    } else {
      what = "The server speaks only TLS versions the client does not offer";
      remedy = Remedy.TLS_SERVER_TOO_OLD;
    }
    List<Probed> failing = probes.stream().filter(p -> !p.tlsComplete()).toList();
    return Optional.of(
        Findings.confirmed(
            cause,
            what
                + ": offered alone, only "
                + Outcomes.versions(worksV)
                + " completes a handshake"
                + (failing.isEmpty() ? "" : " (" + Probed.reasons(failing) + ")")
                + ", while the client offered "
                + Outcomes.versions(offered)
                + ".",
            Probed.numbers(probes),
            remedy));
  }

  @Override
  public Optional<Finding> observe(Context ctx) {
    List<Probed> versions = ctx.of(FollowUp.Kind.TLS_VERSION);
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Finding(
            Subject.TLS_VERSIONS,
            Status.OBSERVED,
            null,
            "Offered alone: "
                + Probed.handshakes(versions, p -> Outcomes.version(p.planned().version())),
            Probed.numbers(versions),
            List.of()));
  }

  private static TlsVersion last(Set<TlsVersion> versions) {
    TlsVersion l = null;
    for (TlsVersion v : versions) {
      l = v;
    }
    return l;
  }
}
