package dev.rdpprobe.scan;

import java.time.Duration;

/**
 * A scan's counts at one moment, for a periodic status line.
 *
 * @param elapsed time since the scan began
 * @param read targets read from the source so far
 * @param outOfShard targets read that belong to another shard
 * @param invalid targets that are not a target (a bad port, a line too long)
 * @param blocked targets whose address is on the blocklist
 * @param started probes started
 * @param done probes finished
 * @param ok finished probes that got as far as they were asked to
 */
public record ScanStatus(
    Duration elapsed,
    long read,
    long outOfShard,
    long invalid,
    long blocked,
    long started,
    long done,
    long ok) {

  /** Probes started and not yet finished. */
  public long inFlight() {
    return started - done;
  }

  /** Probes started per second since the scan began. */
  public double startedPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : started / s;
  }

  /** One line: {@code 0:42 read 1200 started 900 done 880 (ok 700) in flight 20 ...}. */
  public String line() {
    long s = elapsed.toSeconds();
    return String.format(
        java.util.Locale.ROOT,
        "%d:%02d:%02d read %d, started %d (%.1f/s), done %d (ok %d), in flight %d, other shards"
            + " %d, blocked %d, invalid %d",
        s / 3600,
        s / 60 % 60,
        s % 60,
        read,
        started,
        startedPerSecond(),
        done,
        ok,
        inFlight(),
        outOfShard,
        blocked,
        invalid);
  }
}
