package dev.rdpprobe.scan;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.trace.CloseKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes a stream of targets the way a scanner does: only this machine's {@link Shard} of them,
 * none on the {@link Blocklist}, new connections paced in all and per address ({@link
 * RateLimiter}), at most {@code concurrency} at once, with a status report every so often and a
 * {@link ScanSummary} at the end. A target whose address must wait for its pacing is held back (up
 * to 4,096 of them) while the targets after it go on. Memory does not grow with the number of
 * targets: they are read one at a time, a result is handed on as soon as its probe ends, and
 * nothing is kept per target.
 *
 * <pre>{@code
 * try (RdpProbe probe = RdpProbe.create();
 *     TargetSource targets = TargetSource.file(Path.of("targets.txt"))) {
 *   ScanSummary summary =
 *       Scan.builder(probe).shard(Shard.parse("2/4", 0)).build()
 *           .run(targets, t -> ProbeSpec.builder(t).build(),
 *                result -> System.out.println(ProbeReport.of(result).toJson()));
 * }
 * }</pre>
 */
public final class Scan {
  private static final Logger LOG = LoggerFactory.getLogger(Scan.class);
  private static final Object ALL = new Object();

  /** Targets held back by their address's pacing while the reader goes on (see {@code Waiting}). */
  static final int WAITING_ROOM = 4096;

  private final RdpProbe probe;
  private final Shard shard;
  private final Blocklist blocklist;
  private final RateLimit rate;
  private final RateLimit ratePerHost;
  private final int concurrency;
  private final Duration statusEvery;
  private final Consumer<ScanStatus> status;
  private final Rejected rejected;
  private volatile boolean stopped;

  private Scan(Builder b) {
    this.probe = b.probe;
    this.shard = b.shard;
    this.blocklist = b.blocklist;
    this.rate = b.rate;
    this.ratePerHost = b.ratePerHost;
    this.concurrency = b.concurrency;
    this.statusEvery = b.statusEvery;
    this.status = b.status;
    this.rejected = b.rejected;
  }

  /** A scan run by {@code probe}. */
  public static Builder builder(RdpProbe probe) {
    return new Builder(probe);
  }

  /** Told of a target that is not probed because it is not one. */
  @FunctionalInterface
  public interface Rejected {
    /**
     * @param ordinal the target's place in the source, from 1
     * @param text the target as read
     * @param reason why it is not a target
     */
    void rejected(long ordinal, String text, String reason);
  }

