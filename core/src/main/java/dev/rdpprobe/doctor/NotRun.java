package dev.rdpprobe.doctor;

import java.util.Objects;

/**
 * A follow-up the doctor did not run, and why: not needed for this ending, not possible (nothing
 * accepted a connection), or out of time.
 *
 * @param what the follow-up, e.g. {@code UDP multitransport probe}
 * @param why why it did not run, in a sentence
 */
public record NotRun(String what, String why) {
  public NotRun {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(why, "why");
  }

  @Override
  public String toString() {
    return what + ": " + why;
  }
}
