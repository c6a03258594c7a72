package dev.rdpprobe.cli;

import dev.rdpprobe.scan.RateLimit;
import dev.rdpprobe.scan.Shard;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of a scan: any of them makes the probe command read its targets one at a time and
 * pace, shard and filter them ({@link ScanRun}).
 */
final class ScanOptions {
  @Option(
      names = "--shard",
      paramLabel = "N/M",
      description =
          "Probe only part N of M of the targets (from 1): the same seeded permutation of the"
              + " targets on every machine, so M machines with the same list and seed probe each"
              + " target once.")
  String shard;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "The key of the shards' permutation (default: 0).")
  Long seed;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "At most N new connections per second in all; 0: no limit (default: 1000).")
  Double rate;

  @Option(
      names = "--rate-per-host",
      paramLabel = "N",
      description =
          "At most N new connections per second to one address; 0: no limit (default: 20).")
  Double ratePerHost;

  @Option(
      names = "--blocklist",
      paramLabel = "FILE",
      description =
          "Never connect to the addresses and CIDR ranges in FILE (IPv4 and IPv6, one a line,"
              + " # starts a comment); names are resolved first to check them.")
  Path blocklist;

  @Option(
      names = "--status-every",
      paramLabel = "SECONDS",
      description = "Print the scan's counts on stderr every SECONDS; 0: never (default: 10).")
  Double statusEvery;

  @Option(
      names = "--summary",
      paramLabel = "FILE",
      description = "Write the scan's summary to FILE as a JSON document.")
  Path summary;

  /** Whether any scan option was given. */
  boolean requested() {
    return shard != null
        || seed != null
        || rate != null
        || ratePerHost != null
        || blocklist != null
        || statusEvery != null
        || summary != null;
  }

  Shard shard() {
    long s = seed == null ? 0 : seed;
    return shard == null ? new Shard(1, 1, s) : Shard.parse(shard, s);
  }

  RateLimit rate() {
    return rate == null ? RateLimit.GLOBAL_DEFAULT : RateLimit.perSecond(check(rate, "--rate"));
  }

  RateLimit ratePerHost() {
    return ratePerHost == null
        ? RateLimit.PER_HOST_DEFAULT
        : new RateLimit(check(ratePerHost, "--rate-per-host"), 1);
  }

  /** How often to print the counts, or {@code null} for never. */
  Duration statusEvery() {
    double s = statusEvery == null ? 10 : check(statusEvery, "--status-every");
    return s == 0 ? null : Duration.ofNanos(Math.max(1_000_000, (long) (s * 1e9)));
  }

  private static double check(double value, String option) {
    if (!(value >= 0) || value > 1e9) {
      throw new IllegalArgumentException(option + " " + value + " is outside 0..1e9");
    }
    return value;
  }
}
