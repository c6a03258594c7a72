package dev.rdpprobe.cli;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdp-probe probe HOST[:PORT]...}, the default command. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = "Walk RDP servers through the connection sequence and show how it ends.")
final class ProbeCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "HOST[:PORT]", description = "Servers to probe.")
  List<String> targets;

  @Option(
      names = {"-p", "--port"},
      description = "Port for targets without one (default: ${DEFAULT-VALUE}).")
  int port = ProbeSpec.DEFAULT_PORT;

  @Option(
      names = "--protocols",
      paramLabel = "LIST",
      description =
          "Protocols to offer, e.g. ssl|hybrid|hybrid_ex (default: ssl|hybrid|hybrid_ex); rdp"
              + " offers Standard RDP Security only.")
  String protocols;

  @Option(names = "--cookie", paramLabel = "NAME", description = "Send Cookie: mstshash=NAME.")
  String cookie;

  @Option(
      names = "--connect-timeout",
      paramLabel = "MS",
      description = "TCP connect timeout in ms (default: ${DEFAULT-VALUE}).")
  long connectTimeoutMs = 10_000;

  @Option(
      names = "--idle-timeout",
      paramLabel = "MS",
      description = "How long the server may stay silent, in ms (default: ${DEFAULT-VALUE}).")
  long idleTimeoutMs = 10_000;

  @Option(
      names = "--deadline",
      paramLabel = "MS",
      description = "Deadline of one probe in ms (default: ${DEFAULT-VALUE}).")
  long deadlineMs = 30_000;

  @Option(
      names = "--stop-after",
      paramLabel = "PHASE",
      description = "Stop after this phase: ${COMPLETION-CANDIDATES}.")
  Phase stopAfter;

  @Option(
      names = "--json",
      description = "Print one JSON document per target (JSON Lines), instead of text.")
  boolean json;

  @Override
  public Integer call() {
    List<ProbeSpec> specs = targets.stream().map(this::spec).toList();
    boolean allOk = true;
    TextReport report = new TextReport(System.out);
    try (RdpProbe probe = RdpProbe.create()) {
      for (ProbeSpec spec : specs) {
        ProbeResult result = probe.probe(spec).join();
        if (json) {
          System.out.println(JsonReport.line(result));
        } else {
          report.print(result);
        }
        allOk &= result.reachedStopPoint();
      }
    }
    return allOk ? Main.EXIT_OK : Main.EXIT_FAILED;
  }

  private ProbeSpec spec(String text) {
    Target t = Target.parse(text);
    ProbeSpec.Builder b =
        ProbeSpec.builder(t.host())
            .port(t.port() < 0 ? port : t.port())
            .connectTimeout(Duration.ofMillis(connectTimeoutMs))
            .idleTimeout(Duration.ofMillis(idleTimeoutMs))
            .deadline(Duration.ofMillis(deadlineMs))
            .cookie(cookie);
    if (protocols != null) {
      b.requestedProtocols(SecurityProtocols.parse(protocols));
    }
    if (stopAfter != null) {
      b.stopAfter(stopAfter);
    }
    return b.build();
  }
}
