package dev.rdpprobe.transport;

import dev.rdpprobe.connect.Connector;
import dev.rdpprobe.connect.ConnectorConfig;
import dev.rdpprobe.connect.ConnectorFactory;
import dev.rdpprobe.connect.Outgoing;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.trace.TraceHeader;
import dev.rdpprobe.trace.TraceWriter;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One probe over one TCP connection: resolves, connects, drives a {@link Connector} (the one a
 * {@link ConnectorFactory} makes) from a Netty channel, turns socket facts (FIN, RST, refused,
 * timeouts) into the close event, and completes once the close is recorded. When the connector asks
 * for the UDP probe, one datagram socket connected to the server's address and TCP port number
 * carries its SYN and the first answer. Every wait is bounded: connect timeout, idle timeout,
 * deadline, and while an RDP-UDP answer is awaited the UDP timeout instead of the idle timeout.
 *
 * <p>All state is touched on one event loop, chosen at start.
 */
public final class ProbeSession {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeSession.class);

  /**
   * How long the probe keeps reading after the server sent bytes it could not use, waiting for the
   * server's own FIN or RST (a server that gives up sends its goodbye and closes at once).
   */
  public static final java.time.Duration PEER_CLOSE_GRACE = java.time.Duration.ofMillis(500);

  /**
   * What a session produced.
   *
   * @param trace the events, ending with the close
   * @param keyLog NSS key-log lines of the TLS session, if asked for
   */
  public record Outcome(Trace trace, List<String> keyLog) {}

  private final EventLoop loop;
  private final Executor resolver;
  private final Target target;
  private final Timeouts timeouts;
  private final TraceWriter trace;
  private final Connector connector;
  private final Class<? extends io.netty.channel.socket.SocketChannel> channelClass;
  private final CompletableFuture<Outcome> result = new CompletableFuture<>();
  private final long start = System.nanoTime();

  private final ConnectorConfig config;
  private final EventLoopGroup group;
  private Channel channel;
  private Channel udp;
  private ChannelFuture udpConnect;
  private ScheduledFuture<?> udpTimer;
  private ScheduledFuture<?> deadlineTimer;
  private ScheduledFuture<?> idleTimer;
  private ChannelFuture lastWrite;
  private ScheduledFuture<?> graceTimer;
  private long readStamp = -1;
  private boolean readPending;

  private ProbeSession(
      EventLoopGroup group,
      Executor resolver,
      Target target,
      Timeouts timeouts,
      ConnectorConfig config,
      ConnectorFactory factory,
      Consumer<TraceEvent> sink) {
    this.loop = group.next();
    this.resolver = resolver;
    this.target = target;
    this.timeouts = timeouts;
    this.trace =
        new TraceWriter(
            TraceHeader.of(TraceHeader.Origin.LIVE_PROBE, Instant.now()),
            sink,
            e -> LOG.warn("a probe listener failed; ignored", e));
    this.connector = factory.create(config, trace);
    new WriteReport(null); // loaded now, not on the first write's report
    this.config = config;
    this.group = group;
    this.channelClass = Transports.channelClass(group);
  }

  /**
   * Starts a probe. Its {@link #outcome()} always completes with an outcome whose trace ends with
   * the close event, within the deadline (plus scheduling slack), or at once after {@link
   * #cancel(String)}.
   *
   * @param group the event loop group the connection runs on
   * @param resolver where blocking name resolution runs
   * @param factory makes the connector the session drives
   * @param sink receives every trace event as it is recorded, on the event loop
   */
  public static ProbeSession start(
      EventLoopGroup group,
      Executor resolver,
      Target target,
      Timeouts timeouts,
      ConnectorConfig config,
      ConnectorFactory factory,
      Consumer<TraceEvent> sink) {
    ProbeSession session =
        new ProbeSession(group, resolver, target, timeouts, config, factory, sink);
    session.loop.execute(session::begin);
    return session;
  }

  /** Completes once the close is recorded: the trace ends with it. */
  public CompletableFuture<Outcome> outcome() {
    return result;
  }

  /**
   * Ends the probe now, unless it has ended: the connection (or the connect attempt) is closed and
   * the close is recorded as {@link CloseKind#CANCELLED} with {@code why} as its detail, followed
   * by what the probe was waiting for. Any thread; returns at once.
   *
   * @return whether the request reached the event loop (false once the loop has shut down, when the
   *     loop's own shutdown closes the connection)
   */
  public boolean cancel(String why) {
    try {
      loop.execute(
          () -> {
            if (!trace.isClosed()) {
              end(CloseKind.CANCELLED, ClosedBy.CLIENT, why + afterWhat());
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private long now() {
    return System.nanoTime() - start;
  }

  private void begin() {
    deadlineTimer =
        loop.schedule(this::deadlinePassed, timeouts.deadline().toNanos(), TimeUnit.NANOSECONDS);
    if (target.address() != null) {
      connect(target.address(), List.of(target.address()));
      return;
    }
    byte[] literal = NetUtil.createByteArrayFromIpAddressString(target.host());
    if (literal != null) {
      try {
        InetAddress address = InetAddress.getByAddress(literal);
        connect(address, List.of(address));
      } catch (UnknownHostException e) {
        end(CloseKind.DNS_FAILURE, ClosedBy.NONE, "invalid address literal " + target.host());
      }
      return;
    }
    try {
      resolver.execute(this::resolve);
    } catch (RejectedExecutionException e) {
      end(CloseKind.CANCELLED, ClosedBy.CLIENT, "the probe was closed before it started");
    }
  }

  private void resolve() {
    try {
      InetAddress[] all = InetAddress.getAllByName(target.host());
      loop.execute(() -> connect(all[0], List.of(all)));
    } catch (UnknownHostException e) {
      loop.execute(
          () ->
              end(
                  CloseKind.DNS_FAILURE,
                  ClosedBy.NONE,
                  "the name " + target.host() + " did not resolve: " + SocketErrors.describe(e)));
    } catch (RuntimeException e) {
      loop.execute(() -> end(CloseKind.LOCAL_ERROR, ClosedBy.CLIENT, SocketErrors.describe(e)));
    }
  }

  private void connect(InetAddress address, List<InetAddress> all) {
    if (trace.isClosed()) {
      return;
    }
    List<String> names = new ArrayList<>();
    for (InetAddress a : all) {
      names.add(a.getHostAddress());
    }
    trace.at(now());
    trace.resolved(target.host(), names, address.getHostAddress());
    Bootstrap bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(channelClass)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis())
            .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.AUTO_READ, true)
            .handler(new Handler());
    ChannelFuture f = bootstrap.connect(new InetSocketAddress(address, target.port()));
    channel = f.channel();
    f.addListener(
        (ChannelFutureListener)
            future -> {
              if (!future.isSuccess() && !trace.isClosed()) {
                Throwable cause = future.cause();
                CloseKind kind =
                    future.isCancelled() ? CloseKind.CANCELLED : SocketErrors.duringConnect(cause);
                String detail =
                    cause == null
                        ? "connect cancelled"
                        : connectFailure(kind, address) + " (" + SocketErrors.describe(cause) + ")";
                end(kind, kind.closedBy(), detail, cause == null ? "" : SocketErrors.raw(cause));
              }
            });
  }

  private String connectFailure(CloseKind kind, InetAddress address) {
    String where = address(new InetSocketAddress(address, target.port()));
    return switch (kind) {
      case CONNECT_REFUSED -> "connection to " + where + " refused";
      case CONNECT_TIMEOUT ->
          "no answer to the SYN from " + where + " within " + connectTimeoutMillis() + " ms";
      case UNREACHABLE -> where + " is unreachable";
      case PEER_RST -> "the server reset the connection right after the TCP handshake";
      default -> "connect to " + where + " failed";
    };
  }

  private int connectTimeoutMillis() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeouts.connect().toMillis()));
  }

  private void deadlinePassed() {
    if (!trace.isClosed() && connector.isFinished()) {
      closeFinished(); // the deadline ends the grace for the server's close
      return;
    }
    if (!trace.isClosed()) {
      end(
          CloseKind.DEADLINE_EXCEEDED,
          ClosedBy.CLIENT,
          "the probe's deadline of " + timeouts.deadline().toMillis() + " ms passed");
    }
  }

  private void idlePassed() {
    if (!trace.isClosed()) {
      String awaiting = connector.awaiting();
      end(
          CloseKind.IDLE_TIMEOUT,
          ClosedBy.CLIENT,
          "no byte from the server for "
              + timeouts.idle().toMillis()
              + " ms"
              + (awaiting.isEmpty() ? "" : " while waiting for the " + awaiting));
    }
  }

  private void armIdleTimer() {
    if (idleTimer != null) {
      idleTimer.cancel(false);
    }
    if (udpPending()) {
      return;
    }
    idleTimer = loop.schedule(this::idlePassed, timeouts.idle().toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Records the close (once), closes the channel, and completes the future. */
  private void end(CloseKind kind, ClosedBy by, String detail) {
    end(kind, by, detail, "");
  }

  /** Like {@link #end(CloseKind, ClosedBy, String)}, with the platform's report of the error. */
  private void end(CloseKind kind, ClosedBy by, String detail, String exception) {
    connector.close(kind, by, detail, exception, now());
    finish();
  }

  private void finish() {
    if (deadlineTimer != null) {
      deadlineTimer.cancel(false);
    }
    if (idleTimer != null) {
      idleTimer.cancel(false);
    }
    if (udpTimer != null) {
      udpTimer.cancel(false);
    }
    if (graceTimer != null) {
      graceTimer.cancel(false);
    }
    if (channel != null && channel.isOpen()) {
      channel.close();
    }
    if (udp != null && udp.isOpen()) {
      udp.close();
    }
    result.complete(new Outcome(trace.trace(), connector.keyLog()));
  }

  /**
   * Writes what the connector queued. Each write reports back when its bytes reached the kernel
   * (the trace stamps the PDU then) or why it failed (the trace says it never left, and a reset
   * ends the probe as the server's).
   */
  private void flush(ChannelHandlerContext ctx) {
    List<Outgoing> out = connector.takeOutput();
    if (out.isEmpty()) {
      return;
    }
    for (Outgoing o : out) {
      lastWrite = ctx.write(Unpooled.wrappedBuffer(o.bytes())).addListener(new WriteReport(o));
    }
    ctx.flush();
  }

  /**
   * Reports one write to the connector: the time is taken first thing, so nothing before it (in a
   * new process, a lambda's first call links it) makes the stamp later than the bytes.
   */
  private final class WriteReport implements ChannelFutureListener {
    private final Outgoing out;

    WriteReport(Outgoing out) {
      this.out = out;
    }

    @Override
    public void operationComplete(ChannelFuture f) {
      long at = now();
      if (f.isSuccess()) {
        connector.written(out, at);
      } else {
        writeFailed(out, f.cause());
      }
    }
  }

  private void writeFailed(Outgoing o, Throwable cause) {
    if (trace.isClosed()) {
      return;
    }
    connector.notWritten(o, now(), SocketErrors.describe(cause));
    if (SocketErrors.onConnection(cause) == CloseKind.PEER_RST) {
      end(
          CloseKind.PEER_RST,
          ClosedBy.SERVER,
          "the connection was reset (RST) before our " + o.what() + " left",
          SocketErrors.raw(cause));
    } else {
      end(
          CloseKind.LOCAL_ERROR,
          ClosedBy.CLIENT,
          "writing our " + o.what() + " failed: " + SocketErrors.describe(cause),
          SocketErrors.raw(cause));
    }
  }

  /**
   * Sends the connector's datagrams from one UDP socket connected to the server's address and the
   * TCP port, and reports the first of: the timeout, an unreachable port, the datagrams that came.
   */
  private void flushDatagrams() {
    List<byte[]> out = connector.takeDatagrams();
    if (out.isEmpty()) {
      return;
    }
    if (udp == null) {
      InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
      udpConnect =
          new Bootstrap()
              .group(loop)
              .channel(Transports.datagramClass(group))
              .handler(new UdpHandler())
              .connect(new InetSocketAddress(remote.getAddress(), remote.getPort()));
      udp = udpConnect.channel();
      udpConnect.addListener(
          (ChannelFutureListener)
              future -> {
                if (!future.isSuccess()) {
                  udpEnded("no UDP socket: " + SocketErrors.describe(future.cause()));
                }
              });
      udpTimer =
          loop.schedule(
              () -> udpEnded("no answer within " + config.udpTimeout().toMillis() + " ms"),
              config.udpTimeout().toNanos(),
              TimeUnit.NANOSECONDS);
    }
    // the socket is usable once connected; until then writes would fail
    udpConnect.addListener(
        (ChannelFutureListener)
            future -> {
              if (future.isSuccess()) {
                for (byte[] bytes : out) {
                  udp.writeAndFlush(Unpooled.wrappedBuffer(bytes));
                }
              }
            });
  }

  /** Whether a UDP answer is awaited: the UDP timer bounds the wait, not the TCP idle timer. */
  private boolean udpPending() {
    return udpTimer != null && !udpTimer.isDone();
  }

  private void udpEnded(String why) {
    if (trace.isClosed()) {
      return;
    }
    if (udpTimer != null) {
      udpTimer.cancel(false);
    }
    if (udp != null) {
      udp.close();
    }
    udpTimer = null;
    connector.datagramsEnded(why, now());
    afterInput(channel.pipeline().firstContext());
  }

  /**
   * After every input: write what the connector queued, and end once it is written if the connector
   * finished.
   */
  private void afterInput(ChannelHandlerContext ctx) {
    flush(ctx);
    flushDatagrams();
    if (!connector.isFinished()) {
      armIdleTimer();
      return;
    }
    if (connector.awaitsPeerClose()) {
      // the server's bytes ended the sequence: its own FIN or RST, if it comes now, is the close
      if (graceTimer == null) {
        if (idleTimer != null) {
          idleTimer.cancel(false);
        }
        graceTimer =
            loop.schedule(this::closeFinished, PEER_CLOSE_GRACE.toNanos(), TimeUnit.NANOSECONDS);
      }
      return;
    }
    if (lastWrite == null || lastWrite.isDone()) {
      closeFinished();
    } else {
      lastWrite.addListener(f -> closeFinished());
    }
  }

  /** Records the connector's own ending as the close, unless the close is recorded already. */
  private void closeFinished() {
    if (!trace.isClosed()) {
      connector.closeFinished(now());
      finish();
    }
  }

  /** What the close's detail adds when the sequence had ended before the server closed. */
  private String afterWhat() {
    if (connector.isFinished()) {
      return " after " + connector.finishDetail();
    }
    String awaiting = connector.awaiting();
    return awaiting.isEmpty() ? "" : " while we waited for the " + awaiting;
  }

  private final class Handler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      if (trace.isClosed()) {
        ctx.close();
        return;
      }
      trace.at(now());
      trace.connected(
          address(ctx.channel().localAddress()),
          address(ctx.channel().remoteAddress()),
          Transports.name(channelClass));
      connector.start(now());
      afterInput(ctx);
      ctx.fireChannelActive();
    }

    /**
     * Everything read in one read cycle came in one wake-up: it is stamped with the time of the
     * cycle's first read, and what it makes the connector send is written once the cycle is
     * complete, so the trace keeps the wire's order.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      try {
        if (!trace.isClosed()) {
          if (readStamp < 0) {
            readStamp = now();
          }
          connector.receive(buf, readStamp);
          readPending = true;
        }
      } finally {
        buf.release();
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      readStamp = -1;
      afterRead(ctx);
      ctx.fireChannelReadComplete();
    }

    /** Writes what the reads of this cycle made the connector send, once. */
    private void afterRead(ChannelHandlerContext ctx) {
      if (readPending) {
        readPending = false;
        if (!trace.isClosed()) {
          afterInput(ctx);
        }
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof ChannelInputShutdownEvent && !trace.isClosed()) {
        afterRead(ctx);
        if (!trace.isClosed()) {
          end(
              CloseKind.PEER_FIN,
              ClosedBy.SERVER,
              "the server closed the connection (FIN)" + afterWhat());
        }
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      afterRead(ctx);
      if (trace.isClosed()) {
        return;
      }
      CloseKind kind = SocketErrors.onConnection(cause);
      if (kind == CloseKind.PEER_RST) {
        end(
            kind,
            ClosedBy.SERVER,
            "the connection was reset (RST)"
                + afterWhat()
                + " ("
                + SocketErrors.describe(cause)
                + ")",
            SocketErrors.raw(cause));
      } else {
        LOG.debug("probe of {} failed locally", target.host(), cause);
        end(kind, ClosedBy.CLIENT, SocketErrors.describe(cause), SocketErrors.raw(cause));
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (!trace.isClosed()) {
        end(
            CloseKind.PEER_RST,
            ClosedBy.SERVER,
            "the connection dropped without a FIN or an error report");
      }
      ctx.fireChannelInactive();
    }
  }

  private final class UdpHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = msg instanceof DatagramPacket p ? p.content() : (ByteBuf) msg;
      try {
        if (!trace.isClosed()) {
          connector.receiveDatagram(buf, now());
        }
      } finally {
        buf.release();
      }
      // one answer is all the probe asks for
      if (udpTimer != null) {
        udpTimer.cancel(false);
        udpTimer = null;
      }
      ctx.close();
      if (!trace.isClosed()) {
        afterInput(channel.pipeline().firstContext());
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      udpEnded(
          cause instanceof PortUnreachableException
              ? "the UDP port is unreachable (ICMP port unreachable)"
              : "UDP error: " + SocketErrors.describe(cause));
    }
  }

  private static String address(SocketAddress a) {
    if (a instanceof InetSocketAddress i) {
      String host = i.getAddress() == null ? i.getHostString() : i.getAddress().getHostAddress();
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + i.getPort();
    }
    return String.valueOf(a);
  }
}
