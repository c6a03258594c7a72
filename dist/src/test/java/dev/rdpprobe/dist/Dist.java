package dev.rdpprobe.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the dist module built, and a way to run it as a user would. */
final class Dist {
  private Dist() {}

  /**
   * What a run printed and returned.
   *
   * @param exitCode the exit code
   * @param out standard output
   * @param err standard error
   */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  static String version() {
    return System.getProperty("rdpprobe.version");
  }

  static Path target() {
    return Path.of(System.getProperty("rdpprobe.dist.dir", "target"));
  }

  static Path nativeDir() {
    return Path.of(System.getProperty("rdpprobe.native.dir", "target/native"));
  }

  static boolean nativeSkipped() {
    return Boolean.getBoolean("rdpprobe.native.skip");
  }

  static Path cliJar() {
    Path jar = Path.of(System.getProperty("rdpprobe.cli.jar"));
    assertTrue(Files.isRegularFile(jar), "the CLI's jar is missing: " + jar);
    return jar;
  }

  static Result run(List<String> command, Path dir, Map<String, String> env)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("dist-out", ".txt");
    Path err = Files.createTempFile("dist-err", ".txt");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(String.join(" ", command) + " did not finish in 120 s");
      }
      return new Result(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static Result run(Path dir, String... command) throws IOException, InterruptedException {
    return run(List.of(command), dir, Map.of());
  }
}
