package dev.rdpprobe.cli;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM: the first one cancels what the running command has in flight and
 * lets it finish its report, which then exits with {@link #exitCode()} (130 after SIGINT, 143 after
 * SIGTERM); a second one ends the process at once, and so does a SIGTERM whose report is not done
 * within {@link #TERM_GRACE_MILLIS} (a service manager waits for no summary). Without the handlers
 * (a JVM run with {@code -Xrs}) both end the process as Java does.
 */
final class Interrupts {
  /** The exit code of an interrupted command: 128 + SIGINT, as a shell reports it. */
  static final int EXIT_INTERRUPTED = 130;

  /** The exit code after SIGTERM: 128 + 15. */
  static final int EXIT_TERMINATED = 143;

  /** How long a SIGTERM waits for the report of what was in flight before the process halts. */
  static final long TERM_GRACE_MILLIS = 1_000;

  private static final AtomicReference<Runnable> ACTION = new AtomicReference<>();
  private static volatile boolean interrupted;
  private static volatile int exitCode = EXIT_INTERRUPTED;

  private Interrupts() {}

  /** Takes SIGINT from Java's default (which exits at once) for the process's lifetime. */
  static void install() {
    try {
      Signal.handle(new Signal("INT"), s -> fire(EXIT_INTERRUPTED));
      Signal.handle(new Signal("TERM"), s -> fire(EXIT_TERMINATED));
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // the logger only here: made at start-up, it would find SLF4J's provider on the main thread
      LoggerFactory.getLogger(Interrupts.class)
          .debug("no SIGINT or SIGTERM handler: either ends the process at once", e);
    }
  }

  /** The detail of the close of a probe that a signal ended. */
  static String why() {
    return exitCode == EXIT_TERMINATED
        ? "the probe was stopped (SIGTERM)"
        : "the probe was interrupted (Ctrl-C)";
  }

  /** The exit code of an interrupted command: 130 after SIGINT, 143 after SIGTERM. */
  static int exitCode() {
    return exitCode;
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

  /** Whether Ctrl-C was pressed or SIGTERM came. */
  static boolean interrupted() {
    return interrupted;
  }

  private static void fire(int code) {
    if (interrupted) {
      System.err.println();
      System.err.println("rdp-probe: interrupted twice, stopped at once");
      Runtime.getRuntime().halt(exitCode);
    }
    exitCode = code;
    interrupted = true;
    if (code == EXIT_TERMINATED) {
      Thread watchdog =
          new Thread(
              () -> {
                try {
                  Thread.sleep(TERM_GRACE_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
                System.out.flush();
                System.err.println("rdp-probe: terminated, stopped before the report was done");
                Runtime.getRuntime().halt(EXIT_TERMINATED);
              },
              "rdp-probe-term");
      watchdog.setDaemon(true);
      watchdog.start();
    }
    Runnable cancel = ACTION.get();
    if (cancel != null) {
      cancel.run();
    } else {
      System.exit(code); // nothing to report: end as Java would, hooks and all
    }
  }
}
