package dev.rdpprobe.fuzz;

import dev.rdpprobe.trace.Phase;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One case of a campaign and how it ended.
 *
 * @param number its number in the campaign, from 1 (0 for a reproduction)
 * @param seeds the case seeds applied in turn: one, or a corpus case's seeds and a fresh one on top
 * @param phase the phase whose PDU was mutated
 * @param pdu the name of the PDU to mutate, or {@code ""} for the phase's first
 * @param mutation what was sent instead of the planned PDU, or {@code null} when it was not reached
 * @param reaction how the peer reacted
 * @param interesting whether it was the first of its phase, last peer PDU and close kind
 * @param health the health check after it
 */
public record FuzzCase(
    int number,
    List<Long> seeds,
    Phase phase,
    String pdu,
    Mutation mutation,
    Reaction reaction,
    boolean interesting,
    Health.Verdict health) {
  public FuzzCase {
    seeds = List.copyOf(seeds);
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("a case has at least one seed");
    }
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(pdu, "pdu");
    Objects.requireNonNull(reaction, "reaction");
    Objects.requireNonNull(health, "health");
  }

  /** The seeds as written: hex, joined with {@code +}. */
  public String seedText() {
    return seeds.stream().map(CaseSeeds::text).collect(Collectors.joining("+"));
  }

  /** The key that makes a case interesting when it is new: phase, last peer PDU, close kind. */
  public String coverageKey() {
    return reaction.phase() + " | " + reaction.lastPeerPdu() + " | " + reaction.close();
  }

  /** One line for a progress display. */
  public String line() {
    return String.format(
        "case %d [%s] %s -> %s%s%s",
        number,
        seedText(),
        mutation == null ? "(target not reached)" : mutation.summary(),
        reaction.line(),
        interesting ? " NEW" : "",
        health.ok() ? "" : " HEALTH: " + health.detail());
  }
}
