package dev.rdpprobe.capture;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.trace.TraceHeader;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A pcapng file of the probe's own connections, or of the emulator's, that Wireshark and tshark
 * open decrypted without options: Ethernet frames with a synthesised TCP three-way handshake, every
 * write and read as a segment at its time, the ending (the FIN or RST of the side that closed), and
 * the connection's TLS key log in a Decryption Secrets Block before the packets it opens. The
 * server's port is written as 3389, where Wireshark dissects RDP with TLS inside, unless asked
 * otherwise; the real addresses and ports are in a comment on the connection's first packet.
 *
 * <p>A probe's connection is written whole when it ends ({@link #write}); the emulator's are
 * written as they happen, each through its {@link Flow}. Connections that overlap in time (the
 * doctor's follow-ups, the emulator's clients) are each their own TCP flow, told apart by the
 * client's port; every packet has its real time, while the file's order is the order of writing.
 *
 * <p>The file may be bounded ({@link #create(Path, int, long)}): once it holds that many bytes
 * nothing more is written to it, and the connections left out are counted ({@link #leftOut()}).
 *
 * <p>The file holds the connections' TLS secrets: it is written only where the user asked.
 * Thread-safe.
 */
public final class ProbePcap implements Closeable {
  /** The port Wireshark dissects RDP on without a "Decode As" rule. */
  public static final int RDP_PORT = 3389;

  /** No bound on the file's size. */
  public static final long UNBOUNDED = Long.MAX_VALUE;

  private final CountingOutput out;
  private final PcapngWriter writer;
  private final int serverPort;
  private final long maxBytes;
  private int connections;
  private int leftOut;
  private boolean closed;

  private ProbePcap(OutputStream out, int serverPort, long maxBytes) throws IOException {
    this.out = new CountingOutput(out);
    this.serverPort = serverPort;
    this.maxBytes = maxBytes;
    this.writer = new PcapngWriter(this.out, Packets.LINKTYPE_ETHERNET, "rdp-probe");
  }

  /** A new file at {@code file} (replaced if it exists), the server port written as 3389. */
  public static ProbePcap create(Path file) throws IOException {
    return create(file, RDP_PORT, UNBOUNDED);
  }

  /**
   * A new file at {@code file} (replaced if it exists).
   *
   * @param serverPort the port the servers are written with, or 0 for their real ports
   * @param maxBytes once the file holds this many bytes nothing more is written to it (the last
   *     write may pass it by its own packets), or {@link #UNBOUNDED}
   */
  public static ProbePcap create(Path file, int serverPort, long maxBytes) throws IOException {
    checkPort(serverPort);
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes " + maxBytes + " is not positive");
    }
    return new ProbePcap(
        new BufferedOutputStream(Files.newOutputStream(file)), serverPort, maxBytes);
  }

  /**
   * A file written to {@code out}, closed with this.
   *
   * @param serverPort the port the servers are written with, or 0 for their real ports
   */
  public static ProbePcap create(OutputStream out, int serverPort) throws IOException {
    checkPort(serverPort);
    return new ProbePcap(Objects.requireNonNull(out, "out"), serverPort, UNBOUNDED);
  }

  private static void checkPort(int serverPort) {
    if (serverPort < 0 || serverPort > 65535) {
      throw new IllegalArgumentException("port " + serverPort + " is outside 0..65535");
    }
  }

  /** Connections written so far (begun, for the ones written as they happen). */
  public synchronized int connections() {
    return connections;
  }

  /** Connections not written because the file had reached its bound. */
  public synchronized int leftOut() {
    return leftOut;
  }

  /** Bytes written to the file so far. */
  public synchronized long bytes() {
    return out.count;
  }

  /** Whether the file holds its most bytes: nothing more is written. */
  private boolean full() {
    return closed || out.count >= maxBytes;
  }

  /**
   * Writes one connection whole, its ending as the trace's close kind says (a RST for {@link
   * CloseKind#PEER_RST} and {@link CloseKind#CLIENT_RST}, else a FIN).
   *
   * @param trace the probe's trace (its header's endpoints and times, its close)
   * @param chunks what the probe wrote and read, as its {@link WireTap} kept it
   * @param keyLog the TLS session's NSS key-log lines, or none
   * @param droppedBytes bytes the tap did not keep (said in the comment)
   * @return whether anything was written: a connection that never came up has no packets, and a
   *     full file takes none
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
    if (client.address().length != realServer.address().length) {
      return false;
    }
    TraceEvent.Closed closed = trace.closed().orElse(null);
    String comment =
        comment(h.origin(), h.client(), h.server(), realServer.port())
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
    Flow flow = begin(client, realServer, comment, base + connected);
    if (flow == null) {
      return false;
    }
    flow.keyLog(keyLog);
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
    return true;
  }

  /**
   * Begins a connection written as it happens: its three-way handshake at {@code epochNanos}; its
   * bytes, secrets and ending follow through the flow. Both ends are IPv4 or both IPv6.
   *
   * @param origin what records the connection (the emulator, for one it serves)
   * @param client the client's real address and port
   * @param server the server's real address and port (written with the file's server port)
   * @return the flow, or {@code null} when the file is full (the connection is counted as left out)
   */
  public synchronized Flow open(
      TraceHeader.Origin origin,
      InetSocketAddress client,
      InetSocketAddress server,
      long epochNanos)
      throws IOException {
    TcpSegment.Endpoint c = endpoint(client);
    TcpSegment.Endpoint s = endpoint(server);
    if (c.address().length != s.address().length) {
      throw new IllegalArgumentException("both ends of a flow are IPv4 or both IPv6");
    }
    return begin(c, s, comment(origin, text(client), text(server), server.getPort()), epochNanos);
  }

  private Flow begin(
      TcpSegment.Endpoint client, TcpSegment.Endpoint realServer, String comment, long epochNanos)
      throws IOException {
    if (full()) {
      leftOut++;
      return null;
    }
    TcpSegment.Endpoint server =
        serverPort == 0 ? realServer : new TcpSegment.Endpoint(realServer.address(), serverPort);
    Flow flow = new Flow(new TcpFlowWriter(writer, client, server, comment, connections));
    connections++;
    flow.tcp.handshake(epochNanos);
    return flow;
  }

  private String comment(TraceHeader.Origin origin, String client, String server, int realPort) {
    String who = origin == TraceHeader.Origin.EMULATOR ? "rdp-probe emulator" : "rdp-probe";
    return who
        + " connection from "
        + client
        + " to "
        + server
        + (serverPort != 0 && serverPort != realPort
            ? " (written as port " + serverPort + ")"
            : "");
  }

  /**
   * One connection of the file, written packet by packet as it happens. Each call writes at once
   * (nothing once the file is full); the caller writes the key log before the bytes it opens.
   */
  public final class Flow {
    private final TcpFlowWriter tcp;
    private int keyLines;
    private boolean ended;

    private Flow(TcpFlowWriter tcp) {
      this.tcp = tcp;
    }

    /**
     * The connection's NSS key-log lines so far: the ones not yet written go to a Decryption
     * Secrets Block now.
     */
    public void keyLog(List<String> lines) throws IOException {
      synchronized (ProbePcap.this) {
        if (lines.size() <= keyLines || full()) {
          return;
        }
        writer.keyLog(String.join("\n", lines.subList(keyLines, lines.size())) + "\n");
        keyLines = lines.size();
        writer.flush();
      }
    }

    /** Bytes one side sent at {@code epochNanos}. */
    public void data(boolean fromClient, long epochNanos, byte[] bytes) throws IOException {
      synchronized (ProbePcap.this) {
        if (!full()) {
          tcp.data(fromClient, epochNanos, bytes);
        }
      }
    }

    /** One side closed its half with a FIN at {@code epochNanos}. */
    public void fin(boolean byClient, long epochNanos) throws IOException {
      synchronized (ProbePcap.this) {
        if (!ended && !full()) {
          tcp.fin(byClient, epochNanos);
          writer.flush();
        }
      }
    }

    /** One side reset the connection at {@code epochNanos}: nothing follows. */
    public void rst(boolean byClient, long epochNanos) throws IOException {
      synchronized (ProbePcap.this) {
        if (!ended && !full()) {
          tcp.rst(byClient, epochNanos);
          writer.flush();
        }
        ended = true;
      }
    }
  }

  private static TcpSegment.Endpoint endpoint(InetSocketAddress a) {
    if (a.getAddress() == null) {
      throw new IllegalArgumentException("an unresolved address: " + a);
    }
    return new TcpSegment.Endpoint(a.getAddress().getAddress(), a.getPort());
  }

  /** {@code 127.0.0.1:50123} or {@code [::1]:3389}, as a trace header writes endpoints. */
  private static String text(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
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
    if (!closed) {
      closed = true;
      out.close();
    }
  }

  /** Counts the bytes written through it. */
  private static final class CountingOutput extends FilterOutputStream {
    long count;

    CountingOutput(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
