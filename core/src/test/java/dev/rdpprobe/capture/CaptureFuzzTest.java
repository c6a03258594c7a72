package dev.rdpprobe.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.tls.CertificateChecker;
import dev.rdpprobe.tls.TrustAnchors;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer fuzz tests of the capture readers, the TCP reassembly and the dissector, in the layout of
 * {@code X224FuzzTest}: in the normal test run each method runs once per seed file in {@code
 * src/test/resources/dev/rdpprobe/capture/CaptureFuzzTestInputs/<method name>/} (captures made by
 * dumpcap and by the probe, and broken variants). To fuzz one method:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl core test -Dtest='CaptureFuzzTest#analyzeFile' -Djazzer.max_duration=60s
 * </pre>
 *
 * Every method checks that untrusted bytes give a {@link CaptureException} or a result, never
 * another exception, and that every trace ends with its close.
 */
class CaptureFuzzTest {

  /**
   * Any bytes as a capture file: packets or a typed error, and each packet's TCP or a typed error.
   */
  @FuzzTest(maxDuration = "5m")
  void readFile(byte[] input) {
    try {
      CaptureReader r = CaptureReader.open(new ByteArrayInputStream(input));
      for (CapturedPacket p; (p = r.next()) != null; ) {
        assertTrue(p.data().length <= CaptureLimits.PACKET_BYTES);
        try {
          Packets.tcp(p);
        } catch (CaptureException e) {
          assertEquals(p.number(), e.packet());
        }
      }
    } catch (CaptureException e) {
      assertTrue(e.fileOffset() >= 0 && e.fileOffset() <= input.length, e.getMessage());
    } catch (IOException e) {
      throw new AssertionError("an untyped I/O error from bytes in memory", e);
    }
  }

  /** Any bytes as a capture file, analysed: every RDP flow's trace ends with its close. */
  @FuzzTest(maxDuration = "5m")
  void analyzeFile(byte[] input) {
    try {
      CaptureAnalysis.Result r =
          CaptureAnalysis.analyze(
              new ByteArrayInputStream(input), new CaptureAnalysis.Options(TrustAnchors.none()));
      for (CaptureAnalysis.Flow f : r.flows()) {
        closedLast(f.trace());
      }
    } catch (CaptureException e) {
      // a broken file, named where
    } catch (IOException e) {
      throw new AssertionError("an untyped I/O error from bytes in memory", e);
    }
  }

  /**
   * Segments of one flow from any bytes (each: a flags byte, a 32-bit sequence number, a 16-bit
   * length, the payload), in any order: each direction's bytes come out in order, once.
   */
  @FuzzTest(maxDuration = "5m")
  void reassemble(byte[] input) {
    List<TcpSegment> segments = segments(input);
    long[] next = new long[2];
    TcpReassembler r =
        new TcpReassembler(
            id ->
                new TcpReassembler.FlowListener() {
                  @Override
                  public void data(
                      TcpReassembler.Side s, long offset, byte[] bytes, long nanos, long p) {
                    assertEquals(next[s.ordinal()], offset, "bytes in order, once");
                    next[s.ordinal()] += bytes.length;
                  }

                  @Override
                  public void gap(
                      TcpReassembler.Side s, long offset, long missing, long nanos, long p) {
                    assertEquals(next[s.ordinal()], offset, "a gap where the stream is");
                    assertTrue(missing > 0);
                    next[s.ordinal()] += missing;
                  }

                  @Override
                  public void fin(TcpReassembler.Side s, long nanos, long p) {}

                  @Override
                  public void rst(TcpReassembler.Side s, long nanos, long p) {}

                  @Override
                  public void end(long nanos) {}
                });
    segments.forEach(r::segment);
    r.finish();
    assertEquals(0, r.openFlows());
  }

  /**
   * One RDP flow's two directions from any bytes (each piece: a flags byte, a 16-bit length, the
   * bytes), after a Connection Request: the dissector's trace ends with its close.
   */
  @FuzzTest(maxDuration = "5m")
  void dissect(byte[] input) {
    List<TcpSegment> segments = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(input);
    long[] seq = {1000, 5000};
    segments.add(segment(0, TcpSegment.SYN, seq[0] - 1, new byte[0]));
    segments.add(segment(1, TcpSegment.SYN | TcpSegment.ACK, seq[1] - 1, new byte[0]));
    segments.add(segment(0, TcpSegment.PSH, seq[0], CONNECTION_REQUEST));
    seq[0] += CONNECTION_REQUEST.length;
    while (in.remaining() >= 3) {
      int flags = in.get() & 0xFF;
      int n = Math.min(in.getShort() & 0xFFFF, in.remaining());
      byte[] b = new byte[n];
      in.get(b);
      int side = flags & 1;
      int tcp = (flags & 2) != 0 ? TcpSegment.FIN : (flags & 4) != 0 ? TcpSegment.RST : 0;
      if ((flags & 8) != 0) {
        seq[side] += 1 + (flags >> 4); // bytes the capture misses
      }
      segments.add(segment(side, tcp | TcpSegment.PSH, seq[side], b));
      seq[side] += b.length;
    }
    List<Trace> traces = new ArrayList<>();
    TcpReassembler r =
        new TcpReassembler(
            id ->
                new FlowDissector(
                    id,
                    new CertificateChecker(TrustAnchors.none()),
                    java.util.Map.of(),
                    d -> {
                      if (d.trace() != null) {
                        traces.add(d.trace());
                      }
                    }));
    segments.forEach(r::segment);
    r.finish();
    // bytes after a RST or both FINs start another flow of the same addresses, which is RDP again
    // when they start with a Connection Request: one trace or more, each ending with its close
    assertFalse(traces.isEmpty(), "a flow that starts with a Connection Request is RDP");
    traces.forEach(CaptureFuzzTest::closedLast);
  }

  /** The X.224 Connection Request of MS-RDPBCGR 4.1.1, offering TLS, CredSSP and HYBRID_EX. */
  static final byte[] CONNECTION_REQUEST =
      java.util.HexFormat.of().parseHex("030000130ee00000000000010008000b000000");

  private static void closedLast(Trace t) {
    List<TraceEvent> events = t.events();
    assertTrue(events.get(events.size() - 1) instanceof TraceEvent.Closed, "the close is last");
    assertEquals(1, events.stream().filter(e -> e instanceof TraceEvent.Closed).count());
  }

  private static TcpSegment segment(int side, int flags, long seq, byte[] payload) {
    TcpSegment.Endpoint a = Captures.CLIENT;
    TcpSegment.Endpoint b = Captures.SERVER;
    return new TcpSegment(
        0,
        0,
        side == 0 ? a : b,
        side == 0 ? b : a,
        seq & 0xFFFFFFFFL,
        0,
        flags,
        payload,
        payload.length);
  }

  private static List<TcpSegment> segments(byte[] input) {
    List<TcpSegment> out = new ArrayList<>();
    ByteBuffer in = ByteBuffer.wrap(input);
    while (in.remaining() >= 7) {
      int flags = in.get() & 0xFF;
      long seq = in.getInt() & 0xFFFFFFFFL;
      int n = Math.min(in.getShort() & 0xFFFF, in.remaining());
      byte[] b = new byte[n];
      in.get(b);
      int side = flags >> 7;
      out.add(segment(side, flags & 0x1F, seq, b));
    }
    return out;
  }
}
