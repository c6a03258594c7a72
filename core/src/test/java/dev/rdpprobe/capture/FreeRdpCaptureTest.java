package dev.rdpprobe.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.FreeRdpClient;
import dev.rdpprobe.testing.PacketCapture;
import dev.rdpprobe.testing.Peers;
import dev.rdpprobe.testing.XvfbDisplay;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real client's handshake captured by dumpcap: xfreerdp against the emulator, analysed. What
 * tshark decodes of the negotiation and the TLS handshake is what the capture's trace holds, and
 * the diagnosis is the one a probe gets from the same server.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FreeRdpCaptureTest {
  @TempDir Path dir;

  private CaptureAnalysis.Result capture(Scenario scenario, String... args) throws Exception {
    Peers.require("xfreerdp", "freerdp2-x11");
    try (XvfbDisplay display = XvfbDisplay.start(dir);
        RdpEmulator emulator = RdpEmulator.start(scenario)) {
      PacketCapture capture = PacketCapture.start(dir, emulator.port());
      try (capture) {
        List<String> all = new ArrayList<>(List.of("/v:127.0.0.1:" + emulator.port()));
        all.addAll(List.of(args));
        FreeRdpClient.create(dir, display).run(Duration.ofSeconds(30), all.toArray(String[]::new));
        Thread.sleep(500);
      }
      pcap = capture.file();
      port = emulator.port();
      return CaptureAnalysis.analyze(pcap);
    }
  }

  private Path pcap;
  private int port;

  @Test
  void aRefusalOfFreeRdpsTlsOnlyOffer() throws Exception {
    CaptureAnalysis.Result r =
        capture(
            Scenario.parse("neg-failure-hybrid-required-by-server"),
            "/cert:ignore",
            "/sec:tls",
            "/u:rdpprobe",
            "/p:x");
    assertEquals(1, r.flows().size(), r.otherFlows().toString());
    CaptureAnalysis.Flow f = r.flows().get(0);
    List<String> tshark =
        Tshark.decodedAs(
            pcap,
            "rdp",
            "tcp.port==" + port + ",tpkt",
            "rdp.negReq.requestedProtocols",
            "rdp.negFailure.failureCode");
    List<String> ours = new ArrayList<>();
    for (TraceEvent e : f.trace().events()) {
      if (e instanceof TraceEvent.Pdu p && p.pdu() instanceof X224ConnectionRequest cr) {
        ours.add(String.format("0x%08x\t", cr.negotiationRequest().requestedProtocols().bits()));
      } else if (e instanceof TraceEvent.Pdu p
          && p.pdu() instanceof X224ConnectionConfirm cc
          && cc.negotiation() instanceof NegotiationFailure nf) {
        ours.add(String.format("\t0x%08x", nf.failureCode().value()));
      }
    }
    assertEquals(tshark, ours);
    assertEquals(CloseKind.REFUSED_BY_SERVER, f.trace().closed().orElseThrow().kind());
    assertEquals(CauseId.NEG_NLA_REQUIRED, f.diagnosis().causes().get(0).id());
  }

  @Test
  void freeRdpsTlsHandshakeAsTsharkSeesIt() throws Exception {
    CaptureAnalysis.Result r =
        capture(Scenario.HEALTHY, "/cert:ignore", "/sec:tls", "+auth-only", "/u:rdpprobe", "/p:x");
    assertEquals(1, r.flows().size(), r.otherFlows().toString());
    CaptureAnalysis.Flow f = r.flows().get(0);
    List<String> tshark =
        Tshark.decodedAs(
                pcap,
                "tls.handshake.type",
                "tcp.port==" + port + ",tls",
                "tcp.dstport",
                "tls.handshake.type")
            .stream()
            .flatMap(
                l -> {
                  String[] c = l.split("\t");
                  String who = c[0].equals(Integer.toString(port)) ? "client" : "server";
                  return java.util.Arrays.stream(c[1].split(",")).map(t -> who + " " + t);
                })
            .toList();
    List<String> ours = new ArrayList<>();
    for (TraceEvent e : f.trace().events()) {
      if (e instanceof TraceEvent.Tls t
          && !t.encrypted()
          && !t.message().equals("ChangeCipherSpec")) {
        String who = t.direction().sender().name().toLowerCase(java.util.Locale.ROOT);
        ours.add(who + " " + handshakeType(t.message()));
      }
    }
    assertEquals(tshark, ours);
    assertTrue(
        f.trace().events().stream()
            .anyMatch(
                e ->
                    e instanceof TraceEvent.Note n
                        && n.text().startsWith("TLS handshake complete")),
        f.trace().events().toString());
  }

  private static String handshakeType(String name) {
    return switch (name) {
      case "ClientHello" -> "1";
      case "ServerHello" -> "2";
      case "Certificate" -> "11";
      case "ServerKeyExchange" -> "12";
      case "ServerHelloDone" -> "14";
      case "ClientKeyExchange" -> "16";
      default -> name;
    };
  }
}
