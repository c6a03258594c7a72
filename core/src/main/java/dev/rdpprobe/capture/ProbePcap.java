package dev.rdpprobe.capture;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.trace.TraceHeader;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A pcapng file of the probe's own connections, one after the other, that Wireshark and tshark open
 * decrypted without options: Ethernet frames with a synthesised TCP three-way handshake, every
 * write and read of the probe as a segment at its time in the trace, the ending the trace recorded
 * (the FIN or RST of the side that closed), and the connection's TLS key log in a Decryption
 * Secrets Block before its packets. The server's port is written as 3389, where Wireshark dissects
 * RDP with TLS inside, unless asked otherwise; the real addresses and ports are in a comment on the
 * connection's first packet.
 *
 * <p>The file holds the connections' TLS secrets: it is written only where the user asked. Safe for
 * concurrent probes: each connection is written whole when it ends.
 */
public final class ProbePcap implements Closeable {
  /** The port Wireshark dissects RDP on without a "Decode As" rule. */
  public static final int RDP_PORT = 3389;

  private final OutputStream out;
  private final PcapngWriter writer;
  private final int serverPort;
  private int connections;

  private ProbePcap(OutputStream out, int serverPort) throws IOException {
    this.out = out;
    this.serverPort = serverPort;
    this.writer = new PcapngWriter(out, Packets.LINKTYPE_ETHERNET, "rdp-probe");
  }

  /** A new file at {@code file} (replaced if it exists), the server port written as 3389. */
  public static ProbePcap create(Path file) throws IOException {
    return create(new BufferedOutputStream(Files.newOutputStream(file)), RDP_PORT);
  }

  /**
   * A file written to {@code out}, closed with this.
   *
   * @param serverPort the port the servers are written with, or 0 for their real ports
   */
  public static ProbePcap create(OutputStream out, int serverPort) throws IOException {
    if (serverPort < 0 || serverPort > 65535) {
      throw new IllegalArgumentException("port " + serverPort + " is outside 0..65535");
    }
    return new ProbePcap(Objects.requireNonNull(out, "out"), serverPort);
  }

  /** Connections written so far. */
  public synchronized int connections() {
    return connections;
  }

  /**
   * Writes one connection.
   *
   * @param trace the probe's trace (its header's endpoints and times, its close)
   * @param chunks what the probe wrote and read, as its {@link WireTap} kept it
   * @param keyLog the TLS session's NSS key-log lines, or none
   * @param droppedBytes bytes the tap did not keep (said in the comment)
   * @return whether anything was written: a connection that never came up has no packets
   */
  public synchronized boolean write(
      Trace trace, List<WireTap.Chunk> chunks, List<String> keyLog, long droppedBytes)
      throws IOException {
    TraceHeader h = trace.header();
    if (h.client().isEmpty() || h.server().isEmpty()) {
      return false;
    }
    TcpSegment.Endpoint client = endpoint(h.client(), -1);
    TcpSegment.Endpoint realServer = endpoint(h.server(), -1);
    TcpSegment.Endpoint server =
        serverPort == 0 ? realServer : new TcpSegment.Endpoint(realServer.address(), serverPort);
    if (client.address().length != server.address().length) {
      return false;
    }
    TraceEvent.Closed closed = trace.closed().orElse(null);
    String comment =
        "rdp-probe connection from "
            + h.client()
            + " to "
            + h.server()
            + (server.port() != realServer.port() ? " (written as port " + server.port() + ")" : "")
            + (closed != null ? ", ended " + closed.kind() + " by " + closed.closedBy() : "")
            + (droppedBytes > 0
                ? ", " + droppedBytes + " bytes past the capture's cap left out"
                : "");
    long base = epochNanos(h.startedAt());
    long connected =
        trace.events().stream()
            .filter(e -> e instanceof TraceEvent.Connected)
            .mapToLong(TraceEvent::nanos)
            .findFirst()
            .orElse(chunks.isEmpty() ? 0 : chunks.get(0).nanos());
    if (!keyLog.isEmpty()) {
      writer.keyLog(String.join("\n", keyLog) + "\n");
    }
    TcpFlowWriter flow = new TcpFlowWriter(writer, client, server, comment);
    flow.handshake(base + connected);
    for (WireTap.Chunk c : chunks) {
      flow.data(c.direction() == Direction.CLIENT_TO_SERVER, base + c.nanos(), c.bytes());
    }
    if (closed != null && closed.closedBy() != ClosedBy.NONE) {
      boolean byClient = closed.closedBy() == ClosedBy.CLIENT;
      boolean reset = closed.kind() == CloseKind.PEER_RST || closed.kind() == CloseKind.CLIENT_RST;
      if (reset) {
        flow.rst(byClient, base + closed.nanos());
      } else {
        flow.fin(byClient, base + closed.nanos());
      }
    }
    writer.flush();
    connections++;
    return true;
  }

  /** {@code 10.0.0.2:50123} or {@code [::1]:3389} as an endpoint. */
  static TcpSegment.Endpoint endpoint(String text, int port) throws IOException {
    int colon = text.lastIndexOf(':');
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int scope = host.indexOf('%');
    if (scope >= 0) {
      host = host.substring(0, scope);
    }
    if (!host.matches("[0-9a-fA-F:.]+")) {
      throw new IOException("not an address literal: " + text);
    }
    byte[] address = InetAddress.getByName(host).getAddress(); // a literal: no lookup
    return new TcpSegment.Endpoint(
        address, port >= 0 ? port : Integer.parseInt(text.substring(colon + 1)));
  }

  private static long epochNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
