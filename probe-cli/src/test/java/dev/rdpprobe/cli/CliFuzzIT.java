package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fuzz}, {@code replay} and {@code serve --fuzz} as a user runs them: the packaged jar as a
 * process against the emulator, its output folder, its exit codes, a case reproduced from its
 * folder.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CliFuzzIT {
  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<Path> caseDirs(Path out) throws Exception {
    try (Stream<Path> s = Files.list(out.resolve("cases"))) {
      return s.sorted().toList();
    }
  }

  @Test
  void fuzzWritesEveryCaseAndReproducesOne() throws Exception {
    Path out = dir.resolve("campaign");
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      String target = "127.0.0.1:" + e.port();
      CliProcess.Result r =
          CliProcess.run(
              "fuzz",
              target,
              "--phase",
              "basic-settings",
              "--cases",
              "5",
              "--seed",
              "7",
              "--rate",
              "0",
              "--idle-timeout",
              "1000",
              "--out",
              out.toString());
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.out().startsWith("fuzzing " + target + " at BASIC_SETTINGS, 5 cases, seed 7"));
      assertTrue(r.out().contains("5 cases in "), r.toString());
      List<Path> cases = caseDirs(out);
      assertEquals(5, cases.size(), cases.toString());
      int withPcap = 0;
      for (Path c : cases) {
        JsonNode doc = JSON.readTree(Files.readString(c.resolve("case.json")));
        assertEquals("BASIC_SETTINGS", doc.get("phase").asText());
        assertEquals(
            doc.get("mutation").get("sent").asText().length() / 2,
            Files.size(c.resolve("sent.bin")));
        if (Files.exists(c.resolve("trace.json"))) {
          assertTrue(Files.size(c.resolve("case.pcapng")) > 0, c.toString());
          withPcap++;
        }
      }
      assertTrue(withPcap >= 1, "the first case is new, so kept whole");
      assertTrue(Files.readString(out.resolve("summary.txt")).contains("BASIC_SETTINGS"));
      assertEquals(
          5, JSON.readTree(Files.readString(out.resolve("summary.json"))).get("cases").asInt());

      // the first case again, from its folder: the same bytes, written under --out
      Path again = dir.resolve("again");
      CliProcess.Result rep =
          CliProcess.run(
              "fuzz",
              target,
              "--reproduce",
              cases.get(0).toString(),
              "--rate",
              "0",
              "--idle-timeout",
              "1000",
              "--out",
              again.toString());
      assertEquals(0, rep.exitCode(), rep.toString());
      assertTrue(
          rep.out().contains("bytes:      the seeds derive the recorded bytes again"),
          rep.toString());
      assertTrue(rep.out().contains("health:     as at the baseline"), rep.toString());
      Path written = again.resolve("reproduced");
      assertTrue(rep.out().contains("written:    " + written), rep.toString());
      assertEquals(
          Files.readString(cases.get(0).resolve("case.json"))
              .replaceAll("(?s).*\"sent\": *\"([0-9a-f]*)\".*", "$1"),
          Files.readString(written.resolve("case.json"))
              .replaceAll("(?s).*\"sent\": *\"([0-9a-f]*)\".*", "$1"));
      assertTrue(Files.size(written.resolve("case.pcapng")) > 0);
    }
  }

  @Test
  void thePlantedFaultIsASuspectedCrashTheReproductionTriggersAgain() throws Exception {
    Path out = dir.resolve("planted");
    Path suspect;
    try (RdpEmulator e = RdpEmulator.start(Scenario.PLANTED_FAULT)) {
      CliProcess.Result r =
          CliProcess.run(
              "fuzz",
              "127.0.0.1:" + e.port(),
              "--cases",
              "60",
              "--seed",
              "1",
              "--rate",
              "0",
              "--idle-timeout",
              "500",
              "--out",
              out.toString());
      assertEquals(1, r.exitCode(), r.toString());
      assertTrue(r.out().contains("SUSPECTED CRASH after case "), r.toString());
      String line =
          r.out().lines().filter(l -> l.startsWith("reproduce: ")).findFirst().orElseThrow();
      suspect = Path.of(line.substring(line.indexOf("--reproduce ") + "--reproduce ".length()));
      assertTrue(Files.isRegularFile(suspect.resolve("case.pcapng")), suspect.toString());
    }
    try (RdpEmulator e = RdpEmulator.start(Scenario.PLANTED_FAULT)) {
      CliProcess.Result rep =
          CliProcess.run(
              "fuzz",
              "127.0.0.1:" + e.port(),
              "--reproduce",
              suspect.toString(),
              "--rate",
              "0",
              "--idle-timeout",
              "500");
      assertEquals(1, rep.exitCode(), rep.toString());
      assertTrue(rep.out().contains("stopped listening"), rep.toString());
      assertTrue(e.faulted());
    }
  }

  @Test
  void replayOfTheProbesJsonAndOfItsPcap() throws Exception {
    Path doc = dir.resolve("probe.json");
    Path pcap = dir.resolve("probe.pcapng");
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      String target = "127.0.0.1:" + e.port();
      CliProcess.Result probe =
          CliProcess.run("probe", "--json", "--pcap", pcap.toString(), target);
      assertEquals(0, probe.exitCode(), probe.toString());
      Files.writeString(doc, probe.out());
      for (Path source : List.of(doc, pcap)) {
        CliProcess.Result r = CliProcess.run("replay", source.toString(), "--target", target);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("no differences (volatile fields masked)"), r.toString());
      }
      CliProcess.Result fromPcap =
          CliProcess.run("replay", pcap.toString(), "--target", target, "--json");
      assertEquals(0, fromPcap.exitCode(), fromPcap.toString());
      JsonNode j = JSON.readTree(fromPcap.out());
      assertEquals("replay", j.get("document").asText());
      assertEquals("capture", j.get("source").get("kind").asText());
      assertTrue(j.get("same").asBoolean());
    }
    // against a server that takes only TLS 1.0 the differences are named, exit code 1
    try (RdpEmulator e = RdpEmulator.start(Scenario.TLS_1_0_ONLY)) {
      for (Path source : List.of(doc, pcap)) {
        CliProcess.Result r =
            CliProcess.run("replay", source.toString(), "--target", "127.0.0.1:" + e.port());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("TLS_HANDSHAKE: "), r.toString());
      }
    }
    // a file that is neither: one line, exit code 2
    Path junk = Files.writeString(dir.resolve("junk.txt"), "neither\n");
    CliProcess.Result r = CliProcess.run("replay", junk.toString(), "--target", "127.0.0.1:1");
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(1, r.err().lines().count(), r.toString());
    assertTrue(r.err().contains("is neither a capture"), r.toString());
  }

  @Test
  void serveFuzzMutatesEachConnectionAndWritesItsReproducer() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path out = dir.resolve("clients");
    Path stdout = dir.resolve("serve.out");
    Path stderr = dir.resolve("serve.err");
    Process p =
        CliProcess.start(
            List.of(
                "serve",
                "--fuzz",
                "--phase",
                "X224_NEGOTIATION",
                "--seed",
                "4",
                "--port",
                Integer.toString(port),
                "--out",
                out.toString()),
            stdout,
            stderr);
    try {
      CliProcess.await(stdout, "Ctrl-C stops it");
      try (RdpProbe probe = RdpProbe.create()) {
        for (int i = 0; i < 3; i++) {
          probe
              .probe(
                  ProbeSpec.builder("127.0.0.1")
                      .port(port)
                      .idleTimeout(Duration.ofSeconds(1))
                      .deadline(Duration.ofSeconds(5))
                      .build())
              .join();
        }
      }
      CliProcess.await(stdout, "connection 3 [");
    } finally {
      new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("serve did not end on SIGINT");
      }
    }
    String text = Files.readString(stdout, StandardCharsets.UTF_8);
    assertTrue(text.contains("fuzzing clients at X224_NEGOTIATION, seed 4"), text);
    List<String> lines = text.lines().filter(l -> l.startsWith("connection ")).toList();
    List<String> cases = new ArrayList<>();
    for (String l : lines) {
      if (l.matches("connection [0-9]+ \\[.*")) {
        cases.add(l);
      }
    }
    assertEquals(3, cases.size(), text);
    for (int n = 1; n <= 3; n++) {
      Path c = out.resolve("connections").resolve(String.format("%06d", n));
      JsonNode doc = JSON.readTree(Files.readString(c.resolve("case.json")));
      assertEquals("X224_NEGOTIATION", doc.get("phase").asText());
      assertFalse(doc.get("reaction").asText().isEmpty());
      assertTrue(Files.readString(c.resolve("reproduce.txt")).startsWith("rdp-probe serve --fuzz"));
      assertTrue(
          Files.readString(c.resolve("transcript.txt")).contains("X.224 Connection Request"));
    }
  }
}
