package dev.rdpprobe.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TcpReassemblerTest {
  /** What a listener heard, in order, as lines. */
  static final class Heard implements TcpReassembler.FlowListener {
    final List<String> events = new ArrayList<>();
    final ByteArrayOutputStream initiator = new ByteArrayOutputStream();
    final ByteArrayOutputStream responder = new ByteArrayOutputStream();

    @Override
    public void data(TcpReassembler.Side s, long offset, byte[] bytes, long nanos, long packet) {
      ByteArrayOutputStream out = s == TcpReassembler.Side.INITIATOR ? initiator : responder;
      assertEquals(out.size(), offset, "data comes in stream order");
      out.writeBytes(bytes);
    }

    @Override
    public void gap(TcpReassembler.Side s, long offset, long missing, long nanos, long packet) {
      events.add("gap " + s + " at " + offset + " of " + missing);
      ByteArrayOutputStream out = s == TcpReassembler.Side.INITIATOR ? initiator : responder;
      out.writeBytes(new byte[(int) missing]);
    }

    @Override
    public void fin(TcpReassembler.Side s, long nanos, long packet) {
      events.add("fin " + s + " packet " + packet);
    }

    @Override
    public void rst(TcpReassembler.Side s, long nanos, long packet) {
      events.add("rst " + s);
    }

    @Override
    public void end(long nanos) {
      events.add("end");
    }
  }

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** A flow of several segments each way, as segments. */
  private static List<TcpSegment> segments(byte[] c, byte[] s, boolean reset) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PcapngWriter w = new PcapngWriter(out, Packets.LINKTYPE_ETHERNET, "test");
    TcpFlowWriter f = new TcpFlowWriter(w, Captures.CLIENT, Captures.SERVER, null);
    f.handshake(0);
    for (int i = 0; i < 10; i++) {
      f.data(true, i, Arrays.copyOfRange(c, i * c.length / 10, (i + 1) * c.length / 10));
      f.data(false, i, Arrays.copyOfRange(s, i * s.length / 10, (i + 1) * s.length / 10));
    }
    if (reset) {
      f.rst(false, 11);
    } else {
      f.fin(true, 11);
      f.fin(false, 12);
    }
    List<TcpSegment> segs = new ArrayList<>();
    for (CapturedPacket p : Captures.packets(out.toByteArray())) {
      segs.add(Packets.tcp(p));
    }
    return segs;
  }

  private static Heard run(List<TcpSegment> segs) {
    Heard h = new Heard();
    TcpReassembler r = new TcpReassembler(id -> h);
    segs.forEach(r::segment);
    r.finish();
    return h;
  }

  @Test
  void inOrder() throws IOException {
    byte[] c = bytes(5000, 1);
    byte[] s = bytes(7000, 2);
    Heard h = run(segments(c, s, false));
    assertArrayEquals(c, h.initiator.toByteArray());
    assertArrayEquals(s, h.responder.toByteArray());
    assertEquals(List.of("fin INITIATOR packet 24", "fin RESPONDER packet 25", "end"), h.events);
  }

  @Test
  void shuffledAndDuplicatedSegmentsGiveTheSameStreams() throws IOException {
    byte[] c = bytes(5000, 3);
    byte[] s = bytes(7000, 4);
    List<TcpSegment> segs = segments(c, s, false);
    // keep SYNs first and the FINs last; shuffle and duplicate the data in between without ACKs
    // that would tell of bytes not seen yet
    List<TcpSegment> data = new ArrayList<>();
    for (TcpSegment x : segs.subList(3, segs.size() - 2)) {
      TcpSegment noAck =
          new TcpSegment(
              x.packet(),
              x.epochNanos(),
              x.source(),
              x.destination(),
              x.seq(),
              0,
              x.flags() & ~TcpSegment.ACK,
              x.payload(),
              x.payloadLength());
      data.add(noAck);
      data.add(noAck);
    }
    Collections.shuffle(data, new Random(7));
    List<TcpSegment> all = new ArrayList<>(segs.subList(0, 3));
    all.addAll(data);
    all.addAll(segs.subList(segs.size() - 2, segs.size()));
    Heard h = run(all);
    assertArrayEquals(c, h.initiator.toByteArray());
    assertArrayEquals(s, h.responder.toByteArray());
    assertEquals(List.of("fin INITIATOR packet 24", "fin RESPONDER packet 25", "end"), h.events);
  }

  @Test
  void aMissingSegmentIsAGapWhereTheReceiverAcknowledgedIt() throws IOException {
    byte[] c = bytes(5000, 5);
    byte[] s = bytes(7000, 6);
    List<TcpSegment> segs = new ArrayList<>(segments(c, s, false));
    TcpSegment lost = segs.remove(3 + 4); // the client's third data segment (500 bytes at 1000)
    assertEquals(500, lost.payloadLength());
    Heard h = run(segs);
    assertEquals("gap INITIATOR at 1000 of 500", h.events.get(0));
    byte[] expected = c.clone();
    Arrays.fill(expected, 1000, 1500, (byte) 0);
    assertArrayEquals(expected, h.initiator.toByteArray());
    assertArrayEquals(s, h.responder.toByteArray());
  }

  @Test
  void midFlowStartAndReset() throws IOException {
    byte[] c = bytes(5000, 8);
    byte[] s = bytes(7000, 9);
    List<TcpSegment> segs = segments(c, s, true);
    Heard h = run(segs.subList(5, segs.size())); // no handshake, no first client segment
    assertEquals(c.length - 500, h.initiator.size());
    assertEquals(List.of("rst RESPONDER", "end"), h.events);
    assertArrayEquals(
        Arrays.copyOfRange(c, 500, c.length), h.initiator.toByteArray(), "from the first seen");
  }

  @Test
  void sequenceNumbersWrapAround() throws IOException {
    byte[] c = bytes(3000, 10);
    List<TcpSegment> segs = new ArrayList<>();
    long isn = 0xFFFF_FF00L;
    TcpSegment.Endpoint a = Captures.CLIENT;
    TcpSegment.Endpoint b = Captures.SERVER;
    segs.add(new TcpSegment(1, 0, a, b, isn, 0, TcpSegment.SYN, new byte[0], 0));
    for (int i = 0; i < 3; i++) {
      byte[] part = Arrays.copyOfRange(c, i * 1000, (i + 1) * 1000);
      segs.add(
          new TcpSegment(
              2 + i, 0, a, b, (isn + 1 + i * 1000L) & 0xFFFFFFFFL, 0, TcpSegment.PSH, part, 1000));
    }
    Heard h = run(segs);
    assertArrayEquals(c, h.initiator.toByteArray());
  }

  @Test
  void heldBytesAreBounded() {
    TcpSegment.Endpoint a = Captures.CLIENT;
    TcpSegment.Endpoint b = Captures.SERVER;
    Heard h = new Heard();
    TcpReassembler r = new TcpReassembler(id -> h);
    r.segment(new TcpSegment(1, 0, a, b, 0, 0, TcpSegment.SYN, new byte[0], 0));
    // the first 1000 bytes never come; 2 MB come after them
    for (int i = 0; i < 2100; i++) {
      r.segment(new TcpSegment(2 + i, 0, a, b, 1 + 1000 + i * 1000L, 0, 0, new byte[1000], 1000));
    }
    assertTrue(h.events.contains("gap INITIATOR at 0 of 1000"), h.events.toString());
    assertEquals(1000 + 2100 * 1000, h.initiator.size());
  }
}
