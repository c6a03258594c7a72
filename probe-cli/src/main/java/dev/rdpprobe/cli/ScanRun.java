package dev.rdpprobe.cli;

import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.report.ProbeReport;
import dev.rdpprobe.report.ScanSummaryDocument;
import dev.rdpprobe.scan.Blocklist;
import dev.rdpprobe.scan.BlocklistException;
import dev.rdpprobe.scan.Scan;
import dev.rdpprobe.scan.ScanStatus;
import dev.rdpprobe.scan.ScanSummary;
import dev.rdpprobe.scan.TargetSource;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The probe command as a scan: targets read one at a time from the arguments, {@code -iL FILE} and
 * standard input, each result printed as its probe ends, status lines on stderr, a summary at the
 * end. Memory does not grow with the number of targets.
 */
final class ScanRun {
  /** The most probes a scan runs at once. */
  static final int MAX_CONCURRENCY = 65_536;

  private ScanRun() {}

  static int run(ProbeCommand command, ScanOptions options)
      throws IOException, InterruptedException {
    if (command.concurrency < 1 || command.concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "--concurrency " + command.concurrency + " is outside 1.." + MAX_CONCURRENCY);
    }
    Blocklist blocklist = Blocklist.EMPTY;
    if (options.blocklist != null) {
      if (!Files.isReadable(options.blocklist)) {
        throw new IllegalArgumentException("cannot read the blocklist " + options.blocklist);
      }
      try {
        blocklist = Blocklist.read(options.blocklist);
      } catch (BlocklistException e) {
        throw new IllegalArgumentException("blocklist " + e.getMessage());
      }
    }
    boolean colored = command.useColor();
    char[] password = command.credentials.readPassword(System.getenv(), System.console());
    ScanSummary summary;
    try (TargetSource targets = targets(command);
        RdpProbe probe = RdpProbe.builder().threads(Math.min(4, command.concurrency)).build()) {
      Scan.Builder scan =
          Scan.builder(probe)
              .shard(options.shard())
              .blocklist(blocklist)
              .rate(options.rate())
              .ratePerHost(options.ratePerHost())
              .concurrency(command.concurrency)
              .rejected(
                  (n, text, reason) ->
                      System.err.println("rdp-probe: target " + n + " skipped: " + reason));
      if (options.statusEvery() != null) {
        scan.status(options.statusEvery(), s -> System.err.println("rdp-probe: " + s.line()));
      }
      Object out = new Object();
      summary =
          scan.build()
              .run(
                  targets,
                  text -> command.spec(text, password),
                  result -> {
                    ProbeReport report = ProbeReport.of(result);
                    String rendered =
                        command.json
                            ? report.toJson() + System.lineSeparator()
                            : TextReport.render(report, command.verbose, command.hex, colored);
                    synchronized (out) {
                      command.appendKeyLog(result);
                      System.out.print(rendered);
                      System.out.flush();
                    }
                  });
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
    ScanStatus s = summary.status();
    System.err.println("rdp-probe: scan done in " + s.line());
    if (options.summary != null) {
      Files.writeString(
          options.summary,
          new ScanSummaryDocument(summary).toJson() + System.lineSeparator(),
          StandardCharsets.UTF_8);
    }
    boolean allOk = s.ok() == s.started() && summary.failed() == 0 && s.invalid() == 0;
    return allOk ? Main.EXIT_OK : Main.EXIT_FAILED;
  }

  /** The arguments, then {@code -iL FILE}, then standard input for a "-" argument. */
  private static TargetSource targets(ProbeCommand command) throws IOException {
    List<String> given = new ArrayList<>();
    boolean stdin = false;
    for (String t : command.targets) {
      if (t.equals("-")) {
        stdin = true;
      } else {
        given.add(t);
      }
    }
    List<TargetSource> sources = new ArrayList<>();
    sources.add(TargetSource.of(given));
    Path file = command.targetFile;
    if (file != null) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("cannot read the target file " + file);
      }
      sources.add(TargetSource.file(file));
    }
    if (stdin) {
      sources.add(TargetSource.lines(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }
    if (given.isEmpty() && file == null && !stdin) {
      throw new IllegalArgumentException("no target given (HOST[:PORT], -iL FILE or -)");
    }
    return TargetSource.concat(sources);
  }
}
