package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged rdp-probe jar as a process, as a user would. */
final class CliProcess {
  private CliProcess() {}

  /**
   * What a run printed and returned.
   *
   * @param exitCode the exit code
   * @param out standard output
   * @param err standard error
   */
  record Result(int exitCode, String out, String err) {
    /**
     * Every JSON document on stdout (a line that is a JSON object) matches its JSON Schema,
     * whatever the test goes on to check.
     */
    Result {
      out.lines()
          .filter(l -> l.startsWith("{") && l.endsWith("}"))
          .forEach(dev.rdpprobe.testing.JsonSchemas::assertValid);
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("rdpprobe.jar", "target/rdp-probe.jar"));
    assertTrue(Files.isRegularFile(jar), "the packaged jar is missing: " + jar);
    return jar;
  }

  static Result run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  /** Runs {@code command} in {@code dir} (the launchers, the installed command) as a user would. */
  static Result exec(List<String> command, Path dir, Map<String, String> env)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("rdp-probe-out", ".txt");
    Path err = Files.createTempFile("rdp-probe-err", ".txt");
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

  static Result run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile("rdp-probe-out", ".txt");
    Path err = Files.createTempFile("rdp-probe-err", ".txt");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("rdp-probe " + String.join(" ", args) + " did not finish in 90 s");
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

  /**
   * Starts the packaged command with SIGINT at its default disposition (a shell running it in the
   * background would have it ignored), output to files; the caller ends it.
   */
  static Process start(List<String> args, Path out, Path err) throws IOException {
    List<String> command = new ArrayList<>();
    command.addAll(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!"));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-jar", jar().toString()));
    command.addAll(args);
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    p.getOutputStream().close();
    return p;
  }

  /** What {@code file} holds once it contains {@code text}; fails after 60 s without it. */
  static String await(Path file, String text) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String content = "";
    while (System.nanoTime() < end) {
      content = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      if (content.contains(text)) {
        return content;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + text + "' in " + file + ": " + content);
  }
}
