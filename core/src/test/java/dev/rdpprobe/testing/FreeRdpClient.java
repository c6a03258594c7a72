package dev.rdpprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * FreeRDP's X11 client ({@code xfreerdp}, Debian package {@code freerdp2-x11}) as a real peer. Each
 * run gets a fresh private {@code HOME} and {@code XDG_CONFIG_HOME} in the test's directory
 * (xfreerdp writes {@code ~/.config/freerdp} there), the given X display, {@code </dev/null} as
 * standard input, a clean environment and a hard time limit.
 *
 * <p>xfreerdp's exit code says why it failed: {@code XF_EXIT_*} in FreeRDP's {@code
 * client/X11/xfreerdp.h}, e.g. 143 for ERRCONNECT_TLS_CONNECT_FAILED (the table is in FreeRDP
 * include/freerdp/error.h). Its log (WLog) writes levels below WARN to standard output and WARN and
 * above to standard error; the two are kept apart and concatenated, so lines are never cut but
 * their relative order across the two streams is lost.
 */
public final class FreeRdpClient {
  private final Path program;
  private final Path dir;
  private final XvfbDisplay display;
  private int runs;

  private FreeRdpClient(Path program, Path dir, XvfbDisplay display) {
    this.program = program;
    this.dir = dir;
    this.display = display;
  }

  /**
   * A client whose runs keep their files in {@code dir} and use {@code display}; skips or fails if
   * xfreerdp is missing.
   */
  public static FreeRdpClient create(Path dir, XvfbDisplay display) {
    Path program = Peers.require("xfreerdp", "freerdp2-x11");
    return new FreeRdpClient(program, dir, Objects.requireNonNull(display, "display"));
  }

  /** What one run did. */
  public record Run(
      List<String> command,
      int exitCode,
      boolean timedOut,
      Duration elapsed,
      String stdout,
      String stderr) {

    /** Standard output, then standard error. */
    public String output() {
      return stdout + stderr;
    }

    /** Whether a line of the log contains {@code text}. */
    public boolean logged(String text) {
      return stdout.contains(text) || stderr.contains(text);
    }

    /** The command, the outcome and the whole log, for failure messages. */
    public String describe() {
      return String.join(" ", command)
          + "\n  exit "
          + exitCode
          + (timedOut ? " (killed: hard time limit reached)" : "")
          + " after "
          + elapsed.toMillis()
          + " ms\n--- stdout\n"
          + stdout
          + "--- stderr\n"
          + stderr;
    }
  }

  /**
   * Runs {@code xfreerdp ARGS...} and waits for it to exit, at most {@code limit}; then it is
   * stopped (SIGTERM, SIGKILL after 5 s) and the run is marked {@link Run#timedOut()}. A killed
   * run's exit code is the signal's (143 for SIGTERM), so check {@code timedOut} first.
   */
  public Run run(Duration limit, String... args) throws IOException, InterruptedException {
    int n = ++runs;
    Path home = Files.createTempDirectory(dir, "xfreerdp-home");
    Path config = Files.createDirectories(home.resolve(".config"));
    Path out = dir.resolve("xfreerdp-" + n + ".out");
    Path err = dir.resolve("xfreerdp-" + n + ".err");
    List<String> command = new ArrayList<>();
    command.add(program.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    String path = env.getOrDefault("PATH", "/usr/bin:/bin");
    String tmp = env.get("TMPDIR");
    env.clear();
    env.put("PATH", path);
    if (tmp != null) {
      env.put("TMPDIR", tmp);
    }
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", config.toString());
    env.put("DISPLAY", display.display());
    env.put("LC_ALL", "C");
    long start = System.nanoTime();
    Process p = pb.start();
    boolean timedOut = !p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (timedOut) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          fail("xfreerdp (pid " + p.pid() + ") survived SIGKILL for 5 s");
        }
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new Run(
        List.copyOf(command),
        p.exitValue(),
        timedOut,
        elapsed,
        new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
        new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
  }
}
