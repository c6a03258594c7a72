package dev.rdpprobe.cli;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.diagnose.Evidence;
import dev.rdpprobe.facts.ActivationFacts;
import dev.rdpprobe.facts.BasicSettingsFacts;
import dev.rdpprobe.facts.CredSspFacts;
import dev.rdpprobe.facts.MultitransportFacts;
import dev.rdpprobe.facts.NegotiationFacts;
import dev.rdpprobe.facts.NtlmIdentity;
import dev.rdpprobe.facts.ServerFacts;
import dev.rdpprobe.report.ProbeReport;
import dev.rdpprobe.tls.CertificateCheck;
import dev.rdpprobe.tls.CertificateFacts;
import dev.rdpprobe.tls.CertificateObjection;
import dev.rdpprobe.tls.TlsSessionFacts;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.share.BitmapCapabilitySet;
import dev.rdpprobe.wire.share.CapabilitySet;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.share.GeneralCapabilitySet;
import dev.rdpprobe.wire.share.OrderCapabilitySet;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a probe's report like a packet trace: one line per event, then the facts and the
 * diagnosis.
 */
final class TextReport {
  /** Summaries longer than this are cut in the default (not verbose) output. */
  static final int SUMMARY_WIDTH = 140;

  private static final String RED = "\033[31m";
  private static final String GREEN = "\033[32m";
  private static final String YELLOW = "\033[33m";
  private static final String BOLD = "\033[1m";
  private static final String RESET = "\033[0m";

  private final PrintStream out;
  private final boolean verbose;
  private final boolean hex;
  private final boolean color;

  TextReport(PrintStream out, boolean verbose, boolean hex, boolean color) {
    this.out = out;
    this.verbose = verbose;
    this.hex = hex;
    this.color = color;
  }

  TextReport(PrintStream out, boolean verbose, boolean hex) {
    this(out, verbose, hex, false);
  }

  TextReport(PrintStream out) {
    this(out, false, false, false);
  }

  /** The whole report of one probe as text, for printing in one piece. */
  static String render(ProbeReport report, boolean verbose, boolean hex, boolean color) {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    PrintStream ps = new PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8);
    new TextReport(ps, verbose, hex, color).print(report);
    ps.flush();
    return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private String paint(String style, String text) {
    return color ? style + text + RESET : text;
  }

  void print(ProbeReport report) {
    out.println(paint(BOLD, "rdp-probe " + report.target().text()));
    for (TraceEvent e : report.trace().events()) {
      String line = line(e);
      line = verbose || line.length() <= SUMMARY_WIDTH + 40 ? line : cut(line);
      if (e instanceof TraceEvent.Closed c) {
        line = paint(c.kind().isSuccess() ? GREEN : RED, line);
      } else if (e instanceof TraceEvent.TlsAlert || e instanceof TraceEvent.Undecodable) {
        line = paint(RED, line);
      }
      out.println(line);
      if (verbose && e instanceof TraceEvent.Pdu p && p.pdu() != null) {
        out.println("                " + p.pdu());
      }
      if (verbose && e instanceof TraceEvent.Closed c && !c.exception().isEmpty()) {
        out.println("                the platform reported: " + c.exception());
      }
      if (hex) {
        byte[] raw =
            e instanceof TraceEvent.Pdu p
                ? p.raw()
                : e instanceof TraceEvent.Undecodable u ? u.raw() : null;
        if (raw != null) {
          printHex(raw);
        }
      }
    }
    printFacts(report.facts());
    printTls(report);
    printCredSsp(report.facts());
    printMcs(report.facts());
    printDiagnosis(report.diagnosis());
  }

