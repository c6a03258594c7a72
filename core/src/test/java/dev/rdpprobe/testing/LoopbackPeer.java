package dev.rdpprobe.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP server of the test's own that does one scripted thing with each connection: close
 * with FIN, reset, stay silent, answer garbage. Blocking I/O on one daemon thread per connection;
 * every socket is closed by {@link #close()}.
 */
public final class LoopbackPeer implements AutoCloseable {
  /** What the server does with an accepted connection. */
  @FunctionalInterface
  public interface Script {
    void run(Socket socket) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final Thread acceptor;
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Socket last;

  private LoopbackPeer(Script script) throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket s = server.accept();
                  last = s;
                  Thread t =
                      new Thread(
                          () -> {
                            try {
                              script.run(s);
                            } catch (IOException | InterruptedException e) {
                              // the probe went away first; nothing to do
                            }
                          },
                          "loopback-peer-conn");
                  t.setDaemon(true);
                  t.start();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "loopback-peer");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a server on an ephemeral loopback port. */
  public static LoopbackPeer start(Script script) throws IOException {
    return new LoopbackPeer(script);
  }

  /** The port it listens on. */
  public int port() {
    return server.getLocalPort();
  }

  /** Lets scripts waiting in {@link #awaitRelease(Socket)} finish. */
  public void release() {
    released.countDown();
  }

  @Override
  public void close() throws IOException {
    released.countDown();
    server.close();
    Socket s = last;
    if (s != null) {
      s.close();
    }
  }

  /** Holds a connection open (without reading) until the test releases it or 30 s pass. */
  public void awaitRelease(Socket s) throws InterruptedException {
    released.await(30, TimeUnit.SECONDS);
  }

  /** Reads one whole TPKT packet (the probe's Connection Request). */
  public static byte[] readTpkt(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    byte[] header = new byte[4];
    in.readFully(header);
    int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
    byte[] packet = new byte[length];
    System.arraycopy(header, 0, packet, 0, 4);
    in.readFully(packet, 4, length - 4);
    return packet;
  }

  /** Closes with a RST: SO_LINGER 0 then close. */
  public static void reset(Socket s) throws IOException {
    s.setSoLinger(true, 0);
    s.close();
  }

  /** Sends a FIN and waits for the probe to close (reads to EOF, at most 30 s). */
  public static void finAndDrain(Socket s) throws IOException {
    s.shutdownOutput();
    s.setSoTimeout(30_000);
    InputStream in = s.getInputStream();
    byte[] buf = new byte[512];
    while (in.read(buf) >= 0) {
      // drain until the probe closes
    }
    s.close();
  }
}
