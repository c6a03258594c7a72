package dev.rdpprobe.fuzz;

import dev.rdpprobe.trace.Phase;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The reactions of a campaign counted per phase the connection ended in: the summary table.
 *
 * @param counts reaction counts by phase, phases and reactions in their order
 */
public record ReactionTable(Map<Phase, Map<Reaction.Kind, Integer>> counts) {
  /** The table of {@code cases}. */
  public static ReactionTable of(List<FuzzCase> cases) {
    Map<Phase, Map<Reaction.Kind, Integer>> t = new EnumMap<>(Phase.class);
    for (FuzzCase c : cases) {
      t.computeIfAbsent(c.reaction().phase(), p -> new EnumMap<>(Reaction.Kind.class))
          .merge(c.reaction().kind(), 1, Integer::sum);
    }
    return new ReactionTable(t);
  }

  /** The table as text: a row per phase, a column per reaction that occurred. */
  public String text() {
    List<Reaction.Kind> kinds =
        counts.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
    StringBuilder b = new StringBuilder(String.format("%-18s", "phase"));
    for (Reaction.Kind k : kinds) {
      b.append(String.format(" %" + Math.max(5, k.name().length()) + "s", k.name()));
    }
    b.append('\n');
    counts.forEach(
        (phase, row) -> {
          b.append(String.format("%-18s", phase.name()));
          for (Reaction.Kind k : kinds) {
            b.append(
                String.format(" %" + Math.max(5, k.name().length()) + "d", row.getOrDefault(k, 0)));
          }
          b.append('\n');
        });
    return b.toString();
  }
}
