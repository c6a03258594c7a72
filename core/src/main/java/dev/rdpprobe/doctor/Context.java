package dev.rdpprobe.doctor;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Diagnosis;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the confirmations weigh: the examination's spec and addresses, the baseline and its
 * diagnosis, the follow-ups that ran, and what the doctor learnt on the way.
 *
 * @param lookupFailure why the doctor's own name lookup failed, or {@code null}
 * @param connectionsNote what running turned-away follow-ups again alone showed, or {@code null}
 */
record Context(
    DoctorSpec spec,
    List<InetAddress> addresses,
    ProbeResult baseline,
    Diagnosis diagnosis,
    List<Probed> followUps,
    String lookupFailure,
    String connectionsNote) {
  Context {
    addresses = List.copyOf(addresses);
    followUps = List.copyOf(followUps);
  }

  /** The follow-ups of one kind, in the order they were planned. */
  List<Probed> of(FollowUp.Kind kind) {
    return followUps.stream().filter(p -> p.followUp().kind() == kind).toList();
  }

  Optional<Probed> first(FollowUp.Kind kind) {
    return of(kind).stream().findFirst();
  }

  /** The cause with this id, if the baseline's diagnosis named it. */
  Optional<Cause> named(CauseId id) {
    return diagnosis.causes().stream().filter(c -> c.id() == id).findFirst();
  }

  /** The diagnosis's most likely cause of a family; it must have named one. */
  Cause topOf(Set<CauseId> family) {
    return diagnosis.causes().stream()
        .filter(c -> family.contains(c.id()))
        .findFirst()
        .orElseThrow();
  }
}
