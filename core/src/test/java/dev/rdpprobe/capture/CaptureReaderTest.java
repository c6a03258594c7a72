package dev.rdpprobe.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaptureReaderTest {
  @TempDir Path dir;

  private static final byte[] HELLO = "hello, server".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ANSWER = "and hello to you".getBytes(StandardCharsets.US_ASCII);

  private static byte[] flow() {
    return Captures.flow(
        List.of(new Captures.Send(true, HELLO), new Captures.Send(false, ANSWER)),
        true,
        "CLIENT_RANDOM 00 11\n");
  }

  /** {@code src:port dst:port seq len} per TCP segment, as our reader sees it. */
  private static List<String> ours(byte[] file) throws IOException {
    List<String> out = new ArrayList<>();
    for (CapturedPacket p : Captures.packets(file)) {
      TcpSegment s = Packets.tcp(p);
      out.add(
          p.number()
              + "\t"
              + s.source().port()
              + "\t"
              + s.destination().port()
              + "\t"
              + s.seq()
              + "\t"
              + s.payloadLength()
              + "\t"
              + p.epochNanos());
    }
    return out;
  }

  /** The same fields by tshark. */
  private List<String> tsharks(byte[] file, String name) throws Exception {
    Path f = dir.resolve(name);
    Files.write(f, file);
    List<String> lines =
        Tshark.fields(
            f,
            "",
            "frame.number",
            "tcp.srcport",
            "tcp.dstport",
            "tcp.seq_raw",
            "tcp.len",
            "frame.time_epoch");
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      String[] c = l.split("\t");
      // frame.time_epoch is seconds with a fraction; as integer nanoseconds
      String[] t = c[5].split("\\.");
      String frac = (t.length > 1 ? t[1] : "") + "000000000";
      out.add(
          String.join("\t", Arrays.copyOf(c, 5))
              + "\t"
              + (Long.parseLong(t[0]) * 1_000_000_000L + Long.parseLong(frac.substring(0, 9))));
    }
    return out;
  }

  @Test
  void ourPcapngReadsAsTsharkReadsIt() throws Exception {
    byte[] file = flow();
    List<String> ours = ours(file);
    assertEquals(7, ours.size(), "handshake, two data segments, two FINs");
    assertEquals(tsharks(file, "flow.pcapng"), ours);
  }

  @Test
  void keyLogLinesOfTheDecryptionSecretsBlock() throws IOException {
    CaptureReader r = CaptureReader.open(new ByteArrayInputStream(flow()));
    assertEquals("pcapng", r.format());
    r.next();
    assertEquals(List.of("CLIENT_RANDOM 00 11"), r.takeKeyLogLines());
    assertEquals(List.of(), r.takeKeyLogLines());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 101, 228, 113, 276, 0, 108})
  void pcapOfEveryLinkTypeInBothByteOrdersAndUnits(int linkType) throws Exception {
    List<CapturedPacket> packets = Captures.packets(flow());
    List<String> reference =
        tsharks(Captures.pcap(packets, linkType, ByteOrder.BIG_ENDIAN, false), linkType + ".pcap");
    for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
      for (boolean nanos : List.of(true, false)) {
        byte[] pcap = Captures.pcap(packets, linkType, order, nanos);
        CaptureReader r = CaptureReader.open(new ByteArrayInputStream(pcap));
        assertTrue(r.format().contains(nanos ? "nanosecond" : "microsecond"), r.format());
        List<String> ours = ours(pcap);
        assertEquals(reference, ours);
        // the payloads come out as they went in
        TcpSegment hello = Packets.tcp(Captures.packets(pcap).get(3));
        assertArrayEquals(HELLO, hello.payload());
        assertEquals("10.0.0.2:50123", hello.source().toString());
      }
    }
  }

  @Test
  void vlanTagsAreSkipped() throws Exception {
    List<CapturedPacket> packets = Captures.packets(flow());
    List<CapturedPacket> tagged = new ArrayList<>();
    for (CapturedPacket p : packets) {
      byte[] d = Captures.qinq(p.data());
      tagged.add(new CapturedPacket(p.number(), 0, p.epochNanos(), 1, d.length, d));
    }
    byte[] pcap = Captures.pcap(tagged, 1, ByteOrder.LITTLE_ENDIAN, true);
    assertEquals(tsharks(pcap, "qinq.pcap"), ours(pcap));
    assertEquals(
        List.of("100\t200"),
        Tshark.fields(
            writeTo(pcap, "qinq-tags.pcap"), "frame.number == 4", "ieee8021ad.id", "vlan.id"),
        "tshark sees both tags");
  }

  private Path writeTo(byte[] file, String name) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, file);
    return f;
  }

  @Test
  void ipv6WithAnExtensionHeader() throws Exception {
    TcpSegment.Endpoint c = new TcpSegment.Endpoint(ipv6("fd00::2"), 50000);
    TcpSegment.Endpoint s = new TcpSegment.Endpoint(ipv6("fd00::1"), 3389);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    PcapngWriter w = new PcapngWriter(out, Packets.LINKTYPE_ETHERNET, "test");
    TcpFlowWriter f = new TcpFlowWriter(w, c, s, null);
    f.handshake(1_000_000_000L);
    f.data(true, 2_000_000_000L, HELLO);
    List<CapturedPacket> packets = Captures.packets(out.toByteArray());
    // a destination-options header (8 bytes of PadN) between IPv6 and TCP
    byte[] d = packets.get(3).data();
    ByteBuffer b = ByteBuffer.allocate(d.length + 8);
    b.put(d, 0, 14 + 6).put((byte) 60).put(d, 14 + 7, 33);
    b.put((byte) 6).put((byte) 0).put((byte) 1).put((byte) 4).putInt(0);
    b.put(d, 14 + 40, d.length - 14 - 40);
    byte[] e = b.array();
    int payload = ((e[18] & 0xFF) << 8 | (e[19] & 0xFF)) + 8;
    e[18] = (byte) (payload >> 8);
    e[19] = (byte) payload;
    TcpSegment seg = Packets.tcp(new CapturedPacket(4, 0, 0, 1, e.length, e));
    assertArrayEquals(HELLO, seg.payload());
    assertEquals("[fd00::2]:50000", seg.source().toString());
    byte[] pcap =
        Captures.pcap(
            List.of(new CapturedPacket(1, 0, 0, 1, e.length, e)), 1, ByteOrder.BIG_ENDIAN, false);
    assertEquals(
        List.of(HELLO.length + "\t60"),
        Tshark.fields(writeTo(pcap, "v6.pcap"), "", "tcp.len", "ipv6.nxt"));
  }

  private static byte[] ipv6(String text) throws IOException {
    return java.net.InetAddress.getByName(text).getAddress();
  }

  // ---- hostile files ----------------------------------------------------------------------------

  @Test
  void wrongMagic() {
    CaptureException e =
        assertThrows(
            CaptureException.class,
            () -> CaptureReader.open(new ByteArrayInputStream("GIF89a...".getBytes())));
    assertEquals(CaptureException.Kind.NOT_A_CAPTURE, e.kind());
    assertEquals(0, e.fileOffset());
  }

  @Test
  void emptyFile() {
    CaptureException e =
        assertThrows(
            CaptureException.class,
            () -> CaptureReader.open(new ByteArrayInputStream(new byte[0])));
    assertEquals(CaptureException.Kind.NOT_A_CAPTURE, e.kind());
  }

  @Test
  void truncatedEverywhereGivesATypedErrorOrFewerPackets() throws IOException {
    byte[] file = flow();
    int whole = Captures.packets(file).size();
    for (int n = 1; n < file.length; n++) {
      byte[] cut = Arrays.copyOf(file, n);
      try {
        List<CapturedPacket> read = Captures.packets(cut);
        assertTrue(read.size() < whole, "a cut file reads fewer packets");
      } catch (CaptureException e) {
        assertTrue(e.fileOffset() >= 0 && e.fileOffset() <= n, e.getMessage());
        assertTrue(
            e.kind() == CaptureException.Kind.TRUNCATED
                || e.kind() == CaptureException.Kind.NOT_A_CAPTURE,
            e.getMessage());
      }
    }
  }

  @Test
  void aFourGigabyteBlockLengthIsRefusedBeforeAnyAllocation() throws IOException {
    byte[] file = flow();
    // the Enhanced Packet Block after SHB and IDB: find its type 6 and set its length to 0xFFFFFFF0
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    int at = 0;
    while (b.getInt(at) != PcapngReader.ENHANCED_PACKET) {
      at += b.getInt(at + 4);
    }
    b.putInt(at + 4, 0xFFFFFFF0);
    CaptureException e = assertThrows(CaptureException.class, () -> Captures.packets(file));
    assertEquals(CaptureException.Kind.TOO_LARGE, e.kind());
    assertEquals(at + 4, e.fileOffset());
    assertEquals(1, e.packet());
    assertTrue(e.getMessage().contains("4294967280 bytes"), e.getMessage());
  }

  @Test
  void aPcapRecordLongerThanAnySnapshotLength() throws IOException {
    List<CapturedPacket> packets = Captures.packets(flow());
    byte[] pcap = Captures.pcap(packets, 1, ByteOrder.LITTLE_ENDIAN, false);
    ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 8, 0x7FFFFFFF);
    CaptureException e = assertThrows(CaptureException.class, () -> Captures.packets(pcap));
    assertEquals(CaptureException.Kind.TOO_LARGE, e.kind());
    assertEquals(24, e.fileOffset());
    assertEquals(1, e.packet());
  }

  @Test
  void snaplenCutPacketsKeepTheirLengthOnTheWire() throws Exception {
    Path whole = writeTo(flow(), "whole.pcapng");
    Path cut = dir.resolve("cut.pcapng");
    Process p =
        new ProcessBuilder(
                dev.rdpprobe.testing.Peers.require("editcap", "tshark").toString(),
                "-s",
                "60",
                whole.toString(),
                cut.toString())
            .redirectErrorStream(true)
            .start();
    assertEquals(0, p.waitFor());
    List<CapturedPacket> packets = Captures.packets(Files.readAllBytes(cut));
    TcpSegment answer = Packets.tcp(packets.get(4));
    assertEquals(ANSWER.length, answer.payloadLength());
    assertEquals(60 - 54, answer.payload().length);
    assertTrue(packets.get(4).isCut());
    // a packet cut inside its TCP header is an error naming it
    CapturedPacket p5 = packets.get(4);
    byte[] short_ = Arrays.copyOf(p5.data(), 40);
    CaptureException e =
        assertThrows(
            CaptureException.class,
            () -> Packets.tcp(new CapturedPacket(5, 1234, 0, 1, p5.originalLength(), short_)));
    assertEquals(5, e.packet());
    assertTrue(e.getMessage().contains("snapshot length"), e.getMessage());
  }

  @Test
  void notTcpIsNull() throws CaptureException {
    byte[] arp = new byte[42];
    arp[12] = 0x08;
    arp[13] = 0x06;
    assertNull(Packets.tcp(new CapturedPacket(1, 0, 0, 1, 42, arp)));
  }

  @Test
  void timestampResolutions() {
    assertEquals(1_500_000_000L, PcapngReader.toNanos(1_500_000L, 6));
    assertEquals(1_500_000_000L, PcapngReader.toNanos(1_500_000_000L, 9));
    assertEquals(1_500_000_000L, PcapngReader.toNanos(1_500_000_000_000L, 12));
    assertEquals(1_500_000_000L, PcapngReader.toNanos(3L << 29, 0x80 | 30));
  }
}
