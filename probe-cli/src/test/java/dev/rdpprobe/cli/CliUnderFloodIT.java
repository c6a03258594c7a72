package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.testing.LoopbackPeer;
import dev.rdpprobe.wire.Limits;
import dev.rdpprobe.wire.Octets;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI in a small heap against servers that flood it with TLS records that lead nowhere once TLS
 * is selected: the process ends within its deadline with a document, however fast the flood, and
 * its peak resident memory (read from {@code /proc} while it runs) is printed and bounded.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CliUnderFloodIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Connection Confirm selecting SSL. */
  private static final byte[] CC_SSL =
      Octets.fromHex("03 00 00 13 0e d0 00 00 12 34 00 02 1f 08 00 01 00 00 00").toByteArray();

  /** The heap the CLI gets: a flood must not need more. */
  private static final String HEAP = "-Xmx48m";

  /** The resident memory a 48 MB heap leaves room for (JIT, metaspace, Netty, thread stacks). */
  private static final long MAX_RSS_KB = 400 * 1024;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "16 03 03 00 04 00 00 00 00", // HelloRequests
        "15 03 03 00 02 01 5a", // warning alerts
        "16 03 03 00 01 00" // one-byte handshake records
      })
  void aFloodEndsWithinTheDeadlineInASmallHeap(String recordHex) throws Exception {
    byte[] record = Octets.fromHex(recordHex).toByteArray();
    byte[] burst = new byte[record.length * 4096];
    for (int i = 0; i < 4096; i++) {
      System.arraycopy(record, 0, burst, i * record.length, record.length);
    }
    try (LoopbackPeer peer =
        LoopbackPeer.start(
            s -> {
              LoopbackPeer.readTpkt(s);
              OutputStream out = s.getOutputStream();
              out.write(CC_SSL);
              long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
              try {
                while (System.nanoTime() < end) {
                  out.write(burst);
                }
              } catch (SocketException closed) {
                // the probe closed: the flood is over
              }
            })) {
      Path out = dir.resolve("out.json");
      Path err = dir.resolve("err.txt");
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  HEAP,
                  "-jar",
                  CliProcess.jar().toAbsolutePath().toString(),
                  "--json",
                  "--deadline",
                  "8000",
                  "127.0.0.1:" + peer.port())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      long start = System.nanoTime();
      long peakKb = 0;
      while (p.isAlive() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(40)) {
        peakKb = Math.max(peakKb, CliProcess.residentKb(p.pid()));
        Thread.sleep(50);
      }
      if (p.isAlive()) {
        p.destroyForcibly();
        fail("the CLI did not end in 40 s under a flood of " + recordHex);
      }
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      assertFalse(stdout.isBlank(), "no document; stderr:\n" + stderr);
      JsonNode doc = JSON.readTree(stdout);
      assertTrue(doc.get("events").size() <= Limits.TRACE_EVENTS + 2, "events not capped");
      assertFalse(stderr.contains("OutOfMemoryError"), stderr);
      System.out.printf(
          "flood of %s: %s after %d ms, peak RSS %d MB with %s%n",
          recordHex, doc.at("/close/kind").asText(), tookMs, peakKb / 1024, HEAP);
      assertTrue(tookMs < 20_000, "took " + tookMs + " ms with an 8 s deadline");
      assertTrue(peakKb < MAX_RSS_KB, "peak RSS " + peakKb / 1024 + " MB");
    }
  }
}
