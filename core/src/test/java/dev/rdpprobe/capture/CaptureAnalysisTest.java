package dev.rdpprobe.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.testing.Peers;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Captures made in memory, intact and hostile, analysed. */
class CaptureAnalysisTest {
  @TempDir Path dir;

  /** A Connection Confirm with RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER (MS-RDPBCGR 2.2.1.2.2). */
  static final byte[] NEG_FAILURE =
      HexFormat.of().parseHex("030000130ed000001234000300080005000000");

  /** A Connection Request offering TLS alone (requestedProtocols PROTOCOL_SSL). */
  static final byte[] TLS_ONLY_REQUEST =
      HexFormat.of().parseHex("030000130ee000000000000100080001000000");

  private static byte[] refusedFlow() {
    return Captures.flow(
        List.of(new Captures.Send(true, TLS_ONLY_REQUEST), new Captures.Send(false, NEG_FAILURE)),
        true,
        null);
  }

  private static CaptureAnalysis.Result analyze(byte[] file) throws IOException {
    return CaptureAnalysis.analyze(
        new ByteArrayInputStream(file), CaptureAnalysis.Options.DEFAULTS);
  }

  private static byte[] pcapng(List<CapturedPacket> packets) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PcapngWriter w = new PcapngWriter(out, Packets.LINKTYPE_ETHERNET, "test");
    for (CapturedPacket p : packets) {
      w.packet(p.epochNanos(), p.data(), null);
    }
    return out.toByteArray();
  }

  @Test
  void aRefusalIsDiagnosedAsALiveProbeWouldBe() throws IOException {
    CaptureAnalysis.Result r = analyze(refusedFlow());
    assertEquals(1, r.flows().size());
    CaptureAnalysis.Flow f = r.flows().get(0);
    assertEquals("10.0.0.2:50123", f.client());
    assertEquals("10.0.0.1:3389", f.server());
    TraceEvent.Closed c = f.trace().closed().orElseThrow();
    assertEquals(CloseKind.REFUSED_BY_SERVER, c.kind());
    assertEquals(ClosedBy.CLIENT, c.closedBy());
    assertTrue(c.detail().contains("packet 6"), c.detail());
    assertEquals(CauseId.NEG_NLA_REQUIRED, f.diagnosis().causes().get(0).id());
  }

  @Test
  void shuffledAndDuplicatedPacketsGiveTheSameTrace() throws IOException {
    List<CapturedPacket> packets = Captures.packets(refusedFlow());
    // the handshake first, the FINs last; the Connection Request and Confirm twice, in any order
    List<CapturedPacket> data = new ArrayList<>(packets.subList(3, 5));
    data.addAll(packets.subList(3, 5));
    Collections.shuffle(data, new Random(3));
    List<CapturedPacket> all = new ArrayList<>(packets.subList(0, 3));
    all.addAll(data);
    all.addAll(packets.subList(5, packets.size()));
    Trace a = analyze(refusedFlow()).flows().get(0).trace();
    Trace b = analyze(pcapng(all)).flows().get(0).trace();
    assertEquals(names(a), names(b), b.events().toString());
    assertEquals(a.closed().orElseThrow().kind(), b.closed().orElseThrow().kind());
  }

  private static List<String> names(Trace t) {
    List<String> out = new ArrayList<>();
    for (TraceEvent e : t.events()) {
      out.add(
          e.getClass().getSimpleName()
              + (e instanceof TraceEvent.Pdu p ? " " + p.name() + " " + p.clientOffset() : ""));
    }
    return out;
  }

  @Test
  void noRdpInTheFile() throws IOException {
    byte[] http =
        Captures.flow(
            List.of(
                new Captures.Send(
                    true, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)),
                new Captures.Send(
                    false, "HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII))),
            false,
            null);
    CaptureAnalysis.Result r = analyze(http);
    assertEquals(List.of(), r.flows());
    assertEquals(1, r.otherFlowCount());
    assertTrue(
        r.otherFlows().get(0).reason().contains("not an X.224 Connection Request"),
        r.otherFlows().get(0).reason());
  }

  @Test
  void aFlowThatStartsMidConnectionIsNamedNotGuessed() throws IOException {
    List<CapturedPacket> packets = Captures.packets(refusedFlow());
    // the capture began after the handshake and the Connection Request
    CaptureAnalysis.Result r = analyze(pcapng(packets.subList(4, packets.size())));
    assertEquals(List.of(), r.flows());
    assertTrue(r.otherFlows().get(0).reason().contains("may have begun mid-connection"));
  }

  @Test
  void aMissingSegmentIsAGapNamedInTheTrace() throws IOException {
    byte[] tls = new byte[3000];
    new Random(1).nextBytes(tls);
    byte[] file =
        Captures.flow(
            List.of(
                new Captures.Send(true, CaptureFuzzTest.CONNECTION_REQUEST),
                new Captures.Send(false, NEG_FAILURE),
                new Captures.Send(false, NEG_FAILURE)),
            false,
            null);
    List<CapturedPacket> packets = new ArrayList<>(Captures.packets(file));
    packets.remove(5); // the second Connection Confirm; the server's FIN tells it was sent
    Trace t = analyze(pcapng(packets)).flows().get(0).trace();
    CaptureGap gap =
        t.events().stream()
            .filter(e -> e instanceof TraceEvent.Note n && n.detail() instanceof CaptureGap)
            .map(e -> (CaptureGap) ((TraceEvent.Note) e).detail())
            .findFirst()
            .orElseThrow(() -> new AssertionError(t.events().toString()));
    // told by the client's FIN, which acknowledges every byte up to the server's FIN
    assertEquals(new CaptureGap(Direction.SERVER_TO_CLIENT, 19, 19, 7), gap);
    assertEquals(38, t.closed().orElseThrow().serverOffset(), "the gap's bytes are counted");
  }

  @Test
  void snaplenCutPacketsAreGapsAndTheTraceStillEnds() throws Exception {
    Path whole = dir.resolve("whole.pcapng");
    Files.write(whole, refusedFlow());
    Path cut = dir.resolve("cut.pcapng");
    Process p =
        new ProcessBuilder(
                Peers.require("editcap", "tshark").toString(),
                "-s",
                "64",
                whole.toString(),
                cut.toString())
            .redirectErrorStream(true)
            .start();
    assertEquals(0, p.waitFor());
    CaptureAnalysis.Result r = CaptureAnalysis.analyze(cut);
    Trace t = r.flows().get(0).trace();
    assertTrue(
        t.events().stream()
            .anyMatch(e -> e instanceof TraceEvent.Note n && n.detail() instanceof CaptureGap),
        t.events().toString());
    assertTrue(r.reassembly().gaps() >= 1);
  }

  @Test
  void aBrokenFileIsATypedErrorNotAnException() {
    byte[] file = refusedFlow();
    byte[] cut = java.util.Arrays.copyOf(file, file.length - 10);
    CaptureException e = assertThrows(CaptureException.class, () -> analyze(cut));
    assertEquals(CaptureException.Kind.TRUNCATED, e.kind());
    assertTrue(e.getMessage().contains("file offset"), e.getMessage());
  }
}
