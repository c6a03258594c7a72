package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.Remedy;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.doctor.Finding.Subject;
import dev.rdpprobe.tls.TlsVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The clients a server refuses although other offers complete, read from the TLS versions and
 * cipher families offered alone: a client limited to TLS 1.2 (Windows 10's, whose Schannel offers
 * no TLS 1.3 by default, see {@code TlsOffer.windowsDefault}) where only TLS 1.3 completes, or a
 * client limited to current suites (ECDHE) where only RSA key exchange completes. Refusing only TLS
 * 1.0 and 1.1, or only RSA key exchange, is no problem and is left to the observations. Only for a
 * baseline that went through: a failing one's own cause says what is wrong.
 */
final class RefusedClientsConfirmation implements Confirmation {
  @Override
  public Optional<Finding> observe(Context ctx) {
    if (!ctx.baseline().reachedStopPoint()) {
      return Optional.empty(); // a failing baseline's own cause comes first; its findings say it
    }
    List<Probed> versions = ctx.of(FollowUp.Kind.TLS_VERSION);
    List<Probed> families = ctx.of(FollowUp.Kind.CIPHER_FAMILY);
    boolean versionWorks = versions.stream().anyMatch(Probed::tlsComplete);
    boolean familyWorks = families.stream().anyMatch(Probed::tlsComplete);
    List<String> refused = new ArrayList<>();
    List<Probed> cited = new ArrayList<>();
    if (versionWorks) {
      for (Probed p : versions) {
        TlsVersion v = p.planned().version();
        if (!p.tlsComplete() && v.compareTo(TlsVersion.TLS_1_2) >= 0) {
          cited.add(p);
          refused.add(
              "clients that offer only "
                  + Outcomes.version(v)
                  + (v == TlsVersion.TLS_1_2
                      ? " (Windows 10's Remote Desktop client, which offers no TLS 1.3 by default,"
                          + " and other clients without TLS 1.3)"
                      : "")
                  + ": "
                  + Outcomes.version(v)
                  + " alone ended with "
                  + Outcomes.shortReason(p.result()));
        }
      }
    }
    if (familyWorks) {
      for (Probed p : families) {
        CipherFamily f = p.planned().family();
        if (!p.tlsComplete() && f != CipherFamily.RSA_KEY_EXCHANGE) {
          cited.add(p);
          refused.add(
              "clients that offer only "
                  + f.title()
                  + " suites at TLS 1.2 and older: that family alone ended with "
                  + Outcomes.shortReason(p.result()));
        }
      }
    }
    if (refused.isEmpty()) {
      return Optional.empty();
    }
    List<Probed> works = new ArrayList<>(versions);
    works.addAll(families);
    works.removeIf(p -> !p.tlsComplete());
    List<Integer> numbers = new ArrayList<>(Probed.numbers(cited));
    numbers.addAll(Probed.numbers(works));
    numbers.sort(Integer::compare);
    return Optional.of(
        new Finding(
            Subject.REFUSED_CLIENTS,
            Status.CONFIRMED,
            null,
            "The server refuses "
                + String.join("; and ", refused)
                + ". Only "
                + Probed.names(works)
                + " complete"
                + (works.size() == 1 ? "s" : "")
                + " a handshake alone, which is why the probe's own offer got through.",
            numbers,
            Remedy.SOME_CLIENTS_REFUSED.steps()));
  }
}
