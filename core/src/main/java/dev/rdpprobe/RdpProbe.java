package dev.rdpprobe;

import dev.rdpprobe.capture.ProbePcap;
import dev.rdpprobe.capture.WireTap;
import dev.rdpprobe.connect.ConnectorFactory;
import dev.rdpprobe.connect.Warmup;
import dev.rdpprobe.tls.TrustAnchors;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.transport.ProbeSession;
import dev.rdpprobe.transport.Transports;
import io.netty.channel.EventLoopGroup;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes RDP servers: walks each through the connection sequence as far as its {@link ProbeSpec}
 * asks, and records how the connection ended.
 *
 * <pre>{@code
 * try (RdpProbe probe = RdpProbe.create()) {
 *   ProbeResult result = probe.probe(ProbeSpec.builder("rdp.example.com").build()).join();
 *   System.out.println(result.closed());
 * }
 * }</pre>
 *
 * <p>One instance runs many probes at once on its event loop group, which it owns (and shuts down
 * on {@link #close()}) or borrows from the caller. Thread-safe.
 */
public final class RdpProbe implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RdpProbe.class);

  private final EventLoopGroup group;
  private final boolean ownsGroup;
  private final ExecutorService resolver;
  private final ProbeListener.Factory listeners;
  private final ConnectorFactory connectors;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RdpProbe(Builder b) {
    // read while the first connection opens, not when its certificate arrives
    TrustAnchors.preload();
    Warmup.run();
    this.ownsGroup = b.group == null;
    this.group = ownsGroup ? Transports.newGroup(b.transport, b.threads) : b.group;
    this.listeners = b.listeners;
    this.connectors = b.connectors;
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            b.resolverThreads,
            b.resolverThreads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "rdp-probe-resolver-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    this.resolver = pool;
  }

  /** A probe with its own event loop group (epoll where available) and no listener. */
  public static RdpProbe create() {
    return builder().build();
  }

  /** A builder for a probe with a borrowed group, another transport, or a listener. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs one probe. The future completes (never exceptionally, unless this instance is closed) with
   * the result once the connection has ended, within the spec's deadline.
   */
  public CompletableFuture<ProbeResult> probe(ProbeSpec spec) {
    Objects.requireNonNull(spec, "spec");
    if (closed.get()) {
      return CompletableFuture.failedFuture(new IllegalStateException("this RdpProbe is closed"));
    }
    ProbeListener listener = safeListener(spec);
    try {
      listener.probeStart(spec);
    } catch (RuntimeException e) {
      LOG.warn("a probe listener failed; ignored", e);
    }
    // with a pcap file, a tap keeps the wire of the connection for it
    WireTap[] tap = {null};
    ConnectorFactory factory =
        spec.pcap() == null
            ? connectors
            : (config, trace) -> tap[0] = new WireTap(connectors.create(config, trace));
    return ProbeSession.start(
            group,
            resolver,
            spec.endpoint(),
            spec.timeouts(),
            spec.connectorConfig(),
            factory,
            (TraceEvent e) -> listener.event(spec, e))
        .thenApply(
            outcome -> {
              ProbeResult result = ProbeResult.of(spec, outcome.trace(), outcome.keyLog());
              if (tap[0] != null) {
                writePcap(spec.pcap(), result, tap[0]);
              }
              try {
                listener.probeEnd(result);
              } catch (RuntimeException e) {
                LOG.warn("a probe listener failed; ignored", e);
              }
              return result;
            });
  }

  /** Writes a connection to the spec's pcapng file; a failure is logged, the result stands. */
  private static void writePcap(ProbePcap pcap, ProbeResult result, WireTap tap) {
    try {
      pcap.write(result.trace(), tap.chunks(), result.keyLog(), tap.dropped());
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn("could not write the connection to the pcapng file", e);
    }
  }

  private ProbeListener safeListener(ProbeSpec spec) {
    try {
      ProbeListener l = listeners.create(spec);
      return l == null ? ProbeListener.NONE : l;
    } catch (RuntimeException e) {
      LOG.warn("a probe listener factory failed; probing without a listener", e);
      return ProbeListener.NONE;
    }
  }

  /** Stops the owned event loop group (a borrowed one is left running) and the resolver. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    resolver.shutdownNow();
    if (ownsGroup) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** Builds an {@link RdpProbe}. */
  public static final class Builder {
    private EventLoopGroup group;
    private Transports.Kind transport = Transports.Kind.AUTO;
    private int threads = 1;
    private int resolverThreads = 4;
    private ProbeListener.Factory listeners = spec -> ProbeListener.NONE;
    private ConnectorFactory connectors = ConnectorFactory.DEFAULT;

    private Builder() {}

    /**
     * Runs probes on the caller's group, which the probe never shuts down. Its I/O type (NIO or
     * epoll) picks the socket channel.
     */
    public Builder eventLoopGroup(EventLoopGroup group) {
      this.group = Objects.requireNonNull(group, "group");
      return this;
    }

    /** The socket implementation of an owned group. */
    public Builder transport(Transports.Kind kind) {
      this.transport = Objects.requireNonNull(kind, "transport");
      return this;
    }

    /** The number of event loop threads of an owned group, 1 to 64. */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threads " + threads + " is outside 1..64");
      }
      this.threads = threads;
      return this;
    }

    /** The number of threads that resolve host names at once, 1 to 64. */
    public Builder resolverThreads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("resolverThreads " + threads + " is outside 1..64");
      }
      this.resolverThreads = threads;
      return this;
    }

    /** One listener for every probe. */
    public Builder listener(ProbeListener listener) {
      Objects.requireNonNull(listener, "listener");
      this.listeners = spec -> listener;
      return this;
    }

    /** A listener per probe. */
    public Builder listenerFactory(ProbeListener.Factory factory) {
      this.listeners = Objects.requireNonNull(factory, "listenerFactory");
      return this;
    }

    /**
     * Makes the connector each probe drives: a driver's seam (a replay's plan, a fuzzer's
     * interceptor, a test's connector). The default is the probe's own.
     */
    public Builder connectorFactory(ConnectorFactory factory) {
      this.connectors = Objects.requireNonNull(factory, "connectorFactory");
      return this;
    }

    /** The probe. */
    public RdpProbe build() {
      return new RdpProbe(this);
    }
  }
}
