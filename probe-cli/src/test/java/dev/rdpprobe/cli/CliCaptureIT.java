package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code probe --pcap} writes what {@code analyze} explains, as the probe explained it live. */
class CliCaptureIT {
  @TempDir Path dir;

  @Test
  void theProbesPcapAnalysedGivesTheProbesEnding() throws Exception {
    Path pcap = dir.resolve("probe.pcapng");
    try (RdpEmulator e =
        RdpEmulator.start(Scenario.parse("neg-failure-hybrid-required-by-server"))) {
      CliProcess.Result live =
          CliProcess.run("probe", "--json", "--pcap", pcap.toString(), "127.0.0.1:" + e.port());
      assertEquals(1, live.exitCode(), live.toString());
      CliProcess.Result analysed = CliProcess.run("analyze", "--json", pcap.toString());
      assertEquals(0, analysed.exitCode(), analysed.toString());
      ObjectMapper json = new ObjectMapper();
      JsonNode a = json.readTree(live.out().lines().findFirst().orElseThrow());
      JsonNode b = json.readTree(analysed.out().lines().findFirst().orElseThrow());
      assertEquals("capture", b.path("source").path("kind").asText());
      assertEquals(pcap.toString(), b.path("source").path("file").asText());
      assertEquals(1, b.path("source").path("flow").asInt());
      assertEquals(3389, b.path("target").path("port").asInt(), "written as 3389");
      assertEquals(a.path("close").path("kind"), b.path("close").path("kind"));
      assertEquals(
          a.path("diagnosis").path("causes").get(0).path("id"),
          b.path("diagnosis").path("causes").get(0).path("id"));
      CliProcess.Result text = CliProcess.run("analyze", pcap.toString());
      assertTrue(text.out().contains("capture " + pcap + ", flow 1"), text.toString());
      assertTrue(text.out().contains("closed: REFUSED_BY_SERVER"), text.toString());
      // --html writes the flows' page beside the text
      Path page = dir.resolve("analyze.html");
      CliProcess.Result html =
          CliProcess.run("analyze", "--html", page.toString(), pcap.toString());
      assertEquals(0, html.exitCode(), html.toString());
      assertTrue(html.out().contains("capture " + pcap + ", flow 1"), html.toString());
      String shown = Files.readString(page, StandardCharsets.UTF_8);
      assertTrue(shown.contains("<svg class=\"ladder\""), shown);
      assertTrue(shown.contains("X.224 Connection Request"), shown);
      assertTrue(shown.contains("REFUSED_BY_SERVER"), shown);
      String title = a.path("diagnosis").path("causes").get(0).path("title").asText();
      assertTrue(
          shown.contains(title.replace("&", "&amp;").replace("\"", "&quot;").replace("'", "&#39;")),
          title + " in " + shown);
    }
  }

  @Test
  void aFileThatIsNoCaptureIsOneLineAndExitCode2() throws Exception {
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "not a capture\n");
    CliProcess.Result r = CliProcess.run("analyze", notes.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(1, r.err().lines().count(), r.toString());
    assertTrue(r.err().contains("neither a pcap nor a pcapng magic"), r.toString());
    assertTrue(r.err().contains("file offset 0"), r.toString());
  }
}
