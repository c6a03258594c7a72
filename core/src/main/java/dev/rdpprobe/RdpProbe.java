package dev.rdpprobe;

import dev.rdpprobe.capture.ProbePcap;
import dev.rdpprobe.capture.WireTap;
import dev.rdpprobe.connect.ConnectorFactory;
import dev.rdpprobe.connect.Warmup;
import dev.rdpprobe.tls.TrustAnchors;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.transport.ProbeSession;
import dev.rdpprobe.transport.SocketWarmup;
import dev.rdpprobe.transport.Transports;
import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
  /**
   * The logger, made when first used: finding SLF4J's provider costs ~10 ms in a new process, which
   * {@link #prepare()}, the first call of a CLI, must not spend before its thread starts.
   */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(RdpProbe.class);
  }

  private final EventLoopGroup group;
  private final boolean ownsGroup;
  private final ExecutorService resolver;
  private final ProbeListener.Factory listeners;
  private final ConnectorFactory connectors;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Set<ProbeSession> inFlight = ConcurrentHashMap.newKeySet();

  /** The one-time work of this process, once started; see {@link #prepare()}. */
  private static final CompletableFuture<Void> PREPARED = new CompletableFuture<>();

  private static final AtomicBoolean PREPARING = new AtomicBoolean();

  private RdpProbe(Builder b) {
    prepare();
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
    // the socket path warms up beside the preparation's in-memory connector, not after it
    SocketWarmup.run(group, resolver);
    PREPARED.join();
  }

  /**
   * Starts the one-time work of this process that every instance needs (reading the trust store,
   * linking the connector's first steps, loading the native transport) on a background thread and
   * returns at once. A program that will probe soon calls it first thing, so that this work runs
   * beside its own start (parsing its options, say) instead of after it; the first instance waits
   * for it, and starts it if nobody has. Later calls do nothing.
   */
  public static void prepare() {
    if (!PREPARING.compareAndSet(false, true)) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              try {
                // read while the first connection opens, not when its certificate arrives
                TrustAnchors.preload();
                Warmup.run();
                Transports.epollAvailable();
              } catch (RuntimeException | LinkageError e) {
                // a preparation that failed changes nothing but the first probe's timing
                Log.LOG.debug("preparing the first probe failed", e);
              } finally {
                PREPARED.complete(null);
              }
            },
            "rdp-probe-prepare");
    t.setDaemon(true);
    t.start();
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
   *
   * <p>{@code cancel(true)} or {@code cancel(false)} on the future ends the probe at once: the
   * connection is closed and its trace ends with a {@link dev.rdpprobe.trace.CloseKind#CANCELLED}
   * close, which the listener's {@link ProbeListener#probeEnd} receives; the future itself
   * completes with a {@link java.util.concurrent.CancellationException}, as a cancelled future
   * does. {@link #cancelAll(String)} ends every probe in flight the same way but completes the
   * futures with those results.
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
      Log.LOG.warn("a probe listener failed; ignored", e);
    }
    // with a pcap file, a tap keeps the wire of the connection for it
    WireTap[] tap = {null};
    ConnectorFactory factory =
        spec.pcap() == null
            ? connectors
            : (config, trace) -> tap[0] = new WireTap(connectors.create(config, trace));
    ProbeSession session =
        ProbeSession.start(
            group,
            resolver,
            spec.endpoint(),
            spec.timeouts(),
            spec.connectorConfig(),
            factory,
            (TraceEvent e) -> listener.event(spec, e));
    inFlight.add(session);
    Running running = new Running(session);
    session
        .outcome()
        .whenComplete(
            (outcome, failure) -> {
              inFlight.remove(session);
              if (failure != null) {
                running.completeExceptionally(failure);
                return;
              }
              ProbeResult result = ProbeResult.of(spec, outcome.trace(), outcome.keyLog());
              if (tap[0] != null) {
                writePcap(spec.pcap(), result, tap[0]);
              }
              try {
                listener.probeEnd(result);
              } catch (RuntimeException e) {
                Log.LOG.warn("a probe listener failed; ignored", e);
              }
              running.complete(result);
            });
    return running;
  }

  /**
   * Ends every probe in flight now: each connection is closed, each trace ends with a {@link
   * dev.rdpprobe.trace.CloseKind#CANCELLED} close whose detail begins with {@code why}, and each
   * future completes with that result (a probe started afterwards runs as usual). Any thread;
   * returns at once, the futures complete on the event loop right after.
   *
   * @param why what the close's detail says, e.g. {@code "the probe was interrupted"}
   * @return how many probes were in flight
   */
  public int cancelAll(String why) {
    Objects.requireNonNull(why, "why");
    int n = 0;
    for (ProbeSession s : List.copyOf(inFlight)) {
      s.cancel(why);
      n++;
    }
    return n;
  }

  /** The future of one probe: cancelling it ends the probe, connection and all. */
  private static final class Running extends CompletableFuture<ProbeResult> {
    private final ProbeSession session;

    Running(ProbeSession session) {
      this.session = session;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      if (cancelled) {
        session.cancel("the probe was cancelled by its caller");
      }
      return cancelled;
    }
  }

  /** Writes a connection to the spec's pcapng file; a failure is logged, the result stands. */
  private static void writePcap(ProbePcap pcap, ProbeResult result, WireTap tap) {
    try {
      pcap.write(result.trace(), tap.chunks(), result.keyLog(), tap.dropped());
    } catch (java.io.IOException | RuntimeException e) {
      Log.LOG.warn("could not write the connection to the pcapng file", e);
    }
  }

  private ProbeListener safeListener(ProbeSpec spec) {
    try {
      ProbeListener l = listeners.create(spec);
      return l == null ? ProbeListener.NONE : l;
    } catch (RuntimeException e) {
      Log.LOG.warn("a probe listener factory failed; probing without a listener", e);
      return ProbeListener.NONE;
    }
  }

  /**
   * Ends the probes in flight as {@link #cancelAll(String)} does (their futures complete with
   * {@code CANCELLED} results), then stops the owned event loop group (a borrowed one is left
   * running) and the resolver.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<ProbeSession> open = List.copyOf(inFlight);
    cancelAll("the probe was cancelled: its RdpProbe was closed");
    for (ProbeSession s : onEventLoop() ? List.<ProbeSession>of() : open) {
      try {
        // recorded on the loop at once; bounded in case the loop is stuck in a listener
        s.outcome().get(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
        Log.LOG.debug("a probe did not record its cancellation in time", e);
      }
    }
    resolver.shutdownNow();
    if (ownsGroup) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** Whether the caller runs on the group's loop, where waiting for a probe would block it. */
  private boolean onEventLoop() {
    for (io.netty.util.concurrent.EventExecutor e : group) {
      if (e.inEventLoop()) {
        return true;
      }
    }
    return false;
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
