package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One family of questions the follow-ups answer, as a diagnosis rule is one family of causes: the
 * causes it can confirm or rule out, and a fact about the server its follow-ups establish. {@link
 * Assessor} runs them all; they do not know each other.
 */
interface Confirmation {
  /** The causes it weighs; empty when it only observes. */
  default Set<CauseId> causes() {
    return Set.of();
  }

  /**
   * Its finding on a cause of {@link #causes()} that the baseline's diagnosis named; empty when
   * none of its follow-ups bears on it. By default, what its follow-ups {@link #settle} by
   * themselves.
   */
  default Optional<Finding> confirm(Cause named, Context ctx) {
    return settle(named.id(), ctx);
  }

  /**
   * Its finding on a cause of {@link #causes()} whether the diagnosis named it or not, for a family
   * whose follow-ups answer by themselves (a TLS version that completes, a small flight answered);
   * empty when none of its follow-ups bears on it.
   */
  default Optional<Finding> settle(CauseId cause, Context ctx) {
    return Optional.empty();
  }

  /** A fact about the server its follow-ups establish (a finding that names no cause), if any. */
  default Optional<Finding> observe(Context ctx) {
    return Optional.empty();
  }

  /** Every fact its follow-ups establish; by default {@link #observe}'s one. */
  default List<Finding> observations(Context ctx) {
    return observe(ctx).stream().toList();
  }
}
