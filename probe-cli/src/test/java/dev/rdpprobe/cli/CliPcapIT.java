package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor --pcap} and {@code serve --pcap}: the file holds every connection, each its own TCP
 * flow, tshark opens its TLS from the file alone, and {@code analyze} explains each as it ended.
 */
class CliPcapIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static List<JsonNode> documents(CliProcess.Result r) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : r.out().lines().toList()) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  /** Close kind, phase and first cause of a connection; a probe's stop point as the FIN it sent. */
  private static String ending(JsonNode close, String topCause) {
    String kind = close.path("kind").asText();
    return (kind.equals("STOP_POINT_REACHED") ? "CLIENT_FIN" : kind)
        + " "
        + close.path("phase").asText()
        + " "
        + topCause;
  }

  private static String topCause(JsonNode diagnosis) {
    JsonNode c = diagnosis.path("causes");
    return c.isEmpty() ? "" : c.get(0).path("id").asText();
  }

  @Test
  void doctorsPcapHoldsEveryConnectionAndAnalyzeEndsEachAsTheDoctorSaw() throws Exception {
    Path pcap = dir.resolve("doctor.pcapng");
    try (RdpEmulator e =
        RdpEmulator.start(Scenario.parse("neg-failure-hybrid-required-by-server"))) {
      CliProcess.Result doctor =
          CliProcess.run("doctor", "--json", "--pcap", pcap.toString(), "127.0.0.1:" + e.port());
      assertEquals(1, doctor.exitCode(), doctor.toString());
      JsonNode report = JSON.readTree(doctor.out());
      List<String> expected = new ArrayList<>();
      expected.add(
          ending(
              report.path("baseline").path("close"),
              topCause(report.path("baseline").path("diagnosis"))));
      for (JsonNode f : report.path("followUps")) {
        expected.add(ending(f.path("close"), f.path("topCause").asText("")));
      }
      assertTrue(expected.size() > 3, expected.toString());
      CliProcess.Result analysed = CliProcess.run("analyze", "--json", pcap.toString());
      assertEquals(0, analysed.exitCode(), analysed.toString());
      List<String> got = new ArrayList<>();
      TreeSet<String> clients = new TreeSet<>();
      for (JsonNode d : documents(analysed)) {
        got.add(ending(d.path("close"), topCause(d.path("diagnosis"))));
        clients.add(d.path("source").path("client").asText());
        assertEquals(3389, d.path("target").path("port").asInt(), "written as 3389");
      }
      assertEquals(expected.size(), clients.size(), "one flow per connection: " + clients);
      assertEquals(expected.stream().sorted().toList(), got.stream().sorted().toList());
    }
    // a server with TLS: tshark opens every handshake the doctor completed from the file alone
    Path tls = dir.resolve("doctor-tls.pcapng");
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      CliProcess.Result doctor =
          CliProcess.run("doctor", "--json", "--pcap", tls.toString(), "127.0.0.1:" + e.port());
      assertEquals(0, doctor.exitCode(), doctor.toString());
      JsonNode report = JSON.readTree(doctor.out());
      int connections = 1 + report.path("followUps").size();
      List<String> syns = tshark(tls, "tcp.flags.syn == 1 && tcp.flags.ack == 0", "tcp.srcport");
      assertEquals(connections, new TreeSet<>(syns).size(), syns.toString());
      List<String> finished = tshark(tls, "tls.handshake.type == 20", "tcp.srcport");
      TreeSet<String> opened = new TreeSet<>(finished);
      opened.remove("3389");
      // the baseline, the TLS versions and cipher families the emulator takes
      assertTrue(opened.size() >= 5, "client Finished decrypted in " + opened);
      assertEquals(
          connections, documents(CliProcess.run("analyze", "--json", tls.toString())).size());
    }
  }

  @Test
  void servesPcapHoldsEveryClientAndAnalyzeEndsEachAsTheProbeSaw() throws Exception {
    Path pcap = dir.resolve("served.pcapng");
    Path out = dir.resolve("serve.out");
    Path err = dir.resolve("serve.err");
    Process serve =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                CliProcess.jar().toString(),
                "serve",
                "--scenario",
                "healthy",
                "--port",
                "0",
                "--pcap",
                pcap.toString(),
                "--pcap-max-mb",
                "8")
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    List<JsonNode> probes = new ArrayList<>();
    try {
      String port = Integer.toString(CliProcess.listeningPort(out, serve));
      for (String versions : List.of("1.2", "1.3")) {
        CliProcess.Result r =
            CliProcess.run("probe", "--json", "--tls-versions", versions, "127.0.0.1:" + port);
        assertEquals(0, r.exitCode(), r.toString());
        probes.add(JSON.readTree(r.out()));
      }
      // serve prints a connection once it has read the client's ending
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (Files.readString(out, StandardCharsets.UTF_8).split("connection from ", -1).length < 3
          && System.nanoTime() < end) {
        Thread.sleep(20);
      }
    } finally {
      serve.destroy(); // SIGTERM: the emulator stops, the file is closed
      if (!serve.waitFor(30, TimeUnit.SECONDS)) {
        serve.destroyForcibly();
        fail("serve did not stop in 30 s");
      }
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertTrue(stderr.contains("rdp-probe: 2 connections written to " + pcap), stderr);
    List<String> coreData = tshark(pcap, "rdp.client.coreData", "tcp.srcport");
    assertEquals(2, coreData.size(), "both clients' GCC Create Requests decrypted: " + coreData);
    CliProcess.Result analysed = CliProcess.run("analyze", "--json", pcap.toString());
    assertEquals(0, analysed.exitCode(), analysed.toString());
    List<JsonNode> flows = documents(analysed);
    assertEquals(2, flows.size(), analysed.toString());
    for (int i = 0; i < 2; i++) {
      JsonNode live = probes.get(i);
      JsonNode captured = flows.get(i);
      assertEquals(
          ending(live.path("close"), topCause(live.path("diagnosis"))),
          ending(captured.path("close"), topCause(captured.path("diagnosis"))));
      assertEquals(
          live.path("facts").path("tls").path("version"),
          captured.path("facts").path("tls").path("version"));
      assertEquals(
          live.path("facts").path("tls").path("cipherSuite"),
          captured.path("facts").path("tls").path("cipherSuite"));
      assertTrue(coreData.contains(port(captured.path("source").path("client").asText())));
    }
    assertFalse(
        flows
            .get(0)
            .path("facts")
            .path("tls")
            .path("version")
            .equals(flows.get(1).path("facts").path("tls").path("version")));
  }

  @Test
  void aPcapFileThatCannotBeWrittenIsOneLineAndExitCode2() throws Exception {
    String nowhere = dir.resolve("no such folder").resolve("x.pcapng").toString();
    for (String[] args :
        new String[][] {
          {"probe", "--pcap", nowhere, "127.0.0.1:1"},
          {"doctor", "--pcap", nowhere, "127.0.0.1:1"},
          {"serve", "--port", "0", "--pcap", nowhere},
          {"serve", "--port", "0", "--pcap", nowhere, "--pcap-max-mb", "0"}
        }) {
      CliProcess.Result r = CliProcess.run(args);
      assertEquals(2, r.exitCode(), r.toString());
      assertEquals(1, r.err().lines().count(), r.toString());
      assertTrue(
          r.err().startsWith("rdp-probe: --pcap " + nowhere + ": cannot write it")
              || r.err().startsWith("rdp-probe: --pcap-max-mb 0 is outside"),
          r.toString());
    }
  }

  private static String port(String endpoint) {
    return endpoint.substring(endpoint.lastIndexOf(':') + 1);
  }

  /** tshark's fields of the packets {@code filter} keeps, TLS on 3389 opened from the file. */
  private static List<String> tshark(Path file, String filter, String field) throws Exception {
    Process p =
        new ProcessBuilder(
                Peers.require("tshark", "tshark").toString(),
                "-r",
                file.toString(),
                "-d",
                "tcp.port==3389,tls",
                "-T",
                "fields",
                "-Y",
                filter,
                "-e",
                field)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return text.lines().toList();
  }
}
