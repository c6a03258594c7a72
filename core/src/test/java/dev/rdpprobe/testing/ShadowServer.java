package dev.rdpprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * FreeRDP's shadow server ({@code freerdp-shadow-cli}, package freerdp2-shadow-x11) on a private
 * Xvfb display and a loopback port, with a SAM file made by {@code winpr-hash} for one user. Its
 * HOME is the test's directory, where it writes its certificate.
 */
public final class ShadowServer implements AutoCloseable {
  private final Process process;
  private final XvfbDisplay display;
  private final int port;
  private final Path log;
  private boolean listening;

  private ShadowServer(Process process, XvfbDisplay display, int port, Path log) {
    this.process = process;
    this.display = display;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the shadow server.
   *
   * @param security the {@code /sec:} value: {@code nla}, {@code tls}, {@code rdp} or {@code ext}
   * @param user the user of the SAM file
   * @param password the user's password
   * @param extra more options, e.g. {@code +sec-ext}
   */
  public static ShadowServer start(
      Path dir, String security, String user, String password, String... extra)
      throws IOException, InterruptedException {
    Path shadow = Peers.require("freerdp-shadow-cli", "freerdp2-shadow-x11");
    Path hash = Peers.require("winpr-hash", "winpr-utils");
    Path sam = dir.resolve("shadow.sam");
    Files.writeString(
        sam,
        Peers.run(dir, hash.toString(), "-u", user, "-p", password, "-f", "sam").trim() + "\n");
    Path home = Files.createDirectories(dir.resolve("shadow-home"));
    // a display the server cannot open although Xvfb reported it (seen in full runs, the server
    // then failing or lingering) is worth more tries, each on a fresh display
    StringBuilder failures = new StringBuilder();
    for (int attempt = 1; ; attempt++) {
      ShadowServer server = tryStart(dir, shadow, sam, home, security, attempt, extra);
      if (server.listening || attempt == 3 || !server.logs().contains("failed to open display")) {
        return server.listening(failures);
      }
      failures.append(server.describe()).append('\n');
      server.close();
    }
  }

  private static ShadowServer tryStart(
      Path dir, Path shadow, Path sam, Path home, String security, int attempt, String... extra)
      throws IOException, InterruptedException {
    XvfbDisplay display = XvfbDisplay.start(dir);
    int port = Peers.freePort();
    Path log = dir.resolve("shadow-" + attempt + ".log");
    List<String> command = new ArrayList<>();
    command.add(shadow.toString());
    command.add("/bind-address:127.0.0.1");
    command.add("/port:" + port);
    command.add("/sec:" + security);
    command.add("/sam-file:" + sam);
    command.addAll(List.of(extra));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("HOME", home.toString());
    pb.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    pb.environment().put("DISPLAY", display.display());
    Process p = pb.start();
    ShadowServer server = new ShadowServer(p, display, port, log);
    server.listening = Peers.awaitListening(port, 15_000, p);
    return server;
  }

  /**
   * This server if it listens; otherwise it is stopped and the test fails with its logs and those
   * of the earlier tries.
   */
  private ShadowServer listening(CharSequence earlierTries) throws InterruptedException {
    if (!listening) {
      String logs = earlierTries + describe();
      close();
      fail("freerdp-shadow-cli did not listen:\n" + logs);
    }
    return this;
  }

  private String describe() {
    return "port "
        + port
        + (process.isAlive() ? " (server running)" : " (server exited)")
        + ":\n"
        + logs()
        + "\nXvfb "
        + display.display()
        + ":\n"
        + display.logs();
  }

  /** The loopback port. */
  public int port() {
    return port;
  }

  /** The server's output, for failure messages. */
  public String logs() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
    display.close();
  }
}
