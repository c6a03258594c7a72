package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Remedy;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An RDP_NEG_FAILURE (MS-RDPBCGR 2.2.1.2.2), weighed against each security protocol offered alone:
 * confirmed when the protocols the code asks for get through, and a server whose settings
 * contradict themselves when they get the same refusal.
 */
final class NegotiationConfirmation implements Confirmation {
  @Override
  public Set<CauseId> causes() {
    return EnumSet.of(
        CauseId.NEG_SSL_REQUIRED,
        CauseId.NEG_SSL_NOT_ALLOWED,
        CauseId.NEG_NO_CERTIFICATE,
        CauseId.NEG_INCONSISTENT_FLAGS,
        CauseId.NEG_NLA_REQUIRED,
        CauseId.NEG_CLIENT_CERT_REQUIRED,
        CauseId.NEG_UNKNOWN_FAILURE,
        CauseId.NEG_CONTRADICTS_OFFER);
  }

  /** For each failure code, the protocols that a client offering them gets through with. */
  private static Set<String> remedies(NegotiationFailureCode code) {
    return switch (code.value()) {
      case 1 -> Set.of("SSL", "HYBRID", "HYBRID_EX");
      case 2, 3 -> Set.of("RDP");
      case 5 -> Set.of("HYBRID", "HYBRID_EX");
      default -> Set.of();
    };
  }

  @Override
  public Optional<Finding> confirm(Cause c, Context ctx) {
    return Optional.of(finding(c, ctx));
  }

  private static Finding finding(Cause c, Context ctx) {
    List<Probed> probes = ctx.of(FollowUp.Kind.PROTOCOL);
    Optional<String> code = Outcomes.failureCode(ctx.baseline());
    if (probes.isEmpty() || code.isEmpty()) {
      return Findings.on(c, Status.NOT_TESTED, "No offer could be varied.", List.of());
    }
    Set<String> remedies = remedies(ctx.baseline().facts().negotiation().failureCode());
    List<Probed> sameRefusal =
        probes.stream().filter(p -> Outcomes.failureCode(p.result()).equals(code)).toList();
    List<Probed> remedyAccepted =
        probes.stream()
            .filter(Probed::acceptedAlone)
            .filter(p -> remedies.contains(p.name()))
            .toList();
    List<Probed> remedyRefused =
        sameRefusal.stream().filter(p -> remedies.contains(p.name())).toList();
    if (!remedyAccepted.isEmpty()) {
      List<Probed> cited = new ArrayList<>(sameRefusal);
      cited.addAll(remedyAccepted);
      return Findings.on(
          c,
          Status.CONFIRMED,
          c.title()
              + ": offered alone, "
              + Probed.names(remedyAccepted)
              + (remedyAccepted.size() == 1 ? " is" : " are")
              + " accepted"
              + (sameRefusal.isEmpty()
                  ? ""
                  : ", while "
                      + Probed.names(sameRefusal)
                      + " get"
                      + (sameRefusal.size() == 1 ? "s " : " ")
                      + code.get())
              + ". A client offering "
              + Probed.names(remedyAccepted)
              + " gets through.",
          Probed.numbers(cited));
    }
    if (sameRefusal.isEmpty()) {
      return Findings.on(
          c,
          Status.UNCONFIRMED,
          "Offered alone, no protocol got " + code.get() + " again; see the security protocols.",
          Probed.numbers(probes));
    }
    String text =
        "The server insists on "
            + code.get()
            + ": it refused "
            + Probed.names(sameRefusal)
            + " offered alone with it.";
    if (remedyRefused.isEmpty()) {
      return Findings.on(c, Status.CONFIRMED, text, Probed.numbers(sameRefusal));
    }
    return Findings.confirmed(
        c.id(),
        text
            + " It refused "
            + Probed.names(remedyRefused)
            + " the same way, although "
            + (remedyRefused.size() == 1 ? "that is" : "those are")
            + " what the code asks for: no security protocol a client can offer gets through,"
            + " so the server's settings contradict themselves.",
        Probed.numbers(sameRefusal),
        Remedy.NEGOTIATION_CONTRADICTS);
  }
}
