package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.wire.Octets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rdp-probe serve} in a small heap under clients that flood it once TLS is selected (the
 * records a server ignores or waits on), with bytes that break the framing, or with nothing at all:
 * each such client is closed by the emulator, its peak resident memory (read from {@code /proc}
 * while the flood runs) is printed and bounded, and a normal probe is still served after each.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ServeUnderFloodIT {
  /** X.224 Connection Request offering SSL only. */
  private static final byte[] CR_SSL =
      Octets.fromHex("03 00 00 13 0e e0 00 00 00 00 00 01 00 08 00 01 00 00 00").toByteArray();

  /** The heap the emulator gets: a flooding client must not need more. */
  private static final String HEAP = "-Xmx64m";

  /** The resident memory a 64 MB heap leaves room for (JIT, metaspace, Netty, thread stacks). */
  private static final long MAX_RSS_KB = 400 * 1024;

  /** How long a client floods at most; the emulator should close it well before. */
  private static final long FLOOD_SECONDS = 15;

  @TempDir Path dir;

  @Test
  void everyFloodingClientIsClosedInBoundedMemoryAndOthersAreStillServed() throws Exception {
    // after the Connection Confirm: TLS records a server ignores or waits on, as fast as TCP takes
    Map<String, String> floods = new LinkedHashMap<>();
    floods.put("warning alerts", "15 03 03 00 02 01 5a");
    floods.put("change-cipher-spec records", "14 03 03 00 01 01");
    floods.put("one-byte handshake records", "16 03 03 00 01 01");
    floods.put("heartbeat-like noise", "18 03 03 00 03 01 00 00");
    floods.put("empty application data", "17 03 03 00 00");
    Path out = dir.resolve("serve.out");
    Path err = dir.resolve("serve.err");
    Process serve =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-jar",
                CliProcess.jar().toAbsolutePath().toString(),
                "serve",
                "--scenario",
                "healthy",
                "--port",
                "0",
                "--client-idle-timeout",
                "2000")
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try (RdpProbe probe = RdpProbe.create()) {
      int port = CliProcess.listeningPort(out, serve);
      for (Map.Entry<String, String> f : floods.entrySet()) {
        byte[] record = Octets.fromHex(f.getValue()).toByteArray();
        Flooded r = flood(serve, port, true, repeat(record, 4096));
        report("a flood of " + f.getKey(), r);
        assertStillServes(probe, port, serve, f.getKey());
      }
      // bytes that break the framing from the first byte on
      Flooded junk = flood(serve, port, false, new byte[64 << 10]);
      report("64 KB writes of zeros (no TPKT)", junk);
      assertStillServes(probe, port, serve, "zeros");
      // a client that says nothing after its Connection Request
      Flooded idle = flood(serve, port, true, new byte[0]);
      report("an idle client", idle);
      assertStillServes(probe, port, serve, "idle");
    } finally {
      serve.destroy();
      if (!serve.waitFor(10, TimeUnit.SECONDS)) {
        serve.destroyForcibly();
      }
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertTrue(!stderr.contains("OutOfMemoryError"), stderr);
  }

  /**
   * How a flood ended: after how long the emulator closed the client, and the peak RSS meanwhile.
   */
  private record Flooded(boolean closed, long millis, long peakKb) {}

  /**
   * Connects, sends the Connection Request and reads the Confirm when {@code negotiate}, then
   * writes {@code burst} over and over (nothing, when empty) until the emulator closes the
   * connection or {@link #FLOOD_SECONDS} pass, sampling the emulator's resident memory as it goes.
   */
  private static Flooded flood(Process serve, int port, boolean negotiate, byte[] burst)
      throws Exception {
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(FLOOD_SECONDS);
    long[] peak = {CliProcess.residentKb(serve.pid())};
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], CliProcess.residentKb(serve.pid()));
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.start();
    boolean closed = false;
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(FLOOD_SECONDS));
      OutputStream o = s.getOutputStream();
      InputStream in = s.getInputStream();
      if (negotiate) {
        o.write(CR_SSL);
        in.readNBytes(19);
      }
      try {
        if (burst.length == 0) {
          closed = in.read() < 0; // the emulator's FIN at its idle timeout
        } else {
          while (System.nanoTime() < end) {
            o.write(burst);
          }
        }
      } catch (IOException e) {
        closed = true; // reset or closed under our writes
      }
    } finally {
      sampler.interrupt();
      sampler.join();
    }
    return new Flooded(closed, (System.nanoTime() - start) / 1_000_000, peak[0]);
  }

  private static void report(String what, Flooded r) {
    System.out.printf(
        "emulator under %s: %s after %d ms, peak RSS %d MB with %s%n",
        what, r.closed() ? "client closed" : "still open", r.millis(), r.peakKb() / 1024, HEAP);
    assertTrue(r.closed(), what + ": the emulator did not close the client in " + FLOOD_SECONDS);
    assertTrue(r.peakKb() < MAX_RSS_KB, what + ": peak RSS " + r.peakKb() / 1024 + " MB");
  }

  private static void assertStillServes(RdpProbe probe, int port, Process serve, String after) {
    assertTrue(serve.isAlive(), "serve exited after " + after);
    ProbeResult r =
        probe
            .probe(
                ProbeSpec.builder("127.0.0.1").port(port).deadline(Duration.ofSeconds(20)).build())
            .orTimeout(30, TimeUnit.SECONDS)
            .join();
    assertTrue(r.reachedStopPoint(), "after " + after + ": " + r.closed());
  }

  private static byte[] repeat(byte[] record, int times) {
    byte[] burst = new byte[record.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(record, 0, burst, i * record.length, record.length);
    }
    return burst;
  }
}
