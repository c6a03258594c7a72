package dev.rdpprobe.cli;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.connect.NegotiationFacts;
import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.diagnose.Evidence;
import dev.rdpprobe.trace.TraceEvent;
import java.io.PrintStream;
import java.util.Locale;

/** Prints a probe result like a packet trace: one line per event, then the facts. */
final class TextReport {
  private final PrintStream out;

  TextReport(PrintStream out) {
    this.out = out;
  }

  void print(ProbeResult result) {
    out.println("rdp-probe " + result.spec().target());
    for (TraceEvent e : result.trace().events()) {
      out.println(line(e));
    }
    printFacts(result);
    printDiagnosis(result.diagnose());
  }

  void printDiagnosis(Diagnosis d) {
    ClientCode code = d.clientCode();
    out.println("diagnosis: " + code.summary() + (code.isError() ? " - " + code.message() : ""));
    if (d.serverErrorInfo() != null) {
      out.println(
          "  server ERRINFO "
              + dev.rdpprobe.wire.Wire.hex(d.serverErrorInfo().value())
              + " "
              + d.serverErrorInfo().name()
              + ": "
              + d.serverErrorInfo().meaning());
    }
    int rank = 1;
    for (Cause c : d.causes()) {
      out.println("  " + rank++ + ". [" + c.confidence() + "] " + c.title() + ": " + c.why());
      for (Evidence e : c.evidence()) {
        out.println("       evidence #" + e.eventIndex() + ": " + e.description());
      }
      for (String a : c.advice()) {
        out.println("       check: " + a);
      }
    }
    out.println("verdict: " + d.verdict());
  }

  static String line(TraceEvent e) {
    String time = String.format(Locale.ROOT, "%10.3f ms", e.nanos() / 1e6);
    String head = time + "  " + e.direction().arrow() + "  " + pad(e.phase().name(), 17) + " ";
    return head + describe(e);
  }

  static String describe(TraceEvent e) {
    if (e instanceof TraceEvent.Resolved r) {
      return "resolved " + r.host() + " to " + String.join(", ", r.addresses());
    } else if (e instanceof TraceEvent.Connected c) {
      return "connected " + c.local() + " -> " + c.remote() + " (" + c.transport() + ")";
    } else if (e instanceof TraceEvent.Pdu p) {
      return p.name()
          + " ("
          + p.length()
          + " bytes)"
          + (p.summary().isEmpty() ? "" : " " + p.summary());
    } else if (e instanceof TraceEvent.Undecodable u) {
      return "undecodable (" + u.raw().length + " bytes): " + u.error();
    } else if (e instanceof TraceEvent.Tls t) {
      return "TLS " + t.message() + (t.summary().isEmpty() ? "" : " " + t.summary());
    } else if (e instanceof TraceEvent.TlsAlert a) {
      return "TLS alert " + a.level() + " " + a.description() + " (" + a.code() + ")";
    } else if (e instanceof TraceEvent.Note n) {
      return n.text();
    } else if (e instanceof TraceEvent.Closed c) {
      return closeLine(c);
    }
    return e.toString();
  }

  static String closeLine(TraceEvent.Closed c) {
    StringBuilder b = new StringBuilder();
    b.append("closed: ").append(c.kind()).append(" by ").append(c.closedBy());
    b.append(" - ").append(c.detail());
    if (!c.lastSent().isEmpty()) {
      b.append("; our last PDU: ").append(c.lastSent());
      if (c.millisSinceLastSend() >= 0) {
        b.append(" (").append(c.millisSinceLastSend()).append(" ms before)");
      }
    }
    if (!c.lastReceived().isEmpty()) {
      b.append("; server's last PDU: ").append(c.lastReceived());
    }
    if (c.pendingBytes() > 0) {
      b.append("; ").append(c.pendingBytes()).append(" bytes of an incomplete PDU pending");
    }
    return b.toString();
  }

  private void printFacts(ProbeResult result) {
    NegotiationFacts n = result.facts().negotiation();
    if (n == null) {
      return;
    }
    if (n.accepted()) {
      out.println(
          "server: selected protocol "
              + n.selectedProtocol()
              + (n.responseFlags() == null ? "" : ", flags " + n.responseFlags())
              + (n.negotiationDataPresent()
                  ? ""
                  : " (no negotiation data: pre-negotiation server)"));
    } else if (n.failureCode() != null) {
      out.println(
          "server: refused with RDP_NEG_FAILURE "
              + n.failureCode()
              + " ("
              + n.failureCode().description()
              + ")");
    }
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }
}
