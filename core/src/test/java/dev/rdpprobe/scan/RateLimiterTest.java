package dev.rdpprobe.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The limiter's pacing on a clock the test moves (nanoseconds). */
class RateLimiterTest {
  private static final long MS = 1_000_000;

  @Test
  void perHostDefaultSpacesConnectionsToOneAddress50MsApart() {
    RateLimiter l = new RateLimiter(RateLimit.PER_HOST_DEFAULT);
    long t = 5_000 * MS;
    assertEquals(0, l.delay("a", t));
    l.acquire("a", t);
    assertEquals(50 * MS, l.delay("a", t));
    assertEquals(30 * MS, l.delay("a", t + 20 * MS));
    assertEquals(0, l.delay("b", t), "another address is not held back");
    l.acquire("b", t);
    assertEquals(0, l.delay("a", t + 50 * MS));
    l.acquire("a", t + 50 * MS);
    assertEquals(50 * MS, l.delay("a", t + 50 * MS));
  }

  @Test
  void aBurstStartsAtOnceThenTheSteadyRateHolds() {
    RateLimiter l = new RateLimiter(new RateLimit(10, 3)); // 100 ms apart, 3 at once
    long t = 0;
    for (int i = 0; i < 3; i++) {
      assertEquals(0, l.delay("k", t), "burst " + i);
      l.acquire("k", t);
    }
    assertEquals(100 * MS, l.delay("k", t));
    t += 100 * MS;
    l.acquire("k", t);
    assertEquals(100 * MS, l.delay("k", t));
    // a long pause earns the burst back, never more
    t += 10_000 * MS;
    for (int i = 0; i < 3; i++) {
      l.acquire("k", t);
    }
    assertEquals(100 * MS, l.delay("k", t));
  }

  @Test
  void overTimeNoMoreThanTheRatePlusTheBurstStart() {
    RateLimiter l = new RateLimiter(new RateLimit(1000, 100));
    long t = 0;
    int started = 0;
    long end = 2_000 * MS;
    while (t < end) {
      long d = l.delay("all", t);
      if (d == 0) {
        l.acquire("all", t);
        started++;
      } else {
        t += d;
      }
    }
    assertEquals(100 + 1999, started, "100 at once at 0, then one a millisecond, 1 to 1,999 ms");
  }

  @Test
  void startingBeforeItsTimeIsRefused() {
    RateLimiter l = new RateLimiter(new RateLimit(1, 1));
    l.acquire("k", 0);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> l.acquire("k", 999 * MS));
    assertTrue(e.getMessage().contains("k"), e.getMessage());
  }

  @Test
  void noLimitNeverWaitsAndKeepsNothing() {
    RateLimiter l = new RateLimiter(RateLimit.NONE);
    for (int i = 0; i < 10_000; i++) {
      assertEquals(0, l.delay(i, 0));
      l.acquire(i, 0);
    }
    assertEquals(0, l.keys());
  }

  @Test
  void addressesWhoseScheduleCaughtUpAreForgotten() {
    RateLimiter l = new RateLimiter(RateLimit.PER_HOST_DEFAULT);
    long t = 0;
    for (int i = 0; i < 1_000_000; i++) {
      l.acquire(i, t); // a million addresses, one each, 1 µs apart
      t += 1_000;
    }
    // only those of the last 50 ms can still be ahead of the clock
    assertTrue(l.keys() <= 2 * 50_000 + 1024, "keys " + l.keys());
    assertEquals(0, l.delay(0, t), "a forgotten address may start at once");
  }

  @Test
  void badLimitsAreNamed() {
    assertThrows(IllegalArgumentException.class, () -> new RateLimit(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> new RateLimit(Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> new RateLimit(10, 0));
    assertEquals(new RateLimit(20, 2), RateLimit.perSecond(20));
    assertEquals(new RateLimit(5, 1), RateLimit.perSecond(5));
  }
}
