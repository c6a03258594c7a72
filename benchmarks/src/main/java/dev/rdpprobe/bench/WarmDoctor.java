package dev.rdpprobe.bench;

import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.doctor.Doctor;
import dev.rdpprobe.doctor.DoctorReport;
import dev.rdpprobe.doctor.DoctorSpec;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The library's doctor, warm: one process examines {@code HOST:PORT} {@code warmups + runs} times
 * and prints the median wall time of the last {@code runs} and this process's CPU time per
 * examination over them, in milliseconds, on one line (and the follow-ups of the last report on
 * stderr), for {@code benchmarks/scripts/doctor-vs-nmap.sh}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.rdpprobe.bench.WarmDoctor HOST PORT [RUNS] [WARMUPS]
 * [CONNECTIONS_AT_ONCE]}
 */
public final class WarmDoctor {
  private WarmDoctor() {}

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int warmups = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    int atOnce =
        args.length > 4 ? Integer.parseInt(args[4]) : DoctorSpec.DEFAULT_MAX_CONCURRENT_CONNECTIONS;
    com.sun.management.OperatingSystemMXBean cpu =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (RdpProbe probe = RdpProbe.create()) {
      Doctor doctor = Doctor.create(probe);
      DoctorSpec spec =
          DoctorSpec.builder(host).port(port).maxConcurrentConnections(atOnce).build();
      double[] ms = new double[runs];
      DoctorReport last = null;
      long cpuStart = 0;
      for (int i = 0; i < warmups + runs; i++) {
        if (i == warmups) {
          cpuStart = cpu.getProcessCpuTime();
        }
        long start = System.nanoTime();
        last = doctor.examine(spec).get(5, TimeUnit.MINUTES);
        if (i >= warmups) {
          ms[i - warmups] = (System.nanoTime() - start) / 1e6;
        }
      }
      double cpuMs = (cpu.getProcessCpuTime() - cpuStart) / 1e6 / runs;
      Arrays.sort(ms);
      System.out.printf("%.1f %.1f%n", ms[runs / 2], cpuMs);
      System.err.println("follow-ups of the last run: " + last.followUps().size());
    }
  }
}
