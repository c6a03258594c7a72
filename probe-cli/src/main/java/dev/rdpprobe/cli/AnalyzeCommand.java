package dev.rdpprobe.cli;

import dev.rdpprobe.capture.CaptureAnalysis;
import dev.rdpprobe.report.CaptureFlowReport;
import dev.rdpprobe.report.HtmlReport;
import dev.rdpprobe.report.ProbeReport;
import dev.rdpprobe.tls.TrustAnchors;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rdp-probe analyze FILE}: the RDP connections of a pcap or pcapng file, diagnosed. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Read a pcap or pcapng capture and explain every RDP connection in it as a probe would:",
      "the same trace, facts and diagnosis, from both sides of the wire. RDP is recognised by",
      "its X.224 Connection Request on any port."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the capture holds at least one RDP connection (each is reported)",
      "1:it holds none, or not the one asked for with --flow",
      "2:the file cannot be read as a capture"
    })
final class AnalyzeCommand implements Callable<Integer> {
  /** The largest key-log file read (100,000 lines of TLS 1.3 secrets are about 20 MB). */
  private static final long KEY_LOG_BYTES = 32L << 20;

  private final PrintStream out;

  AnalyzeCommand(PrintStream out) {
    this.out = out;
  }

  @Parameters(index = "0", paramLabel = "FILE", description = "The pcap or pcapng file.")
  Path file;

  @Option(
      names = "--flow",
      paramLabel = "N",
      description = "Report only the TCP flow numbered N (as the list of flows numbers them).")
  Long flow;

  @Option(
      names = "--key-log",
      paramLabel = "FILE",
      description =
          "NSS key-log lines (SSLKEYLOGFILE) that open the connections' TLS, besides those the"
              + " capture's Decryption Secrets Blocks carry.")
  Path keyLogFile;

  @Option(names = "--json", description = "Print one JSON document per RDP connection.")
  boolean json;

  @Option(
      names = "--html",
      paramLabel = "OUT",
      description =
          "Also write the connections' reports to OUT as one self-contained HTML page: each"
              + " handshake as a ladder diagram, the certificate, the diagnosis with its evidence"
              + " linked.")
  Path htmlFile;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show every field of each PDU.")
  boolean verbose;

  @Option(
      names = {"-x", "--hex"},
      description = "Show a hex dump of each PDU.")
  boolean hex;

  @Option(
      names = "--ca-file",
      paramLabel = "FILE",
      description =
          "Judge the servers' certificates against the PEM certificates in FILE instead of"
              + " Java's trust store.")
  Path caFile;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
    TrustAnchors anchors = caFile == null ? null : TrustAnchors.fromPem(caFile);
    List<String> keyLog = keyLog(keyLogFile);
    CaptureAnalysis.Result result;
    try {
      result = CaptureAnalysis.analyze(file, new CaptureAnalysis.Options(anchors, keyLog));
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    List<CaptureAnalysis.Flow> flows =
        result.flows().stream().filter(f -> flow == null || f.number() == flow).toList();
    List<ProbeReport> pages = new ArrayList<>();
    for (CaptureAnalysis.Flow f : flows) {
      CaptureFlowReport report = new CaptureFlowReport(file.toString(), f);
      pages.add(report.probeReport());
      if (json) {
        out.println(report.toJson());
      } else {
        out.println(
            "capture "
                + file
                + ", flow "
                + f.number()
                + " (from packet "
                + f.firstPacket()
                + "): "
                + f.client()
                + " -> "
                + f.server());
        out.print(TextReport.render(report.probeReport(), verbose, hex, false));
        out.println();
      }
    }
    if (htmlFile != null && !pages.isEmpty()) {
      Html.write(htmlFile, HtmlReport.of(pages));
    }
    if (!json) {
      summary(result, flows.size());
    }
    out.flush();
    return flows.isEmpty() ? Main.EXIT_FAILED : Main.EXIT_OK;
  }

  /** The lines of a {@code --key-log} file, none without one; a file too large is refused. */
  static List<String> keyLog(Path file) throws IOException {
    if (file == null) {
      return List.of();
    }
    if (Files.size(file) > KEY_LOG_BYTES) {
      throw new IllegalArgumentException(
          "--key-log " + file + ": larger than " + KEY_LOG_BYTES + " bytes");
    }
    return Files.readAllLines(file);
  }

  /** What else the capture held, for a reader wondering why a connection is missing. */
  private void summary(CaptureAnalysis.Result r, int shown) {
    out.println(
        file
            + ": "
            + r.format()
            + ", "
            + r.packets()
            + " packets, "
            + r.flows().size()
            + " RDP connection"
            + (r.flows().size() == 1 ? "" : "s")
            + (flow != null ? " (" + shown + " shown, flow " + flow + ")" : "")
            + ", "
            + r.otherFlowCount()
            + " other TCP flow"
            + (r.otherFlowCount() == 1 ? "" : "s"));
    for (CaptureAnalysis.OtherFlow o : r.otherFlows()) {
      out.println("  flow " + o.number() + " " + o.endpoints() + ": not followed, " + o.reason());
    }
    if (r.skippedPacketCount() > 0) {
      out.println(r.skippedPacketCount() + " packets skipped whose headers do not decode:");
      r.skippedPackets().forEach(s -> out.println("  " + s));
    }
    if (r.reassembly().gaps() > 0) {
      out.println(
          "the capture misses "
              + r.reassembly().missingBytes()
              + " bytes of TCP payload in "
              + r.reassembly().gaps()
              + " gaps");
    }
  }
}
