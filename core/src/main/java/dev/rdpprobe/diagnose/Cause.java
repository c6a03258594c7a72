package dev.rdpprobe.diagnose;

import java.util.List;
import java.util.Objects;

/**
 * A likely reason for how a connection ended, with the facts of the trace that support it and what
 * an administrator should check or change.
 *
 * @param id which cause of the catalogue
 * @param confidence how well it fits; causes are ranked by it
 * @param why why it fits this trace, in a sentence or two
 * @param evidence the events that support it, in trace order
 * @param advice what an administrator should check or change, one step per entry: the steps of a
 *     {@link Remedy} of the cause
 */
public record Cause(
    CauseId id, Confidence confidence, String why, List<Evidence> evidence, List<String> advice) {
  public Cause {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(why, "why");
    evidence = List.copyOf(evidence);
    advice = List.copyOf(advice);
    if (evidence.isEmpty()) {
      throw new IllegalArgumentException(id + ": a cause needs evidence");
    }
  }

  /**
   * A cause whose advice is a remedy of the catalogue.
   *
   * @throws IllegalArgumentException if the remedy is not one of the cause's
   */
  public Cause(
      CauseId id, Confidence confidence, String why, List<Evidence> evidence, Remedy remedy) {
    this(id, confidence, why, evidence, advice(id, remedy));
  }

  private static List<String> advice(CauseId id, Remedy remedy) {
    if (!remedy.causes().contains(id)) {
      throw new IllegalArgumentException(remedy + " is no remedy of " + id);
    }
    return remedy.steps();
  }

  /** The cause's title, e.g. {@code Nothing listens on the port}. */
  public String title() {
    return id.title();
  }

  @Override
  public String toString() {
    return id + " (" + confidence + "): " + why;
  }
}
