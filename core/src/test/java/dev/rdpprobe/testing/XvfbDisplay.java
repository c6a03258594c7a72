package dev.rdpprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A private X display: {@code Xvfb :N -nolisten tcp -screen 0 1024x768x24} on a display number
 * chosen at random among those with neither a lock file nor a socket (Xvfb's own choice, {@code
 * -displayfd}, looks at lock files only, and takes a number whose socket another server still holds
 * when that server's lock file is gone). Its files live in a test's directory; every wait is
 * bounded.
 *
 * <p>FreeRDP's xfreerdp needs a display even for {@code /version} and {@code +auth-only}.
 */
public final class XvfbDisplay implements AutoCloseable {
  private static final long START_MILLIS = 10_000;

  private final Process process;
  private final int number;
  private final Path log;

  private XvfbDisplay(Process process, int number, Path log) {
    this.process = process;
    this.number = number;
    this.log = log;
  }

  /**
   * Starts Xvfb on a free display, its files in {@code dir}; skips or fails if it is missing. A
   * display a client cannot open is given up for a fresh one.
   */
  public static XvfbDisplay start(Path dir) throws IOException, InterruptedException {
    StringBuilder failures = new StringBuilder();
    for (int attempt = 1; attempt <= 3; attempt++) {
      XvfbDisplay d = startOnce(dir);
      if (d.answers()) {
        return d;
      }
      failures.append("display :").append(d.number).append(" did not answer an X11 setup\n");
      d.close();
    }
    fail("no usable Xvfb display in three tries:\n" + failures);
    throw new AssertionError("unreachable");
  }

  private static XvfbDisplay startOnce(Path dir) throws IOException, InterruptedException {
    Path xvfb = Peers.require("Xvfb", "xvfb");
    Path log = Files.createTempFile(dir, "xvfb", ".log");
    int number = freeNumber();
    Path socket = socket(number);
    Process p =
        new ProcessBuilder(
                xvfb.toString(), ":" + number, "-nolisten", "tcp", "-screen", "0", "1024x768x24")
            .directory(dir.toFile())
            .redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(log.toFile())
            .redirectErrorStream(true)
            .start();
    long end = System.nanoTime() + START_MILLIS * 1_000_000;
    while (System.nanoTime() < end) {
      if (Files.exists(socket) && p.isAlive()) {
        return new XvfbDisplay(p, number, log);
      }
      if (!p.isAlive()) {
        fail("Xvfb :" + number + " exited with " + p.exitValue() + ":\n" + read(log));
      }
      Thread.sleep(50);
    }
    stop(p);
    fail("Xvfb :" + number + " made no socket in " + START_MILLIS + " ms:\n" + read(log));
    throw new AssertionError("unreachable");
  }

  /** A display number with neither a lock file nor a socket, from a range no desktop uses. */
  private static int freeNumber() {
    for (int i = 0; i < 100; i++) {
      int n = ThreadLocalRandom.current().nextInt(100, 30_000);
      if (!Files.exists(Path.of("/tmp/.X" + n + "-lock")) && !Files.exists(socket(n))) {
        return n;
      }
    }
    fail("no free X display number in 100 tries");
    throw new AssertionError("unreachable");
  }

  private static Path socket(int number) {
    return Path.of("/tmp/.X11-unix/X" + number);
  }

  /**
   * Whether the display accepts an X11 connection setup on its socket, as a client's first bytes
   * would: little-endian, protocol 11.0, no authorization; the reply's first byte is 1 (Success).
   */
  private boolean answers() {
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket(number)))) {
      ByteBuffer setup = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      setup.put((byte) 'l').put((byte) 0).putShort((short) 11).putShort((short) 0);
      setup.putShort((short) 0).putShort((short) 0).putShort((short) 0).flip();
      while (setup.hasRemaining()) {
        ch.write(setup);
      }
      ByteBuffer reply = ByteBuffer.allocate(1);
      ch.configureBlocking(false);
      try (Selector selector = Selector.open()) {
        ch.register(selector, SelectionKey.OP_READ);
        if (selector.select(2_000) == 0) {
          return false; // no answer in 2 s
        }
      }
      // and the server that answered is ours, not one that held the socket before
      return ch.read(reply) == 1 && reply.get(0) == 1 && process.isAlive();
    } catch (IOException e) {
      return false;
    }
  }

  /** The display number, e.g. {@code 1}. */
  public int number() {
    return number;
  }

  /** The value for {@code DISPLAY}, e.g. {@code :1}. */
  public String display() {
    return ":" + number;
  }

  /** Xvfb's messages, for failure messages. */
  public String logs() {
    return read(log);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return file + ": " + e.getMessage();
    }
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(5, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Stops Xvfb (SIGTERM, then SIGKILL after 5 s). */
  @Override
  public void close() throws InterruptedException {
    stop(process);
  }
}
