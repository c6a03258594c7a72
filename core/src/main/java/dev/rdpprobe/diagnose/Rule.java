package dev.rdpprobe.diagnose;

import java.util.List;

/**
 * One piece of the cause catalogue: looks at a finished trace and names the causes its evidence
 * supports, or none. Rules are independent of each other; a fact several of them weigh belongs in
 * {@link TraceView}. A new rule is a new class added to {@link Diagnoser#STANDARD_RULES}.
 */
interface Rule {
  /** The causes this rule finds in the trace, most likely first; empty if none applies. */
  List<Cause> evaluate(TraceView view);

  /**
   * Whether the rule also speaks when the probe reached its stop point: a warning about something a
   * real client would object to although the handshake went through.
   */
  default boolean warnsOnSuccess() {
    return false;
  }
}
