package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import org.junit.jupiter.api.Test;

/** The packaged command, run as a process against the emulator and bad input. */
class CliIT {
  @Test
  void versionPrintsOneLine() throws Exception {
    CliProcess.Result r = CliProcess.run("version");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("rdp-probe "), r.toString());
  }

  @Test
  void probeAgainstTheEmulatorPrintsTheTraceAndSucceeds() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      CliProcess.Result r =
          CliProcess.run("127.0.0.1:" + e.port(), "--stop-after", "X224_NEGOTIATION");
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.out().contains("->  X224_NEGOTIATION  X.224 Connection Request"), r.toString());
      assertTrue(r.out().contains("<-  X224_NEGOTIATION  X.224 Connection Confirm"), r.toString());
      assertTrue(r.out().contains("closed: STOP_POINT_REACHED"), r.toString());
    }
  }

  @Test
  void aResetIsAFailureWithTheCloseLine() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.RST_AFTER_CONNECTION_REQUEST)) {
      CliProcess.Result r = CliProcess.run("127.0.0.1:" + e.port());
      assertEquals(1, r.exitCode(), r.toString());
      assertTrue(r.out().contains("closed: PEER_RST by PEER"), r.toString());
    }
  }

  @Test
  void aClosedPortIsRefusedInTcpConnect() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.NOT_LISTENING)) {
      CliProcess.Result r = CliProcess.run("127.0.0.1:" + e.port());
      assertEquals(1, r.exitCode(), r.toString());
      assertTrue(r.out().contains("TCP_CONNECT       closed: CONNECT_REFUSED"), r.toString());
    }
  }

  @Test
  void doctorExplainsATls10OnlyServerInTextWithTheTraceFollowUpsAndVerdict() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.TLS_1_0_ONLY)) {
      CliProcess.Result r =
          CliProcess.run(
              "doctor", "127.0.0.1:" + e.port(), "--delay", "20", "--idle-timeout", "3000");
      assertEquals(1, r.exitCode(), r.toString());
      String out = r.out();
      assertTrue(out.startsWith("rdp-probe doctor 127.0.0.1:" + e.port() + "\n"), r.toString());
      // the baseline's trace, as the probe command prints it
      assertTrue(out.contains("->  TLS_HANDSHAKE     TLS ClientHello"), r.toString());
      assertTrue(out.contains("<-  TLS_HANDSHAKE     TLS alert fatal protocol_version (70)"), out);
      assertTrue(out.contains("diagnosis: no documented error code"), out);
      // one line per follow-up: what it tested -> outcome [close kind; codes]
      assertTrue(
          out.contains("  2. offer SSL only -> selected SSL [STOP_POINT_REACHED; no error]"), out);
      assertTrue(
          out.contains(
              "  1. offer RDP only -> refused: RDP_NEG_FAILURE SSL_REQUIRED_BY_SERVER"
                  + " [REFUSED_BY_SERVER; no documented error code]"),
          out);
      assertTrue(out.contains("  6. TLS 1.0 only -> TLS handshake complete: TLSv1.0, TLS_"), out);
      assertTrue(
          out.contains("  9. TLS 1.3 only -> the server sent a fatal protocol_version"), out);
      assertTrue(out.contains(" 12. cipher family RSA key exchange only -> TLS handshake"), out);
      assertTrue(
          out.contains(
              "  not run: UDP multitransport probe: the baseline did not get through the channel"
                  + " joins over TLS"),
          out);
      assertTrue(
          out.contains(
              "CONFIRMED   [The server supports none of the TLS versions offered] The server only"
                  + " speaks an old TLS version"),
          out);
      assertTrue(out.contains("            do: Enable TLS 1.2 on the server."), out);
      assertTrue(
          out.contains(
              "doctor's verdict: A Windows client connecting to 127.0.0.1:"
                  + e.port()
                  + " would fail in TLS_HANDSHAKE with no documented error code"),
          out);
      assertTrue(out.contains("Confirmed: The server only speaks an old TLS version"), out);
    }
  }

  @Test
  void gentleDoctorOpensOneConnectionAtATime200MsApart() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.RST_AFTER_CONNECTION_REQUEST)) {
      CliProcess.Result r = CliProcess.run("doctor", "127.0.0.1:" + e.port(), "--json", "--gentle");
      assertEquals(1, r.exitCode(), r.toString());
      JsonNode pacing = new ObjectMapper().readTree(r.out()).get("pacing");
      assertEquals(1, pacing.get("maxConcurrentConnections").asInt());
      assertEquals(200, pacing.get("delayBetweenConnectionsMs").asInt());
      assertEquals(1, pacing.get("peakConnections").asInt());
    }
  }

  @Test
  void gentleCannotBeCombinedWithExplicitPacing() throws Exception {
    CliProcess.Result r =
        CliProcess.run("doctor", "127.0.0.1:1", "--gentle", "--max-connections", "4");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(
        r.err().contains("--gentle cannot be combined with --max-connections, --rate or --delay"),
        r.toString());
  }

  @Test
  void doctorWritesOneJsonDocumentWithTheVerdictsFacts() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.RST_AFTER_CONNECTION_REQUEST)) {
      CliProcess.Result r =
          CliProcess.run("doctor", "127.0.0.1:" + e.port(), "--json", "--max-connections", "3");
      assertEquals(1, r.exitCode(), r.toString());
      assertEquals(1, r.out().strip().lines().count(), "one line: " + r);
      JsonNode d = new ObjectMapper().readTree(r.out());
      assertEquals(2, d.get("schemaVersion").asInt());
      assertEquals("doctor", d.get("document").asText());
      assertEquals(e.port(), d.get("target").get("port").asInt());
      assertFalse(d.get("ok").asBoolean());
      assertEquals("127.0.0.1", d.get("addresses").get(0).asText());
      assertEquals(3, d.get("pacing").get("maxConcurrentConnections").asInt());
      assertTrue(d.get("pacing").get("peakConnections").asInt() <= 3, r.toString());
      assertEquals("PEER_RST", d.get("baseline").get("close").get("kind").asText());
      JsonNode followUps = d.get("followUps");
      assertEquals(5, followUps.size(), r.toString());
      for (JsonNode f : followUps) {
        assertEquals("PROTOCOL", f.get("kind").asText());
        assertEquals("PEER_RST", f.get("close").get("kind").asText());
        assertEquals("0x904", f.get("windowsClient").get("discReason").asText());
        assertEquals("0x7", f.get("windowsClient").get("extendedReason").asText());
      }
      assertEquals("offer RDSTLS only", followUps.get(4).get("tested").asText());
      JsonNode verdict = d.get("verdict");
      assertEquals("0x904", verdict.get("windowsClient").get("discReason").asText());
      assertEquals("0x7", verdict.get("windowsClient").get("extendedReason").asText());
      JsonNode first = verdict.get("findings").get(0);
      assertEquals("CONFIRMED", first.get("status").asText());
      assertEquals("LISTENER_REFUSES", first.get("cause").asText());
      assertEquals(5, first.get("followUps").size());
      assertTrue(verdict.get("text").asText().contains("error code 0x904"), r.toString());
      boolean udp = false;
      for (JsonNode n : d.get("notRun")) {
        udp |= n.get("what").asText().equals("UDP multitransport probe");
      }
      assertTrue(udp, r.toString());
    }
  }

  @Test
  void doctorAgainstAHealthyServerExitsZero() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      CliProcess.Result r = CliProcess.run("doctor", "127.0.0.1", "-p", "" + e.port());
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.out().contains("Nothing to fix in the steps probed."), r.toString());
    }
  }

  @Test
  void badInputIsOneLineAndExitCode2() throws Exception {
    for (String[] args :
        new String[][] {
          {"host:99999"},
          {"--protocols", "ssl|bogus", "host"},
          {"--deadline", "abc", "host"},
          {"serve", "--scenario", "nope", "--port", "0"},
          {"serve", "--scenario", "set-error-info", "--errinfo", "zz", "--port", "0"},
          {"--udp-probe", "500", "host"},
          {"doctor", "host", "--max-connections", "0"},
          {"doctor", "host", "--delay", "-5"},
          {"doctor", "host:0"},
          {"doctor"}
        }) {
      CliProcess.Result r = CliProcess.run(args);
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().startsWith("rdp-probe: "), r.toString());
      assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    }
  }

  @Test
  void demoExplainsTheHealthyServerAndTheClassicFailures() throws Exception {
    CliProcess.Result r = CliProcess.run("demo");
    assertEquals(0, r.exitCode(), r.toString());
    for (Scenario s : DemoCommand.SCENARIOS) {
      assertTrue(r.out().contains("=== emulator scenario " + s.cliName()), s.cliName());
    }
    assertTrue(
        r.out().contains("diagnosis: error code 0x904, extended error code 0x7"), r.toString());
    assertTrue(r.out().contains("diagnosis: error code 0x204"), r.toString());
    assertTrue(r.out().contains("TLS ServerHello"), r.toString());
  }

  @Test
  void demoJsonNamesTheScenarioOfEachDocument() throws Exception {
    CliProcess.Result r = CliProcess.run("demo", "--json");
    assertEquals(0, r.exitCode(), r.toString());
    ObjectMapper m = new ObjectMapper();
    java.util.List<String> names = new java.util.ArrayList<>();
    for (String line : r.out().strip().split("\n")) {
      JsonNode scenario = m.readTree(line).get("scenario");
      names.add(scenario.get("name").asText());
      assertFalse(scenario.get("description").asText().isEmpty(), line);
    }
    assertEquals(DemoCommand.SCENARIOS.stream().map(Scenario::cliName).toList(), names);
  }

  @Test
  void manyTargetsFromAFileAndStdinStreamJsonLinesWithTheDocumentedFields() throws Exception {
    try (RdpEmulator healthy = RdpEmulator.start(Scenario.HEALTHY);
        RdpEmulator refused = RdpEmulator.start(Scenario.NOT_LISTENING)) {
      java.nio.file.Path list = java.nio.file.Files.createTempFile("targets", ".txt");
      java.nio.file.Files.writeString(
          list,
          "# two targets, one as zgrab2 writes it: IP, DOMAIN, TAG, PORT\n127.0.0.1, localhost,"
              + " office 4, "
              + healthy.port()
              + "\n\n127.0.0.1:"
              + refused.port()
              + "\n");
      try {
        CliProcess.Result r = CliProcess.run("-iL", list.toString(), "--json", "-c", "2");
        assertEquals(1, r.exitCode(), "one target fails: " + r);
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.toString());
        com.fasterxml.jackson.databind.ObjectMapper m =
            new com.fasterxml.jackson.databind.ObjectMapper();
        int ok = 0;
        for (String line : lines) {
          com.fasterxml.jackson.databind.JsonNode doc = m.readTree(line);
          assertEquals(JsonReport.SCHEMA_VERSION, doc.get("schemaVersion").asInt());
          for (String field :
              new String[] {"target", "ok", "close", "events", "facts", "diagnosis"}) {
            assertTrue(doc.has(field), field + " in " + line);
          }
          assertTrue(doc.get("diagnosis").get("windowsClient").has("summary"), line);
          assertEquals("probe", doc.get("document").asText(), line);
          assertEquals("127.0.0.1", doc.get("ip").asText(), line);
          java.time.Instant started = java.time.Instant.parse(doc.get("startedAt").asText());
          java.time.Instant ended = java.time.Instant.parse(doc.get("endedAt").asText());
          assertFalse(ended.isBefore(started), line);
          assertEquals(
              BuildInfo.current().version(), doc.get("tool").get("version").asText(), line);
          if (doc.get("ok").asBoolean()) {
            ok++;
            assertEquals("office 4", doc.get("tag").asText(), "the input's tag, passed through");
            assertEquals("localhost", doc.get("target").get("host").asText(), "the DOMAIN");
            assertEquals(
                "[\"SSL\",\"HYBRID\",\"HYBRID_EX\"]",
                doc.get("facts").get("negotiation").get("requestedProtocols").toString());
            assertEquals(
                11, doc.get("facts").get("negotiation").get("requestedProtocolsValue").asInt());
            assertEquals("STOP_POINT_REACHED", doc.get("close").get("kind").asText());
            assertEquals(
                "SSL", doc.get("facts").get("negotiation").get("selectedProtocol").asText());
            assertEquals("TLSv1.3", doc.get("facts").get("tls").get("version").asText());
          } else {
            assertEquals("CONNECT_REFUSED", doc.get("close").get("kind").asText());
            assertTrue(doc.get("tag").isNull(), line);
            assertEquals(
                "0x204", doc.get("diagnosis").get("windowsClient").get("discReason").asText());
            assertEquals(
                0x204, doc.get("diagnosis").get("windowsClient").get("discReasonValue").asInt());
          }
        }
        assertEquals(1, ok);
      } finally {
        java.nio.file.Files.deleteIfExists(list);
      }
    }
  }

  @Test
  void noTargetIsAUsageError() throws Exception {
    CliProcess.Result r = CliProcess.run();
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("no target given"), r.toString());
  }

  @Test
  void colourOnlyWhenAsked() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.RST_AFTER_ACCEPT)) {
      CliProcess.Result plain = CliProcess.run("127.0.0.1:" + e.port());
      assertFalse(plain.out().contains("\033["), "no colour when stdout is not a terminal");
      CliProcess.Result colored = CliProcess.run("--color", "always", "127.0.0.1:" + e.port());
      assertTrue(colored.out().contains("\033[31m"), colored.toString());
    }
  }

  @Test
  void serveListNamesEveryScenario() throws Exception {
    CliProcess.Result r = CliProcess.run("serve", "--list");
    assertEquals(0, r.exitCode(), r.toString());
    for (Scenario s : Scenario.values()) {
      assertTrue(r.out().contains(s.cliName()), s.cliName());
    }
  }
}
