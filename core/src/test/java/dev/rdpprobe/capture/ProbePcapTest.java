package dev.rdpprobe.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.TraceEvent;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe writes its own connections to a pcapng file ({@code ProbeSpec.pcap}): tshark opens it
 * decrypted from the file's Decryption Secrets Blocks and dissects the RDP PDUs inside the TLS, and
 * analysing the file gives every connection the ending the probe recorded live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ProbePcapTest {
  /** Scenarios and the TLS offer of the probe; the last two complete the TLS handshake. */
  private static final Map<String, TlsOffer> RUNS = new LinkedHashMap<>();

  static {
    for (String s : CaptureOfProbesTest.SCENARIOS) {
      RUNS.put(s, TlsOffer.windowsDefault());
    }
    RUNS.put("healthy", TlsOffer.windowsDefault());
    RUNS.put("cert-expired", TlsOffer.only(TlsVersion.TLS_1_2));
    RUNS.put(
        "healthy/aes128-tls13",
        TlsOffer.only(TlsVersion.TLS_1_3).withCipherSuites("TLS_AES_128_GCM_SHA256"));
  }

  @TempDir static Path dir;
  private Path file;
  private final Map<String, ProbeResult> live = new LinkedHashMap<>();
  private CaptureAnalysis.Result analysis;

  @BeforeAll
  void probeEveryScenarioIntoOneFile() throws Exception {
    file = dir.resolve("probe.pcapng");
    try (ProbePcap pcap = ProbePcap.create(file);
        RdpProbe probe = RdpProbe.create()) {
      for (Map.Entry<String, TlsOffer> run : RUNS.entrySet()) {
        try (RdpEmulator emulator = RdpEmulator.start(Scenario.parse(run.getKey().split("/")[0]))) {
          ProbeSpec spec =
              ProbeSpec.builder("127.0.0.1")
                  .port(emulator.port())
                  .tlsOffer(run.getValue())
                  .pcap(pcap)
                  .build();
          live.put(run.getKey(), probe.probe(spec).orTimeout(30, TimeUnit.SECONDS).join());
        }
      }
      assertEquals(RUNS.size(), pcap.connections());
    }
    analysis = CaptureAnalysis.analyze(file);
  }

  private CaptureAnalysis.Flow flowOf(String scenario) {
    String client = live.get(scenario).trace().header().client();
    List<CaptureAnalysis.Flow> flows =
        analysis.flows().stream().filter(f -> f.client().equals(client)).toList();
    assertEquals(1, flows.size(), scenario + ": one flow from " + client);
    return flows.get(0);
  }

  @Test
  void analysingTheFileGivesTheLiveEndings() {
    List<String> differ = new ArrayList<>();
    for (String name : CaptureOfProbesTest.SCENARIOS) {
      List<Object> a = OwnCaptures.ending(live.get(name).diagnose());
      List<Object> b = OwnCaptures.ending(flowOf(name).diagnosis());
      if (!a.equals(b)) {
        differ.add(name + ": live " + a + ", capture " + b);
      }
    }
    assertEquals(List.of(), differ);
  }

  @Test
  void theFileNamesTheRealEndpointsAndWritesTheServerAs3389() {
    for (CaptureAnalysis.Flow f : analysis.flows()) {
      assertTrue(f.server().endsWith(":3389"), f.server());
    }
    String client = live.get("healthy").trace().header().client();
    String server = live.get("healthy").trace().header().server();
    List<String> comments = new ArrayList<>();
    try {
      comments = Tshark.fields(file, "frame.comment", "frame.comment");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertTrue(
        comments.stream().anyMatch(c -> c.contains(client) && c.contains(server)),
        comments.toString());
  }

  @Test
  void theFilesSecretsOpenTls13AndTls12AndTheConnectionIsFollowedToTheCapabilities() {
    for (String name : List.of("healthy", "cert-expired", "healthy/aes128-tls13")) {
      CaptureAnalysis.Flow f = flowOf(name);
      ProbeResult r = live.get(name);
      assertEquals(
          CloseKind.STOP_POINT_REACHED, r.closed().kind(), name + ": " + r.closed().detail());
      // the capture cannot know the probe's stop point: it sees the client's FIN
      assertEquals(CloseKind.CLIENT_FIN, f.trace().closed().orElseThrow().kind());
      assertEquals(r.closed().phase(), f.trace().closed().orElseThrow().phase(), name);
      assertEquals(pdus(r.trace()), pdus(f.trace()), name);
      assertEquals(r.facts().tls().version(), f.facts().tls().version(), name);
      assertEquals(
          r.facts().tls().serverCertificates(), f.facts().tls().serverCertificates(), name);
      assertEquals(r.facts().activation(), f.facts().activation(), name);
      assertEquals(r.facts().tls().cipherSuite(), f.facts().tls().cipherSuite(), name);
    }
    assertTrue(
        flowOf("cert-expired").diagnosis().causes().stream()
            .anyMatch(c -> c.id() == dev.rdpprobe.diagnose.CauseId.CERT_EXPIRED),
        flowOf("cert-expired").diagnosis().causes().toString());
  }

  /** The names of the PDUs both ways, after the TLS handshake (what decryption opens). */
  private static List<String> pdus(dev.rdpprobe.trace.Trace t) {
    List<String> out = new ArrayList<>();
    for (TraceEvent e : t.events()) {
      if (e instanceof TraceEvent.Pdu p
          && p.phase().isAfter(dev.rdpprobe.trace.Phase.TLS_HANDSHAKE)) {
        out.add(p.direction() + " " + p.phase() + " " + p.name());
      }
    }
    return out;
  }

  @Test
  void tsharkDecryptsWithTheFilesSecretsAndDissectsRdpInside() throws Exception {
    // tshark 4.0 does not switch from TPKT to TLS after the negotiation by itself: "decode as"
    // TLS on 3389 (its TLS dissector hands the plaintext to TPKT there); no key-log option
    List<String> decrypted =
        Tshark.decodedAs(
            file,
            "tls.handshake.type == 11 || rdp.client.coreData || rdp.serverData",
            "tcp.port==3389,tls",
            "tcp.srcport",
            "tls.handshake.type",
            "rdp.client.coreData",
            "rdp.serverData");
    String healthyPort = port(live.get("healthy").trace().header().client());
    String tls12Port = port(live.get("cert-expired").trace().header().client());
    for (String port : List.of(healthyPort, tls12Port)) {
      assertTrue(
          decrypted.stream().anyMatch(l -> l.startsWith("3389\t") && l.contains("11")),
          "the server's Certificate: " + decrypted);
      assertTrue(
          decrypted.stream().anyMatch(l -> l.startsWith(port + "\t") && l.endsWith("\t1\t")),
          "the client's GCC Conference Create Request from " + port + ": " + decrypted);
    }
    assertTrue(decrypted.stream().anyMatch(l -> l.startsWith("3389\t") && l.endsWith("\t1")));
    // without the Decryption Secrets Blocks nothing inside TLS 1.3 decodes
    Path stripped = dir.resolve("stripped.pcapng");
    Tshark.editcap("--discard-all-secrets", file.toString(), stripped.toString());
    List<String> blind =
        Tshark.decodedAs(stripped, "rdp.client.coreData", "tcp.port==3389,tls", "tcp.srcport");
    assertEquals(List.of(), blind);
    // editcap's own Decryption Secrets Block, with the same lines, reads as ours
    Path keys = dir.resolve("keys.log");
    Files.write(keys, live.get("healthy").keyLog());
    Path injected = dir.resolve("injected.pcapng");
    Tshark.editcap("--inject-secrets", "tls," + keys, stripped.toString(), injected.toString());
    CaptureReader r = CaptureReader.open(new ByteArrayInputStream(Files.readAllBytes(injected)));
    r.next();
    assertEquals(live.get("healthy").keyLog(), r.takeKeyLogLines());
    assertFalse(
        Tshark.decodedAs(injected, "rdp.client.coreData", "tcp.port==3389,tls", "tcp.srcport")
            .isEmpty());
  }

  private static String port(String endpoint) {
    return endpoint.substring(endpoint.lastIndexOf(':') + 1);
  }
}
