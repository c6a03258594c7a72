package dev.rdpprobe.cli;

import dev.rdpprobe.doctor.DoctorReport;
import dev.rdpprobe.doctor.DoctorSpec;
import dev.rdpprobe.doctor.Finding;
import dev.rdpprobe.doctor.FollowUp;
import dev.rdpprobe.doctor.NotRun;
import dev.rdpprobe.report.DoctorReportDocument;
import dev.rdpprobe.trace.TraceEvent;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints a doctor's report: the baseline as a packet trace with its diagnosis, one line per
 * follow-up (what it tested, how it ended, the close kind and the Windows client's codes), what did
 * not run, the findings with their evidence and advice, and the verdict.
 */
final class DoctorTextReport {
  private final PrintStream out;
  private final boolean verbose;
  private final TextReport trace;

  DoctorTextReport(PrintStream out, boolean verbose, boolean hex) {
    this(out, verbose, hex, 0);
  }

  /** With {@code width}, the terminal's, to which the baseline's close line is wrapped. */
  DoctorTextReport(PrintStream out, boolean verbose, boolean hex, int width) {
    this.out = out;
    this.verbose = verbose;
    this.trace = new TextReport(out, verbose, hex, false, width);
  }

  void print(DoctorReportDocument doc) {
    DoctorReport r = doc.report();
    DoctorSpec spec = r.spec();
    out.println("rdp-probe doctor " + spec.target());
    out.println(
        r.addresses().isEmpty()
            ? spec.host() + " did not resolve"
            : spec.host()
                + " resolves to "
                + r.addresses().stream()
                    .map(InetAddress::getHostAddress)
                    .collect(Collectors.joining(", ")));
    out.println();
    out.println(
        "== baseline: the settings as given"
            + (doc.baseline().target().address() == null
                ? ""
                : ", on " + doc.baseline().target().address().getHostAddress()));
    trace.print(doc.baseline());
    out.println();
    out.println(
        "== follow-ups: "
            + r.followUps().size()
            + " probe"
            + (r.followUps().size() == 1 ? "" : "s")
            + ", at most "
            + spec.maxConcurrentConnections()
            + " connection"
            + (spec.maxConcurrentConnections() == 1 ? "" : "s")
            + " at a time, at most "
            + spec.maxNewConnectionsPerSecond()
            + " new per second"
            + (spec.delayBetweenConnections().isZero()
                ? ""
                : ", " + spec.delayBetweenConnections().toMillis() + " ms apart")
            + " (the examination took "
            + String.format(Locale.ROOT, "%.1f s", r.elapsed().toMillis() / 1000.0)
            + ")");
    for (FollowUp f : r.followUps()) {
      out.println(line(f));
      if (verbose) {
        for (TraceEvent e : f.result().trace().events()) {
          out.println("      " + TextReport.line(e));
        }
      }
    }
    for (NotRun n : r.notRun()) {
      out.println("  not run: " + n.what() + ": " + n.why());
    }
    out.println();
    out.println("== findings");
    for (Finding f : r.verdict().findings()) {
      out.println(
          String.format(Locale.ROOT, "%-11s ", f.status().name().replace('_', ' '))
              + "["
              + (f.cause() == null
                  ? f.subject().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                  : f.cause().title())
              + "] "
              + f.text());
      if (!f.followUps().isEmpty()) {
        out.println(
            "            follow-ups "
                + f.followUps().stream().map(String::valueOf).collect(Collectors.joining(", ")));
      }
      for (String a : f.advice()) {
        out.println("            do: " + a);
      }
    }
    out.println();
    out.println("doctor's verdict: " + r.verdict().text());
  }

  /** {@code 6. TLS 1.0 only -> TLS handshake complete: ... [STOP_POINT_REACHED; no error]}. */
  static String line(FollowUp f) {
    return String.format(Locale.ROOT, "%3d. ", f.number())
        + f.tested()
        + " -> "
        + f.outcome()
        + " ["
        + f.result().closed().kind()
        + "; "
        + f.diagnosis().clientCode().summary()
        + "]"
        + (f.repeatedAlone() ? " (run again alone)" : "");
  }
}
