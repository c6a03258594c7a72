package dev.rdpprobe.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.trace.TraceHeader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProbePcap}'s flows written as they happen: two connections from one client port to two
 * servers written as one port 3389 stay two TCP conversations (their SYNs differ), the key log goes
 * once per line, a side's data after its RST is not written, and a full file takes no connection.
 */
class ProbePcapFlowTest {
  @TempDir Path dir;

  private static final InetSocketAddress CLIENT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 50_000);

  private static InetSocketAddress server(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  private static final long T0 = 1_700_000_000_000_000_000L;

  @Test
  void oneClientPortToTwoServersIsTwoConversations() throws Exception {
    Path file = dir.resolve("two.pcapng");
    try (ProbePcap pcap = ProbePcap.create(file)) {
      for (int i = 0; i < 2; i++) {
        ProbePcap.Flow f =
            pcap.open(TraceHeader.Origin.EMULATOR, CLIENT, server(40_000 + i), T0 + i * 1000L);
        f.data(true, T0 + i * 1000L + 10, new byte[] {3, 0, 0, 4});
        f.fin(true, T0 + i * 1000L + 20);
        f.fin(false, T0 + i * 1000L + 30);
      }
      assertEquals(2, pcap.connections());
    }
    assertEquals(
        List.of("0\t50000", "1\t50000"),
        Tshark.fields(
            file, "tcp.flags.syn == 1 && tcp.flags.ack == 0", "tcp.stream", "tcp.srcport"));
    assertEquals(
        List.of(
            "rdp-probe emulator connection from 127.0.0.1:50000 to 127.0.0.1:40000 (written as"
                + " port 3389)",
            "rdp-probe emulator connection from 127.0.0.1:50000 to 127.0.0.1:40001 (written as"
                + " port 3389)"),
        Tshark.fields(file, "frame.comment", "frame.comment"));
  }

  @Test
  void keyLogLinesAreWrittenOnceAndNothingFollowsARst() throws Exception {
    Path file = dir.resolve("one.pcapng");
    String a = "CLIENT_RANDOM " + "00".repeat(32) + " " + "11".repeat(48);
    String b = "CLIENT_RANDOM " + "22".repeat(32) + " " + "33".repeat(48);
    try (ProbePcap pcap = ProbePcap.create(file)) {
      ProbePcap.Flow f = pcap.open(TraceHeader.Origin.EMULATOR, CLIENT, server(40_000), T0);
      f.keyLog(List.of(a));
      f.keyLog(List.of(a));
      f.keyLog(List.of(a, b));
      f.data(false, T0 + 5, new byte[] {1});
      f.rst(true, T0 + 10);
      f.fin(false, T0 + 20);
      f.rst(false, T0 + 30);
    }
    List<String> packets = Tshark.fields(file, "", "tcp.srcport", "tcp.flags.str");
    assertEquals(5, packets.size(), "SYN, SYN/ACK, ACK, a byte, the client's RST: " + packets);
    try (var in = java.nio.file.Files.newInputStream(file)) {
      CaptureReader r = CaptureReader.open(in);
      int seen = 0;
      StringBuilder lines = new StringBuilder();
      while (r.next() != null) {
        seen++;
        r.takeKeyLogLines().forEach(l -> lines.append(l).append('\n'));
      }
      r.takeKeyLogLines().forEach(l -> lines.append(l).append('\n'));
      assertEquals(5, seen);
      assertEquals(a + "\n" + b + "\n", lines.toString());
    }
  }

  @Test
  void aFullFileTakesNoConnectionAndAFlowStopsAtTheBound() throws Exception {
    try (ProbePcap pcap = ProbePcap.create(dir.resolve("full.pcapng"), 3389, 400)) {
      ProbePcap.Flow f = pcap.open(TraceHeader.Origin.EMULATOR, CLIENT, server(40_000), T0);
      assertNotNull(f);
      f.data(true, T0 + 1, new byte[300]); // past the bound
      long bytes = pcap.bytes();
      f.data(false, T0 + 2, new byte[10]);
      f.fin(true, T0 + 3);
      assertEquals(bytes, pcap.bytes(), "nothing after the bound");
      assertNull(pcap.open(TraceHeader.Origin.EMULATOR, CLIENT, server(40_001), T0 + 4));
      assertEquals(1, pcap.connections());
      assertEquals(1, pcap.leftOut());
    }
    assertThrows(
        IllegalArgumentException.class, () -> ProbePcap.create(dir.resolve("x.pcapng"), 3389, 0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ProbePcap.create(dir.resolve("y.pcapng"))
                .open(
                    TraceHeader.Origin.EMULATOR,
                    CLIENT,
                    new InetSocketAddress(InetAddress.getByName("::1"), 3389),
                    T0));
  }
}
