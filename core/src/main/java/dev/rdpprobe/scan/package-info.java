/**
 * Probing many targets as a scanner does, in constant memory: a {@link dev.rdpprobe.scan.Shard} of
 * them (a keyed permutation of their indices, the same on every machine, as ZMap and masscan split
 * a scan), none on a {@link dev.rdpprobe.scan.Blocklist}, new connections paced in all and per
 * address by a {@link dev.rdpprobe.scan.RateLimiter}, status reports while it runs and a {@link
 * dev.rdpprobe.scan.ScanSummary} at the end. {@link dev.rdpprobe.scan.Scan} drives an {@link
 * dev.rdpprobe.RdpProbe}; the report package writes the summary as a JSON document.
 */
package dev.rdpprobe.scan;
