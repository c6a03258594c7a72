package dev.rdpprobe.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.PacketCapture;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.trace.TraceHeader;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
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
 * The probe against emulator scenarios, captured by dumpcap on loopback into one file: analysing
 * the file gives each connection the live probe's ending (phase, close kind, who closed, Windows
 * code, causes), and the fields tshark decodes agree with the capture's trace. The scenarios are
 * those that end before the TLS handshake completes: after it the capture holds only ciphertext.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class CaptureOfProbesTest {
  static final List<String> SCENARIOS =
      List.of(
          "fin-after-connection-request",
          "rst-after-connection-request",
          "neg-failure-ssl-required-by-server",
          "neg-failure-ssl-not-allowed-by-server",
          "neg-failure-ssl-cert-not-on-server",
          "neg-failure-inconsistent-flags",
          "neg-failure-hybrid-required-by-server",
          "neg-failure-ssl-with-user-auth-required-by-server",
          "select-unoffered-protocol",
          "garbage-confirm",
          "tls-rst-after-client-hello",
          "tls-fin-after-client-hello",
          "tls-plaintext-instead-of-server-hello",
          "tls-ultimatum-and-fin-before-client-hello",
          "tls-ultimatum-and-rst-after-client-hello",
          "tls-alert-handshake-failure",
          "tls-alert-protocol-version",
          "tls-alert-internal-error",
          "tls-1-0-only");

  @TempDir static Path dir;
  private final Map<String, ProbeResult> live = new LinkedHashMap<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private Path pcap;
  private CaptureAnalysis.Result analysis;

  @BeforeAll
  void probeEveryScenarioUnderOneCapture() throws Exception {
    PacketCapture capture = PacketCapture.startAll(dir);
    try (capture;
        RdpProbe probe = RdpProbe.create()) {
      for (String name : SCENARIOS) {
        try (RdpEmulator emulator = RdpEmulator.start(Scenario.parse(name))) {
          ProbeResult r =
              probe
                  .probe(ProbeSpec.builder("127.0.0.1").port(emulator.port()).build())
                  .orTimeout(30, TimeUnit.SECONDS)
                  .join();
          live.put(name, r);
          ports.put(name, emulator.port());
          Thread.sleep(50); // the emulator's last segments go out before it stops
        }
      }
      Thread.sleep(500); // let the last segments reach the file
    }
    pcap = capture.file();
    analysis = CaptureAnalysis.analyze(pcap);
  }

  private CaptureAnalysis.Flow flowOf(String scenario) {
    // other tests on the machine may use the loopback at the same time: the flow is the one
    // between the probe's and the emulator's ports
    String server = "127.0.0.1:" + ports.get(scenario);
    String client = live.get(scenario).trace().header().client();
    List<CaptureAnalysis.Flow> flows =
        analysis.flows().stream()
            .filter(f -> f.server().equals(server) && f.client().equals(client))
            .toList();
    assertEquals(1, flows.size(), scenario + ": one RDP flow " + client + " -> " + server);
    return flows.get(0);
  }

  @Test
  void everyScenarioEndsInTheCaptureAsItEndedLive() {
    List<String> differ = new ArrayList<>();
    for (String name : SCENARIOS) {
      ProbeResult r = live.get(name);
      CaptureAnalysis.Flow f = flowOf(name);
      assertEquals(TraceHeader.Origin.CAPTURE, f.trace().header().origin());
      assertEquals(r.trace().header().client(), f.client(), name);
      List<Object> a = OwnCaptures.ending(r.diagnose());
      List<Object> b = OwnCaptures.ending(f.diagnosis());
      if (!a.equals(b)) {
        differ.add(name + ": live " + a + ", capture " + b);
      }
    }
    assertEquals(List.of(), differ);
  }

  @Test
  void theCapturesPdusAreTheProbes() {
    for (String name : SCENARIOS) {
      List<String> livePdus = pdus(live.get(name).trace().events());
      List<String> capturedPdus = pdus(flowOf(name).trace().events());
      assertEquals(livePdus, capturedPdus, name);
    }
  }

  /** Direction, name and bytes of every PDU and plaintext TLS message. */
  private static List<String> pdus(List<TraceEvent> events) {
    List<String> out = new ArrayList<>();
    for (TraceEvent e : events) {
      if (e instanceof TraceEvent.Pdu p) {
        out.add(p.direction() + " " + p.name() + " " + java.util.HexFormat.of().formatHex(p.raw()));
      } else if (e instanceof TraceEvent.Tls t && !t.encrypted()) {
        out.add(t.direction() + " TLS " + t.message() + " " + t.length());
      } else if (e instanceof TraceEvent.TlsAlert a) {
        out.add(a.direction() + " alert " + a.code());
      }
    }
    return out;
  }

  @Test
  void tsharkDecodesTheSameNegotiationAndTls() throws Exception {
    for (String name :
        List.of(
            "neg-failure-hybrid-required-by-server",
            "select-unoffered-protocol",
            "tls-alert-internal-error")) {
      int port = ports.get(name);
      // tshark follows RDP on another port than 3389 only as told: TPKT for the negotiation, TLS
      // for what comes after it (then the TPKTs do not decode)
      List<String> rdp =
          Tshark.decodedAs(
              pcap,
              "tcp.port==" + port + " && rdp",
              "tcp.port==" + port + ",tpkt",
              "rdp.negReq.requestedProtocols",
              "rdp.negReq.selectedProtocol",
              "rdp.negFailure.failureCode");
      List<String> tls =
          Tshark.decodedAs(
                  pcap,
                  "tcp.port==" + port + " && (tls.handshake || tls.alert_message)",
                  "tcp.port==" + port + ",tls",
                  "tls.handshake.type",
                  "tls.alert_message.desc")
              .stream()
              .flatMap(l -> java.util.Arrays.stream(l.split("[\t,]")))
              .filter(v -> !v.isEmpty())
              .toList();
      List<String> ourRdp = new ArrayList<>();
      List<String> ourTls = new ArrayList<>();
      for (TraceEvent e : flowOf(name).trace().events()) {
        if (e instanceof TraceEvent.Pdu p && p.pdu() instanceof X224ConnectionRequest cr) {
          ourRdp.add(hex(cr.negotiationRequest().requestedProtocols().bits()) + "\t\t");
        } else if (e instanceof TraceEvent.Pdu p && p.pdu() instanceof X224ConnectionConfirm cc) {
          if (cc.negotiation() instanceof NegotiationFailure nf) {
            ourRdp.add("\t\t" + hex(nf.failureCode().value()));
          } else if (cc.negotiation() instanceof NegotiationResponse nr) {
            ourRdp.add("\t" + hex(nr.selectedProtocol().bits()) + "\t");
          }
        } else if (e instanceof TraceEvent.Tls t && !t.encrypted() && t.detail() != null) {
          ourTls.add(
              t.message().equals("ClientHello")
                  ? "1"
                  : t.message().equals("ServerHello") ? "2" : "11");
        } else if (e instanceof TraceEvent.TlsAlert a) {
          ourTls.add(Integer.toString(a.code()));
        }
      }
      assertEquals(rdp, ourRdp, name);
      assertEquals(tls, ourTls, name);
    }
  }

  private static String hex(int v) {
    return String.format("0x%08x", v);
  }

  @Test
  void theProbesPacketsDecode() {
    assertTrue(analysis.skippedPackets().isEmpty(), analysis.skippedPackets().toString());
    assertTrue(analysis.flows().size() >= SCENARIOS.size());
  }

  @Test
  void everyFlowsDocumentMatchesTheCaptureSchema() {
    for (CaptureAnalysis.Flow f : analysis.flows()) {
      dev.rdpprobe.testing.JsonSchemas.assertValid(
          new dev.rdpprobe.report.CaptureFlowReport("probes.pcapng", f).toJson());
    }
  }
}
