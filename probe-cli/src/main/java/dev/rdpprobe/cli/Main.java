package dev.rdpprobe.cli;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code rdp-probe} command. */
@Command(
    name = "rdp-probe",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Walks an RDP server through the connection sequence and shows how it ends.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every target reached the stop point",
      "1:some target failed",
      "2:usage error"
    })
public final class Main implements Callable<Integer> {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

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

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setParameterExceptionHandler(
        (ex, a) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("rdp-probe: " + ex.getMessage());
          err.println("Try 'rdp-probe --help'.");
          return EXIT_USAGE;
        });
    cmd.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (ex instanceof IllegalArgumentException) {
            c.getErr().println("rdp-probe: " + ex.getMessage());
            return EXIT_USAGE;
          }
          c.getErr().println("rdp-probe: internal error: " + ex);
          return EXIT_FAILED;
        });
    return cmd.execute(args);
  }

  @Override
  public Integer call() {
    List<ProbeSpec> specs = targets.stream().map(this::spec).toList();
    boolean allOk = true;
    TextReport report = new TextReport(System.out);
    try (RdpProbe probe = RdpProbe.create()) {
      for (ProbeSpec spec : specs) {
        ProbeResult result = probe.probe(spec).join();
        report.print(result);
        allOk &= result.reachedStopPoint();
      }
    }
    return allOk ? EXIT_OK : EXIT_FAILED;
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

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"rdp-probe " + (v == null ? "(development build)" : v)};
    }
  }
}
