package dev.rdpprobe.emulate;

import dev.rdpprobe.capture.ProbePcap;
import dev.rdpprobe.trace.TraceHeader;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One served connection as it goes into the emulator's pcapng file: each side's bytes and ending at
 * the trace's times, a side's FIN once, nothing after a RST. A file that cannot be written is
 * logged once and the connection goes on without it. Used on the connection's event loop only.
 */
final class ServedCapture {
  private static final Logger LOG = LoggerFactory.getLogger(ServedCapture.class);

  /** No file: every call does nothing. */
  static final ServedCapture NONE = new ServedCapture(null, 0);

  private ProbePcap.Flow flow;
  private final long epochBase;
  private boolean clientFin;
  private boolean serverFin;

  private ServedCapture(ProbePcap.Flow flow, long epochBase) {
    this.flow = flow;
    this.epochBase = epochBase;
  }

  /**
   * The connection's flow in {@code pcap}, begun with its handshake at {@code nanos}; {@link #NONE}
   * when the file is full or the channel's addresses are not both IPv4 or both IPv6.
   *
   * @param header the connection's trace header: its start is the time base of {@code nanos}
   */
  static ServedCapture open(ProbePcap pcap, TraceHeader header, Channel channel, long nanos) {
    long base = header.startedAt().getEpochSecond() * 1_000_000_000L + header.startedAt().getNano();
    try {
      ProbePcap.Flow flow =
          pcap.open(
              header.origin(),
              (InetSocketAddress) channel.remoteAddress(),
              (InetSocketAddress) channel.localAddress(),
              base + nanos);
      return flow == null ? NONE : new ServedCapture(flow, base);
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot write the connection to the pcapng file: {}", e.toString());
      return NONE;
    }
  }

  /** Whether the connection is being written. */
  boolean on() {
    return flow != null;
  }

  /** Bytes one side sent at {@code nanos}, after the key-log lines known by then. */
  void data(boolean fromClient, long nanos, byte[] bytes, Supplier<List<String>> keyLog) {
    if (flow == null || bytes.length == 0) {
      return;
    }
    try {
      flow.keyLog(keyLog.get());
      flow.data(fromClient, epochBase + nanos, bytes);
    } catch (IOException e) {
      failed(e);
    }
  }

  /** One side's FIN at {@code nanos}, the first time only. */
  void fin(boolean byClient, long nanos) {
    if (flow == null || (byClient ? clientFin : serverFin)) {
      return;
    }
    if (byClient) {
      clientFin = true;
    } else {
      serverFin = true;
    }
    try {
      flow.fin(byClient, epochBase + nanos);
    } catch (IOException e) {
      failed(e);
    }
  }

  /** One side's RST at {@code nanos}: the connection's last packet. */
  void rst(boolean byClient, long nanos) {
    if (flow == null) {
      return;
    }
    try {
      flow.rst(byClient, epochBase + nanos);
    } catch (IOException e) {
      failed(e);
    }
    flow = null;
  }

  private void failed(IOException e) {
    LOG.warn("cannot write the connection to the pcapng file: {}", e.toString());
    flow = null;
  }
}
