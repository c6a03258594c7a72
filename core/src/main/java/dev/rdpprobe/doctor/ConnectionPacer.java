package dev.rdpprobe.doctor;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Starts the probes of one examination politely: at most {@code limit} connections open at once (a
 * counting semaphore that never blocks a thread), at most {@code perSecond} starts in any
 * one-second window (a sliding window, so a short examination starts in one burst and a long one at
 * that rate), at least {@code delay} between two starts, and none after the deadline. A probe's own
 * deadline is cut to what is left of the examination's, so every probe ends by it.
 *
 * <p>Each run remembers whether another connection of the examination was open at any moment of its
 * life ({@link Run#overlapped()}), so a server that turns away a second connection can be told from
 * one that turns away all of them.
 */
final class ConnectionPacer {
  /** A probe is not started with less than this left before the deadline. */
  static final Duration MIN_PROBE_TIME = Duration.ofMillis(200);

  private static final long SECOND_NANOS = 1_000_000_000L;

  /**
   * How one probe went.
   *
   * @param result the result, or {@code null} if the probe was not started in time
   * @param overlapped whether another connection was open during it
   */
  record Run(ProbeResult result, boolean overlapped) {
    boolean started() {
      return result != null;
    }
  }

  private final class Pending {
    final ProbeSpec spec;
    final boolean mustRun;
    final CompletableFuture<Run> future = new CompletableFuture<>();
    boolean overlapped;

    Pending(ProbeSpec spec, boolean mustRun) {
      this.spec = spec;
      this.mustRun = mustRun;
    }
  }

  private final Function<ProbeSpec, CompletableFuture<ProbeResult>> starter;
  private final ScheduledExecutorService timer;
  private final long delayNanos;
  private final int perSecond;
  private final ArrayDeque<Long> recentStarts = new ArrayDeque<>();
  private final long deadlineNanos;
  private final LongSupplier clock;

  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final List<Pending> running = new ArrayList<>();
  private int limit;
  private long lastStart;
  private boolean anyStarted;
  private boolean wakeScheduled;
  private int peak;

  /**
   * @param starter starts one probe
   * @param timer runs the pacer's bookkeeping and its waits; never blocked
   * @param limit connections open at once, at least 1
   * @param perSecond starts in any one-second window, at most; at least 1
   * @param delay least time between two starts
   * @param deadlineNanos the {@code clock} value after which nothing starts
   * @param clock nanoseconds, monotonic
   */
  ConnectionPacer(
      Function<ProbeSpec, CompletableFuture<ProbeResult>> starter,
      ScheduledExecutorService timer,
      int limit,
      int perSecond,
      Duration delay,
      long deadlineNanos,
      LongSupplier clock) {
    this.starter = Objects.requireNonNull(starter, "starter");
    this.timer = Objects.requireNonNull(timer, "timer");
    if (limit < 1) {
      throw new IllegalArgumentException("limit " + limit + " < 1");
    }
    if (perSecond < 1) {
      throw new IllegalArgumentException("perSecond " + perSecond + " < 1");
    }
    this.limit = limit;
    this.perSecond = perSecond;
    this.delayNanos = delay.toNanos();
    this.deadlineNanos = deadlineNanos;
    this.clock = clock;
  }

  /** Queues a probe; the future completes when it has ended, or was not started in time. */
  CompletableFuture<Run> submit(ProbeSpec spec) {
    return enqueue(new Pending(Objects.requireNonNull(spec, "spec"), false));
  }

  /**
   * Queues a probe that runs even when the deadline has passed (the baseline, without which there
   * is no report), with at least {@link #MIN_PROBE_TIME} for its own deadline.
   */
  CompletableFuture<Run> submitFirst(ProbeSpec spec) {
    return enqueue(new Pending(Objects.requireNonNull(spec, "spec"), true));
  }

  private CompletableFuture<Run> enqueue(Pending p) {
    synchronized (this) {
      queue.add(p);
    }
    timer.execute(this::pump);
    return p.future;
  }

  /** Lowers (or raises) the number of connections open at once from now on. */
  synchronized void limit(int newLimit) {
    if (newLimit < 1) {
      throw new IllegalArgumentException("limit " + newLimit + " < 1");
    }
    limit = newLimit;
  }

  /** The current limit. */
  synchronized int limit() {
    return limit;
  }

  /** The most connections that were open at once so far. */
  synchronized int peak() {
    return peak;
  }

  /** Time left before the deadline, never negative. */
  Duration remaining() {
    return Duration.ofNanos(Math.max(0, deadlineNanos - clock.getAsLong()));
  }

  private void pump() {
    List<Pending> expired = new ArrayList<>();
    List<Pending> toStart = new ArrayList<>();
    synchronized (this) {
      long now = clock.getAsLong();
      while (!queue.isEmpty()) {
        if (deadlineNanos - now < MIN_PROBE_TIME.toNanos()) {
          for (Pending p : queue) {
            if (!p.mustRun) {
              expired.add(p);
            }
          }
          queue.removeAll(expired);
          if (queue.isEmpty()) {
            break;
          }
        }
        if (running.size() >= limit) {
          break; // a finished probe pumps again
        }
        while (!recentStarts.isEmpty() && now - recentStarts.peekFirst() >= SECOND_NANOS) {
          recentStarts.pollFirst();
        }
        long earliest = anyStarted ? lastStart + delayNanos : now;
        if (recentStarts.size() >= perSecond) {
          earliest = Math.max(earliest, recentStarts.peekFirst() + SECOND_NANOS);
        }
        if (earliest - now > 0) {
          if (!wakeScheduled) {
            wakeScheduled = true;
            timer.schedule(
                () -> {
                  synchronized (this) {
                    wakeScheduled = false;
                  }
                  pump();
                },
                earliest - now,
                TimeUnit.NANOSECONDS);
          }
          break;
        }
        Pending p = queue.poll();
        if (!running.isEmpty()) {
          p.overlapped = true;
          running.forEach(r -> r.overlapped = true);
        }
        running.add(p);
        peak = Math.max(peak, running.size());
        anyStarted = true;
        lastStart = now;
        recentStarts.addLast(now);
        toStart.add(p);
      }
    }
    expired.forEach(p -> p.future.complete(new Run(null, false)));
    toStart.forEach(this::start);
  }

  private void start(Pending p) {
    Duration left = remaining();
    if (left.compareTo(MIN_PROBE_TIME) < 0) {
      left = MIN_PROBE_TIME; // only a probe that must run starts this late
    }
    ProbeSpec spec = p.spec;
    if (spec.deadline().compareTo(left) > 0) {
      spec = spec.toBuilder().deadline(left).build();
    }
    CompletableFuture<ProbeResult> f;
    try {
      f = starter.apply(spec);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.whenCompleteAsync((r, e) -> finished(p, r, e), timer);
  }

  private void finished(Pending p, ProbeResult result, Throwable error) {
    boolean overlapped;
    synchronized (this) {
      running.remove(p);
      overlapped = p.overlapped;
    }
    if (error != null) {
      p.future.completeExceptionally(error);
    } else {
      p.future.complete(new Run(result, overlapped));
    }
    pump();
  }
}
