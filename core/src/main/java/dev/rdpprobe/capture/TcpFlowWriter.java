package dev.rdpprobe.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Writes one TCP connection's packets as Ethernet frames with IPv4 or IPv6 and TCP headers (RFC
 * 9293), for a pcapng file: a three-way handshake, each side's bytes as segments (split at the
 * largest segment a packet holds), and the ending with a FIN or a RST. Sequence and acknowledgment
 * numbers follow the bytes; checksums are left zero, as on a capturing host with checksum offload
 * (tshark does not check them by default).
 */
public final class TcpFlowWriter {
  /** The largest payload in one written segment. */
  static final int MAX_SEGMENT = 65_000;

  private static final byte[] CLIENT_MAC = {0x02, 0, 0, 0, 0, 0x01};
  private static final byte[] SERVER_MAC = {0x02, 0, 0, 0, 0, 0x02};

  private final PcapngWriter writer;
  private final TcpSegment.Endpoint client;
  private final TcpSegment.Endpoint server;
  private final String comment;
  private long clientSeq;
  private long serverSeq;
  private boolean commented;
  private int ipId;

  /**
   * @param client the client's address (4 or 16 bytes) and port as written
   * @param server the server's address and port as written
   * @param comment a comment on the flow's first packet, or {@code null}
   */
  public TcpFlowWriter(
      PcapngWriter writer, TcpSegment.Endpoint client, TcpSegment.Endpoint server, String comment) {
    this(writer, client, server, comment, 0);
  }

  /**
   * A flow whose initial sequence numbers differ with {@code flowNumber}, so that two flows of one
   * file that happen to share their ports are told apart by their SYNs, as a port reused.
   *
   * @param flowNumber the flow's number in the file, from 0
   */
  public TcpFlowWriter(
      PcapngWriter writer,
      TcpSegment.Endpoint client,
      TcpSegment.Endpoint server,
      String comment,
      int flowNumber) {
    this.clientSeq = (0x1000_0000L + 0x0010_1000L * flowNumber) & 0xFFFF_FFFFL;
    this.serverSeq = (0x2000_0000L + 0x0010_1000L * flowNumber) & 0xFFFF_FFFFL;
    this.writer = Objects.requireNonNull(writer, "writer");
    this.client = Objects.requireNonNull(client, "client");
    this.server = Objects.requireNonNull(server, "server");
    if (client.address().length != server.address().length) {
      throw new IllegalArgumentException("both ends of a flow are IPv4 or both IPv6");
    }
    this.comment = comment;
  }

  /** SYN, SYN/ACK and ACK at {@code epochNanos}. */
  public void handshake(long epochNanos) throws IOException {
    write(true, epochNanos, TcpSegment.SYN, new byte[0], 0, 0);
    clientSeq++;
    write(false, epochNanos, TcpSegment.SYN | TcpSegment.ACK, new byte[0], 0, 0);
    serverSeq++;
    write(true, epochNanos, TcpSegment.ACK, new byte[0], 0, 0);
  }

  /** Bytes one side sent at {@code epochNanos}. */
  public void data(boolean fromClient, long epochNanos, byte[] bytes) throws IOException {
    for (int at = 0; at < bytes.length; at += MAX_SEGMENT) {
      int n = Math.min(MAX_SEGMENT, bytes.length - at);
      write(fromClient, epochNanos, TcpSegment.PSH | TcpSegment.ACK, bytes, at, n);
      if (fromClient) {
        clientSeq = (clientSeq + n) & 0xFFFF_FFFFL;
      } else {
        serverSeq = (serverSeq + n) & 0xFFFF_FFFFL;
      }
    }
  }

  /** One side closed its half with a FIN at {@code epochNanos}. */
  public void fin(boolean fromClient, long epochNanos) throws IOException {
    write(fromClient, epochNanos, TcpSegment.FIN | TcpSegment.ACK, new byte[0], 0, 0);
    if (fromClient) {
      clientSeq++;
    } else {
      serverSeq++;
    }
  }

  /** One side reset the connection at {@code epochNanos}. */
  public void rst(boolean fromClient, long epochNanos) throws IOException {
    write(fromClient, epochNanos, TcpSegment.RST | TcpSegment.ACK, new byte[0], 0, 0);
  }

  private void write(boolean fromClient, long nanos, int flags, byte[] bytes, int off, int len)
      throws IOException {
    TcpSegment.Endpoint src = fromClient ? client : server;
    TcpSegment.Endpoint dst = fromClient ? server : client;
    boolean v6 = src.address().length == 16;
    int ipHeader = v6 ? 40 : 20;
    ByteBuffer f = ByteBuffer.allocate(14 + ipHeader + 20 + len);
    f.put(fromClient ? SERVER_MAC : CLIENT_MAC).put(fromClient ? CLIENT_MAC : SERVER_MAC);
    f.putShort((short) (v6 ? 0x86DD : 0x0800));
    if (v6) {
      f.putInt(0x6000_0000).putShort((short) (20 + len)).put((byte) 6).put((byte) 64);
      f.put(src.address()).put(dst.address());
    } else {
      f.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 20 + len));
      f.putShort((short) ipId++).putShort((short) 0x4000).put((byte) 64).put((byte) 6);
      f.putShort((short) 0).put(src.address()).put(dst.address());
    }
    f.putShort((short) src.port()).putShort((short) dst.port());
    f.putInt((int) (fromClient ? clientSeq : serverSeq));
    f.putInt((flags & TcpSegment.ACK) != 0 ? (int) (fromClient ? serverSeq : clientSeq) : 0);
    f.put((byte) 0x50).put((byte) flags).putShort((short) 0xFFFF);
    f.putShort((short) 0).putShort((short) 0);
    f.put(bytes, off, len);
    writer.packet(nanos, f.array(), commented ? null : comment);
    commented = true;
  }
}
