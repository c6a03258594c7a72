package dev.rdpprobe.scan;

import dev.rdpprobe.trace.CloseKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a scan did, once it has ended: its settings, its final counts and how the probes ended. The
 * report package writes it as a JSON document ({@code ScanSummaryDocument}).
 *
 * @param shard the part of the targets this scan took
 * @param rate the limit of new connections in all
 * @param ratePerHost the limit of new connections to one address
 * @param blocklistEntries the number of addresses and ranges the blocklist held
 * @param started when the scan began
 * @param status the final counts (every probe started has finished)
 * @param closes the probes by how their connection ended, in {@link CloseKind}'s order
 * @param failed probes that ended with no result (the probe was closed under them)
 */
public record ScanSummary(
    Shard shard,
    RateLimit rate,
    RateLimit ratePerHost,
    int blocklistEntries,
    Instant started,
    ScanStatus status,
    Map<CloseKind, Long> closes,
    long failed) {
  public ScanSummary {
    Objects.requireNonNull(shard, "shard");
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(ratePerHost, "ratePerHost");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(status, "status");
    EnumMap<CloseKind, Long> ordered = new EnumMap<>(CloseKind.class);
    ordered.putAll(closes);
    closes = Collections.unmodifiableMap(ordered);
  }

  /** How long the scan took. */
  public Duration elapsed() {
    return status.elapsed();
  }
}
