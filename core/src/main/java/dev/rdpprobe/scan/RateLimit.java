package dev.rdpprobe.scan;

/**
 * How many new connections may start per second, and how many may start at once after a pause.
 *
 * @param perSecond new connections per second; {@code 0} means no limit
 * @param burst how many may start back to back after a pause, at least 1
 */
public record RateLimit(double perSecond, int burst) {
  /** No limit. */
  public static final RateLimit NONE = new RateLimit(0, 1);

  /** As polite as zgrab2's default: 20 new connections per second to one address, no burst. */
  public static final RateLimit PER_HOST_DEFAULT = new RateLimit(20, 1);

  /** 1,000 new connections per second in all, up to 100 at once after a pause. */
  public static final RateLimit GLOBAL_DEFAULT = new RateLimit(1000, 100);

  public RateLimit {
    if (!(perSecond >= 0) || perSecond > 1e9) {
      throw new IllegalArgumentException("rate " + perSecond + " is outside 0..1e9 per second");
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst " + burst + " is not positive");
    }
  }

  /** {@code perSecond} new connections per second, with a burst of a tenth of a second's worth. */
  public static RateLimit perSecond(double perSecond) {
    return new RateLimit(perSecond, (int) Math.max(1, Math.min(1_000_000, perSecond / 10)));
  }

  /** Whether this limits anything. */
  public boolean limited() {
    return perSecond > 0;
  }

  /** The time between two connections at the steady rate, in nanoseconds. */
  long intervalNanos() {
    return limited() ? Math.max(1, Math.round(1e9 / perSecond)) : 0;
  }
}
