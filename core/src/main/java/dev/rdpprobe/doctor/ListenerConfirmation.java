package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.trace.CloseKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A listener that turned the Connection Request away (closed, reset, rejected, or answered in
 * another protocol), weighed against each security protocol offered alone: if one is accepted, the
 * offer is the problem, not the listener.
 */
final class ListenerConfirmation implements Confirmation {
  @Override
  public Set<CauseId> causes() {
    return EnumSet.of(
        CauseId.LISTENER_REFUSES,
        CauseId.MIDDLEBOX_CLOSES,
        CauseId.CONNECTION_REQUEST_REJECTED,
        CauseId.NOT_RDP_LISTENER);
  }

  @Override
  public Optional<Finding> confirm(Cause c, Context ctx) {
    List<Probed> probes = ctx.of(FollowUp.Kind.PROTOCOL);
    if (probes.isEmpty()) {
      return Optional.of(Findings.on(c, Status.NOT_TESTED, "No offer could be varied.", List.of()));
    }
    List<Probed> accepted = probes.stream().filter(Probed::acceptedAlone).toList();
    if (!accepted.isEmpty()) {
      return Optional.of(
          Findings.on(
              c,
              Status.RULED_OUT,
              "The listener does answer: offered alone, "
                  + Probed.names(accepted)
                  + " "
                  + (accepted.size() == 1 ? "is" : "are")
                  + " accepted. It is the offer "
                  + ctx.baseline().spec().requestedProtocols()
                  + " that the server turns away.",
              Probed.numbers(accepted)));
    }
    CloseKind kind = ctx.baseline().closed().kind();
    List<Probed> same =
        probes.stream()
            .filter(p -> p.result().closed().kind() == kind)
            .filter(p -> p.result().facts().negotiation() == null)
            .toList();
    if (same.size() < probes.size()) {
      return Optional.of(
          Findings.on(
              c,
              Status.UNCONFIRMED,
              "The offers alone ended in different ways, none of them accepted; see the security"
                  + " protocols.",
              Probed.numbers(probes)));
    }
    Cause top = ctx.topOf(causes());
    if (top.id() != c.id()) {
      return Optional.of(
          Findings.lookalike(
              c,
              top,
              "probe from the server's own network to tell them apart",
              Probed.numbers(probes)));
    }
    return Optional.of(
        Findings.on(
            c,
            Status.CONFIRMED,
            c.title()
                + ": the server ended every Connection Request the same way ("
                + ProtocolsConfirmation.reason(probes.get(0))
                + "), whatever security protocol it offered ("
                + Probed.names(probes)
                + " alone). The offer is not the problem: the RDP listener, or a device in front of"
                + " it, turns every connection away.",
            Probed.numbers(probes)));
  }
}
