package dev.rdpprobe.cli;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT): the first one cancels what the running command has in flight and lets it finish
 * its report, which then exits with {@link #EXIT_INTERRUPTED}; a second one ends the process at
 * once. Without the handler (a JVM run with {@code -Xrs}) Ctrl-C ends the process as Java does.
 */
final class Interrupts {
  /** The exit code of an interrupted command: 128 + SIGINT, as a shell reports it. */
  static final int EXIT_INTERRUPTED = 130;

  private static final Logger LOG = LoggerFactory.getLogger(Interrupts.class);
  private static final AtomicReference<Runnable> ACTION = new AtomicReference<>();
  private static volatile boolean interrupted;

  private Interrupts() {}

  /** Takes SIGINT from Java's default (which exits at once) for the process's lifetime. */
  static void install() {
    try {
      Signal.handle(new Signal("INT"), s -> fire());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      LOG.debug("no SIGINT handler: Ctrl-C ends the process at once", e);
    }
  }

  /**
   * What the first Ctrl-C does while the command runs: cancel its probes. Runs at once if the
   * interruption came before. Any thread; {@code cancel} runs on the signal's thread.
   */
  static void onInterrupt(Runnable cancel) {
    ACTION.set(cancel);
    if (interrupted) {
      cancel.run();
    }
  }

  /** Whether Ctrl-C was pressed. */
  static boolean interrupted() {
    return interrupted;
  }

  private static void fire() {
    if (interrupted) {
      System.err.println();
      System.err.println("rdp-probe: interrupted twice, stopped at once");
      Runtime.getRuntime().halt(EXIT_INTERRUPTED);
    }
    interrupted = true;
    Runnable cancel = ACTION.get();
    if (cancel != null) {
      cancel.run();
    } else {
      System.exit(EXIT_INTERRUPTED); // nothing to report: end as Java would, hooks and all
    }
  }
}
