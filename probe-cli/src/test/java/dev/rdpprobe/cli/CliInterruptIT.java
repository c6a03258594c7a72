package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and progress, as a user at a terminal meets them: the process gets a real SIGINT while its
 * probes wait on silent servers; the progress line is drawn on a real pseudo-terminal ({@code
 * script}).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CliInterruptIT {
  @TempDir Path dir;

  /** How long the last signalled run took from the signal to its exit. */
  private long lastExitMillis;

  /**
   * Accepts connections and never answers; counts them and sees each one end. Nothing here times
   * out before the test does: a connection that ends was ended by the client.
   */
  private static final class SilentServer implements AutoCloseable {
    final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final List<Socket> accepted = new CopyOnWriteArrayList<>();
    final CountDownLatch twoAccepted = new CountDownLatch(2);
    final CountDownLatch twoEnded = new CountDownLatch(2);

    SilentServer() throws IOException {
      Thread t =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Socket s = socket.accept();
                    accepted.add(s);
                    twoAccepted.countDown();
                    Thread reader = new Thread(() -> readToEnd(s));
                    reader.setDaemon(true);
                    reader.start();
                  }
                } catch (IOException e) {
                  // closed
                }
              });
      t.setDaemon(true);
      t.start();
    }

    private void readToEnd(Socket s) {
      try (InputStream in = s.getInputStream()) {
        byte[] buf = new byte[512];
        while (in.read(buf) >= 0) {
          // the Connection Request; no answer
        }
      } catch (IOException e) {
        // a reset ends it too
      }
      twoEnded.countDown();
    }

    String target() {
      return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  private static void interrupt(Process p) throws Exception {
    signal(p, "INT");
  }

  private static void signal(Process p, String name) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start();
    assertEquals(0, kill.waitFor(), "kill -" + name);
  }

  private static int exit(Process p) throws InterruptedException {
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("the interrupted command did not end in 60 s");
    }
    return p.exitValue();
  }

  /** Three targets, two at once, all silent: Ctrl-C once both are waiting for the answer. */
  private CliProcess.Result interruptedRun(SilentServer server, String... options)
      throws Exception {
    return signalledRun(server, "INT", options);
  }

  /** As {@link #interruptedRun}, with the signal {@code name}; the time from it to the exit too. */
  private CliProcess.Result signalledRun(SilentServer server, String name, String... options)
      throws Exception {
    Path targets = dir.resolve("targets.txt");
    Files.writeString(targets, (server.target() + "\n").repeat(3));
    List<String> args = new ArrayList<>(List.of("-iL", targets.toString(), "-c", "2"));
    args.addAll(List.of(options));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = CliProcess.start(args, out, err);
    assertTrue(server.twoAccepted.await(60, TimeUnit.SECONDS), "two probes connected");
    Thread.sleep(300); // their Connection Requests are out
    long signalled = System.nanoTime();
    signal(p, name);
    int code = exit(p);
    lastExitMillis = (System.nanoTime() - signalled) / 1_000_000;
    assertTrue(server.twoEnded.await(10, TimeUnit.SECONDS), "both connections were closed");
    assertEquals(2, server.accepted.size(), "the third target was never started");
    return new CliProcess.Result(
        code,
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void ctrlCCancelsTheProbesInFlightPrintsThemAndExits130() throws Exception {
    try (SilentServer server = new SilentServer()) {
      CliProcess.Result r = interruptedRun(server, "--json", "--idle-timeout", "100000");
      assertEquals(130, r.exitCode(), r.toString());
      String[] lines = r.out().strip().split("\n");
      assertEquals(2, lines.length, "a document per probe in flight: " + r);
      ObjectMapper m = new ObjectMapper();
      for (String line : lines) {
        JsonNode close = m.readTree(line).get("close");
        assertEquals("CANCELLED", close.get("kind").asText(), line);
        assertEquals("LOCAL", close.get("closedBy").asText(), line);
        assertEquals("X224_NEGOTIATION", close.get("phase").asText(), line);
        assertEquals(
            "the probe was interrupted (Ctrl-C) while we waited for the X.224 Connection Confirm",
            close.get("detail").asText(),
            line);
      }
      assertTrue(
          r.err()
              .contains(
                  "rdp-probe: interrupted: 0 of 3 targets done, 2 cancelled in flight, 1 not"
                      + " started"),
          r.toString());
      assertTrue(r.err().contains("2 of 3 targets in "), r.toString());
      assertTrue(r.err().contains(": 2 CANCELLED; Windows client: 2 0x1/0x0"), r.toString());
      assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    }
  }

  @Test
  void ctrlCStopsAScanCancelsItsProbesInFlightAndExits130() throws Exception {
    try (SilentServer server = new SilentServer()) {
      Path summary = dir.resolve("summary.json");
      CliProcess.Result r =
          interruptedRun(
              server,
              "--json",
              "--idle-timeout",
              "100000",
              "--rate-per-host",
              "0",
              "--summary",
              summary.toString());
      assertEquals(130, r.exitCode(), r.toString());
      String[] lines = r.out().strip().split("\n");
      assertEquals(2, lines.length, "a document per probe in flight: " + r);
      ObjectMapper m = new ObjectMapper();
      for (String line : lines) {
        assertEquals("CANCELLED", m.readTree(line).at("/close/kind").asText(), line);
      }
      assertTrue(r.err().contains("rdp-probe: scan stopped in "), r.toString());
      JsonNode s = m.readTree(Files.readString(summary));
      assertTrue(s.get("stopped").asBoolean(), s.toString());
      assertEquals(2, s.at("/counts/probed").asInt(), s.toString());
      assertEquals(2, s.at("/closes/CANCELLED").asInt(), s.toString());
      assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    }
  }

  @Test
  void sigtermCancelsTheProbesInFlightPrintsThemAndExits143WithinASecond() throws Exception {
    try (SilentServer server = new SilentServer()) {
      CliProcess.Result r = signalledRun(server, "TERM", "--json", "--idle-timeout", "100000");
      assertEquals(143, r.exitCode(), r.toString());
      // the grace is a second; the rest is the JVM's exit on a machine others share
      assertTrue(lastExitMillis < 2_500, "exit " + lastExitMillis + " ms after SIGTERM");
      String[] lines = r.out().strip().split("\n");
      assertEquals(2, lines.length, "a document per probe in flight: " + r);
      ObjectMapper m = new ObjectMapper();
      for (String line : lines) {
        JsonNode close = m.readTree(line).get("close");
        assertEquals("CANCELLED", close.get("kind").asText(), line);
        assertTrue(
            close.get("detail").asText().startsWith("the probe was stopped (SIGTERM)"), line);
      }
      assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    }
  }

  @Test
  void ctrlCInTextSaysCancelledOnTheCloseLine() throws Exception {
    try (SilentServer server = new SilentServer()) {
      CliProcess.Result r = interruptedRun(server, "--idle-timeout", "100000");
      assertEquals(130, r.exitCode(), r.toString());
      assertEquals(
          2,
          r.out()
              .lines()
              .filter(
                  l ->
                      l.contains(
                          "closed: CANCELLED by LOCAL - the probe was interrupted (Ctrl-C) while we"
                              + " waited for the X.224 Connection Confirm"))
              .count(),
          r.toString());
    }
  }

  @Test
  void ctrlCEndsTheDoctorWithTheReportOfWhatItHad() throws Exception {
    try (SilentServer server = new SilentServer()) {
      Path out = dir.resolve("doctor.json");
      Path err = dir.resolve("doctor-err.txt");
      Process p =
          CliProcess.start(
              List.of("doctor", "--json", "--idle-timeout", "100000", server.target()), out, err);
      assertTrue(awaitAccepted(server), "the baseline connected");
      Thread.sleep(300);
      interrupt(p);
      int code = exit(p);
      CliProcess.Result r =
          new CliProcess.Result(
              code,
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      assertEquals(130, r.exitCode(), r.toString());
      JsonNode doc = new ObjectMapper().readTree(r.out());
      assertEquals("doctor", doc.get("document").asText(), r.toString());
      assertEquals("CANCELLED", doc.get("baseline").get("close").get("kind").asText());
      for (JsonNode f : doc.get("followUps")) {
        assertEquals("CANCELLED", f.get("close").get("kind").asText(), f.toString());
      }
      assertTrue(r.err().contains("rdp-probe: interrupted: 0 probes done, "), r.toString());
    }
  }

  /** Waits until {@code file} holds {@code text}. */

  /** Runs serve, probes it once, then stops it with Ctrl-C. */
  private CliProcess.Result served(String name, String... options) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    List<String> args =
        new ArrayList<>(
            List.of("serve", "--scenario", "rst-after-connection-request", "--port", "" + port));
    args.addAll(List.of(options));
    Process p = CliProcess.start(args, out, err);
    CliProcess.await(List.of(options).contains("--json") ? err : out, "Ctrl-C stops it");
    try (dev.rdpprobe.RdpProbe probe = dev.rdpprobe.RdpProbe.create()) {
      probe.probe(dev.rdpprobe.ProbeSpec.builder("127.0.0.1").port(port).build()).join();
    }
    CliProcess.await(out, "STOP_POINT_REACHED");
    interrupt(p);
    return new CliProcess.Result(
        exit(p),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void serveHeadsEachConnectionWithItsClientAndPrintsJsonOnAsking() throws Exception {
    CliProcess.Result text = served("serve-text");
    assertEquals(130, text.exitCode(), "Ctrl-C stops it: " + text);
    assertTrue(
        text.out()
            .matches(
                "(?s).*\nconnection from 127\\.0\\.0\\.1:[0-9]+ to 127\\.0\\.0\\.1:[0-9]+"
                    + " at 20[0-9-]+T[0-9:.]+Z \\(rst-after-connection-request\\):\n#0 .*"),
        text.toString());
    assertTrue(
        text.out().contains("closed: STOP_POINT_REACHED by LOCAL - scenario: RST after"),
        "the emulator's own ending, from its side: " + text);
    assertTrue(
        text.out().contains("the client's last PDU: X.224 Connection Request"), text.toString());

    CliProcess.Result json = served("serve-json", "--json");
    assertEquals(130, json.exitCode(), json.toString());
    JsonNode doc = new ObjectMapper().readTree(json.out().strip());
    assertEquals("served", doc.get("document").asText());
    assertEquals("rst-after-connection-request", doc.get("scenario").get("name").asText());
    assertTrue(doc.get("client").asText().startsWith("127.0.0.1:"), doc.toString());
    assertEquals("STOP_POINT_REACHED", doc.get("close").get("kind").asText());
    assertEquals("LOCAL", doc.get("close").get("closedBy").asText(), "from the emulator's side");
  }

  private static boolean awaitAccepted(SilentServer server) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (server.accepted.isEmpty() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    return !server.accepted.isEmpty();
  }

  /** Runs {@code args} on a pseudo-terminal, stdout to a file: what the terminal showed. */
  private CliProcess.Result onTerminal(String... args) throws Exception {
    Path out = dir.resolve("terminal-out.txt");
    StringBuilder command = new StringBuilder();
    command.append(Path.of(System.getProperty("java.home"), "bin", "java")).append(" -jar ");
    command.append(CliProcess.jar().toAbsolutePath());
    for (String a : args) {
      command.append(' ').append(a);
    }
    command.append(" > ").append(out);
    Path typescript = dir.resolve("terminal.txt");
    ProcessBuilder pb =
        new ProcessBuilder("script", "-q", "-e", "-c", command.toString(), "/dev/null")
            .redirectOutput(typescript.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("TERM", "xterm");
    Process p = pb.start();
    p.getOutputStream().close();
    int code = exit(p);
    return new CliProcess.Result(
        code,
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(typescript, StandardCharsets.UTF_8));
  }

  @Test
  void progressIsDrawnOnAStderrTerminalEvenWhenStdoutIsAFile() throws Exception {
    try (RdpEmulator healthy = RdpEmulator.start(Scenario.HEALTHY);
        RdpEmulator reset = RdpEmulator.start(Scenario.RST_AFTER_CONNECTION_REQUEST)) {
      String ok = "127.0.0.1:" + healthy.port();
      String rst = "127.0.0.1:" + reset.port();
      CliProcess.Result r = onTerminal("--json", ok, rst, ok);
      assertEquals(1, r.exitCode(), r.toString());
      assertEquals(3, r.out().strip().split("\n").length, "the documents went to the file");
      String terminal = r.err();
      assertTrue(terminal.matches("(?s).*\r[0-3]/3 targets done, [0-3] in flight, .*"), terminal);
      assertTrue(terminal.contains("\033[K"), "the line is redrawn in place: " + terminal);
      assertTrue(
          terminal.contains(
              ": 1 PEER_RST, 2 STOP_POINT_REACHED; Windows client: 2 no error, 1 0x904/0x7"),
          terminal);
    }
  }

  @Test
  void withoutATerminalOnlyTheSummaryReachesStderr() throws Exception {
    try (RdpEmulator healthy = RdpEmulator.start(Scenario.HEALTHY)) {
      String ok = "127.0.0.1:" + healthy.port();
      CliProcess.Result r = CliProcess.run("--json", ok, ok);
      assertEquals(0, r.exitCode(), r.toString());
      assertFalse(r.err().contains("in flight"), r.toString());
      assertFalse(r.err().contains("\r"), r.toString());
      assertTrue(
          r.err().matches("(?s)rdp-probe: 2 targets in [0-9.]+ s: 2 STOP_POINT_REACHED;.*"),
          r.toString());
    }
  }

  @Test
  void demoAndDoctorShowProgressToo() throws Exception {
    CliProcess.Result demo = onTerminal("demo", "--json");
    assertEquals(0, demo.exitCode(), demo.toString());
    assertTrue(demo.err().contains("/9 scenarios done"), demo.err());
    assertTrue(demo.err().contains("rdp-probe: 9 scenarios in "), demo.err());
    try (RdpEmulator reset = RdpEmulator.start(Scenario.RST_AFTER_CONNECTION_REQUEST)) {
      CliProcess.Result doctor =
          onTerminal("doctor", "--json", "--delay", "0", "127.0.0.1:" + reset.port());
      assertEquals(1, doctor.exitCode(), doctor.toString());
      assertTrue(doctor.err().matches("(?s).*\r[0-9]+ probes done, .*"), doctor.err());
      assertTrue(doctor.err().contains(" PEER_RST"), doctor.err());
    }
  }
}
