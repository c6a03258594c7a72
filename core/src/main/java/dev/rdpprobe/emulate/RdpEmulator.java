package dev.rdpprobe.emulate;

import dev.rdpprobe.capture.ProbePcap;
import dev.rdpprobe.connect.OutboundInterceptor;
import dev.rdpprobe.connect.Outgoing;
import dev.rdpprobe.ntlm.NtlmServer;
import dev.rdpprobe.tls.ServerIdentity;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceHeader;
import dev.rdpprobe.trace.TraceWriter;
import dev.rdpprobe.wire.share.ErrorInfo;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process RDP server on Netty that plays a {@link Scenario} with every connection: a test
 * double, a demo target, and a tool for people who test RDP clients. It listens on loopback by
 * default; each connection's server-side trace goes to an optional listener when it ends.
 */
public final class RdpEmulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RdpEmulator.class);

  /**
   * How long the emulator waits, after its FIN, for the client's: a client that neither closes nor
   * stops sending (a flood the emulator ended) is reset then, so that it holds no connection.
   */
  static final Duration FIN_GRACE = Duration.ofSeconds(2);

  private final Scenario scenario;
  private final InetSocketAddress address;
  private final EventLoopGroup group;
  private final Channel server;
  private final Channel udp;
  private final ChannelGroup connections;
  private final Consumer<Trace> listener;
  private final Duration trickleInterval;
  private final Duration maxConnectionTime;
  private final Duration idleTimeout;
  private final int maxConnections;
  private final int maxConnectionsPerAddress;
  private final java.util.Map<InetAddress, Integer> perAddress = new java.util.HashMap<>();
  private final ServerIdentity identity;
  private final NtlmServer.Identity ntlmIdentity;
  private final ErrorInfo errorInfo;
  private final boolean encryptThenMac;
  private volatile boolean faulted;
  private final IntFunction<OutboundInterceptor> interceptors;
  private final AtomicInteger connectionNumber = new AtomicInteger();
  private final ProbePcap pcap;

  private RdpEmulator(Builder b) throws IOException {
    this.pcap = b.pcap;
    this.ntlmIdentity = b.ntlmIdentity;
    this.errorInfo = b.errorInfo;
    this.encryptThenMac = b.encryptThenMac;
    this.interceptors = b.interceptors;
    this.scenario = b.scenario;
    this.identity =
        b.identity != null ? b.identity : EmulatorIdentity.forScenario(b.scenario, Instant.now());
    this.listener = b.listener;
    this.trickleInterval = b.trickleInterval;
    this.maxConnectionTime = b.maxConnectionTime;
    this.idleTimeout = b.idleTimeout;
    this.maxConnections = b.maxConnections;
    this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
    if (scenario == Scenario.NOT_LISTENING) {
      // reserve a port that nothing listens on
      try (ServerSocket s = new ServerSocket(b.port, 1, b.bindAddress)) {
        this.address = new InetSocketAddress(b.bindAddress, s.getLocalPort());
      }
      this.group = null;
      this.server = null;
      this.connections = null;
      this.udp = null;
      return;
    }
    this.group =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("rdp-emulator", true), NioIoHandler.newFactory());
    this.connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    try {
      this.server =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      if (!admit(ch)) {
                        // over a cap: a reset at once, before any byte, costs the least
                        ch.config().setOption(ChannelOption.SO_LINGER, 0);
                        ch.close();
                        return;
                      }
                      connections.add(ch);
                      ch.pipeline().addLast(new Connection());
                    }
                  })
              .bind(b.bindAddress, b.port)
              .syncUninterruptibly()
              .channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new IOException("cannot listen on " + b.bindAddress + ":" + b.port + ": " + e, e);
    }
    this.address = (InetSocketAddress) server.localAddress();
    if (scenario == Scenario.MULTITRANSPORT_UDP_ANSWERS) {
      try {
        this.udp =
            new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .handler(new UdpResponder())
                .bind(address.getAddress(), address.getPort())
                .syncUninterruptibly()
                .channel();
      } catch (RuntimeException e) {
        close();
        throw new IOException("cannot listen on UDP " + address + ": " + e, e);
      }
    } else {
      this.udp = null;
    }
  }

  /** Starts an emulator for {@code scenario} on an ephemeral loopback port. */
  public static RdpEmulator start(Scenario scenario) throws IOException {
    return builder(scenario).start();
  }

  /** A builder for an emulator playing {@code scenario}. */
  public static Builder builder(Scenario scenario) {
    return new Builder(scenario);
  }

  /** The scenario it plays. */
  public Scenario scenario() {
    return scenario;
  }

  /** Where it listens (for {@link Scenario#NOT_LISTENING}: where nothing listens). */
  public InetSocketAddress address() {
    return address;
  }

  /** The certificate chain and key the TLS listener presents. */
  public ServerIdentity identity() {
    return identity;
  }

  /** The port. */
  public int port() {
    return address.getPort();
  }

  /** Whether a planted fault went off: the emulator stopped listening. */
  public boolean faulted() {
    return faulted;
  }

  /** A planted fault went off: stop listening and reset every connection, as a crash does. */
  private void crash() {
    if (faulted) {
      return;
    }
    faulted = true;
    LOG.info("emulator: the planted fault went off; it stops listening");
    server.close();
    for (Channel c : connections) {
      c.config().setOption(ChannelOption.SO_LINGER, 0);
      c.close();
    }
  }

  /** Stops listening and closes every connection. */
  @Override
  public void close() {
    if (server == null) {
      return;
    }
    server.close().syncUninterruptibly();
    if (udp != null) {
      udp.close().syncUninterruptibly();
    }
    connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Builds an {@link RdpEmulator}. */
  public static final class Builder {
    private final Scenario scenario;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private Consumer<Trace> listener = t -> {};
    private Duration trickleInterval = Duration.ofSeconds(1);
    private Duration maxConnectionTime = Duration.ofMinutes(2);
    private Duration idleTimeout = Duration.ofSeconds(30);
    private int maxConnections = 256;
    private int maxConnectionsPerAddress = 64;
    private ServerIdentity identity;
    private NtlmServer.Identity ntlmIdentity = CredSspServer.IDENTITY;
    private ErrorInfo errorInfo = ErrorInfo.SERVER_DENIED_CONNECTION;
    private boolean encryptThenMac = true;
    private IntFunction<OutboundInterceptor> interceptors = n -> OutboundInterceptor.NONE;
    private ProbePcap pcap;

    private Builder(Scenario scenario) {
      this.scenario = Objects.requireNonNull(scenario, "scenario");
    }

    /** The address to listen on (default: loopback). */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "bindAddress");
      return this;
    }

    /** The port, 0 for an ephemeral one (the default). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is outside 0..65535");
      }
      this.port = port;
      return this;
    }

    /** Receives each connection's server-side trace when the connection ends. */
    public Builder listener(Consumer<Trace> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The pause between bytes of {@link Scenario#TRICKLE} (default 1 s). */
    public Builder trickleInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("trickleInterval must be positive");
      }
      this.trickleInterval = interval;
      return this;
    }

    /**
     * How long a connection may stay silent (no byte from the client) before the emulator closes it
     * (default 30 s; a client tester who pauses a client longer loosens it).
     */
    public Builder idleTimeout(Duration time) {
      if (time.isNegative() || time.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive");
      }
      this.idleTimeout = time;
      return this;
    }

    /**
     * How many connections the emulator keeps at once, in all and from one client address (defaults
     * 256 and 64); a connection over either cap is reset at once.
     */
    public Builder maxConnections(int total, int perAddress) {
      if (total < 1 || perAddress < 1) {
        throw new IllegalArgumentException("connection caps must be positive");
      }
      this.maxConnections = total;
      this.maxConnectionsPerAddress = perAddress;
      return this;
    }

    /** How long a connection may stay open at most (default 2 min). */
    public Builder maxConnectionTime(Duration time) {
      if (time.isNegative() || time.isZero()) {
        throw new IllegalArgumentException("maxConnectionTime must be positive");
      }
      this.maxConnectionTime = time;
      return this;
    }

    /**
     * The certificate and key to present instead of the ones the scenario makes (a {@code CERT_*}
     * scenario then presents this one).
     */
    public Builder identity(ServerIdentity identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /**
     * The names and version the NTLM CHALLENGE of the {@code NLA*} scenarios shows (default: {@code
     * RDPPROBE\RDP-EMULATOR}, rdp-emulator.rdpprobe.test, Windows 10.0.20348).
     */
    public Builder ntlmIdentity(NtlmServer.Identity identity) {
      this.ntlmIdentity = Objects.requireNonNull(identity, "ntlmIdentity");
      return this;
    }

    /**
     * The code {@link Scenario#SET_ERROR_INFO} sends (default ERRINFO_SERVER_DENIED_CONNECTION):
     * any value, known or not.
     */
    public Builder errorInfo(ErrorInfo code) {
      this.errorInfo = Objects.requireNonNull(code, "errorInfo");
      return this;
    }

    /**
     * Whether the TLS listener accepts encrypt-then-MAC for a CBC suite (RFC 7366; default yes).
     * Windows' Schannel does not implement it: off, a CBC session is MAC-then-encrypt.
     */
    public Builder encryptThenMac(boolean on) {
      this.encryptThenMac = on;
      return this;
    }

    /**
     * What the emulator's outbound PDUs pass, per connection (numbered from 1 in the order
     * accepted): the seam where a client fuzzer mutates the emulator's own PDUs. The default sends
     * each as planned.
     */
    public Builder interceptors(IntFunction<OutboundInterceptor> perConnection) {
      this.interceptors = Objects.requireNonNull(perConnection, "interceptors");
      return this;
    }

    /**
     * Writes every connection the emulator serves to {@code pcap} as it happens: the client's bytes
     * when read, the emulator's when written, each with its time, the FIN or RST of each side as it
     * came, and the emulator's TLS secrets in a Decryption Secrets Block before the packets they
     * open. The file's own bound ({@link ProbePcap#create(java.nio.file.Path, int, long)}) caps it;
     * a connection turned away over the emulator's caps is not in it. {@code null} for none
     * (default).
     */
    public Builder pcap(ProbePcap pcap) {
      this.pcap = pcap;
      return this;
    }

    /** Starts listening. */
    public RdpEmulator start() throws IOException {
      return new RdpEmulator(this);
    }
  }

  /** Whether a new connection fits the caps; if so it is counted until it closes. */
  private synchronized boolean admit(SocketChannel ch) {
    InetAddress from = ch.remoteAddress().getAddress();
    int mine = perAddress.getOrDefault(from, 0);
    if (connections.size() >= maxConnections || mine >= maxConnectionsPerAddress) {
      LOG.debug("emulator refuses a connection from {}: over its caps", from);
      return false;
    }
    perAddress.put(from, mine + 1);
    ch.closeFuture().addListener(f -> released(from));
    return true;
  }

  private synchronized void released(InetAddress from) {
    perAddress.computeIfPresent(from, (k, n) -> n <= 1 ? null : n - 1);
  }

  /** One byte of a trickled write; the last byte of an {@link Outgoing} completes it. */
  private record TrickledByte(byte value, Outgoing completes) {}

  /** Drives one connection's {@link ServerConnector}. */
  private final class Connection extends ChannelInboundHandlerAdapter {
    private final long start = System.nanoTime();
    private final TraceWriter trace =
        new TraceWriter(TraceHeader.of(TraceHeader.Origin.EMULATOR, Instant.now()));
    private final ServerConnector connector =
        new ServerConnector(
            scenario, identity, trace, interceptors.apply(connectionNumber.incrementAndGet()));
    private final ArrayDeque<TrickledByte> trickled = new ArrayDeque<>();
    private ScheduledFuture<?> trickleTimer;
    private ScheduledFuture<?> lifetime;
    private ScheduledFuture<?> idle;
    private boolean closing;
    private long readStamp = -1;
    private ServedCapture capture = ServedCapture.NONE;

    private long now() {
      return System.nanoTime() - start;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      lifetime =
          ctx.executor()
              .schedule(
                  () ->
                      end(
                          ctx,
                          CloseKind.DEADLINE_EXCEEDED,
                          ClosedBy.SERVER,
                          "the emulator's connection time limit passed"),
                  maxConnectionTime.toNanos(),
                  TimeUnit.NANOSECONDS);
      armIdle(ctx);
      trace.endpoints(
          address(ctx.channel().remoteAddress()), address(ctx.channel().localAddress()));
      connector.ntlmIdentity(ntlmIdentity);
      connector.errorInfo(errorInfo);
      connector.encryptThenMac(encryptThenMac);
      long accepted = now();
      if (pcap != null) {
        connector.keyLog(true); // what opens the capture's TLS
        capture = ServedCapture.open(pcap, trace.trace().header(), ctx.channel(), accepted);
      }
      connector.accepted(accepted, Instant.now());
      afterInput(ctx);
    }

    /** Reads of one cycle share its first read's time; the answer is written after the cycle. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      try {
        if (readStamp < 0) {
          readStamp = now();
          armIdle(ctx);
        }
        byte[] read = capture.on() ? ByteBufUtil.getBytes(buf) : null;
        connector.receive(buf, readStamp);
        // after the connector took them: secrets these bytes bring come before them in the file
        capture.data(true, readStamp, read, connector::keyLog);
      } finally {
        buf.release();
      }
      if (connector.faulted()) {
        crash();
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (readStamp >= 0) {
        readStamp = -1;
        afterInput(ctx);
      }
      ctx.fireChannelReadComplete();
    }

    private void afterInput(ChannelHandlerContext ctx) {
      List<Outgoing> out = connector.takeOutput();
      if (connector.trickle()) {
        for (Outgoing o : out) {
          byte[] bytes = o.bytes();
          for (int i = 0; i < bytes.length; i++) {
            trickled.add(new TrickledByte(bytes[i], i == bytes.length - 1 ? o : null));
          }
        }
        if (trickleTimer == null && !trickled.isEmpty()) {
          trickleTimer =
              ctx.executor()
                  .scheduleAtFixedRate(
                      () -> trickleOne(ctx), 0, trickleInterval.toNanos(), TimeUnit.NANOSECONDS);
        }
        return;
      }
      ChannelFuture last = null;
      for (Outgoing o : out) {
        last = ctx.write(Unpooled.wrappedBuffer(o.bytes())).addListener(f -> reportWrite(o, f));
      }
      ctx.flush();
      if (last == null || last.isDone()) {
        applyClose(ctx);
      } else {
        last.addListener(f -> applyClose(ctx));
      }
    }

    /** The client's silence is bounded: no byte for the idle timeout closes the connection. */
    private void armIdle(ChannelHandlerContext ctx) {
      if (idle != null) {
        idle.cancel(false);
      }
      idle =
          ctx.executor()
              .schedule(
                  () ->
                      end(
                          ctx,
                          CloseKind.IDLE_TIMEOUT,
                          ClosedBy.SERVER,
                          "no byte from the client for " + idleTimeout.toMillis() + " ms"),
                  idleTimeout.toNanos(),
                  TimeUnit.NANOSECONDS);
    }

    /** What the trace records of a write: sent when it went through, not sent when it failed. */
    private void reportWrite(Outgoing o, io.netty.util.concurrent.Future<?> f) {
      if (f.isSuccess()) {
        if (!connector.trickle()) { // a trickled byte is written on its own
          capture.data(false, now(), o.bytes(), connector::keyLog);
        }
        connector.written(o, now());
      } else {
        connector.notWritten(o, now(), String.valueOf(f.cause()));
      }
    }

    private void trickleOne(ChannelHandlerContext ctx) {
      TrickledByte b = trickled.poll();
      if (b == null) {
        trickleTimer.cancel(false);
        trickleTimer = null;
        applyClose(ctx);
        return;
      }
      ChannelFuture f = ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {b.value()}));
      if (capture.on()) {
        f.addListener(
            done -> {
              if (done.isSuccess()) {
                capture.data(false, now(), new byte[] {b.value()}, connector::keyLog);
              }
            });
      }
      if (b.completes() != null) {
        f.addListener(done -> reportWrite(b.completes(), done));
      }
    }

    private void applyClose(ChannelHandlerContext ctx) {
      if (closing || connector.closeAction() == ServerConnector.CloseAction.NONE) {
        return;
      }
      closing = true;
      connector.closeFinished(now());
      if (connector.closeAction() == ServerConnector.CloseAction.RST) {
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        capture.rst(false, now());
        ctx.close();
      } else {
        capture.fin(false, now());
        // FIN now; the client closes its side when it has read everything
        ((DuplexChannel) ctx.channel())
            .shutdownOutput()
            .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        ctx.executor()
            .schedule(() -> resetIfOpen(ctx), FIN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
      report();
    }

    private void resetIfOpen(ChannelHandlerContext ctx) {
      if (ctx.channel().isOpen()) {
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        capture.rst(false, now());
        ctx.close();
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof ChannelInputShutdownEvent) {
        capture.fin(true, now());
        end(ctx, CloseKind.CLIENT_FIN, ClosedBy.CLIENT, "the client closed the connection (FIN)");
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      String m = String.valueOf(cause.getMessage());
      if (cause instanceof IOException && m.toLowerCase(java.util.Locale.ROOT).contains("reset")) {
        capture.rst(true, now());
        end(ctx, CloseKind.CLIENT_RST, ClosedBy.CLIENT, "the client reset the connection (RST)");
      } else {
        LOG.debug("emulator connection failed", cause);
        end(ctx, CloseKind.LOCAL_ERROR, ClosedBy.SERVER, String.valueOf(cause));
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (faulted) {
        capture.rst(false, now()); // a crash resets every connection
      }
      end(ctx, CloseKind.CLIENT_FIN, ClosedBy.CLIENT, "the connection closed");
      if (trickleTimer != null) {
        trickleTimer.cancel(false);
      }
      if (lifetime != null) {
        lifetime.cancel(false);
      }
      if (idle != null) {
        idle.cancel(false);
      }
    }

    private void end(ChannelHandlerContext ctx, CloseKind kind, ClosedBy by, String detail) {
      capture.fin(false, now()); // ctx.close() below: the emulator's FIN, unless it reset
      connector.close(kind, by, detail, now());
      report();
      ctx.close();
    }

    private boolean reported;

    private void report() {
      if (reported) {
        return;
      }
      reported = true;
      try {
        listener.accept(trace.trace());
      } catch (RuntimeException e) {
        LOG.warn("an emulator listener failed; ignored", e);
      }
    }
  }

  private static String address(java.net.SocketAddress a) {
    if (a instanceof java.net.InetSocketAddress i) {
      String host = i.getAddress() == null ? i.getHostString() : i.getAddress().getHostAddress();
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + i.getPort();
    }
    return String.valueOf(a);
  }
}
