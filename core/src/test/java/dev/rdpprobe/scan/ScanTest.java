package dev.rdpprobe.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.report.ScanSummaryDocument;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan against emulators on loopback: shards, the blocklist, bad lines, pacing, the summary. */
class ScanTest {
  /** {@code HOST:PORT [COOKIE]}, probed to the Connection Confirm. */
  static ProbeSpec spec(String line) {
    int space = line.indexOf(' ');
    String text = space < 0 ? line : line.substring(0, space);
    String cookie = space < 0 ? null : line.substring(space + 1);
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("target '" + text + "' has no port");
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("target '" + text + "': port is not a number");
    }
    return ProbeSpec.builder(text.substring(0, colon))
        .port(port)
        .cookie(cookie)
        .stopAfter(Phase.X224_NEGOTIATION)
        .connectTimeout(Duration.ofSeconds(5))
        .deadline(Duration.ofSeconds(10))
        .build();
  }

  @Test
  void everyTargetOfTheShardIsProbedOnceExceptTheBlockedAndTheInvalid(@TempDir Path dir)
      throws Exception {
    try (RdpEmulator healthy = RdpEmulator.start(Scenario.HEALTHY);
        RdpEmulator resets = RdpEmulator.start(Scenario.RST_AFTER_ACCEPT);
        RdpProbe probe = RdpProbe.create()) {
      Path file = dir.resolve("targets.txt");
      List<String> lines = new ArrayList<>();
      lines.add("# a comment, then a blank line");
      lines.add("");
      for (int i = 0; i < 12; i++) {
        lines.add("127.0.0.1:" + (i % 2 == 0 ? healthy.port() : resets.port()) + "  # target");
      }
      lines.add("127.0.0.9:" + healthy.port());
      lines.add("127.0.0.1:port");
      Files.write(file, lines);
      Blocklist blocklist = Blocklist.parse(new StringReader("127.0.0.8/31\n"), "b");
      List<String> rejected = new CopyOnWriteArrayList<>();
      List<ProbeResult> results = new CopyOnWriteArrayList<>();
      List<ScanStatus> statuses = new CopyOnWriteArrayList<>();
      ScanSummary summary;
      try (TargetSource targets = TargetSource.file(file)) {
        assertEquals(14, targets.size().getAsLong());
        summary =
            Scan.builder(probe)
                .blocklist(blocklist)
                .ratePerHost(RateLimit.NONE)
                .concurrency(4)
                .status(Duration.ofMillis(5), statuses::add)
                .rejected((n, t, r) -> rejected.add(n + " " + t + ": " + r))
                .build()
                .run(targets, ScanTest::spec, results::add);
      }
      assertEquals(
          List.of("14 127.0.0.1:port: target '127.0.0.1:port': port is not a number"), rejected);
      assertEquals(12, results.size());
      ScanStatus s = summary.status();
      assertEquals(14, s.read());
      assertEquals(1, s.blocked());
      assertEquals(1, s.invalid());
      assertEquals(12, s.started());
      assertEquals(12, s.done());
      assertEquals(6, s.ok());
      assertEquals(
          Map.of(CloseKind.STOP_POINT_REACHED, 6L, CloseKind.PEER_RST, 6L), summary.closes());
      for (ProbeResult r : results) {
        assertEquals(
            r.spec().port() == healthy.port() ? CloseKind.STOP_POINT_REACHED : CloseKind.PEER_RST,
            r.closed().kind());
      }
      String json = new ScanSummaryDocument(summary).toJson();
      assertTrue(
          json.contains(
              "\"counts\":{\"read\":14,\"otherShards\":0,\"invalid\":1,\"blocked\":1,\"probed\":12,"
                  + "\"ok\":6,\"failed\":0},\"closes\":{\"PEER_RST\":6,\"STOP_POINT_REACHED\":6}}"),
          json);
      assertTrue(json.startsWith("{\"schemaVersion\":2,\"document\":\"scanSummary\""), json);
      dev.rdpprobe.testing.JsonSchemas.assertValid(json);
    }
  }

  @Test
  void shardsOnSeveralMachinesProbeEachTargetExactlyOnce(@TempDir Path dir) throws Exception {
    try (RdpEmulator healthy = RdpEmulator.start(Scenario.HEALTHY);
        RdpProbe probe = RdpProbe.create()) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        lines.add("127.0.0.1:" + healthy.port() + " t" + i + " # each target its own cookie");
      }
      Path file = dir.resolve("t.txt");
      Files.write(file, lines);
      Map<String, Integer> probed = new ConcurrentHashMap<>();
      int total = 0;
      for (int shard = 1; shard <= 3; shard++) {
        List<ProbeResult> results = Collections.synchronizedList(new ArrayList<>());
        try (TargetSource targets = TargetSource.file(file)) {
          ScanSummary summary =
              Scan.builder(probe)
                  .shard(new Shard(shard, 3, 77))
                  .ratePerHost(RateLimit.NONE)
                  .concurrency(8)
                  .build()
                  .run(targets, ScanTest::spec, results::add);
          assertEquals(40, summary.status().read());
          assertEquals(40 - results.size(), summary.status().outOfShard());
          total += results.size();
        }
        for (ProbeResult r : results) {
          assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind());
          probed.merge(r.spec().token().toString(), 1, Integer::sum);
        }
      }
      assertEquals(40, total);
      assertEquals(40, probed.size(), probed.toString());
      assertEquals(Set.of(1), new HashSet<>(probed.values()), probed.toString());
    }
  }

  @Test
  void connectionsToOneAddressArePacedAndOthersAreNot() throws Exception {
    try (RdpEmulator healthy = RdpEmulator.start(Scenario.HEALTHY);
        RdpProbe probe = RdpProbe.create()) {
      List<String> targets = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        targets.add("127.0.0.1:" + healthy.port());
      }
      ScanSummary summary =
          Scan.builder(probe)
              .ratePerHost(new RateLimit(20, 1))
              .concurrency(6)
              .build()
              .run(TargetSource.of(targets), ScanTest::spec, r -> {});
      assertEquals(6, summary.status().ok());
      // six connections at 20/s to one address span at least five intervals of 50 ms
      assertTrue(summary.elapsed().toMillis() >= 250, "elapsed " + summary.elapsed());
    }
  }

  @Test
  void anAddressWaitingForItsPacingDoesNotHoldUpTheAddressesReadAfterIt() throws Exception {
    try (RdpEmulator first = RdpEmulator.start(Scenario.HEALTHY);
        RdpEmulator second =
            RdpEmulator.builder(Scenario.HEALTHY)
                .bindAddress(InetAddress.getByName("127.0.0.2"))
                .start();
        RdpProbe probe = RdpProbe.create()) {
      List<String> targets = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        targets.add("127.0.0.1:" + first.port());
      }
      targets.add("127.0.0.2:" + second.port());
      Map<String, List<Instant>> starts = new ConcurrentHashMap<>();
      ScanSummary summary =
          Scan.builder(probe)
              .ratePerHost(new RateLimit(10, 1))
              .concurrency(9)
              .build()
              .run(
                  TargetSource.of(targets),
                  ScanTest::spec,
                  r ->
                      starts
                          .computeIfAbsent(r.spec().host(), h -> new CopyOnWriteArrayList<>())
                          .add(r.trace().header().startedAt()));
      assertEquals(9, summary.status().ok());
      // the first address's eight connections span 700 ms at 10/s; the second's does not wait
      Instant lastOfFirst = starts.get("127.0.0.1").stream().max(Instant::compareTo).orElseThrow();
      Instant second0 = starts.get("127.0.0.2").get(0);
      assertTrue(
          second0.isBefore(lastOfFirst.minusMillis(300)),
          "127.0.0.2 started at " + second0 + ", the last of 127.0.0.1 at " + lastOfFirst);
    }
  }

  @Test
  void aStoppedScanStartsNothingMoreAndEndsOnceItsProbesAreCancelled() throws Exception {
    try (RdpEmulator silent =
            RdpEmulator.builder(Scenario.ACCEPT_THEN_SILENCE)
                .idleTimeout(Duration.ofMinutes(1))
                .start();
        RdpProbe probe = RdpProbe.create()) {
      List<String> targets = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        targets.add("127.0.0.1:" + silent.port());
      }
      java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
      Scan scan =
          Scan.builder(probe)
              .ratePerHost(RateLimit.NONE)
              .concurrency(4)
              .status(
                  Duration.ofMillis(10),
                  s -> {
                    if (s.started() == 4) {
                      started.countDown();
                    }
                  })
              .build();
      Thread stopper =
          new Thread(
              () -> {
                try {
                  started.await();
                } catch (InterruptedException e) {
                  return;
                }
                scan.stop();
                probe.cancelAll("stopped by the test");
              });
      stopper.start();
      List<ProbeResult> results = new CopyOnWriteArrayList<>();
      ScanSummary summary = scan.run(TargetSource.of(targets), ScanTest::spec, results::add);
      stopper.join();
      assertTrue(summary.stopped());
      assertEquals(4, summary.status().started(), summary.toString());
      assertEquals(Map.of(CloseKind.CANCELLED, 4L), summary.closes());
      assertEquals(4, results.size());
      assertTrue(new ScanSummaryDocument(summary).toJson().contains("\"stopped\":true"));
    }
  }

  @Test
  void aShardOfAStreamOfUnknownLengthIsRefused() throws Exception {
    try (RdpProbe probe = RdpProbe.create()) {
      Scan scan = Scan.builder(probe).shard(new Shard(1, 2, 0)).build();
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  scan.run(
                      TargetSource.lines(new StringReader("127.0.0.1:1\n")),
                      ScanTest::spec,
                      r -> {}));
      assertEquals("shard 1/2 needs the number of targets: read them from a file", e.getMessage());
    }
  }

  @Test
  void targetFilesSkipCommentsAndBlanksAndCutLongLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.txt");
    Files.writeString(
        file, "a:1\r\n# only a comment\r\n\r\n  b:2  # two\rc:3\n" + "x".repeat(5000) + "\nd:4");
    List<String> got = new ArrayList<>();
    try (TargetSource t = TargetSource.file(file)) {
      assertEquals(5, t.size().getAsLong());
      String s;
      while ((s = t.next()) != null) {
        got.add(s.length() > 20 ? "long " + s.length() : s);
      }
    }
    assertEquals(List.of("a:1", "b:2", "c:3", "long " + (TargetSource.MAX_LINE + 1), "d:4"), got);
    Set<String> concat = new HashSet<>();
    try (TargetSource t =
        TargetSource.concat(
            List.of(
                TargetSource.of(List.of("e:5")), TargetSource.lines(new StringReader("f:6"))))) {
      assertTrue(t.size().isEmpty());
      String s;
      while ((s = t.next()) != null) {
        concat.add(s);
      }
    }
    assertEquals(Set.of("e:5", "f:6"), concat);
  }
}
