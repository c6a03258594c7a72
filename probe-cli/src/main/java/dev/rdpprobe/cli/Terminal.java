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
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    Path fd = Path.of("/proc/self/fd/2");
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
