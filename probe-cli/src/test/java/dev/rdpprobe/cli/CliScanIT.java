package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.scan.Shard;
import java.io.BufferedWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan of a million targets in a 64 MB heap: the file is streamed, one shard of it probed (to
 * closed ports on loopback addresses), the blocklist kept, the summary written.
 */
class CliScanIT {
  private static final int TARGETS = 1_000_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Target {@code i}: 127.a.b.c, one address each. */
  private static String address(int i) {
    return "127." + ((i >> 16) & 0xFF) + "." + ((i >> 8) & 0xFF) + "." + (i & 0xFF);
  }

  @Test
  void aMillionTargetsAreStreamedInA64MbHeapAndOneShardIsProbed(@TempDir Path dir)
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: every connection to it is refused
    }
    Path targets = dir.resolve("targets.txt");
    try (BufferedWriter w = Files.newBufferedWriter(targets, StandardCharsets.UTF_8)) {
      w.write("# a million loopback addresses, a closed port\n");
      for (int i = 0; i < TARGETS; i++) {
        w.write(address(i));
        w.write(':');
        w.write(Integer.toString(port));
        w.write('\n');
      }
    }
    Path blocklist = dir.resolve("block.txt");
    Files.writeString(blocklist, "# the second /16 of the list\n127.1.0.0/16\n::1\n");
    Path summary = dir.resolve("summary.json");

    CliProcess.Result r =
        CliProcess.exec(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:+ExitOnOutOfMemoryError",
                "-jar",
                CliProcess.jar().toAbsolutePath().toString(),
                "-iL",
                targets.toString(),
                "--shard",
                "3/1000",
                "--seed",
                "7",
                "--rate",
                "0",
                "--rate-per-host",
                "0",
                "--blocklist",
                blocklist.toString(),
                "--status-every",
                "1",
                "--summary",
                summary.toString(),
                "-c",
                "64",
                "--json"),
            dir,
            Map.of());

    Set<String> expected = new HashSet<>();
    int blocked = 0;
    Shard.Selector shard = new Shard(3, 1000, 7).selector(TARGETS);
    for (int i = 0; i < TARGETS; i++) {
      if (shard.contains(i)) {
        if (((i >> 16) & 0xFF) == 1) {
          blocked++;
        } else {
          expected.add(address(i));
        }
      }
    }
    assertEquals(1, r.exitCode(), r.err()); // every probe refused: none reached its stop point
    Set<String> probed = new HashSet<>();
    for (String line : r.out().split("\n")) {
      JsonNode doc = JSON.readTree(line);
      assertEquals("CONNECT_REFUSED", doc.at("/close/kind").asText(), line);
      assertTrue(probed.add(doc.at("/target/host").asText()), "twice: " + line);
    }
    assertEquals(expected, probed);
    JsonNode s = JSON.readTree(Files.readString(summary));
    assertEquals("scanSummary", s.get("document").asText());
    assertEquals(TARGETS, s.at("/counts/read").asLong());
    assertEquals(TARGETS - 1000, s.at("/counts/otherShards").asLong());
    assertEquals(blocked, s.at("/counts/blocked").asLong());
    assertEquals(expected.size(), s.at("/counts/probed").asLong());
    assertEquals(expected.size(), s.at("/closes/CONNECT_REFUSED").asLong());
    assertEquals(2, s.at("/limits/blocklistEntries").asInt());
    assertTrue(r.err().contains("rdp-probe: scan done in "), r.err());
    // the status line's form (a periodic one comes only when the scan takes over a second)
    assertTrue(
        r.err()
            .lines()
            .anyMatch(l -> l.matches("rdp-probe: (scan done in )?0:00:0\\d read \\d+, .*")),
        r.err());
  }

  @Test
  void aBadBlocklistLineIsAUsageErrorNamingTheLine(@TempDir Path dir) throws Exception {
    Path blocklist = dir.resolve("block.txt");
    Files.writeString(blocklist, "10.0.0.0/8\n\n10.0.0.0/40\n");
    CliProcess.Result r = CliProcess.run("--blocklist", blocklist.toString(), "127.0.0.1:1");
    assertEquals(2, r.exitCode(), r.toString());
    assertEquals(
        "rdp-probe: blocklist " + blocklist + ", line 3: prefix length '40' is not 0 to 32\n",
        r.err());
    CliProcess.Result shard = CliProcess.run("--shard", "4/3", "127.0.0.1:1");
    assertEquals(2, shard.exitCode(), shard.toString());
    assertEquals("rdp-probe: shard '4/3': N must be 1 to M, and M at least 1\n", shard.err());
  }
}
