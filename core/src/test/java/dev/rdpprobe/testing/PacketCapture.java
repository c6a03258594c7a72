package dev.rdpprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A loopback packet capture with dumpcap (from the tshark package) for one TCP port, and tshark to
 * read it back: the oracle for what crossed the wire. Needs the right to capture (root in CI).
 */
public final class PacketCapture implements AutoCloseable {
  private final Process process;
  private final Path file;
  private final Path log;

  private PacketCapture(Process process, Path file, Path log) {
    this.process = process;
    this.file = file;
    this.log = log;
  }

  /** Starts capturing TCP traffic to and from {@code port} on the loopback interface. */
  public static PacketCapture start(Path dir, int port) throws IOException, InterruptedException {
    return start(dir, "tcp port " + port, "capture-" + port);
  }

  /**
   * Starts capturing TCP traffic on the loopback interface between two ports above 1023 (the
   * emulators' and probes' ephemeral ones), for several connections in one file.
   */
  public static PacketCapture startAll(Path dir) throws IOException, InterruptedException {
    return start(dir, "tcp portrange 1024-65535", "capture-all");
  }

  private static PacketCapture start(Path dir, String filter, String name)
      throws IOException, InterruptedException {
    Path dumpcap = Peers.require("dumpcap", "tshark");
    Path file = dir.resolve(name + ".pcapng");
    Path log = dir.resolve(name + ".log");
    Process p =
        new ProcessBuilder(dumpcap.toString(), "-i", "lo", "-f", filter, "-w", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PacketCapture capture = new PacketCapture(p, file, log);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      if (!p.isAlive()) {
        fail("dumpcap exited at start: " + Files.readString(log));
      }
      if (Files.readString(log).contains("Capturing on")) {
        // dumpcap says so a moment before its filter is attached; callers check for the SYN
        Thread.sleep(100);
        return capture;
      }
      Thread.sleep(50);
    }
    capture.close();
    fail("dumpcap did not start capturing in 10 s: " + Files.readString(log));
    return capture;
  }

  /** The capture file (complete once {@link #close()} returned). */
  public Path file() {
    return file;
  }

  /** Stops the capture and waits until the file is written. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Runs tshark on the capture and returns its output lines.
   *
   * @param args tshark arguments after {@code -r FILE}
   */
  public List<String> tshark(String... args) throws IOException, InterruptedException {
    Path tshark = Peers.require("tshark", "tshark");
    List<String> command = new ArrayList<>();
    command.add(tshark.toString());
    command.add("-r");
    command.add(file.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(file.getParent(), "tshark", ".out");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(false)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("tshark did not finish in 60 s");
    }
    return Files.readAllLines(out);
  }

  /** dumpcap's messages, for failure reports. */
  public String log() throws IOException {
    return Files.readString(log);
  }
}
