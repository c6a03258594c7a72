package dev.rdpprobe.doctor;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.doctor.Finding.Subject;
import dev.rdpprobe.trace.CloseKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each security protocol offered alone: which ones the server accepts, and whether a server that
 * selects a protocol it was not offered does so whatever the offer.
 */
final class ProtocolsConfirmation implements Confirmation {
  @Override
  public Set<CauseId> causes() {
    return Set.of(CauseId.PROTOCOL_NOT_OFFERED);
  }

  @Override
  public Optional<Finding> confirm(Cause c, Context ctx) {
    List<Probed> probes = ctx.of(FollowUp.Kind.PROTOCOL);
    if (probes.isEmpty()) {
      return Optional.of(
          Findings.on(c, Status.NOT_TESTED, "No follow-up tests this cause.", List.of()));
    }
    CloseKind kind = ctx.baseline().closed().kind();
    List<Probed> same = probes.stream().filter(p -> p.result().closed().kind() == kind).toList();
    return Optional.of(
        same.size() == probes.size()
            ? Findings.on(
                c,
                Status.CONFIRMED,
                c.title() + ": every follow-up of this kind ended the same way.",
                Probed.numbers(same))
            : Findings.on(
                c,
                Status.UNCONFIRMED,
                "Only " + same.size() + " of " + probes.size() + " follow-ups ended the same way.",
                Probed.numbers(probes)));
  }

  @Override
  public Optional<Finding> observe(Context ctx) {
    List<Probed> probes = ctx.of(FollowUp.Kind.PROTOCOL);
    if (probes.isEmpty()) {
      return Optional.empty();
    }
    List<String> accepted = new ArrayList<>();
    Map<String, List<String>> others = new LinkedHashMap<>();
    for (Probed p : probes) {
      if (p.acceptedAlone()) {
        accepted.add(p.name());
      } else {
        others.computeIfAbsent(reason(p), k -> new ArrayList<>()).add(p.name());
      }
    }
    StringBuilder t =
        new StringBuilder("Offered alone, ")
            .append(
                accepted.isEmpty()
                    ? "the server accepts none of the security protocols"
                    : "the server accepts " + Outcomes.and(accepted));
    if (!others.isEmpty()) {
      t.append("; ");
      List<String> groups = new ArrayList<>();
      others.forEach((reason, names) -> groups.add(Outcomes.and(names) + ": " + reason));
      t.append(String.join("; ", groups));
    }
    t.append('.');
    return Optional.of(
        new Finding(
            Subject.SECURITY_PROTOCOLS,
            Status.OBSERVED,
            null,
            t.toString(),
            Probed.numbers(probes),
            List.of()));
  }

  /** Why a protocol offered alone was not accepted, in a few words. */
  static String reason(Probed p) {
    ProbeResult r = p.result();
    Optional<String> code = Outcomes.failureCode(r);
    if (code.isPresent()) {
      return "refused with " + code.get();
    }
    Optional<String> selected = Outcomes.selected(r);
    if (selected.isPresent() && !selected.get().equals(p.name())) {
      return "answered by selecting " + selected.get();
    }
    if (r.closed().kind() == CloseKind.PEER_RST) {
      return "reset after the Connection Request";
    }
    if (r.closed().kind() == CloseKind.PEER_FIN) {
      return "closed after the Connection Request";
    }
    if (Outcomes.stalled(r)) {
      return "no answer";
    }
    return p.followUp().outcome();
  }
}
