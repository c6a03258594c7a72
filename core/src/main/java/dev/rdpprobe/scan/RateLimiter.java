package dev.rdpprobe.scan;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Paces new connections, in all or per key (an address), by the generic cell rate algorithm: each
 * key keeps the time at which its next connection would be on schedule; one may start when that
 * time is at most {@code burst - 1} intervals away. Time is passed in (nanoseconds of any monotonic
 * clock), so the pacing is tested without sleeping. Not thread-safe: one thread launches.
 *
 * <p>Memory stays bounded whatever the number of keys: a key whose schedule has caught up with the
 * clock is the same as a key never seen, so it is dropped once the table grows.
 */
public final class RateLimiter {
  private static final int PURGE_AT = 1024;

  private final long interval;
  private final long tolerance;
  private final Map<Object, Long> due = new HashMap<>();
  private int purgeAt = PURGE_AT;

  /** A limiter of {@code limit}; with {@link RateLimit#NONE} every connection may start at once. */
  public RateLimiter(RateLimit limit) {
    Objects.requireNonNull(limit, "limit");
    this.interval = limit.intervalNanos();
    this.tolerance = (limit.burst() - 1) * interval;
  }

  /** Nanoseconds from {@code now} until a connection to {@code key} may start; 0 if it may now. */
  public long delay(Object key, long now) {
    if (interval == 0) {
      return 0;
    }
    Long next = due.get(key);
    return next == null ? 0 : Math.max(0, next - tolerance - now);
  }

  /**
   * Records that a connection to {@code key} starts at {@code now}.
   *
   * @throws IllegalStateException when {@link #delay} says it may not start yet
   */
  public void acquire(Object key, long now) {
    if (interval == 0) {
      return;
    }
    if (delay(key, now) > 0) {
      throw new IllegalStateException("a connection to " + key + " started before its time");
    }
    Long next = due.get(key);
    due.put(key, Math.max(next == null ? now : next, now) + interval);
    if (due.size() >= purgeAt) {
      purge(now);
    }
  }

  /** The number of keys held: those whose schedule is still ahead of the clock, at most. */
  public int keys() {
    return due.size();
  }

  private void purge(long now) {
    for (Iterator<Long> it = due.values().iterator(); it.hasNext(); ) {
      if (it.next() - now <= 0) {
        it.remove();
      }
    }
    purgeAt = Math.max(PURGE_AT, due.size() * 2);
  }
}
