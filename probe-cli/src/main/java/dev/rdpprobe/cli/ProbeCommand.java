package dev.rdpprobe.cli;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.report.HtmlReport;
import dev.rdpprobe.report.ProbeReport;
import dev.rdpprobe.trace.CloseKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdp-probe probe HOST[:PORT]...}, the default command. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = "Walk RDP servers through the connection sequence and show how it ends.")
final class ProbeCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..*",
      paramLabel = "HOST[:PORT]",
      description = "Servers to probe; - reads targets from standard input, one per line.")
  List<String> targets = new ArrayList<>();

  @Option(
      names = "-iL",
      paramLabel = "FILE",
      description =
          "Read targets from FILE, one per line (# starts a comment): HOST[:PORT], or IP, DOMAIN,"
              + " TAG[, PORT] as zgrab2 reads them (the tag is passed through to the report).")
  Path targetFile;

  @Option(
      names = {"-c", "--concurrency"},
      paramLabel = "N",
      description = "Probe at most N targets at once (default: ${DEFAULT-VALUE}).")
  int concurrency = DEFAULT_CONCURRENCY;

  /** Targets probed at once unless {@code --concurrency} says otherwise. */
  static final int DEFAULT_CONCURRENCY = 8;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      description =
          "Colour the text output: auto (when stdout is a terminal and NO_COLOR is"
              + " unset), always, never (default: ${DEFAULT-VALUE}).")
  String color = "auto";

  @Mixin ProbeOptions options;

  @Mixin CredentialOptions credentials;

  @Mixin ScanOptions scan;

  @Option(
      names = "--key-log",
      paramLabel = "FILE",
      description =
          "Append the TLS session's NSS key-log lines to FILE (for Wireshark; they are secrets).")
  Path keyLogFile;

  @Option(
      names = "--pcap",
      paramLabel = "FILE",
      description =
          "Write every connection, as it went over the wire, to the pcapng FILE, with its TLS"
              + " secrets (Wireshark opens it decrypted; the server's port is written as 3389).")
  Path pcapFile;

  private dev.rdpprobe.capture.ProbePcap pcap;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show every field of each PDU and the whole TLS ClientHello.")
  boolean verbose;

  @Option(
      names = {"-x", "--hex"},
      description = "Show a hex dump of each PDU.")
  boolean hex;

  @Option(
      names = "--json",
      description = "Print one JSON document per target (JSON Lines), instead of text.")
  boolean json;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description =
          "Also write the reports to FILE as one self-contained HTML page: the handshake as a"
              + " ladder diagram, the certificate, the diagnosis with its evidence linked.")
  Path htmlFile;

  /**
   * The command as picocli makes it for {@code rdp-probe TARGET}: every option at its default, the
   * mixins made as picocli makes them.
   */
  static ProbeCommand withDefaults(String target) {
    ProbeCommand c = new ProbeCommand();
    c.options = new ProbeOptions();
    c.credentials = new CredentialOptions();
    c.scan = new ScanOptions();
    c.targets.add(target);
    return c;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (scan.requested()) {
      return ScanRun.run(this, scan);
    }
    if (concurrency < 1 || concurrency > 256) {
      throw new IllegalArgumentException("--concurrency " + concurrency + " is outside 1..256");
    }
    List<String> names = readTargets();
    if (names.isEmpty()) {
      throw new IllegalArgumentException("no target given (HOST[:PORT], -iL FILE or -)");
    }
    char[] password = credentials.readPassword(System.getenv(), System.console());
    if (pcapFile != null) {
      pcap = PcapFile.create(pcapFile, dev.rdpprobe.capture.ProbePcap.UNBOUNDED);
    }
    try {
      return probeAll(names, password);
    } finally {
      if (pcap != null) {
        pcap.close();
      }
    }
  }

  private Integer probeAll(List<String> names, char[] password) throws InterruptedException {
    List<ProbeSpec> specs;
    try {
      specs = names.stream().map(t -> spec(t, password)).toList();
    } finally {
      if (password != null) {
        java.util.Arrays.fill(password, '\0');
      }
    }
    boolean colored = useColor();
    int width = json ? 0 : Terminal.stdoutWidth();
    AtomicBoolean allOk = new AtomicBoolean(true);
    Semaphore slots = new Semaphore(concurrency);
    List<CompletableFuture<?>> running = new ArrayList<>();
    ProbeReport[] reports = new ProbeReport[specs.size()];
    Object launch = new Object();
    // a lone target's RdpProbe may be made already, beside the reading of the command line
    EarlyProbe early =
        pcap == null && keyLogFile == null ? EarlyProbe.takeFor(specs.size(), concurrency) : null;
    try (Progress progress =
            early != null ? early.progress : Progress.of("targets", specs.size(), System.out);
        RdpProbe probe = early != null ? early.probe : newRdpProbe(concurrency, progress)) {
      Interrupts.onInterrupt(
          () -> {
            synchronized (launch) {
              probe.cancelAll(Interrupts.why());
            }
          });
      for (int index = 0; index < specs.size(); index++) {
        ProbeSpec spec = specs.get(index);
        int at = index;
        slots.acquire();
        synchronized (launch) {
          if (Interrupts.interrupted()) {
            break; // nothing new starts; what runs was cancelled
          }
          running.add(
              probe
                  .probe(spec)
                  .whenComplete((r, e) -> slots.release())
                  .thenAccept(
                      result -> {
                        ProbeReport report = ProbeReport.of(result);
                        reports[at] = report;
                        String rendered =
                            json
                                ? report.toJson() + System.lineSeparator()
                                : TextReport.render(report, verbose, hex, colored, width);
                        synchronized (this) {
                          appendKeyLog(result);
                          progress.print(rendered);
                        }
                        if (!result.reachedStopPoint()) {
                          allOk.set(false);
                        }
                      }));
        }
      }
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
      if (htmlFile != null) {
        List<ProbeReport> done = new ArrayList<>();
        for (ProbeReport r : reports) {
          if (r != null) {
            done.add(r);
          }
        }
        Html.write(htmlFile, HtmlReport.of(done));
      }
      if (specs.size() > 1 || Interrupts.interrupted()) {
        progress.printSummary();
      }
      if (Interrupts.interrupted()) {
        int cancelled = progress.count(CloseKind.CANCELLED);
        System.err.println(
            "rdp-probe: interrupted: "
                + (progress.done() - cancelled)
                + " of "
                + specs.size()
                + " targets done, "
                + cancelled
                + " cancelled in flight, "
                + (specs.size() - progress.done())
                + " not started");
        return Interrupts.exitCode();
      }
    }
    return allOk.get() ? Main.EXIT_OK : Main.EXIT_FAILED;
  }

  /** The probe the command runs its targets with, {@code concurrency} at once. */
  static RdpProbe newRdpProbe(int concurrency, Progress progress) {
    return RdpProbe.builder().threads(Math.min(4, concurrency)).listener(progress).build();
  }

  boolean useColor() {
    return switch (color) {
      case "always" -> true;
      case "never" -> false;
      case "auto" -> !json && System.console() != null && System.getenv("NO_COLOR") == null;
      default ->
          throw new IllegalArgumentException(
              "--color '" + color + "' is not auto, always or never");
    };
  }

  /** The targets: arguments, then -iL FILE, then standard input for a "-" argument. */
  private List<String> readTargets() throws IOException {
    List<String> out = new ArrayList<>();
    boolean stdin = false;
    for (String t : targets) {
      if (t.equals("-")) {
        stdin = true;
      } else {
        out.add(t);
      }
    }
    if (targetFile != null) {
      if (!Files.isReadable(targetFile)) {
        throw new IllegalArgumentException("cannot read the target file " + targetFile);
      }
      out.addAll(targetLines(Files.readAllLines(targetFile)));
    }
    if (stdin) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      out.addAll(targetLines(in.lines().toList()));
    }
    return out;
  }

  private static List<String> targetLines(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      int hash = line.indexOf('#');
      String t = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  void appendKeyLog(ProbeResult result) {
    if (keyLogFile == null || result.keyLog().isEmpty()) {
      return;
    }
    try {
      Files.write(
          keyLogFile,
          result.keyLog(),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the key log " + keyLogFile, e);
    }
  }

  ProbeSpec spec(String text, char[] password) {
    ProbeSpec.Builder b =
        options.builder(Target.parseLine(text)).keyLog(keyLogFile != null).pcap(pcap);
    credentials.apply(b, password);
    return b.build();
  }
}
