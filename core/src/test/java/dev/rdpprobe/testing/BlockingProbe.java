package dev.rdpprobe.testing;

import dev.rdpprobe.connect.ClientConnector;
import dev.rdpprobe.connect.ConnectorConfig;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceHeader;
import dev.rdpprobe.trace.TraceWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Instant;

/**
 * The probe's connector over a blocking socket whose local end is bound to an address of the test's
 * choice: FreeRDP's server turns Standard RDP Security's encryption off for a peer at 127.0.0.1
 * ("local connection"), so a test that wants it on connects from 127.0.0.2. Loopback only, bounded
 * by {@code idleMillis} per read and {@code deadlineMillis} in all.
 */
public final class BlockingProbe {
  private BlockingProbe() {}

  /** Runs one connection to {@code port} on 127.0.0.1 from {@code from}; returns its trace. */
  public static Trace run(
      InetAddress from, int port, ConnectorConfig config, int idleMillis, int deadlineMillis)
      throws IOException {
    TraceWriter trace =
        new TraceWriter(TraceHeader.of(TraceHeader.Origin.LIVE_PROBE, Instant.now()));
    ClientConnector c = ClientConnector.builder(config, trace).build();
    long t0 = System.nanoTime();
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(from, 0));
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), idleMillis);
      s.setSoTimeout(idleMillis);
      c.start(System.nanoTime() - t0);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[16384];
      while (true) {
        for (byte[] b : c.takeOutputWrittenNow()) {
          out.write(b);
        }
        out.flush();
        if (c.isFinished()) {
          c.closeFinished(System.nanoTime() - t0);
          break;
        }
        if (System.nanoTime() - t0 > deadlineMillis * 1_000_000L) {
          c.close(CloseKind.DEADLINE_EXCEEDED, ClosedBy.CLIENT, "deadline", "", now(t0));
          break;
        }
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException e) {
          c.close(CloseKind.IDLE_TIMEOUT, ClosedBy.CLIENT, "idle", "", now(t0));
          break;
        }
        if (n < 0) {
          c.close(CloseKind.PEER_FIN, ClosedBy.SERVER, "FIN", "", now(t0));
          break;
        }
        ByteBuf data = Unpooled.wrappedBuffer(buf, 0, n);
        try {
          c.receive(data, now(t0));
        } finally {
          data.release();
        }
      }
    }
    return trace.trace();
  }

  private static long now(long t0) {
    return System.nanoTime() - t0;
  }
}
