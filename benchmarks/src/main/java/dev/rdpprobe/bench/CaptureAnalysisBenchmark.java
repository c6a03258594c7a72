package dev.rdpprobe.bench;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.capture.CaptureAnalysis;
import dev.rdpprobe.capture.ProbePcap;
import dev.rdpprobe.capture.WireTap;
import dev.rdpprobe.connect.ConnectorFactory;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.Trace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading, reassembling and dissecting a multi-megabyte pcapng file of RDP connections: {@link
 * CaptureAnalysis#analyze} from bytes in memory, diagnosis included. The file is the probe's own
 * capture ({@code ProbeSpec.pcap}) of real connections to the emulator (TLS 1.3, TLS 1.2, an
 * RDP_NEG_FAILURE), each written {@code flows / 3} times with other client ports. One operation is
 * one whole file: MB/s is the score times the file's size, printed at setup with its packet count.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CaptureAnalysisBenchmark}, or {@code
 * benchmarks/capture-vs-tshark.sh} for the same file side by side with {@code tshark -r}. With
 * {@code -Dcapture.out=FILE} (passed to the fork with {@code -jvmArgsAppend}) the file is also
 * written there.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class CaptureAnalysisBenchmark {
  @Param("1500")
  int flows;

  byte[] file;

  /** One recorded connection: its trace, wire and key log. */
  private record Recorded(Trace trace, List<WireTap.Chunk> chunks, List<String> keyLog) {}

  @Setup
  public void record() throws IOException {
    List<Recorded> recorded = new ArrayList<>();
    WireTap[] tap = {null};
    ConnectorFactory tapped =
        (config, trace) -> tap[0] = new WireTap(ConnectorFactory.DEFAULT.create(config, trace));
    try (RdpProbe probe = RdpProbe.builder().connectorFactory(tapped).build()) {
      record(probe, Scenario.HEALTHY, TlsOffer.windowsDefault(), tap, recorded);
      record(probe, Scenario.HEALTHY, TlsOffer.only(TlsVersion.TLS_1_2), tap, recorded);
      record(
          probe,
          Scenario.parse("neg-failure-hybrid-required-by-server"),
          TlsOffer.windowsDefault(),
          tap,
          recorded);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ProbePcap pcap = ProbePcap.create(out, ProbePcap.RDP_PORT)) {
      for (int i = 0; i < flows; i++) {
        Recorded r = recorded.get(i % recorded.size());
        String client =
            "10." + (i >> 16 & 0xFF) + "." + (i >> 8 & 0xFF) + "." + (i & 0xFF) + ":50000";
        Trace t =
            new Trace(
                r.trace().header().withEndpoints(client, "10.255.0.1:3389"), r.trace().events());
        pcap.write(t, r.chunks(), r.keyLog(), 0);
      }
    }
    file = out.toByteArray();
    CaptureAnalysis.Result check = analyze();
    if (check.flows().size() != flows) {
      throw new IllegalStateException("the file holds " + check.flows().size() + " RDP flows");
    }
    System.out.printf(
        "%ncapture: %d bytes, %d packets, %d RDP connections%n",
        file.length, check.packets(), check.flows().size());
    String path = System.getProperty("capture.out");
    if (path != null) {
      Files.write(Path.of(path), file);
    }
  }

  private static void record(
      RdpProbe probe, Scenario scenario, TlsOffer offer, WireTap[] tap, List<Recorded> out)
      throws IOException {
    try (RdpEmulator emulator = RdpEmulator.start(scenario)) {
      ProbeResult r =
          probe
              .probe(
                  ProbeSpec.builder("127.0.0.1")
                      .port(emulator.port())
                      .tlsOffer(offer)
                      .keyLog(true)
                      .build())
              .join();
      out.add(new Recorded(r.trace(), tap[0].chunks(), r.keyLog()));
    }
  }

  @Benchmark
  public CaptureAnalysis.Result analyze() throws IOException {
    return CaptureAnalysis.analyze(
        new ByteArrayInputStream(file), CaptureAnalysis.Options.DEFAULTS);
  }
}
