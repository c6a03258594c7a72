package dev.rdpprobe.doctor;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Remedy;
import dev.rdpprobe.doctor.Finding.Status;
import dev.rdpprobe.doctor.Finding.Subject;
import java.util.List;

/**
 * Findings on causes. Only a confirmed one carries advice, and its advice comes from the cause
 * catalogue: the steps of the diagnosis's cause, or of the remedy the follow-ups point to.
 */
final class Findings {
  private Findings() {}

  /** On a cause the diagnosis named; confirmed, it advises what the diagnosis advised. */
  static Finding on(Cause c, Status status, String text, List<Integer> followUps) {
    return new Finding(
        Subject.CAUSE,
        status,
        c.id(),
        text,
        followUps,
        status == Status.CONFIRMED ? c.advice() : List.of());
  }

  /** Confirmed: a problem to fix, with the steps of {@code remedy}. */
  static Finding confirmed(CauseId id, String text, List<Integer> followUps, Remedy remedy) {
    if (!remedy.causes().contains(id)) {
      throw new IllegalArgumentException(remedy + " is no remedy of " + id);
    }
    return new Finding(Subject.CAUSE, Status.CONFIRMED, id, text, followUps, remedy.steps());
  }

  /** Weighed but not confirmed: ruled out, unconfirmed, or not tested; nothing to do. */
  static Finding weighed(CauseId id, Status status, String text, List<Integer> followUps) {
    if (status == Status.CONFIRMED) {
      throw new IllegalArgumentException("a confirmed finding names its remedy");
    }
    return new Finding(Subject.CAUSE, status, id, text, followUps, List.of());
  }

  /**
   * Unconfirmed, because the diagnosis ranked {@code top}, a cause that looks the same from
   * outside, higher.
   */
  static Finding lookalike(Cause c, Cause top, String howToTell, List<Integer> followUps) {
    return on(
        c,
        Status.UNCONFIRMED,
        "From outside, this looks the same as \"" + top.title() + "\": " + howToTell + ".",
        followUps);
  }

  /** A cause of the diagnosis that no follow-up tests. */
  static Finding notTested(Cause c) {
    return on(c, Status.NOT_TESTED, "No follow-up tests this cause: " + c.why() + ".", List.of());
  }
}
