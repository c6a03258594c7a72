package dev.rdpprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Real peers for integration tests: finds their programs, and fails or skips (saying which) when
 * one is missing. With {@code RDP_PROBE_REQUIRE_PEERS=1} (set by {@code .ci/run}) a missing peer
 * fails the test; otherwise the test is skipped.
 */
public final class Peers {
  private Peers() {}

  private static final List<String> PATH_EXTRA = List.of("/usr/sbin", "/sbin", "/usr/bin");

  /** Whether missing peers fail tests instead of skipping them. */
  public static boolean required() {
    return "1".equals(System.getenv("RDP_PROBE_REQUIRE_PEERS"));
  }

  /** The path of {@code program}, or a failed/skipped test naming the package to install. */
  public static Path require(String program, String debianPackage) {
    Path p = find(program);
    if (p == null) {
      String why =
          program + " not found (install the Debian package " + debianPackage + "; .ci/run does)";
      if (required()) {
        fail(why + " and RDP_PROBE_REQUIRE_PEERS=1");
      }
      Assumptions.abort("skipped: " + why);
    }
    return p;
  }

  /** The path of {@code program} on PATH or in the sbin directories, or {@code null}. */
  public static Path find(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    for (String dir : PATH_EXTRA) {
      Path p = Path.of(dir, program);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** A loopback port that was free a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }

  /** Waits until something accepts TCP connections on the loopback port, or the time is up. */
  public static boolean awaitListening(int port, long millis, Process process)
      throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      if (process != null && !process.isAlive()) {
        return false;
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return true;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    return false;
  }

  /** Runs a command to completion (at most 60 s), failing the test if it fails. */
  public static String run(Path dir, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "cmd", ".log");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish in 60 s");
    }
    String out = Files.readString(log);
    if (p.exitValue() != 0) {
      fail(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + out);
    }
    return out;
  }
}