  void printDiagnosis(Diagnosis d) {
    ClientCode code = d.clientCode();
    out.println(
        paint(
            code.isError() ? RED + BOLD : d.causes().isEmpty() ? GREEN : YELLOW,
            "diagnosis: " + code.summary() + (code.isError() ? " - " + code.message() : "")));
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
        String line = "       evidence #" + e.eventIndex() + ": " + e.description();
        out.println(verbose || line.length() <= SUMMARY_WIDTH + 40 ? line : cut(line));
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
    b.append("closed: ")
        .append(c.kind())
        .append(" by ")
        .append(c.closedBy().seenFrom(ClosedBy.CLIENT));
    b.append(" - ").append(c.detail());
    if (!c.lastClientPdu().isEmpty()) {
      b.append("; our last PDU: ").append(c.lastClientPdu());
      if (c.millisSinceClientSent() >= 0) {
        b.append(" (").append(c.millisSinceClientSent()).append(" ms before)");
      }
    }
    if (!c.lastServerPdu().isEmpty()) {
      b.append("; server's last PDU: ").append(c.lastServerPdu());
    }
    if (c.pendingBytes() > 0) {
      b.append("; ").append(c.pendingBytes()).append(" bytes of an incomplete PDU pending");
    }
    return b.toString();
  }

  private static String cut(String line) {
    return line.substring(0, SUMMARY_WIDTH + 40) + "... (-v shows all)";
  }

  private void printHex(byte[] raw) {
    for (int off = 0; off < raw.length; off += 16) {
      StringBuilder b =
          new StringBuilder(String.format(Locale.ROOT, "                %04x  ", off));
      for (int i = off; i < Math.min(off + 16, raw.length); i++) {
        b.append(String.format(Locale.ROOT, "%02x ", raw[i] & 0xFF));
      }
      out.println(b.toString().stripTrailing());
    }
  }

  private void printTls(ProbeReport report) {
    TlsSessionFacts tls = report.facts().tls();
    if (tls == null) {
      return;
    }
    if (tls.version() != null) {
      out.println(
          "tls: "
              + tls.version()
              + ", "
              + tls.cipherSuite()
              + (tls.sniSent() ? ", SNI " + tls.serverName() : ", no SNI")
              + (tls.handshakeComplete() ? "" : " (handshake not complete)"));
    }
    CertificateCheck check = null;
    for (TraceEvent.Tls t : report.trace().eventsOf(TraceEvent.Tls.class)) {
      if (t.detail() instanceof CertificateCheck c) {
        check = c;
      }
    }
    int i = 0;
    for (CertificateFacts c : tls.serverCertificates()) {
      out.println("certificate " + i++ + ": " + c.subject());
      out.println("    issuer " + c.issuer() + (c.selfSigned() ? " (self-signed)" : ""));
      out.println("    serial " + c.serialNumber() + ", " + c.signatureAlgorithm());
      String key =
          c.keyAlgorithm()
              + (c.keyBits() > 0 ? " " + c.keyBits() + " bits" : "")
              + (c.keyCurve() == null || c.keyCurve().isEmpty() ? "" : " " + c.keyCurve());
      out.println("    key " + key);
      String validity =
          check == null ? "" : " (" + c.validityAt(check.checkedAt()).describe() + ")";
      out.println("    valid " + c.notBefore() + " to " + c.notAfter() + validity);
      if (!c.dnsNames().isEmpty() || !c.ipAddresses().isEmpty()) {
        List<String> names = new ArrayList<>(c.dnsNames());
        names.addAll(c.ipAddresses());
        out.println("    names " + String.join(", ", names));
      }
      out.println("    sha256 " + c.sha256Fingerprint());
    }
    if (check != null) {
      if (check.objections().isEmpty()) {
        out.println(
            "certificate check: a validating client that trusts "
                + check.trustedBy()
                + " would accept this chain");
      }
      for (CertificateObjection o : check.objections()) {
        out.println("certificate check: " + o.kind() + " - " + o.detail());
      }
    }
  }

