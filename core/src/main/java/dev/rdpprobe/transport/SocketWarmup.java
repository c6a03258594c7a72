package dev.rdpprobe.transport;

import dev.rdpprobe.connect.ConnectorConfig;
import dev.rdpprobe.connect.ConnectorFactory;
import dev.rdpprobe.trace.Phase;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one probe to the X.224 Connection Confirm against a loopback listener of its own, once per
 * process. A session's socket path (connect, a write and its completion, a read, the close) runs
 * interpreted and loads its classes the first time; in a new process that delay sits between the
 * bytes leaving and their stamp, and every interval measured from them is off by it. After this,
 * the first real connection finds that path linked. It gives up quietly (no loopback, a slow
 * machine): a probe without it is only as it was.
 */
public final class SocketWarmup {
  private static final AtomicBoolean DONE = new AtomicBoolean();

  /** A Connection Confirm selecting SSL. */
  private static final byte[] CONFIRM =
      HexFormat.of().parseHex("030000130ed00000123400021f080001000000");

  private static final Duration LIMIT = Duration.ofSeconds(2);

  private SocketWarmup() {}

  /** Once per process; later calls return at once. */
  public static void run(EventLoopGroup group, Executor resolver) {
    if (!DONE.compareAndSet(false, true)) {
      return;
    }
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout((int) LIMIT.toMillis());
      Thread server = new Thread(() -> answer(listener), "rdp-probe-warmup");
      server.setDaemon(true);
      server.start();
      ProbeSession.start(
              group,
              resolver,
              new Target("warm-up", InetAddress.getLoopbackAddress(), listener.getLocalPort()),
              new Timeouts(LIMIT, LIMIT, LIMIT),
              ConnectorConfig.builder().stopAfter(Phase.X224_NEGOTIATION).build(),
              ConnectorFactory.DEFAULT,
              e -> {})
          .outcome()
          .get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      server.join(LIMIT.toMillis());
    } catch (Exception e) {
      // a warm-up that could not run changes nothing but the first probe's timing
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Reads the Connection Request, answers with the Confirm, and waits for the probe's close. */
  private static void answer(ServerSocket listener) {
    try (Socket s = listener.accept()) {
      s.setSoTimeout((int) LIMIT.toMillis());
      InputStream in = s.getInputStream();
      byte[] header = in.readNBytes(4);
      if (header.length == 4) {
        in.readNBytes(Math.max(0, ((header[2] & 0xff) << 8 | header[3] & 0xff) - 4));
        OutputStream out = s.getOutputStream();
        out.write(CONFIRM);
        out.flush();
        in.read(); // the probe's FIN
      }
    } catch (IOException e) {
      // the probe side reports nothing either; see run
    }
  }
}
