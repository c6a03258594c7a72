package dev.rdpprobe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the CLI knows of the terminal it writes to. */
final class Terminal {
  private Terminal() {}

  /**
   * Whether standard error is a terminal: on Linux, where file descriptor 2 points ({@code
   * /dev/pts/N}, {@code /dev/ttyN}); elsewhere, whether Java sees a console. A terminal whose
   * {@code TERM} is {@code dumb} (an editor's shell) cannot redraw a line and does not count.
   */
  static boolean stderrIsTerminal() {
    return isTerminal(2);
  }

  /** Whether standard output is a terminal, as {@link #stderrIsTerminal()} tells. */
  static boolean stdoutIsTerminal() {
    return isTerminal(1);
  }

  /**
   * The width of the terminal standard output shows on, or 0 when it is not a terminal: {@code
   * COLUMNS} when the shell exports it, else what {@code stty size} says of the terminal, else 80.
   */
  static int stdoutWidth() {
    if (!stdoutIsTerminal()) {
      return 0;
    }
    try {
      int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "").trim());
      if (columns > 0) {
        return columns;
      }
    } catch (NumberFormatException e) {
      // not exported: ask the terminal
    }
    try {
      Process p =
          new ProcessBuilder("stty", "size")
              .redirectInput(new java.io.File("/dev/tty"))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String size = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0) {
        int columns = Integer.parseInt(size.substring(size.indexOf(' ') + 1));
        if (columns > 0) {
          return columns;
        }
      }
    } catch (IOException | RuntimeException e) {
      // no stty (Windows) or no controlling terminal
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 80;
  }

  private static boolean isTerminal(int descriptor) {
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    Path fd = Path.of("/proc/self/fd/" + descriptor);
    if (Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return System.console() != null;
  }
}
