package dev.rdpprobe.cli;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.capture.ProbePcap;
import dev.rdpprobe.doctor.Doctor;
import dev.rdpprobe.doctor.DoctorReport;
import dev.rdpprobe.doctor.DoctorSpec;
import dev.rdpprobe.report.DoctorReportDocument;
import dev.rdpprobe.trace.CloseKind;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rdp-probe doctor HOST[:PORT]}: the baseline probe, the follow-ups, the verdict. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Probe a server, then run the follow-up probes that confirm or rule out the causes of how"
          + " it ended: every resolved address, each security protocol alone, each TLS version"
          + " and cipher family alone when TLS fails, a small and a full-size first flight when"
          + " the handshake stalls, and the UDP multitransport probe when the baseline got through"
          + " the channel joins over TLS. Prints the trace, one line per follow-up and a verdict"
          + " with the Windows client's error codes. With --user, the baseline probe (and only"
          + " it) proves the account once; the follow-ups never send credentials."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the baseline probe reached its stop point",
      "1:the baseline probe failed",
      "2:usage error"
    })
final class DoctorCommand implements Callable<Integer> {
  @Parameters(arity = "1", paramLabel = "HOST[:PORT]", description = "The server to examine.")
  String target;

  @Mixin ProbeOptions options;

  @Mixin CredentialOptions credentials;

  @Spec CommandSpec commandSpec;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description =
          "Connections open at once, at most (default: "
              + DoctorSpec.DEFAULT_MAX_CONCURRENT_CONNECTIONS
              + ").")
  Integer maxConnections;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description =
          "New connections per second, at most, in any one-second window (default: "
              + DoctorSpec.DEFAULT_MAX_NEW_CONNECTIONS_PER_SECOND
              + ").")
  Integer rate;

  @Option(
      names = "--delay",
      paramLabel = "MS",
      description = "Least time between two connection starts, in ms (default: 0).")
  Long delayMs;

  @Option(
      names = "--gentle",
      description =
          "For a fragile server: one connection at a time, 200 ms between two connection starts"
              + " (the default runs the follow-ups side by side, at most 4 connections at once and"
              + " 20 new connections per second). Cannot be combined with --max-connections,"
              + " --rate or --delay.")
  boolean gentle;

  @Option(
      names = "--total-deadline",
      paramLabel = "MS",
      description = "Deadline of the whole examination in ms (default: ${DEFAULT-VALUE}).")
  long totalDeadlineMs = DoctorSpec.DEFAULT_DEADLINE.toMillis();

  @Option(
      names = {"-v", "--verbose"},
      description = "Show every field of each PDU, and the trace of every follow-up.")
  boolean verbose;

  @Option(
      names = {"-x", "--hex"},
      description = "Show a hex dump of each PDU of the baseline.")
  boolean hex;

  @Option(
      names = "--pcap",
      paramLabel = "FILE",
      description =
          "Write every connection of the examination, as it went over the wire, to the pcapng"
              + " FILE, each its own TCP flow, with its TLS secrets (Wireshark opens it decrypted;"
              + " the server's port is written as 3389). A follow-up run again alone is in it"
              + " twice.")
  java.nio.file.Path pcapFile;

  @Option(names = "--json", description = "Print one JSON document instead of text.")
  boolean json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description =
          "Also write the examination to FILE as one self-contained HTML page: the baseline's"
              + " ladder diagram, the follow-ups as a table, the findings and the verdict.")
  java.nio.file.Path htmlFile;

  private final PrintStream out;

  DoctorCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() throws IOException {
    if (gentle && (maxConnections != null || rate != null || delayMs != null)) {
      throw new ParameterException(
          commandSpec.commandLine(),
          "--gentle cannot be combined with --max-connections, --rate or --delay");
    }
    Target t = Target.parse(target);
    ProbeSpec.Builder settings = options.builder(t);
    char[] password = credentials.readPassword(System.getenv(), System.console());
    DoctorSpec spec;
    try {
      credentials.apply(settings, password);
      DoctorSpec.Builder b =
          DoctorSpec.builder(t.host())
              .port(t.port() < 0 ? options.port : t.port())
              .probeSettings(settings.build())
              .deadline(Duration.ofMillis(totalDeadlineMs));
      if (gentle) {
        b.gentle();
      }
      if (maxConnections != null) {
        b.maxConcurrentConnections(maxConnections);
      }
      if (rate != null) {
        b.maxNewConnectionsPerSecond(rate);
      }
      if (delayMs != null) {
        b.delayBetweenConnections(Duration.ofMillis(delayMs));
      }
      spec = b.build();
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
    DoctorReport report;
    Progress progress = Progress.of("probes", -1, out);
    try (ProbePcap pcap = pcapFile == null ? null : PcapFile.create(pcapFile, ProbePcap.UNBOUNDED);
        progress;
        RdpProbe probe = RdpProbe.builder().listener(progress).build()) {
      CompletableFuture<DoctorReport> examined =
          Doctor.create(probe).examine(pcap == null ? spec : spec.toBuilder().pcap(pcap).build());
      Interrupts.onInterrupt(() -> cancelUntilDone(probe, examined));
      report = examined.join();
    }
    DoctorReportDocument document = DoctorReportDocument.of(report);
    if (htmlFile != null) {
      Html.write(htmlFile, dev.rdpprobe.report.HtmlReport.of(document));
    }
    if (json) {
      out.println(document.toJson());
    } else {
      new DoctorTextReport(out, verbose, hex, Terminal.stdoutWidth()).print(document);
    }
    out.flush();
    progress.printSummary();
    if (Interrupts.interrupted()) {
      System.err.println(
          "rdp-probe: interrupted: "
              + (progress.done() - progress.count(CloseKind.CANCELLED))
              + " probes done, "
              + progress.count(CloseKind.CANCELLED)
              + " cancelled");
      return Interrupts.exitCode();
    }
    return report.baselineSucceeded() ? Main.EXIT_OK : Main.EXIT_FAILED;
  }

  /**
   * Cancels the probes in flight, and each follow-up the doctor starts after them, until the
   * examination completes with what it has.
   */
  private static void cancelUntilDone(RdpProbe probe, CompletableFuture<DoctorReport> examined) {
    while (!examined.isDone()) {
      probe.cancelAll(Interrupts.why());
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
