package dev.rdpprobe.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.PacketCapture;
import dev.rdpprobe.tls.TlsExtension;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsServerHello;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * The AES-CBC suites opened from a capture's secrets: the probe restricted to one CBC suite at TLS
 * 1.0, 1.1 and 1.2 against the emulator (encrypt-then-MAC or not), written to its own pcapng with
 * the key log, and captured by dumpcap on loopback. Analysing either file follows each connection
 * through the encrypted RDP phases to the probe's stop point with the probe's PDUs; tshark, opening
 * the probe's file, decrypts the same bytes; without the key log the connection ends where its
 * clear part does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CbcCaptureTest {
  /**
   * One connection: the probe's offer (a TLS version and one CBC suite) and whether the emulator
   * accepts encrypt-then-MAC.
   */
  record Run(TlsOffer offer, boolean encryptThenMac) {}

  /** Every version, every MAC (SHA-1, SHA-256, SHA-384), both key sizes, both MAC orders. */
  static final Map<String, Run> RUNS = new LinkedHashMap<>();

  static {
    run("tls1.0 aes128-sha etm", TlsVersion.TLS_1_0, "TLS_RSA_WITH_AES_128_CBC_SHA", true);
    run(
        "tls1.0 ecdhe aes256-sha mte",
        TlsVersion.TLS_1_0,
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        false);
    run("tls1.1 aes256-sha etm", TlsVersion.TLS_1_1, "TLS_RSA_WITH_AES_256_CBC_SHA", true);
    run("tls1.1 aes128-sha mte", TlsVersion.TLS_1_1, "TLS_RSA_WITH_AES_128_CBC_SHA", false);
    run(
        "tls1.2 aes128-sha256 etm",
        TlsVersion.TLS_1_2,
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
        true);
    run(
        "tls1.2 aes256-sha384 mte",
        TlsVersion.TLS_1_2,
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
        false);
    run("tls1.2 aes128-sha mte", TlsVersion.TLS_1_2, "TLS_RSA_WITH_AES_128_CBC_SHA", false);
  }

  static void run(String name, TlsVersion version, String suite, boolean encryptThenMac) {
    RUNS.put(name, new Run(TlsOffer.only(version).withCipherSuites(suite), encryptThenMac));
  }

  @TempDir static Path dir;
  private Path file;
  private final Map<String, ProbeResult> live = new LinkedHashMap<>();
  private CaptureAnalysis.Result analysis;

  @BeforeAll
  void probeEachSuiteIntoOneFile() throws Exception {
    file = dir.resolve("cbc.pcapng");
    PacketCapture dumpcap = PacketCapture.startAll(dir);
    try (dumpcap;
        ProbePcap pcap = ProbePcap.create(file);
        RdpProbe probe = RdpProbe.create()) {
      for (Map.Entry<String, Run> run : RUNS.entrySet()) {
        try (RdpEmulator emulator =
            RdpEmulator.builder(Scenario.HEALTHY)
                .encryptThenMac(run.getValue().encryptThenMac())
                .start()) {
          ProbeSpec spec =
              ProbeSpec.builder("127.0.0.1")
                  .port(emulator.port())
                  .tlsOffer(run.getValue().offer())
                  .pcap(pcap)
                  .keyLog(true)
                  .build();
          ProbeResult r = probe.probe(spec).orTimeout(30, TimeUnit.SECONDS).join();
          live.put(run.getKey(), r);
          keyLog.addAll(r.keyLog());
          Thread.sleep(50); // the emulator's last segments go out before it stops
        }
      }
      Thread.sleep(500); // let the last segments reach dumpcap's file
    }
    analysis = CaptureAnalysis.analyze(file);
    wire = dumpcap.file();
  }

  /** dumpcap's capture of the same connections on loopback, and their key log. */
  private Path wire;

  private final List<String> keyLog = new ArrayList<>();

  @Test
  void dumpcapsCaptureOpensWithTheKeyLogFileAsTheProbesOwn() throws Exception {
    CaptureAnalysis.Result blind = CaptureAnalysis.analyze(wire);
    CaptureAnalysis.Result opened =
        CaptureAnalysis.analyze(wire, new CaptureAnalysis.Options(null, keyLog));
    for (String run : RUNS.keySet()) {
      String client = live.get(run).trace().header().client();
      Trace withKeys = only(opened, client, run);
      Trace without = only(blind, client, run);
      assertEquals(pdus(live.get(run).trace()), pdus(withKeys), run);
      assertEquals(
          decryptedHex(flowOf(run).trace(), Direction.SERVER_TO_CLIENT),
          decryptedHex(withKeys, Direction.SERVER_TO_CLIENT),
          run);
      // without the secrets the connection is named as far as it is in clear
      assertEquals(List.of(), pdus(without), run);
      assertEquals(Phase.BASIC_SETTINGS, without.closed().orElseThrow().phase(), run);
      assertEquals(live.get(run).closed().phase(), withKeys.closed().orElseThrow().phase(), run);
    }
  }

  private static Trace only(CaptureAnalysis.Result r, String client, String run) {
    List<CaptureAnalysis.Flow> flows =
        r.flows().stream().filter(f -> f.client().equals(client)).toList();
    assertEquals(1, flows.size(), run + ": one flow from " + client);
    return flows.get(0).trace();
  }

  private CaptureAnalysis.Flow flowOf(String run) {
    String client = live.get(run).trace().header().client();
    List<CaptureAnalysis.Flow> flows =
        analysis.flows().stream().filter(f -> f.client().equals(client)).toList();
    assertEquals(1, flows.size(), run + ": one flow from " + client);
    return flows.get(0);
  }

  /** The names of the PDUs both ways after the TLS handshake: what decryption opens. */
  static List<String> pdus(Trace t) {
    List<String> out = new ArrayList<>();
    for (TraceEvent e : t.events()) {
      if (e instanceof TraceEvent.Pdu p && p.phase().isAfter(Phase.TLS_HANDSHAKE)) {
        out.add(p.direction() + " " + p.phase() + " " + p.name());
      }
    }
    return out;
  }

  static boolean encryptThenMac(Trace t) {
    for (TraceEvent e : t.events()) {
      if (e instanceof TraceEvent.Tls tls && tls.detail() instanceof TlsServerHello sh) {
        return sh.extension(TlsExtension.ENCRYPT_THEN_MAC).isPresent();
      }
    }
    throw new AssertionError("no ServerHello");
  }

  @Test
  void eachCbcConnectionIsFollowedToTheProbesStopPoint() {
    for (String run : RUNS.keySet()) {
      ProbeResult r = live.get(run);
      CaptureAnalysis.Flow f = flowOf(run);
      assertEquals(
          CloseKind.STOP_POINT_REACHED, r.closed().kind(), run + ": " + r.closed().detail());
      assertEquals(r.facts().tls().version(), f.facts().tls().version(), run);
      assertEquals(r.facts().tls().cipherSuite(), f.facts().tls().cipherSuite(), run);
      assertTrue(r.facts().tls().cipherSuite().contains("_CBC_"), r.facts().tls().cipherSuite());
      assertEquals(CloseKind.CLIENT_FIN, f.trace().closed().orElseThrow().kind(), run);
      assertEquals(r.closed().phase(), f.trace().closed().orElseThrow().phase(), run);
      List<String> livePdus = pdus(r.trace());
      assertFalse(livePdus.isEmpty(), run);
      assertEquals(livePdus, pdus(f.trace()), run);
      assertEquals(r.facts().activation(), f.facts().activation(), run);
      assertEquals(RUNS.get(run).encryptThenMac(), encryptThenMac(f.trace()), run);
    }
  }

  /** The bytes of the PDUs {@code direction} sent after the TLS handshake, in order. */
  static String decryptedHex(Trace t, Direction direction) {
    StringBuilder out = new StringBuilder();
    for (TraceEvent e : t.events()) {
      if (e instanceof TraceEvent.Pdu p
          && p.direction() == direction
          && p.phase().isAfter(Phase.TLS_HANDSHAKE)) {
        out.append(HexFormat.of().formatHex(p.raw()));
      }
    }
    return out.toString();
  }

  @Test
  void tsharkDecryptsTheSameBytes() throws Exception {
    // the TCP stream of each client port, then what tshark decrypts of it with the file's secrets
    Map<String, String> streams = new LinkedHashMap<>();
    for (String line :
        Tshark.fields(
            file, "tcp.flags.syn == 1 && tcp.flags.ack == 0", "tcp.srcport", "tcp.stream")) {
      String[] f = line.split("\t");
      streams.put(f[0], f[1]);
    }
    for (String run : RUNS.keySet()) {
      Trace t = flowOf(run).trace();
      String client = t.header().client();
      String stream = streams.get(client.substring(client.lastIndexOf(':') + 1));
      List<String> follow =
          Tshark.run(file, "-d", "tcp.port==3389,tls", "-q", "-z", "follow,tls,raw," + stream);
      StringBuilder fromClient = new StringBuilder();
      StringBuilder fromServer = new StringBuilder();
      for (String line : follow) {
        if (line.matches("\t?[0-9a-f]+")) {
          (line.startsWith("\t") ? fromServer : fromClient).append(line.strip());
        }
      }
      String server = decryptedHex(t, Direction.SERVER_TO_CLIENT);
      assertFalse(server.isEmpty(), run);
      assertEquals(fromServer.toString(), server, run + ": the server's plaintext");
      // the client's PDUs that may hold secrets are kept out of the trace: its first is in it
      String firstClientPdu = decryptedHex(t, Direction.CLIENT_TO_SERVER).substring(0, 8);
      assertTrue(
          fromClient.toString().startsWith(firstClientPdu),
          run + ": " + firstClientPdu + " / " + fromClient);
    }
  }
}
