package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.PacketCapture;
import dev.rdpprobe.testing.WireTimes;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.tls.TlsHandshakeComplete;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wire times in a fresh CLI process: the JSON document of a new {@code rdp-probe --json} process
 * (cold classes, nothing loaded before the connection) against a capture of its connection. The
 * same comparison and bounds as the library's {@code WireTimesTest}. The jar as {@code java -jar}
 * runs it, and the repository's launcher with its JVM options and class-data archive.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CliWireTimesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aFreshProcessAgainstTheEmulatorReportsWireTimes() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      measure(e.port());
    }
  }

  @Test
  void aFreshProcessAgainstXrdpReportsWireTimes() throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(dir, new XrdpServer.Config().securityLayer("negotiate"))) {
      measure(xrdp.port());
    }
  }

  @Test
  void aFreshLauncherProcessAgainstXrdpReportsWireTimes() throws Exception {
    Path launcher =
        Path.of(System.getProperty("rdpprobe.launcher", "../rdp-probe")).toAbsolutePath();
    try (XrdpServer xrdp =
        XrdpServer.start(dir, new XrdpServer.Config().securityLayer("negotiate"))) {
      measure(
          xrdp.port(),
          target -> CliProcess.exec(List.of(launcher.toString(), "--json", target), dir, Map.of()));
    }
  }

  /** Runs the CLI with these arguments in a new process. */
  private interface Cli {
    CliProcess.Result run(String target) throws Exception;
  }

  private void measure(int port) throws Exception {
    measure(port, target -> CliProcess.run("--json", target));
  }

  private void measure(int port, Cli cli) throws Exception {
    List<WireTimes.Result> runs = new ArrayList<>();
    for (int attempt = 1; attempt <= 5; attempt++) {
      Path runDir = Files.createDirectories(dir.resolve("run-" + attempt));
      PacketCapture capture = PacketCapture.start(runDir, port);
      CliProcess.Result r;
      try (capture) {
        r = cli.run("127.0.0.1:" + port);
        Thread.sleep(300);
      }
      assertEquals(0, r.exitCode(), r.toString());
      WireTimes.Result result = WireTimes.compare(trace(JSON.readTree(r.out())), capture, port);
      if (!result.complete()) {
        continue;
      }
      assertEquals(List.of(), result.unmatched(), result.toString());
      runs.add(result);
      if (result.within(1.0, 25.0)) {
        break;
      }
    }
    assertFalse(runs.isEmpty(), "no capture of five held the connection from its SYN");
    WireTimes.Result best = WireTimes.best(runs, 1.0, 25.0);
    System.out.println("wire times of a fresh CLI process against port " + port + ":\n" + best);
    assertTrue(
        best.medianMs() <= 1.0 && best.worstMs() <= 25.0, "the trace is not the wire:\n" + runs);
  }

  /** The document's events as a trace: what the comparison needs of each (times, offsets). */
  static Trace trace(JsonNode doc) {
    List<TraceEvent> events = new ArrayList<>();
    for (JsonNode e : doc.get("events")) {
      long nanos = Math.round(e.get("atMs").asDouble() * 1e6);
      Phase phase = Phase.valueOf(e.get("phase").asText());
      long client = e.get("sentOffset").asLong();
      long server = e.get("receivedOffset").asLong();
      Direction d =
          switch (e.get("direction").asText()) {
            case "sent" -> Direction.CLIENT_TO_SERVER;
            case "received" -> Direction.SERVER_TO_CLIENT;
            default -> Direction.NONE;
          };
      switch (e.get("type").asText()) {
        case "pdu" ->
            events.add(
                new TraceEvent.Pdu(
                    nanos,
                    phase,
                    d,
                    client,
                    server,
                    e.get("name").asText(),
                    "",
                    null,
                    new byte[e.get("length").asInt()]));
        case "tls" ->
            events.add(
                new TraceEvent.Tls(
                    nanos,
                    phase,
                    d,
                    client,
                    server,
                    e.get("message").asText(),
                    "",
                    e.get("length").asInt(),
                    false,
                    null));
        case "note" ->
            events.add(
                new TraceEvent.Note(
                    nanos,
                    phase,
                    client,
                    server,
                    e.get("text").asText(),
                    e.get("text").asText().startsWith("TLS handshake complete")
                        ? new TlsHandshakeComplete(null, "")
                        : null));
        case "closed" ->
            events.add(
                new TraceEvent.Closed(
                    nanos,
                    phase,
                    client,
                    server,
                    CloseKind.valueOf(e.get("kind").asText()),
                    ClosedBy.NONE,
                    "",
                    "",
                    "",
                    -1,
                    -1,
                    0,
                    "",
                    ""));
        default -> {}
      }
    }
    return new Trace(events);
  }
}
