package dev.rdpprobe.capture;

import static dev.rdpprobe.capture.OwnCaptures.epoch;
import static dev.rdpprobe.capture.OwnCaptures.messages;
import static dev.rdpprobe.capture.OwnCaptures.port;
import static dev.rdpprobe.capture.OwnCaptures.streams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.FreeRdpClient;
import dev.rdpprobe.testing.PacketCapture;
import dev.rdpprobe.testing.Peers;
import dev.rdpprobe.testing.XvfbDisplay;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.wire.Octets;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator writes every connection it serves to a pcapng file as it happens ({@code
 * RdpEmulator.Builder.pcap}), from the server's side: tshark opens its TLS from the file's own
 * secrets, analysing the file gives each connection the ending its client saw live, and for a real
 * client (xfreerdp) the file holds what dumpcap saw on the loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ServedPcapTest {
  /** Scenario, then the probe's TLS offer; every ending: refusals, the server's FIN and RST. */
  private static final Map<String, TlsOffer> RUNS = new LinkedHashMap<>();

  static {
    RUNS.put("healthy", TlsOffer.windowsDefault());
    RUNS.put("healthy/tls12", TlsOffer.only(TlsVersion.TLS_1_2));
    RUNS.put("fin-after-connection-request", TlsOffer.windowsDefault());
    RUNS.put("rst-after-connection-request", TlsOffer.windowsDefault());
    RUNS.put("neg-failure-hybrid-required-by-server", TlsOffer.windowsDefault());
    RUNS.put("tls-rst-after-client-hello", TlsOffer.windowsDefault());
  }

  @TempDir static Path dir;
  private Path file;
  private final Map<String, ProbeResult> live = new LinkedHashMap<>();
  private final List<Trace> served = new CopyOnWriteArrayList<>();
  private CaptureAnalysis.Result analysis;
  private int written;

  @BeforeAll
  void serveEveryScenarioIntoOneFile() throws Exception {
    file = dir.resolve("served.pcapng");
    try (ProbePcap pcap = ProbePcap.create(file);
        RdpProbe probe = RdpProbe.create()) {
      for (Map.Entry<String, TlsOffer> run : RUNS.entrySet()) {
        try (RdpEmulator emulator =
            RdpEmulator.builder(Scenario.parse(run.getKey().split("/")[0]))
                .pcap(pcap)
                .listener(served::add)
                .start()) {
          ProbeSpec spec =
              ProbeSpec.builder("127.0.0.1").port(emulator.port()).tlsOffer(run.getValue()).build();
          live.put(run.getKey(), probe.probe(spec).orTimeout(30, TimeUnit.SECONDS).join());
          // the emulator has read the probe's ending once it reports the connection; closing it
          // earlier would end the connection by the emulator's own FIN
          long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
          while (served.size() < live.size() && System.nanoTime() < end) {
            Thread.sleep(10);
          }
        }
      }
      written = pcap.connections();
      assertEquals(0, pcap.leftOut());
    }
    analysis = CaptureAnalysis.analyze(file);
  }

  /** The probes, in the order they ran (one after another: the file's order too). */
  private List<ProbeResult> probes() {
    return List.copyOf(live.values());
  }

  @Test
  void everyConnectionServedIsOneFlowFromItsClientsPort() throws Exception {
    assertEquals(RUNS.size(), served.size());
    assertEquals(RUNS.size(), written);
    List<String> syns =
        Tshark.fields(file, "tcp.flags.syn == 1 && tcp.flags.ack == 0", "tcp.srcport");
    List<String> ports = new ArrayList<>();
    for (ProbeResult r : probes()) {
      ports.add(port(r.trace().header().client()));
    }
    assertEquals(ports, syns);
    assertEquals(RUNS.size(), analysis.flows().size(), analysis.otherFlows().toString());
    for (int i = 0; i < RUNS.size(); i++) {
      CaptureAnalysis.Flow f = analysis.flows().get(i);
      assertEquals(probes().get(i).trace().header().client(), f.client());
      assertTrue(f.server().endsWith(":3389"), f.server());
    }
    List<String> comments = Tshark.fields(file, "frame.comment", "frame.comment");
    for (Trace t : served) {
      assertTrue(
          comments.stream()
              .anyMatch(
                  c ->
                      c.startsWith("rdp-probe emulator connection from " + t.header().client())
                          && c.contains(t.header().server())),
          t.header() + " in " + comments);
    }
  }

  @Test
  void eachFlowsPacketsAreInTimeOrderFromTheAccept() throws Exception {
    List<OwnCaptures.Stream> streams = streams(file);
    assertEquals(served.size(), streams.size());
    for (int i = 0; i < served.size(); i++) {
      Trace t = served.get(i);
      List<BigDecimal> p = streams.get(i).times();
      assertEquals(port(t.header().client()), streams.get(i).clientPort());
      for (int j = 1; j < p.size(); j++) {
        assertTrue(p.get(j - 1).compareTo(p.get(j)) <= 0, "in time order: " + p);
      }
      // accepted after the trace began, before its first event
      BigDecimal begun = epoch(t.header().startedAt(), 0);
      BigDecimal first = epoch(t.header().startedAt(), t.events().get(0).nanos());
      assertTrue(
          begun.compareTo(p.get(0)) <= 0 && p.get(0).compareTo(first) <= 0,
          "the SYN at " + p.get(0) + ", the trace from " + begun + ", its first event " + first);
    }
  }

  @Test
  void tsharkOpensTheEmulatorsTlsFromTheFilesSecrets() throws Exception {
    List<String> finished =
        Tshark.decodedAs(file, "tls.handshake.type == 20", "tcp.port==3389,tls", "tcp.srcport");
    List<String> mcs =
        Tshark.decodedAs(
            file, "rdp.client.coreData || rdp.serverData", "tcp.port==3389,tls", "tcp.srcport");
    for (String name : List.of("healthy", "healthy/tls12")) {
      String port = port(live.get(name).trace().header().client());
      assertTrue(finished.contains(port), name + ": the client's Finished, decrypted: " + finished);
      assertTrue(mcs.contains(port), name + ": the client's GCC Create Request: " + mcs);
      assertTrue(mcs.contains("3389"), "the server's GCC Create Response: " + mcs);
    }
    // no secrets, nothing inside
    Path stripped = dir.resolve("stripped.pcapng");
    Tshark.editcap("--discard-all-secrets", file.toString(), stripped.toString());
    assertEquals(
        List.of(),
        Tshark.decodedAs(stripped, "rdp.client.coreData", "tcp.port==3389,tls", "tcp.srcport"));
  }

  @Test
  void analysingTheFileGivesEachConnectionTheEndingItsClientSaw() {
    List<String> differ = new ArrayList<>();
    List<String> names = List.copyOf(live.keySet());
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      ProbeResult r = live.get(name);
      CaptureAnalysis.Flow f = analysis.flows().get(i);
      if (!messages(r.trace()).equals(messages(f.trace()))) {
        differ.add(name + ": live " + messages(r.trace()) + ", capture " + messages(f.trace()));
      }
      if (r.closed().kind() == CloseKind.STOP_POINT_REACHED) {
        // the probe's stop point is its own: the file shows its FIN, where it came
        assertEquals(CloseKind.CLIENT_FIN, f.trace().closed().orElseThrow().kind(), name);
        assertEquals(r.closed().phase(), f.trace().closed().orElseThrow().phase(), name);
        continue;
      }
      if (!OwnCaptures.ending(r.diagnose()).equals(OwnCaptures.ending(f.diagnosis()))) {
        differ.add(
            name
                + ": live "
                + OwnCaptures.ending(r.diagnose())
                + ", capture "
                + OwnCaptures.ending(f.diagnosis()));
      }
    }
    assertEquals(List.of(), differ);
    int rst = names.indexOf("rst-after-connection-request");
    assertEquals(
        CloseKind.PEER_RST, analysis.flows().get(rst).trace().closed().orElseThrow().kind());
  }

  @Test
  void aBoundedFileLeavesOutTheConnectionsPastItsBound() throws Exception {
    Path small = dir.resolve("small.pcapng");
    long bytes;
    try (ProbePcap pcap = ProbePcap.create(small, ProbePcap.RDP_PORT, 4096);
        RdpProbe probe = RdpProbe.create()) {
      try (RdpEmulator emulator = RdpEmulator.builder(Scenario.HEALTHY).pcap(pcap).start()) {
        for (int i = 0; i < 3; i++) {
          probe
              .probe(ProbeSpec.builder("127.0.0.1").port(emulator.port()).build())
              .orTimeout(30, TimeUnit.SECONDS)
              .join();
        }
      }
      assertEquals(1, pcap.connections());
      assertEquals(2, pcap.leftOut());
      bytes = pcap.bytes();
      // past the bound by one write's packets at most
      assertTrue(bytes >= 4096 && bytes < 4096 + 70_000, bytes + " bytes");
    }
    assertEquals(bytes, Files.size(small));
    // whole blocks: tshark reads it to the end without a complaint, one flow cut short
    List<String> syns =
        Tshark.fields(small, "tcp.flags.syn == 1 && tcp.flags.ack == 0", "tcp.srcport");
    assertEquals(1, syns.size());
    try (InputStream in = Files.newInputStream(small)) {
      CaptureReader r = CaptureReader.open(in);
      int packets = 0;
      while (r.next() != null) {
        packets++;
      }
      assertTrue(packets > 3, packets + " packets");
    }
  }

  @Test
  void aTrickledByteIsAPacketOfItsOwnAndAClientsResetIsItsRst() throws Exception {
    Path f = dir.resolve("trickle-and-reset.pcapng");
    ProbeResult trickled;
    String reset;
    try (ProbePcap pcap = ProbePcap.create(f);
        RdpProbe probe = RdpProbe.create()) {
      try (RdpEmulator emulator =
          RdpEmulator.builder(Scenario.TRICKLE)
              .trickleInterval(Duration.ofMillis(2))
              .pcap(pcap)
              .start()) {
        trickled =
            probe
                .probe(
                    ProbeSpec.builder("127.0.0.1")
                        .port(emulator.port())
                        .stopAfter(Phase.X224_NEGOTIATION)
                        .build())
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
      }
      CountDownLatch ended = new CountDownLatch(1);
      try (RdpEmulator emulator =
          RdpEmulator.builder(Scenario.HEALTHY)
              .pcap(pcap)
              .listener(t -> ended.countDown())
              .start()) {
        try (Socket s = new Socket("127.0.0.1", emulator.port())) {
          // an X.224 Connection Request offering SSL and HYBRID (MS-RDPBCGR 2.2.1.1), then its
          // Connection Confirm read
          s.getOutputStream()
              .write(
                  Octets.fromHex("03 00 00 13 0e e0 00 00 00 00 00 01 00 08 00 03 00 00 00")
                      .toByteArray());
          s.getOutputStream().flush();
          assertEquals(19, s.getInputStream().readNBytes(19).length);
          reset = "127.0.0.1:" + s.getLocalPort();
          s.setSoLinger(true, 0);
        } // closed with SO_LINGER 0: a RST
        // the emulator reports the connection once it has read the RST
        assertTrue(ended.await(10, TimeUnit.SECONDS));
      }
    }
    // the trickled connection is the file's first, the reset one its second
    List<String> fromServer =
        Tshark.fields(
            f,
            "tcp.stream == 0 && tcp.len > 0 && tcp.srcport == 3389",
            "tcp.len",
            "frame.time_epoch");
    assertEquals(19, fromServer.size(), "the Connection Confirm, a byte a packet: " + fromServer);
    assertTrue(fromServer.stream().allMatch(l -> l.startsWith("1\t")), fromServer.toString());
    assertEquals(19, new TreeSet<>(fromServer).size(), "each at its own time: " + fromServer);
    CaptureAnalysis.Result a = CaptureAnalysis.analyze(f);
    assertEquals(2, a.flows().size(), a.otherFlows().toString());
    CaptureAnalysis.Flow t = a.flows().get(0);
    assertEquals(trickled.trace().header().client(), t.client());
    assertEquals(messages(trickled.trace()), messages(t.trace()));
    List<String> rst = Tshark.fields(f, "tcp.flags.reset == 1", "tcp.stream", "tcp.srcport");
    assertEquals(List.of("1\t" + port(reset)), rst, "the client's RST, and only it");
    CaptureAnalysis.Flow r = a.flows().get(1);
    assertEquals(reset, r.client());
    assertEquals(CloseKind.CLIENT_RST, r.trace().closed().orElseThrow().kind());
    assertEquals(ClosedBy.CLIENT, r.trace().closed().orElseThrow().closedBy());
    assertEquals(Phase.TLS_HANDSHAKE, r.trace().closed().orElseThrow().phase());
  }

  @Test
  void freeRdpsConnectionAsTheEmulatorWroteItIsWhatDumpcapSaw() throws Exception {
    Peers.require("xfreerdp", "freerdp2-x11");
    Path ours = dir.resolve("freerdp.pcapng");
    List<Trace> traces = new CopyOnWriteArrayList<>();
    Path dumped;
    try (XvfbDisplay display = XvfbDisplay.start(dir);
        ProbePcap pcap = ProbePcap.create(ours)) {
      try (RdpEmulator emulator =
          RdpEmulator.builder(Scenario.HEALTHY).pcap(pcap).listener(traces::add).start()) {
        PacketCapture capture = PacketCapture.start(dir, emulator.port());
        try (capture) {
          FreeRdpClient.Run run =
              FreeRdpClient.create(dir, display)
                  .run(
                      Duration.ofSeconds(30),
                      "/v:127.0.0.1:" + emulator.port(),
                      "/cert:ignore",
                      "/sec:tls",
                      "+auth-only",
                      "/u:rdpprobe",
                      "/p:x",
                      "/timeout:2000");
          assertFalse(run.timedOut(), run.describe());
          Thread.sleep(500);
        }
        dumped = capture.file();
      }
      assertEquals(traces.size(), pcap.connections());
    }
    // the emulator's file opens itself; dumpcap's file opens with the secrets of ours
    List<String> keys = new ArrayList<>();
    try (InputStream in = Files.newInputStream(ours)) {
      CaptureReader r = CaptureReader.open(in);
      while (r.next() != null) {
        keys.addAll(r.takeKeyLogLines());
      }
      keys.addAll(r.takeKeyLogLines());
    }
    assertFalse(keys.isEmpty());
    CaptureAnalysis.Result a = CaptureAnalysis.analyze(ours);
    CaptureAnalysis.Result b =
        CaptureAnalysis.analyze(dumped, new CaptureAnalysis.Options(null, keys));
    assertEquals(b.flows().size(), a.flows().size(), b.otherFlows() + " " + a.otherFlows());
    assertTrue(a.flows().size() >= 1);
    for (int i = 0; i < a.flows().size(); i++) {
      CaptureAnalysis.Flow x = a.flows().get(i);
      CaptureAnalysis.Flow y = b.flows().get(i);
      assertEquals(x.client(), y.client());
      assertEquals(messages(y.trace()), messages(x.trace()));
      assertTrue(
          messages(x.trace()).stream().anyMatch(m -> m.contains("Connect Initial")),
          messages(x.trace()).toString());
      assertEquals(OwnCaptures.ending(y.diagnosis()), OwnCaptures.ending(x.diagnosis()));
      assertEquals(
          y.trace().closed().orElseThrow().closedBy(), x.trace().closed().orElseThrow().closedBy());
    }
    List<String> tshark =
        Tshark.decodedAs(ours, "rdp.client.coreData", "tcp.port==3389,tls", "tcp.srcport");
    assertEquals(a.flows().size(), tshark.size(), tshark.toString());
  }
}
