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

  /** The small and the full-size first flight, when both ran. */
  Optional<Flights> flights() {
    Optional<Probed> small = first(FollowUp.Kind.SMALL_FLIGHT);
    Optional<Probed> full = first(FollowUp.Kind.FULL_FLIGHT);
    return small.isPresent() && full.isPresent()
        ? Optional.of(new Flights(small.get(), full.get()))
        : Optional.empty();
  }

  /** The same step with a small and with a full-size first flight. */
  record Flights(Probed small, Probed full) {
    List<Integer> numbers() {
      return List.of(small.number(), full.number());
    }
  }

  /** The diagnosis's most likely cause of a family; it must have named one. */
  Cause topOf(Set<CauseId> family) {
    return diagnosis.causes().stream()
        .filter(c -> family.contains(c.id()))
        .findFirst()
        .orElseThrow();
  }
}
