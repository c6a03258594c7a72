package dev.rdpprobe.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy of the tests' own on loopback that puts one fault between a client and a real server
 * (the emulator, xrdp): it delays every answer of the server, or it resets the connection right
 * after the server's first TLS flight. Plain blocking sockets, two daemon threads per connection,
 * at most {@link #MAX_CONNECTIONS} connections; {@link #close()} closes every socket.
 */
public final class FaultProxy implements AutoCloseable {
  /** More connections than any test makes; the rest are refused. */
  public static final int MAX_CONNECTIONS = 64;

  /** The first byte of a TLS handshake record (RFC 8446 5.1, ContentType handshake). */
  private static final int TLS_HANDSHAKE = 0x16;

  /** What the proxy does to a connection. */
  public sealed interface Fault {}

  /**
   * Each read of the server's bytes is held for {@code delay} before it is passed on: a slow server
   * or path, every answer late by the same time.
   */
  public record Delay(Duration delay) implements Fault {
    public Delay {
      Objects.requireNonNull(delay, "delay");
    }
  }

  /**
   * The server's bytes pass until its first TLS handshake record has gone by (its first flight:
   * ServerHello and what comes with it); the client's answer to that flight is not passed on, and
   * the connection is reset both ways instead, as a TLS-inspecting device that gives up does.
   */
  public record ResetAfterServerTlsFlight() implements Fault {}

  private final ServerSocket listener;
  private final InetSocketAddress upstream;
  private final Fault fault;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger resets = new AtomicInteger();

  private FaultProxy(int upstreamPort, Fault fault) throws IOException {
    this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
    this.fault = Objects.requireNonNull(fault, "fault");
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    daemon("fault-proxy", this::accept).start();
  }

  /** A proxy on an ephemeral loopback port in front of {@code 127.0.0.1:upstreamPort}. */
  public static FaultProxy start(int upstreamPort, Fault fault) throws IOException {
    return new FaultProxy(upstreamPort, fault);
  }

  /** The port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  /** How many connections it has reset after the server's first TLS flight. */
  public int resets() {
    return resets.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      if (connections.incrementAndGet() > MAX_CONNECTIONS) {
        closeQuietly(client);
        continue;
      }
      sockets.add(client);
      Socket server = new Socket();
      sockets.add(server);
      try {
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        server.connect(upstream, 5_000);
      } catch (IOException e) {
        closeQuietly(client);
        closeQuietly(server);
        continue;
      }
      Connection c = new Connection(client, server);
      daemon("fault-proxy-up", c::clientToServer).start();
      daemon("fault-proxy-down", c::serverToClient).start();
    }
  }

  /** One proxied connection: its two sockets and whether the server's TLS flight went by. */
  private final class Connection {
    private final Socket client;
    private final Socket server;
    private volatile boolean serverFlightPassed;

    Connection(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void clientToServer() {
      byte[] buf = new byte[16 * 1024];
      try (InputStream in = client.getInputStream()) {
        OutputStream out = server.getOutputStream();
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (fault instanceof ResetAfterServerTlsFlight && serverFlightPassed) {
            resets.incrementAndGet();
            reset(client);
            reset(server);
            return;
          }
          out.write(buf, 0, n);
          out.flush();
        }
        server.shutdownOutput();
      } catch (IOException e) {
        closeQuietly(server);
      }
    }

    void serverToClient() {
      byte[] buf = new byte[16 * 1024];
      try (InputStream in = server.getInputStream()) {
        OutputStream out = client.getOutputStream();
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (fault instanceof Delay d) {
            Thread.sleep(d.delay().toMillis());
          }
          // the server's first TLS bytes start a handshake record; what follows in the same read
          // or the next ones before the client answers is the rest of its flight. Marked before
          // the bytes go on, so that an answer the client sends at once is never let through.
          if (n > 0 && (buf[0] & 0xFF) == TLS_HANDSHAKE) {
            serverFlightPassed = true;
          }
          out.write(buf, 0, n);
          out.flush();
        }
        client.shutdownOutput();
      } catch (IOException e) {
        closeQuietly(client);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closeQuietly(client);
      }
    }
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private static Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }
}
