package dev.rdpprobe.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Capture files made in memory for tests: a flow written by {@link TcpFlowWriter}, re-framed. */
final class Captures {
  private Captures() {}

  static final TcpSegment.Endpoint CLIENT =
      new TcpSegment.Endpoint(new byte[] {10, 0, 0, 2}, 50123);
  static final TcpSegment.Endpoint SERVER = new TcpSegment.Endpoint(new byte[] {10, 0, 0, 1}, 3389);

  /** What one side sends. */
  record Send(boolean fromClient, byte[] bytes) {}

  /** A pcapng file of one flow: handshake, the sends 1 ms apart, then a FIN from {@code closer}. */
  static byte[] flow(List<Send> sends, Boolean finFromClient, String keyLog) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PcapngWriter w = new PcapngWriter(out, Packets.LINKTYPE_ETHERNET, "test");
      if (keyLog != null) {
        w.keyLog(keyLog);
      }
      TcpFlowWriter f = new TcpFlowWriter(w, CLIENT, SERVER, "a test flow");
      long t = 1_700_000_000_000_000_000L;
      f.handshake(t);
      for (Send s : sends) {
        t += 1_000_000;
        f.data(s.fromClient(), t, s.bytes());
      }
      if (finFromClient != null) {
        t += 1_000_000;
        f.fin(finFromClient, t);
        f.fin(!finFromClient, t + 1000);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Every packet of a capture. */
  static List<CapturedPacket> packets(byte[] file) throws IOException {
    CaptureReader r = CaptureReader.open(new java.io.ByteArrayInputStream(file));
    List<CapturedPacket> out = new ArrayList<>();
    for (CapturedPacket p; (p = r.next()) != null; ) {
      out.add(p);
    }
    return out;
  }

  /**
   * A pcap file of {@code packets} re-framed for {@code linkType} (their Ethernet header replaced),
   * in {@code order}, with nanosecond or microsecond timestamps.
   */
  static byte[] pcap(List<CapturedPacket> packets, int linkType, ByteOrder order, boolean nanos) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer h = ByteBuffer.allocate(24).order(order);
    h.putInt(nanos ? PcapReader.MAGIC_NANOS : PcapReader.MAGIC_MICROS);
    h.putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(linkType);
    out.writeBytes(h.array());
    for (CapturedPacket p : packets) {
      byte[] d = reframe(p.data(), linkType);
      ByteBuffer r = ByteBuffer.allocate(16).order(order);
      long s = p.epochNanos() / 1_000_000_000L;
      long f = p.epochNanos() % 1_000_000_000L;
      r.putInt((int) s).putInt((int) (nanos ? f : f / 1000)).putInt(d.length).putInt(d.length);
      out.writeBytes(r.array());
      out.writeBytes(d);
    }
    return out.toByteArray();
  }

  /** An Ethernet frame's IP packet under another link-layer header. */
  static byte[] reframe(byte[] ethernet, int linkType) {
    byte[] ip = Arrays.copyOfRange(ethernet, 14, ethernet.length);
    int etherType = (ethernet[12] & 0xFF) << 8 | (ethernet[13] & 0xFF);
    ByteBuffer b;
    switch (linkType) {
      case Packets.LINKTYPE_ETHERNET -> {
        return ethernet;
      }
      case Packets.LINKTYPE_RAW, Packets.LINKTYPE_IPV4, Packets.LINKTYPE_IPV6 -> {
        return ip;
      }
      case Packets.LINKTYPE_LINUX_SLL -> {
        b = ByteBuffer.allocate(16 + ip.length);
        b.putShort((short) 0).putShort((short) 772).putShort((short) 6).put(new byte[8]);
        b.putShort((short) etherType);
      }
      case Packets.LINKTYPE_LINUX_SLL2 -> {
        b = ByteBuffer.allocate(20 + ip.length);
        b.putShort((short) etherType).putShort((short) 0).putInt(1).putShort((short) 772);
        b.put((byte) 0).put((byte) 6).put(new byte[8]);
      }
      case Packets.LINKTYPE_NULL -> {
        b = ByteBuffer.allocate(4 + ip.length);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(etherType == 0x0800 ? 2 : 10);
        b.order(ByteOrder.BIG_ENDIAN);
      }
      case Packets.LINKTYPE_LOOP -> {
        b = ByteBuffer.allocate(4 + ip.length);
        b.putInt(etherType == 0x0800 ? 2 : 24);
      }
      default -> throw new IllegalArgumentException("link type " + linkType);
    }
    b.put(ip);
    return b.array();
  }

  /** An Ethernet frame with two VLAN tags (802.1ad outer, 802.1Q inner) inserted. */
  static byte[] qinq(byte[] ethernet) {
    ByteBuffer b = ByteBuffer.allocate(ethernet.length + 8);
    b.put(ethernet, 0, 12);
    b.putShort((short) 0x88A8).putShort((short) 100).putShort((short) 0x8100).putShort((short) 200);
    b.put(ethernet, 12, ethernet.length - 12);
    return b.array();
  }
}
