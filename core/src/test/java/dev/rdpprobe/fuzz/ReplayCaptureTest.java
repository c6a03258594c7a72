package dev.rdpprobe.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.capture.CaptureReader;
import dev.rdpprobe.capture.ProbePcap;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.report.JsonWriter;
import dev.rdpprobe.testing.FreeRdpClient;
import dev.rdpprobe.testing.JsonSchemas;
import dev.rdpprobe.testing.PacketCapture;
import dev.rdpprobe.testing.Peers;
import dev.rdpprobe.testing.ShadowServer;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.testing.XvfbDisplay;
import dev.rdpprobe.trace.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying a captured client: the probe's own pcapng (its TLS opened by the file's Decryption
 * Secrets Blocks) and xfreerdp captured by dumpcap against xrdp, each replayed against the server
 * it was captured against and against a differently configured one.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ReplayCaptureTest {
  @TempDir Path dir;

  private static ProbeSpec.Builder spec(int port) {
    return ProbeSpec.builder("127.0.0.1")
        .port(port)
        .idleTimeout(Duration.ofSeconds(3))
        .deadline(Duration.ofSeconds(15));
  }

  /** The probe's own pcapng of a probe of {@code scenario} through the finalization. */
  private Path probePcap(Scenario scenario) throws Exception {
    Path file = dir.resolve("probe.pcapng");
    try (RdpEmulator e = RdpEmulator.start(scenario);
        ProbePcap pcap = ProbePcap.create(file);
        RdpProbe probe = RdpProbe.create()) {
      probe.probe(spec(e.port()).stopAfter(Phase.FINALIZATION).pcap(pcap).build()).join();
    }
    return file;
  }

  @Test
  void theProbesOwnPcapngReplaysItsDecryptedClient() throws Exception {
    Path file = probePcap(Scenario.HEALTHY);
    ReplaySource source = ReplaySource.read(file, List.of(), null);
    assertTrue(source.isCapture(), source.kind());
    assertNotNull(source.clientHello());
    assertNotNull(source.clientInfo(), "the Client Info PDU without secrets");
    assertEquals("", source.clientInfo().infoPacket().password());
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      Replay.Result r = Replay.run(source, spec(e.port()).build());
      assertTrue(r.same(), r.text());
      for (String pdu :
          List.of(
              "X.224 Connection Request",
              "ClientHello (versions, suites, groups, SNI)",
              "MCS Connect Initial",
              "Client Info PDU",
              "Confirm Active PDU")) {
        assertTrue(r.plannedFromDocument().contains(pdu), pdu + "\n" + r.text());
      }
      // the probe's own ClientHello is one Bouncy Castle makes again but for its randomness
      assertTrue(r.notReproduced().isEmpty(), r.text());
      assertTrue(r.text().contains("from the capture: "), r.text());
      assertEquals(List.of(), JsonSchemas.problems(JsonWriter.write(r.json())));
    }
    // analyze --json's document of the same connection is replayed as a capture, with the
    // probe's ClientHello
    Path json = dir.resolve("analyzed.json");
    Files.writeString(
        json,
        new dev.rdpprobe.report.CaptureFlowReport(
                file.toString(), dev.rdpprobe.capture.CaptureAnalysis.analyze(file).flows().get(0))
            .toJson());
    ReplaySource analyzed = ReplaySource.read(json, List.of(), null);
    assertTrue(analyzed.isCapture(), analyzed.kind());
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      Replay.Result r = Replay.run(analyzed, spec(e.port()).build());
      assertTrue(r.same(), r.text());
      assertTrue(r.notes().stream().anyMatch(n -> n.contains("keeps no ClientHello")), r.text());
      assertTrue(r.plannedFromDocument().contains("Confirm Active PDU"), r.text());
    }
    // the same capture against a server that takes only TLS 1.0: the TLS answers differ
    try (RdpEmulator e = RdpEmulator.start(Scenario.TLS_1_0_ONLY)) {
      Replay.Result r = Replay.run(source, spec(e.port()).build());
      assertFalse(r.same(), r.text());
      assertTrue(
          r.steps().stream()
              .anyMatch(
                  d -> d.where().equals("TLS_HANDSHAKE") || d.where().startsWith("facts.tls")),
          r.text());
    }
  }

  @Test
  void withoutItsSecretsACaptureIsReplayedUpToItsTlsAndAKeyLogOpensIt() throws Exception {
    Path file = probePcap(Scenario.HEALTHY);
    List<String> keyLog = new java.util.ArrayList<>();
    try (var in = Files.newInputStream(file)) {
      CaptureReader r = CaptureReader.open(in);
      while (r.next() != null) {
        keyLog.addAll(r.takeKeyLogLines());
      }
    }
    assertFalse(keyLog.isEmpty(), "the probe's pcapng holds its key log");
    Path stripped = dir.resolve("stripped.pcapng");
    Process p =
        new ProcessBuilder(
                Peers.require("editcap", "tshark").toString(),
                "--discard-all-secrets",
                file.toString(),
                stripped.toString())
            .redirectErrorStream(true)
            .start();
    assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      Replay.Result blind =
          Replay.run(ReplaySource.read(stripped, List.of(), null), spec(e.port()).build());
      assertTrue(blind.same(), blind.text());
      assertTrue(blind.notes().stream().anyMatch(n -> n.contains("not decrypted")), blind.text());
      assertFalse(blind.plannedFromDocument().contains("MCS Connect Initial"), blind.text());
      // the live run stops after the TLS handshake, the last phase the capture shows
      String live = blind.live().toJson();
      assertTrue(live.contains("\"kind\":\"STOP_POINT_REACHED\""), live);
      assertFalse(live.contains("\"phase\":\"BASIC_SETTINGS\""), live);
      // the key log given beside the file opens it: the client's PDUs inside TLS are replayed
      Replay.Result opened =
          Replay.run(ReplaySource.read(stripped, keyLog, null), spec(e.port()).build());
      assertTrue(opened.same(), opened.text());
      assertTrue(opened.plannedFromDocument().contains("MCS Connect Initial"), opened.text());
      assertTrue(opened.plannedFromDocument().contains("Confirm Active PDU"), opened.text());
    }
  }

  @Test
  void theCredSspVersionOfACapturedClientIsReplayed() throws Exception {
    Path file = dir.resolve("nla.pcapng");
    try (RdpEmulator e = RdpEmulator.start(Scenario.NLA);
        ProbePcap pcap = ProbePcap.create(file);
        RdpProbe probe = RdpProbe.create()) {
      probe.probe(spec(e.port()).pcap(pcap).build()).join();
    }
    ReplaySource source = ReplaySource.read(file, List.of(), null);
    // the client's TSRequest is kept as its version alone
    assertEquals(6, source.credSspVersion());
    try (RdpEmulator e = RdpEmulator.start(Scenario.NLA)) {
      Replay.Result r = Replay.run(source, spec(e.port()).build());
      assertTrue(r.same(), r.text());
      assertTrue(r.plannedFromDocument().contains("CredSSP version 6"), r.text());
    }
    // against a CredSSP version 2 server the server's version is named among the differences
    try (RdpEmulator e = RdpEmulator.start(Scenario.NLA_VERSION_2)) {
      Replay.Result r = Replay.run(source, spec(e.port()).build());
      assertFalse(r.same(), r.text());
      assertTrue(r.steps().stream().anyMatch(d -> d.where().startsWith("facts.credssp")), r.text());
    }
  }

  @Test
  void aFileThatIsNeitherIsNamed() throws Exception {
    Path junk = Files.write(dir.resolve("junk.bin"), new byte[] {1, 2, 3, 4, 5});
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ReplaySource.read(junk, List.of(), null));
    assertTrue(e.getMessage().startsWith(junk + " is neither a capture"), e.getMessage());
    Path file = probePcap(Scenario.HEALTHY);
    e = assertThrows(IllegalArgumentException.class, () -> ReplaySource.read(file, List.of(), 99L));
    assertTrue(e.getMessage().contains("no RDP connection in flow 99"), e.getMessage());
  }

  /** xfreerdp with {@code args} against {@code port}, captured by dumpcap. */
  private Path captureFreeRdp(int port, String... args) throws Exception {
    Peers.require("xfreerdp", "freerdp2-x11");
    try (XvfbDisplay display = XvfbDisplay.start(dir)) {
      PacketCapture capture = PacketCapture.start(dir, port);
      try (capture) {
        String[] all = new String[args.length + 1];
        all[0] = "/v:127.0.0.1:" + port;
        System.arraycopy(args, 0, all, 1, args.length);
        FreeRdpClient.create(dir, display).run(Duration.ofSeconds(15), all);
        Thread.sleep(500);
      }
      return capture.file();
    }
  }

  @Test
  void xfreerdpUnderStandardSecurityReplayedAgainstXrdp() throws Exception {
    Path pcap;
    ReplaySource source;
    try (XrdpServer xrdp =
        XrdpServer.start(
            Files.createDirectories(dir.resolve("rdp")),
            new XrdpServer.Config().securityLayer("rdp").cryptLevel("high"))) {
      pcap = captureFreeRdp(xrdp.port(), "/sec:rdp", "/cert:ignore");
      source = ReplaySource.read(pcap, List.of(), null);
      assertTrue(source.isCapture());
      Replay.Result r = Replay.run(source, spec(xrdp.port()).build());
      // the MCS Connect Initial is in clear under Standard RDP Security: xfreerdp's own blocks,
      // answered as they were
      assertTrue(r.plannedFromDocument().contains("MCS Connect Initial"), r.text());
      assertTrue(
          r.steps().stream()
              .noneMatch(
                  d ->
                      d.where().equals("X224_NEGOTIATION")
                          || d.where().equals("BASIC_SETTINGS")
                          || d.where().startsWith("facts.mcs")
                          || d.where().startsWith("facts.negotiation")),
          r.text());
      // its Client Info is RC4 ciphertext in the capture: the probe's own is sent, and said so
      assertTrue(
          r.notes().stream().anyMatch(n -> n.contains("Client Info PDU is encrypted")), r.text());
      assertTrue(r.notReproduced().stream().anyMatch(n -> n.startsWith("facts.channels.joined")));
    }
    // xrdp that takes TLS only answers xfreerdp's request without RDP_NEG_REQ as a server
    // before negotiation would, then ends the domain at its MCS Connect Initial
    try (XrdpServer xrdp =
        XrdpServer.start(
            Files.createDirectories(dir.resolve("tls")),
            new XrdpServer.Config().securityLayer("tls"))) {
      Replay.Result r = Replay.run(source, spec(xrdp.port()).build());
      assertFalse(r.same(), r.text());
      assertTrue(
          r.outcome()
              .contains(new Replay.Difference("close.phase", "SECURE_SETTINGS", "BASIC_SETTINGS")),
          r.text());
      assertTrue(
          r.steps().stream()
              .anyMatch(
                  d ->
                      d.where().equals("BASIC_SETTINGS")
                          && d.live().startsWith("MCS Disconnect Provider Ultimatum")),
          r.text());
    }
  }

  @Test
  void xfreerdpWithNlaAgainstTheShadowServerReplayed() throws Exception {
    ReplaySource source;
    try (ShadowServer shadow =
        ShadowServer.start(
            Files.createDirectories(dir.resolve("nla")), "nla", "rdpprobe", "rdpprobe-Pass1")) {
      Path pcap =
          captureFreeRdp(
              shadow.port(),
              "/sec:nla",
              "/cert:ignore",
              "/u:rdpprobe",
              "/p:rdpprobe-Pass1",
              "+auth-only");
      source = ReplaySource.read(pcap, List.of(), null);
      assertNotNull(source.clientHello());
      Replay.Result r = Replay.run(source, spec(shadow.port()).build());
      // the Connection Request asks for HYBRID as xfreerdp's did; the answers up to the TLS
      // handshake, the last the capture shows, are the same
      assertTrue(r.same(), r.text());
      assertTrue(r.plannedFromDocument().contains("X.224 Connection Request"), r.text());
      // its TSRequests are inside the TLS the capture cannot open: the probe's CredSSP version
      assertNull(source.credSspVersion());
    }
    // a shadow server that takes TLS only selects another protocol for the same request
    try (ShadowServer shadow =
        ShadowServer.start(
            Files.createDirectories(dir.resolve("tls-only")),
            "tls",
            "rdpprobe",
            "rdpprobe-Pass1")) {
      Replay.Result r = Replay.run(source, spec(shadow.port()).build());
      assertFalse(r.same(), r.text());
      assertTrue(r.steps().stream().anyMatch(d -> d.where().equals("X224_NEGOTIATION")), r.text());
    }
  }

  @Test
  void xfreerdpOverTlsReplayedAgainstXrdp() throws Exception {
    ReplaySource source;
    try (XrdpServer xrdp =
        XrdpServer.start(
            Files.createDirectories(dir.resolve("tls")),
            new XrdpServer.Config().securityLayer("tls"))) {
      Path pcap =
          captureFreeRdp(
              xrdp.port(), "/sec:tls", "/cert:ignore", "/u:rdpprobe", "/p:x", "+auth-only");
      source = ReplaySource.read(pcap, List.of(), null);
      assertNotNull(source.clientHello());
      Replay.Result r = Replay.run(source, spec(xrdp.port()).build());
      assertTrue(
          r.plannedFromDocument().contains("ClientHello (versions, suites, groups, SNI)"),
          r.text());
      assertTrue(r.outcome().isEmpty(), r.text());
      assertTrue(r.steps().isEmpty(), r.text());
      // without secrets the capture shows nothing past the TLS handshake
      assertTrue(r.notes().stream().anyMatch(n -> n.contains("not decrypted")), r.text());
      // Bouncy Castle writes its own extensions: what differs is named
      assertFalse(r.notReproduced().isEmpty(), r.text());
      // xfreerdp's groups, all of which Bouncy Castle implements, are sent in its order
      assertTrue(
          r.notReproduced().stream().noneMatch(n -> n.startsWith("supported_groups")), r.text());
    }
    try (XrdpServer xrdp =
        XrdpServer.start(
            Files.createDirectories(dir.resolve("rdp")),
            new XrdpServer.Config().securityLayer("rdp").cryptLevel("high"))) {
      Replay.Result r = Replay.run(source, spec(xrdp.port()).build());
      assertFalse(r.same(), r.text());
      assertTrue(r.steps().stream().anyMatch(d -> d.where().equals("X224_NEGOTIATION")), r.text());
    }
  }
}