  /**
   * Runs the scan to its end: every target of this shard not blocked is probed, and {@code results}
   * gets each result as its probe ends (on a probe's thread, possibly several at once).
   *
   * @param specs turns a target's text into what to probe; an {@link IllegalArgumentException}
   *     rejects the target
   * @throws IOException when the source cannot be read, or is longer than its size said
   * @throws IllegalArgumentException when the shard needs the source's size and it is unknown
   */
  public ScanSummary run(
      TargetSource targets, Function<String, ProbeSpec> specs, Consumer<ProbeResult> results)
      throws IOException, InterruptedException {
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(specs, "specs");
    Objects.requireNonNull(results, "results");
    OptionalLong size = targets.size();
    Shard.Selector selector;
    if (shard.count() == 1) {
      selector = Shard.ALL.selector(0);
    } else if (size.isEmpty()) {
      throw new IllegalArgumentException(
          "shard " + shard.text() + " needs the number of targets: read them from a file");
    } else {
      selector = shard.selector(size.getAsLong());
    }
    Run run = new Run(results);
    ScheduledExecutorService ticker = null;
    if (statusEvery != null) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "rdp-probe-scan-status");
                t.setDaemon(true);
                return t;
              });
      long every = statusEvery.toNanos();
      ticker.scheduleAtFixedRate(run::report, every, every, TimeUnit.NANOSECONDS);
    }
    try {
      RateLimiter global = new RateLimiter(rate);
      RateLimiter perHost = new RateLimiter(ratePerHost);
      Waiting waiting = new Waiting();
      String text;
      while (!stopped && run.failure.get() == null) {
        if (!launchDue(waiting, global, perHost, run)) {
          break;
        }
        if (waiting.size() >= WAITING_ROOM) {
          sleep(waiting.nanosUntilDue(perHost, System.nanoTime()));
          continue;
        }
        if ((text = targets.next()) == null) {
          break;
        }
        long index = run.read.getAndIncrement();
        if (size.isPresent() && index >= size.getAsLong()) {
          throw new IOException(
              "the targets grew while they were read (more than " + size.getAsLong() + ")");
        }
        if (!selector.contains(index)) {
          run.outOfShard.incrementAndGet();
          continue;
        }
        ProbeSpec spec = spec(specs, text, index);
        if (spec == null) {
          run.invalid.incrementAndGet();
          continue;
        }
        InetAddress address = address(spec);
        if (address != null && blocklist.blocks(address)) {
          run.blocked.incrementAndGet();
          continue;
        }
        if (address != null && spec.address() == null) {
          spec = spec.toBuilder().address(address).build(); // resolved once, here
        }
        Object host = address != null ? address : spec.host().toLowerCase(java.util.Locale.ROOT);
        if (waiting.holds(host) || perHost.delay(host, System.nanoTime()) > 0) {
          waiting.add(host, spec); // the next addresses go on meanwhile
          continue;
        }
        if (!launch(run, global, perHost, host, spec)) {
          break;
        }
      }
      // the targets held back, each at its address's time
      while (!stopped && run.failure.get() == null && waiting.size() > 0) {
        if (!launchDue(waiting, global, perHost, run)) {
          break;
        }
        sleep(waiting.nanosUntilDue(perHost, System.nanoTime()));
      }
      run.slots.acquire(concurrency); // every probe started has ended
      run.slots.release(concurrency);
    } finally {
      if (ticker != null) {
        ticker.shutdownNow();
      }
    }
    RuntimeException failure = run.failure.get();
    if (failure != null) {
      throw failure;
    }
    return run.summary();
  }

  /**
   * Starts no further probe: {@link #run} returns once those in flight have ended (cancel them with
   * {@link RdpProbe#cancelAll} to end them now). Any thread.
   */
  public void stop() {
    stopped = true;
  }

  private ProbeSpec spec(Function<String, ProbeSpec> specs, String text, long index) {
    String reason;
    if (text.length() > TargetSource.MAX_LINE) {
      reason = "longer than " + TargetSource.MAX_LINE + " characters";
      text = text.substring(0, 40) + "...";
    } else {
      try {
        return Objects.requireNonNull(specs.apply(text), "spec");
      } catch (IllegalArgumentException e) {
        reason = e.getMessage();
      }
    }
    try {
      rejected.rejected(index + 1, text, reason);
    } catch (RuntimeException e) {
      LOG.warn("a scan's rejected-target handler failed; ignored", e);
    }
    return null;
  }

  /**
   * The address the probe will connect to: the spec's, the host's literal, or the host name
   * resolved now (so the blocklist sees it); {@code null} when the name does not resolve, which the
   * probe then reports.
   */
  private static InetAddress address(ProbeSpec spec) {
    if (spec.address() != null) {
      return spec.address();
    }
    byte[] literal = Blocklist.literal(spec.host());
    try {
      if (literal != null) {
        return InetAddress.getByAddress(literal);
      }
      return InetAddress.getByName(spec.host());
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * Starts every held-back target whose address may be connected to now, oldest address first;
   * false when the scan was stopped meanwhile.
   */
  private boolean launchDue(Waiting waiting, RateLimiter global, RateLimiter perHost, Run run)
      throws InterruptedException {
    Waiting.Held due;
    while ((due = waiting.takeDue(perHost, System.nanoTime())) != null) {
      if (!launch(run, global, perHost, due.host(), due.spec())) {
        return false;
      }
    }
    return true;
  }

  /** Takes a slot, waits for the pacing, starts the probe; false when the scan was stopped. */
  private boolean launch(
      Run run, RateLimiter global, RateLimiter perHost, Object host, ProbeSpec spec)
      throws InterruptedException {
    run.slots.acquire();
    pace(global, perHost, host);
    if (stopped) {
      run.slots.release();
      return false;
    }
    run.start(spec);
    return true;
  }

  private static void sleep(long nanos) throws InterruptedException {
    LockSupport.parkNanos(Math.max(nanos, 1));
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  /** Waits until both limiters let a connection to {@code host} start, then takes the slot. */
  private void pace(RateLimiter global, RateLimiter perHost, Object host)
      throws InterruptedException {
    while (true) {
      long now = System.nanoTime();
      long wait = Math.max(global.delay(ALL, now), perHost.delay(host, now));
      if (wait == 0) {
        global.acquire(ALL, now);
        perHost.acquire(host, now);
        return;
      }
      LockSupport.parkNanos(wait);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  /**
   * Targets held back because their address's pacing does not let them start yet, in the order read
   * per address, so that a list with one address many times does not hold up the others. At most
   * {@link #WAITING_ROOM} of them: past that the reader waits.
   */
  private static final class Waiting {
    record Held(Object host, ProbeSpec spec) {}

    private final Map<Object, ArrayDeque<ProbeSpec>> byHost = new LinkedHashMap<>();
    private int size;

    int size() {
      return size;
    }

    boolean holds(Object host) {
      return byHost.containsKey(host);
    }

    void add(Object host, ProbeSpec spec) {
      byHost.computeIfAbsent(host, h -> new ArrayDeque<>()).add(spec);
      size++;
    }

    /** The first held target, by address first held, that may start now; null if none. */
    Held takeDue(RateLimiter perHost, long now) {
      for (Iterator<Map.Entry<Object, ArrayDeque<ProbeSpec>>> it = byHost.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<Object, ArrayDeque<ProbeSpec>> e = it.next();
        if (perHost.delay(e.getKey(), now) == 0) {
          ProbeSpec spec = e.getValue().poll();
          if (e.getValue().isEmpty()) {
            it.remove();
          }
          size--;
          return new Held(e.getKey(), spec);
        }
      }
      return null;
    }

    /** Nanoseconds until the first held address may be connected to again. */
    long nanosUntilDue(RateLimiter perHost, long now) {
      long min = Long.MAX_VALUE;
      for (Object host : byHost.keySet()) {
        min = Math.min(min, perHost.delay(host, now));
      }
      return min == Long.MAX_VALUE ? 0 : min;
    }
  }

  /** One run's counters, shared by the launching thread, the probes' threads and the ticker. */
  private final class Run {
    final Instant startedAt = Instant.now();
    final long startNanos = System.nanoTime();
    final Semaphore slots = new Semaphore(concurrency);
    final AtomicLong read = new AtomicLong();
    final AtomicLong outOfShard = new AtomicLong();
    final AtomicLong invalid = new AtomicLong();
    final AtomicLong blocked = new AtomicLong();
    final AtomicLong started = new AtomicLong();
    final AtomicLong done = new AtomicLong();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLongArray closes = new AtomicLongArray(CloseKind.values().length);
    final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    final Consumer<ProbeResult> results;

    Run(Consumer<ProbeResult> results) {
      this.results = results;
    }

    void start(ProbeSpec spec) {
      started.incrementAndGet();
      probe
          .probe(spec)
          .whenComplete(
              (result, error) -> {
                try {
                  if (result == null) {
                    failed.incrementAndGet();
                    return;
                  }
                  closes.incrementAndGet(result.closed().kind().ordinal());
                  if (result.reachedStopPoint()) {
                    ok.incrementAndGet();
                  }
                  results.accept(result);
                } catch (RuntimeException e) {
                  failure.compareAndSet(null, e); // the scan stops starting probes
                } finally {
                  done.incrementAndGet();
                  slots.release();
                }
              });
    }

    ScanStatus status() {
      long d = done.get(); // before started, so in flight is never negative
      return new ScanStatus(
          Duration.ofNanos(System.nanoTime() - startNanos),
          read.get(),
          outOfShard.get(),
          invalid.get(),
          blocked.get(),
          started.get(),
          d,
          ok.get());
    }

    void report() {
      try {
        status.accept(status());
      } catch (RuntimeException e) {
        LOG.warn("a scan's status handler failed; ignored", e);
      }
    }

    ScanSummary summary() {
      Map<CloseKind, Long> byKind = new EnumMap<>(CloseKind.class);
      for (CloseKind k : CloseKind.values()) {
        long n = closes.get(k.ordinal());
        if (n > 0) {
          byKind.put(k, n);
        }
      }
      return new ScanSummary(
          shard,
          rate,
          ratePerHost,
          blocklist.entries(),
          startedAt,
          status(),
          byKind,
          failed.get(),
          stopped);
    }
  }

  /** Builds a {@link Scan}; the defaults are polite (see {@link RateLimit}). */
  public static final class Builder {
    private final RdpProbe probe;
    private Shard shard = Shard.ALL;
    private Blocklist blocklist = Blocklist.EMPTY;
    private RateLimit rate = RateLimit.GLOBAL_DEFAULT;
    private RateLimit ratePerHost = RateLimit.PER_HOST_DEFAULT;
    private int concurrency = 64;
    private Duration statusEvery;
    private Consumer<ScanStatus> status = s -> {};
    private Rejected rejected = (n, t, r) -> {};

    private Builder(RdpProbe probe) {
      this.probe = Objects.requireNonNull(probe, "probe");
    }

    /** Probes only this shard of the targets (default: all of them). */
    public Builder shard(Shard shard) {
      this.shard = Objects.requireNonNull(shard, "shard");
      return this;
    }

    /** Never connects to an address on this list. */
    public Builder blocklist(Blocklist blocklist) {
      this.blocklist = Objects.requireNonNull(blocklist, "blocklist");
      return this;
    }

    /** The limit of new connections in all (default: {@link RateLimit#GLOBAL_DEFAULT}). */
    public Builder rate(RateLimit rate) {
      this.rate = Objects.requireNonNull(rate, "rate");
      return this;
    }

    /** The limit of new connections to one address (default: 20 per second). */
    public Builder ratePerHost(RateLimit rate) {
      this.ratePerHost = Objects.requireNonNull(rate, "ratePerHost");
      return this;
    }

    /** Probes at most this many targets at once, 1 to 1,000,000 (default: 64). */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > 1_000_000) {
        throw new IllegalArgumentException("concurrency " + concurrency + " is outside 1..1000000");
      }
      this.concurrency = concurrency;
      return this;
    }

    /** Reports the counts every {@code every} (on a thread of the scan's own). */
    public Builder status(Duration every, Consumer<ScanStatus> status) {
      if (every.isNegative() || every.isZero()) {
        throw new IllegalArgumentException("status interval " + every + " is not positive");
      }
      this.statusEvery = every;
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /** Told of each target that is not one (default: nobody). */
    public Builder rejected(Rejected rejected) {
      this.rejected = Objects.requireNonNull(rejected, "rejected");
      return this;
    }

    /** The scan. */
    public Scan build() {
      return new Scan(this);
    }
  }
}
