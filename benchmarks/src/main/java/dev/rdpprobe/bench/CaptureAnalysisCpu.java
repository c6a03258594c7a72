package dev.rdpprobe.bench;

import dev.rdpprobe.capture.CaptureAnalysis;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The analysis of {@link CaptureAnalysisBenchmark} in a warm JVM, timed both by the wall clock and
 * by the process's CPU time (every thread: the analysis, the garbage collector, the compiler). On a
 * machine shared with other work the wall-clock figure follows their load; MB per CPU-second is the
 * one to set beside {@code tshark}'s own CPU time. Half the time warms up, the other half counts.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.rdpprobe.bench.CaptureAnalysisCpu FILE [SECONDS]}
 * (default 20 seconds).
 */
public final class CaptureAnalysisCpu {
  private CaptureAnalysisCpu() {}

  public static void main(String[] args) throws Exception {
    byte[] file = Files.readAllBytes(Path.of(args[0]));
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long warmEnd = System.nanoTime() + seconds * 500_000_000L;
    long packets = 0;
    while (System.nanoTime() < warmEnd) {
      packets = analyze(file).packets();
    }
    long wall0 = System.nanoTime();
    long cpu0 = os.getProcessCpuTime();
    long end = wall0 + seconds * 500_000_000L;
    int ops = 0;
    do {
      analyze(file);
      ops++;
    } while (System.nanoTime() < end);
    double wall = (System.nanoTime() - wall0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    double mb = file.length / 1e6;
    System.out.printf(
        "warm analysis: %d runs of %.1f MB (%d packets) in %.1f s wall, %.1f s CPU%n",
        ops, mb, packets, wall, cpu);
    System.out.printf(
        "warm analysis: %.1f MB/s wall, %.1f MB per CPU-second, %.0f packets per CPU-second%n",
        mb * ops / wall, mb * ops / cpu, (double) packets * ops / cpu);
  }

  private static CaptureAnalysis.Result analyze(byte[] file) throws java.io.IOException {
    return CaptureAnalysis.analyze(
        new ByteArrayInputStream(file), CaptureAnalysis.Options.DEFAULTS);
  }
}
