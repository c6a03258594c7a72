package dev.rdpprobe.bench;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.fuzz.ServerFuzzer;
import dev.rdpprobe.trace.Phase;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fuzzing cases per second against the emulator on loopback: a campaign of {@link #CASES} cases at
 * the X.224 phase (no TLS) and at the MCS Connect Initial (after a TLS handshake per case), each
 * case a fresh connection, a health check after every 100 cases. The score is cases per second
 * (ops/s). The emulator and the fuzzer share the machine, as a fuzzer and a local target do.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FuzzThroughputBenchmark}; {@code -p
 * parallel=1} measures one case at a time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@State(Scope.Benchmark)
public class FuzzThroughputBenchmark {
  /** Cases per campaign (one benchmark invocation). */
  static final int CASES = 200;

  /** Cases in flight at once. */
  @Param({"8", "16"})
  int parallel;

  /** The probe's idle timeout: how long a server's silence is waited for. */
  @Param({"50"})
  int idleMs;

  private RdpEmulator emulator;
  private ServerFuzzer x224;
  private ServerFuzzer basicSettings;

  @Setup(Level.Trial)
  public void start() throws IOException {
    emulator =
        RdpEmulator.builder(Scenario.HEALTHY)
            .maxConnections(1024, 1024)
            .idleTimeout(Duration.ofSeconds(5))
            .start();
    ProbeSpec base =
        ProbeSpec.builder("127.0.0.1")
            .port(emulator.port())
            .idleTimeout(Duration.ofMillis(idleMs))
            .deadline(Duration.ofSeconds(5))
            .build();
    x224 = ServerFuzzer.create(spec(base, Phase.X224_NEGOTIATION));
    basicSettings = ServerFuzzer.create(spec(base, Phase.BASIC_SETTINGS));
  }

  private ServerFuzzer.Spec spec(ProbeSpec base, Phase phase) {
    return ServerFuzzer.Spec.of(base, phase, CASES, 1)
        .rate(0)
        .parallel(parallel)
        .healthEvery(100)
        .keepGoing(true)
        .deadline(Duration.ofMinutes(5));
  }

  @TearDown(Level.Trial)
  public void stop() {
    x224.close();
    basicSettings.close();
    emulator.close();
  }

  /** Cases at the X.224 Connection Request. */
  @Benchmark
  @OperationsPerInvocation(CASES)
  public int x224ConnectionRequest() {
    return x224.run(c -> {}).cases().size();
  }

  /** Cases at the MCS Connect Initial, after a TLS handshake each. */
  @Benchmark
  @OperationsPerInvocation(CASES)
  public int mcsConnectInitialAfterTls() {
    return basicSettings.run(c -> {}).cases().size();
  }
}
