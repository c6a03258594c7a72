package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.CauseId;
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
   * Its finding on {@code cause}, one of {@link #causes()}, whether the baseline's diagnosis named
   * it ({@link Context#named}) or not; empty when none of its follow-ups bears on it, or when it
   * can weigh only a cause the diagnosis named.
   */
  default Optional<Finding> confirm(CauseId cause, Context ctx) {
    return Optional.empty();
  }

  /** A fact about the server its follow-ups establish (a finding that names no cause), if any. */
  default Optional<Finding> observe(Context ctx) {
    return Optional.empty();
  }
}
