package dev.rdpprobe.cli;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.diagnose.Evidence;
import dev.rdpprobe.diagnose.Words;
import dev.rdpprobe.facts.ActivationFacts;
import dev.rdpprobe.facts.BasicSettingsFacts;
import dev.rdpprobe.facts.CredSspFacts;
import dev.rdpprobe.facts.MultitransportFacts;
import dev.rdpprobe.facts.NegotiationFacts;
import dev.rdpprobe.facts.NtlmIdentity;
import dev.rdpprobe.facts.ServerFacts;
import dev.rdpprobe.facts.StandardSecurityFacts;
import dev.rdpprobe.facts.TimingFacts;
import dev.rdpprobe.report.ProbeReport;
import dev.rdpprobe.tls.CertificateCheck;
import dev.rdpprobe.tls.CertificateFacts;
import dev.rdpprobe.tls.CertificateObjection;
import dev.rdpprobe.tls.TlsSessionFacts;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.share.BitmapCapabilitySet;
import dev.rdpprobe.wire.share.CapabilitySet;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.share.GeneralCapabilitySet;
import dev.rdpprobe.wire.share.OrderCapabilitySet;
import io.netty.buffer.Unpooled;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

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
  private final int width;

  /**
   * @param width the terminal's width, to which the close line and the evidence are wrapped; 0 when
   *     the output is not a terminal (lines are then never wrapped)
   */
  TextReport(PrintStream out, boolean verbose, boolean hex, boolean color, int width) {
    this.out = out;
    this.verbose = verbose;
    this.hex = hex;
    this.color = color;
    this.width = width;
  }

  TextReport(PrintStream out, boolean verbose, boolean hex, boolean color) {
    this(out, verbose, hex, color, 0);
  }

  TextReport(PrintStream out, boolean verbose, boolean hex) {
    this(out, verbose, hex, false);
  }

  TextReport(PrintStream out) {
    this(out, false, false, false);
  }

  /** The whole report of one probe as text, for printing in one piece. */
  static String render(ProbeReport report, boolean verbose, boolean hex, boolean color) {
    return render(report, verbose, hex, color, 0);
  }

  /** Like {@link #render(ProbeReport, boolean, boolean, boolean)}, wrapped to {@code width}. */
  static String render(ProbeReport report, boolean verbose, boolean hex, boolean color, int width) {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    PrintStream ps = new PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8);
    new TextReport(ps, verbose, hex, color, width).print(report);
    ps.flush();
    return buf.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private String paint(String style, String text) {
    return color ? style + text + RESET : text;
  }

  void print(ProbeReport report) {
    out.println(paint(BOLD, "rdp-probe " + report.target().text()));
    printTrace(report.trace(), report.trace().header().recordedBy());
    printFacts(report.facts());
    printTls(report);
    printCredSsp(report.facts());
    printMcs(report.facts());
    printTiming(TimingFacts.of(report.trace()));
    printDiagnosis(report.diagnosis());
  }

  /**
   * The trace, one line per event numbered as the diagnosis's evidence cites it ({@code #2}), the
   * close named as {@code recorder} saw it.
   */
  void printTrace(Trace trace, ClosedBy recorder) {
    List<TraceEvent> events = trace.events();
    int digits = Integer.toString(Math.max(0, events.size() - 1)).length();
    for (int i = 0; i < events.size(); i++) {
      TraceEvent e = events.get(i);
      String number = "#" + pad(Integer.toString(i), digits) + " ";
      String line = number + line(e, recorder);
      if (e instanceof TraceEvent.Closed c) {
        // the most important line: never cut, wrapped under its text on a terminal
        line = paint(c.kind().isSuccess() ? GREEN : RED, wrap(line, HEAD + number.length()));
      } else {
        line = verbose || line.length() <= SUMMARY_WIDTH + 40 ? line : cut(line);
        if (e instanceof TraceEvent.TlsAlert || e instanceof TraceEvent.Undecodable) {
          line = paint(RED, line);
        }
      }
      out.println(line);
      String indent = " ".repeat(number.length() + HEAD);
      if (verbose && e instanceof TraceEvent.Pdu p && p.pdu() != null) {
        out.print(FieldTree.render(p.pdu(), indent));
      }
      if (verbose && e instanceof TraceEvent.Closed c && !c.exception().isEmpty()) {
        out.println(wrap(indent + "the platform reported: " + c.exception(), indent.length()));
      }
      if (hex) {
        byte[] raw =
            e instanceof TraceEvent.Pdu p
                ? p.raw()
                : e instanceof TraceEvent.Undecodable u ? u.raw() : null;
        if (raw != null && raw.length > 0) {
          printHex(raw, indent);
        }
      }
    }
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
        out.println(wrap("       evidence #" + e.eventIndex() + ": " + e.description(), 9));
      }
      for (String a : c.advice()) {
        out.println("       check: " + a);
      }
    }
    out.println("verdict: " + d.verdict());
  }

  /** The width of a trace line's time, arrow and phase, before what the event says. */
  static final int HEAD = 33;

  /** One trace line of a probe's trace: time, direction, phase, what happened. */
  static String line(TraceEvent e) {
    return line(e, ClosedBy.CLIENT);
  }

  /** One trace line, the close named as {@code recorder} (the client or the server) saw it. */
  static String line(TraceEvent e, ClosedBy recorder) {
    String head =
        padLeft(Words.millis(e.nanos()), 10, ' ')
            + " ms  "
            + e.direction().arrow()
            + "  "
            + pad(e.phase().name(), 17)
            + " ";
    return head + (e instanceof TraceEvent.Closed c ? closeLine(c, recorder) : describe(e));
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
    return closeLine(c, ClosedBy.CLIENT);
  }

  /** The close, its closer named from the side that recorded the trace. */
  static String closeLine(TraceEvent.Closed c, ClosedBy recorder) {
    StringBuilder b = new StringBuilder();
    b.append("closed: ").append(c.kind()).append(" by ").append(c.closedBy().seenFrom(recorder));
    b.append(" - ").append(c.detail());
    boolean server = recorder == ClosedBy.SERVER;
    boolean neither = recorder == ClosedBy.NONE; // a capture: both sides named
    if (!c.lastClientPdu().isEmpty()) {
      b.append(server || neither ? "; the client's last PDU: " : "; our last PDU: ")
          .append(c.lastClientPdu());
      if (c.millisSinceClientSent() >= 0) {
        b.append(" (").append(c.millisSinceClientSent()).append(" ms before)");
      }
    }
    if (!c.lastServerPdu().isEmpty()) {
      b.append(server ? "; our last PDU: " : "; server's last PDU: ").append(c.lastServerPdu());
    }
    if (c.pendingBytes() > 0) {
      b.append("; ").append(c.pendingBytes()).append(" bytes of an incomplete PDU pending");
    }
    return b.toString();
  }

  private static String cut(String line) {
    return line.substring(0, SUMMARY_WIDTH + 40) + "... (-v shows all)";
  }

  /** Netty's hex dump: offsets, 16 bytes a row, and the bytes as ASCII. */
  private void printHex(byte[] raw, String indent) {
    String dump = io.netty.buffer.ByteBufUtil.prettyHexDump(Unpooled.wrappedBuffer(raw));
    dump.lines().forEach(l -> out.println(indent + l));
  }

  /**
   * {@code line} wrapped at spaces to the terminal's width, the lines after the first indented by
   * {@code indent} (less when that leaves under 40 columns); unchanged when not on a terminal. A
   * word longer than a line is kept whole: nothing is cut.
   */
  String wrap(String line, int indent) {
    return wrap(line, indent, width);
  }

  static String wrap(String line, int indent, int width) {
    if (width <= 0 || line.length() <= width) {
      return line;
    }
    String pad = " ".repeat(width - indent < 40 ? 4 : indent);
    StringBuilder out = new StringBuilder();
    int lineStart = 0;
    String[] words = line.split(" ", -1);
    for (int i = 0; i < words.length; i++) {
      String word = words[i];
      int col = out.length() - lineStart;
      boolean first = i == 0;
      if (!first && !word.isEmpty() && col + 1 + word.length() > width && col > pad.length()) {
        out.append(System.lineSeparator());
        lineStart = out.length();
        out.append(pad).append(word);
      } else {
        out.append(first ? "" : " ").append(word);
      }
    }
    return out.toString();
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
      out.println(
          "    valid " + isoInstant(c.notBefore()) + " to " + isoInstant(c.notAfter()) + validity);
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
    printStandardSecurity(facts.standardSecurity());
    printActivation(facts);
  }

  private void printStandardSecurity(StandardSecurityFacts s) {
    if (s == null) {
      return;
    }
    out.println("rdp security: " + s.summary());
    out.println(
        "    offered "
            + s.offeredMethods()
            + (s.methodOffered() ? "" : " (the server's method was not offered)")
            + ", client encrypts: "
            + (s.clientEncrypts() ? "yes" : "no")
            + ", server encrypts: "
            + (s.serverEncrypts() ? "yes" : "no")
            + (s.serverRandom() == null
                ? ""
                : ", server random " + s.serverRandom().length() + " bytes")
            + (s.temporary() ? ", temporary certificate" : "")
            + ", Security Exchange "
            + (s.exchangeSent() ? "sent" : "not sent"));
    for (var b : s.badSignatures()) {
      out.println(
          paint(
              RED,
              "    bad signature: "
                  + b.pdu()
                  + " ("
                  + b.direction().seenFrom(ClosedBy.CLIENT)
                  + ", PDU "
                  + b.pduNumber()
                  + (b.salted() ? ", salted" : "")
                  + ")"));
    }
  }

  /** The phases' start times, the slowest round trip and the activation wait, as JSON has them. */
  private void printTiming(TimingFacts t) {
    if (t.phases().isEmpty()) {
      return;
    }
    out.println(
        "phases: "
            + t.phases().stream()
                .map(p -> p.phase() + " " + ms(p.at()) + " (#" + p.index() + ")")
                .collect(java.util.stream.Collectors.joining(", ")));
    StringBuilder b =
        new StringBuilder("timing: ").append(t.roundTrips().size()).append(" round trip(s)");
    t.slowestRoundTrip()
        .ifPresent(
            r ->
                b.append(", slowest ")
                    .append(ms(r.time()))
                    .append(" (#")
                    .append(r.sentIndex())
                    .append(' ')
                    .append(r.sent())
                    .append(" -> #")
                    .append(r.answerIndex())
                    .append(' ')
                    .append(r.answer())
                    .append(')'));
    TimingFacts.Wait w = t.activationWait();
    if (w != null) {
      b.append(", activation wait ")
          .append(ms(w.time()))
          .append(" (#")
          .append(w.fromIndex())
          .append(" -> #")
          .append(w.toIndex())
          .append(' ')
          .append(w.to())
          .append(')');
    }
    out.println(b);
  }

  /** A duration in milliseconds to the microsecond: {@code 1.234 ms}. */
  private static String ms(java.time.Duration d) {
    return Words.millis(d.toNanos()) + " ms";
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

  /**
   * {@code t} as {@link Instant#toString()} writes it, without {@code DateTimeFormatter}, whose
   * first use in a process loads and initialises some 25 classes (1.6 ms of a cold report): whole
   * seconds of the years 0000 to 9999, a certificate's times, by hand; anything else by {@code
   * toString}.
   */
  static String isoInstant(Instant t) {
    if (t.getNano() != 0) {
      return t.toString();
    }
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    if (d.getYear() < 0 || d.getYear() > 9999) {
      return t.toString();
    }
    return digits(d.getYear(), 4)
        + "-"
        + digits(d.getMonthValue(), 2)
        + "-"
        + digits(d.getDayOfMonth(), 2)
        + "T"
        + digits(d.getHour(), 2)
        + ":"
        + digits(d.getMinute(), 2)
        + ":"
        + digits(d.getSecond(), 2)
        + "Z";
  }

  private static String digits(int n, int width) {
    return padLeft(Integer.toString(n), width, '0');
  }

  /** {@code s} right-aligned in {@code width}; the other side of {@link #pad}. */
  private static String padLeft(String s, int width, char fill) {
    return String.valueOf(fill).repeat(Math.max(0, width - s.length())) + s;
  }
}
