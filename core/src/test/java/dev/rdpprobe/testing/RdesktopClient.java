package dev.rdpprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * rdesktop (Debian package {@code rdesktop}, 1.9) as a real client of Standard RDP Security: each
 * run gets a fresh private {@code HOME} in the test's directory (rdesktop keeps its license and
 * known hosts under {@code ~/.local/share/rdesktop}), the given X display, {@code </dev/null} as
 * standard input, a clean environment and a hard time limit. rdesktop has no "authenticate and
 * exit" mode: a session it reaches stays open until the server ends it or the limit is hit.
 */
public final class RdesktopClient {
  private final Path program;
  private final Path dir;
  private final XvfbDisplay display;
  private int runs;

  private RdesktopClient(Path program, Path dir, XvfbDisplay display) {
    this.program = program;
    this.dir = dir;
    this.display = display;
  }

  /** A client whose runs keep their files in {@code dir}; skips or fails if rdesktop is missing. */
  public static RdesktopClient create(Path dir, XvfbDisplay display) {
    Path program = Peers.require("rdesktop", "rdesktop");
    return new RdesktopClient(program, dir, Objects.requireNonNull(display, "display"));
  }

  /** What one run did. */
  public record Run(List<String> command, int exitCode, boolean timedOut, String output) {
    /** The command, the outcome and the output, for failure messages. */
    public String describe() {
      return String.join(" ", command)
          + "\n  exit "
          + exitCode
          + (timedOut ? " (stopped: time limit reached)" : "")
          + "\n--- output\n"
          + output;
    }
  }

  /** Runs {@code rdesktop ARGS...} for at most {@code limit}, then stops it (SIGTERM, SIGKILL). */
  public Run run(Duration limit, String... args) throws IOException, InterruptedException {
    int n = ++runs;
    Path home = Files.createTempDirectory(dir, "rdesktop-home");
    Path out = dir.resolve("rdesktop-" + n + ".out");
    List<String> command = new ArrayList<>();
    command.add(program.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    Map<String, String> env = pb.environment();
    String path = env.getOrDefault("PATH", "/usr/bin:/bin");
    env.clear();
    env.put("PATH", path);
    env.put("HOME", home.toString());
    env.put("DISPLAY", display.display());
    env.put("LC_ALL", "C");
    Process p = pb.start();
    boolean timedOut = !p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (timedOut) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          fail("rdesktop (pid " + p.pid() + ") survived SIGKILL for 5 s");
        }
      }
    }
    return new Run(List.copyOf(command), p.exitValue(), timedOut, Files.readString(out));
  }
}