  private void printCredSsp(ServerFacts facts) {
    CredSspFacts c = facts.credssp();
    if (c == null) {
      return;
    }
    if (c.nla() != null) {
      out.println(
          "nla: "
              + c.nla().description()
              + (c.serverVersion() > 0 ? "; CredSSP version " + c.serverVersion() : ""));
    }
    NtlmIdentity id = c.identity();
    if (id != null) {
      out.println("ntlm: " + id.summary());
      out.println(
          "    target name "
              + (id.targetName().isEmpty() ? "(none)" : id.targetName())
              + ", flags "
              + id.negotiateFlags());
    }
    if (c.outcome() != null) {
      out.println(
          "credentials: "
              + c.outcome()
              + (c.account().isEmpty() ? "" : " for " + c.account())
              + " - "
              + (c.outcomeDetail().isEmpty() ? c.outcome().description() : c.outcomeDetail()));
    }
    if (c.earlyAuthorization() != null) {
      out.println(
          "early user authorization: "
              + c.earlyAuthorization()
              + " - "
              + c.earlyAuthorization().description());
    }
  }

  private void printMcs(ServerFacts facts) {
    BasicSettingsFacts mcs = facts.basicSettings();
    if (mcs == null) {
      return;
    }
    StringBuilder b = new StringBuilder("mcs: ").append(mcs.result());
    if (mcs.core() != null) {
      b.append(", server ").append(mcs.core().version());
      if (mcs.core().earlyCapabilityFlags() != null) {
        b.append(", early capabilities ").append(mcs.core().earlyCapabilityFlags());
      }
    }
    if (mcs.security() != null) {
      b.append(", encryption ")
          .append(mcs.security().encryptionMethod())
          .append(" level ")
          .append(mcs.security().encryptionLevel());
    }
    out.println(b);
    if (mcs.network() != null) {
      out.println(
          "channels: I/O "
              + mcs.network().mcsChannelId()
              + ", static "
              + mcs.network().channelIdArray()
              + (mcs.messageChannel() == null
                  ? ""
                  : ", message " + mcs.messageChannel().mcsChannelId())
              + (facts.channels() == null
                  ? ""
                  : ", user "
                      + facts.channels().userChannelId()
                      + ", joined "
                      + facts.channels().joined()));
    }
    if (mcs.multitransport() != null) {
      out.println("multitransport: server offers " + mcs.multitransport().flags());
    }
    printActivation(facts);
  }

  private void printActivation(ServerFacts facts) {
    if (facts.licensing() != null) {
      out.println("licensing: " + facts.licensing().outcome());
    }
    MultitransportFacts mt = facts.multitransport();
    if (mt != null) {
      out.println(
          "multitransport: "
              + (mt.requests().isEmpty()
                  ? "no Initiate Multitransport Request"
                  : mt.requests().size()
                      + " request(s) for "
                      + mt.requests().stream().map(r -> r.requestedProtocol().toString()).toList()
                      + (mt.answer() == null ? "" : ", answered " + mt.answer()))
              + ", UDP reachable: "
              + switch (mt.udp()) {
                case YES -> "yes";
                case NO -> "no";
                case NOT_TRIED -> "not tried";
              }
              + (mt.udpDetail().isEmpty() ? "" : " (" + mt.udpDetail() + ")"));
    }
    ActivationFacts a = facts.activation();
    if (a != null) {
      DemandActivePdu d = a.demandActive();
      out.println(
          "capabilities: share 0x"
              + Integer.toHexString(d.shareId())
              + ", "
              + d.capabilitySets().sets().size()
              + " sets: "
              + d.capabilitySets().sets().stream()
                  .map(c -> c.type().name() + "(" + c.size() + ")")
                  .collect(java.util.stream.Collectors.joining(", ")));
      for (CapabilitySet c : d.capabilitySets().sets()) {
        if (c instanceof GeneralCapabilitySet
            || c instanceof BitmapCapabilitySet
            || c instanceof OrderCapabilitySet) {
          out.println("  " + c.type().name() + ": " + c.summary());
        }
      }
      if (a.confirmActiveSent()) {
        out.println(
            "finalization: "
                + (a.fontMapReceived() ? "Font Map received, session active" : "incomplete"));
      }
    }
    if (facts.errorInfo() != null) {
      out.println("server error info: " + facts.errorInfo() + " - " + facts.errorInfo().meaning());
    }
  }

  private void printFacts(ServerFacts facts) {
    NegotiationFacts n = facts.negotiation();
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
