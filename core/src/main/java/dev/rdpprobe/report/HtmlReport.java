package dev.rdpprobe.report;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.diagnose.Evidence;
import dev.rdpprobe.diagnose.Words;
import dev.rdpprobe.doctor.DoctorReport;
import dev.rdpprobe.doctor.Finding;
import dev.rdpprobe.doctor.FollowUp;
import dev.rdpprobe.doctor.NotRun;
import dev.rdpprobe.tls.CertificateCheck;
import dev.rdpprobe.tls.CertificateFacts;
import dev.rdpprobe.tls.CertificateObjection;
import dev.rdpprobe.tls.TlsSessionFacts;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A report as one self-contained HTML page: the handshake as a ladder diagram (client and server
 * lanes, one arrow per PDU and TLS message with its time, how the connection ended), the
 * certificate facts, the diagnosis with each piece of evidence linked to its arrow, and for the
 * doctor the follow-ups as a table. The style and the diagram are inline (CSS and SVG), the page
 * has no script and loads nothing, so it opens anywhere, offline, and can be mailed as it is.
 *
 * <pre>{@code
 * String html = HtmlReport.of(ProbeReport.of(result));       // rdp-probe --html FILE
 * String doctor = HtmlReport.of(DoctorReportDocument.of(r)); // rdp-probe doctor --html FILE
 * String any = HtmlReport.page("title", HtmlReport.ladder(trace, ClosedBy.NONE, "t"));
 * }</pre>
 *
 * <p>{@link #ladder(Trace, ClosedBy, String)} draws any trace (a probe's, the emulator's, a
 * capture's), so other sources reuse it.
 */
public final class HtmlReport {
  /** One row per event: the diagram's vertical step, in pixels. */
  private static final int ROW = 30;

  /** A silence longer than this between two events is marked on the diagram. */
  private static final long GAP_NANOS = 100_000_000L;

  private static final int WIDTH = 980;
  private static final int CLIENT_X = 190;
  private static final int SERVER_X = 790;
  private static final int TOP = 56;

  /** Labels longer than this are shortened on the diagram; the full text is the arrow's title. */
  private static final int LABEL = 70;

  private HtmlReport() {}

  /** The page of one probe: its ladder, facts, certificate and diagnosis. */
  public static String of(ProbeReport report) {
    return of(List.of(report));
  }

  /** One page for several probes (a run over many targets), one section each, in order. */
  public static String of(List<ProbeReport> reports) {
    StringBuilder b = new StringBuilder();
    int n = 0;
    for (ProbeReport report : reports) {
      b.append("<section><h1>rdp-probe ").append(esc(report.target().text())).append("</h1>\n");
      b.append(probeBody(report, reports.size() == 1 ? "e" : "t" + n++ + "e"));
      b.append("</section>\n");
    }
    String title =
        reports.size() == 1
            ? "rdp-probe " + reports.get(0).target().text()
            : "rdp-probe: " + reports.size() + " targets";
    return page(title, b.toString());
  }

  /**
   * The page of a doctor's examination: the baseline, the follow-ups, the findings, the verdict.
   */
  public static String of(DoctorReportDocument document) {
    DoctorReport r = document.report();
    StringBuilder b = new StringBuilder();
    b.append("<h1>rdp-probe doctor ").append(esc(r.spec().target())).append("</h1>\n");
    b.append("<p class=\"verdict\">").append(esc(r.verdict().text())).append("</p>\n");
    b.append("<h2>Baseline probe</h2>\n");
    b.append(probeBody(document.baseline(), "e"));
    b.append("<h2>Follow-ups</h2>\n");
    b.append("<table class=\"followups\"><tr><th>#</th><th>what</th><th>outcome</th>")
        .append("<th>ended</th><th>Windows client</th><th>most likely</th></tr>\n");
    for (FollowUp f : r.followUps()) {
      b.append("<tr class=\"")
          .append(f.succeeded() ? "ok" : "failed")
          .append("\"><td>")
          .append(f.number())
          .append("</td><td>")
          .append(esc(f.tested()))
          .append(f.repeatedAlone() ? " <em>(run again alone)</em>" : "")
          .append("</td><td>")
          .append(esc(f.outcome()))
          .append("</td><td>")
          .append(esc(f.result().closed().kind().name()))
          .append("</td><td>")
          .append(esc(f.diagnosis().clientCode().summary()))
          .append("</td><td>")
          .append(esc(f.diagnosis().topCause().map(Cause::title).orElse("")))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
    if (!r.notRun().isEmpty()) {
      b.append("<ul class=\"notrun\">");
      for (NotRun n : r.notRun()) {
        b.append("<li>not run: ").append(esc(n.what())).append(": ").append(esc(n.why()));
      }
      b.append("</ul>\n");
    }
    b.append("<h2>Findings</h2>\n<table class=\"findings\">");
    b.append("<tr><th>status</th><th>finding</th><th>follow-ups</th><th>what to do</th></tr>\n");
    for (Finding f : r.verdict().findings()) {
      b.append("<tr><td>")
          .append(esc(f.status().name()))
          .append("</td><td>")
          .append(f.cause() == null ? "" : "<b>" + esc(f.cause().title()) + "</b><br>")
          .append(esc(f.text()))
          .append("</td><td>")
          .append(esc(String.join(", ", f.followUps().stream().map(String::valueOf).toList())))
          .append("</td><td>")
          .append(esc(String.join(" ", f.advice())))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
    return page("rdp-probe doctor " + r.spec().target(), b.toString());
  }

  private static String probeBody(ProbeReport report, String prefix) {
    StringBuilder b = new StringBuilder();
    Diagnosis d = report.diagnosis();
    ClientCode code = d.clientCode();
    b.append("<p class=\"code ")
        .append(code.isError() ? "error" : "fine")
        .append("\">")
        .append(esc(code.summary()))
        .append(code.isError() ? ": " + esc(code.message()) : "")
        .append("</p>\n");
    b.append("<p class=\"meta\">started ")
        .append(esc(ProbeJson.time(report.startedAt())))
        .append(report.address().map(a -> ", connected to " + esc(a)).orElse(""))
        .append(report.tag().isEmpty() ? "" : ", tag " + esc(report.tag()))
        .append("</p>\n");
    b.append("<h2>The handshake</h2>\n");
    b.append(ladder(report.trace(), ClosedBy.CLIENT, prefix));
    TraceEvent.Closed c = report.closed();
    b.append("<p class=\"close ")
        .append(c.kind().isSuccess() ? "fine" : "error")
        .append("\"><b>closed: ")
        .append(esc(c.kind().name()))
        .append(" by ")
        .append(esc(c.closedBy().seenFrom(ClosedBy.CLIENT)))
        .append("</b> in ")
        .append(esc(c.phase().name()))
        .append(" &mdash; ")
        .append(esc(c.detail()))
        .append("</p>\n");
    b.append(certificates(report));
    b.append(diagnosis(d, prefix));
    return b.toString();
  }

  private static String certificates(ProbeReport report) {
    TlsSessionFacts tls = report.facts().tls();
    if (tls == null) {
      return "";
    }
    StringBuilder b = new StringBuilder("<h2>TLS and the certificate</h2>\n<p>");
    b.append(tls.version() == null ? "no TLS version agreed" : esc(String.valueOf(tls.version())))
        .append(
            tls.cipherSuite() == null || tls.cipherSuite().isEmpty()
                ? ""
                : ", " + esc(tls.cipherSuite()))
        .append(tls.sniSent() ? ", SNI " + esc(tls.serverName()) : ", no SNI")
        .append(tls.handshakeComplete() ? "" : " (handshake not complete)")
        .append("</p>\n");
    CertificateCheck check = null;
    for (TraceEvent.Tls t : report.trace().eventsOf(TraceEvent.Tls.class)) {
      if (t.detail() instanceof CertificateCheck c) {
        check = c;
      }
    }
    int i = 0;
    for (CertificateFacts c : tls.serverCertificates()) {
      List<String> names = new ArrayList<>(c.dnsNames());
      names.addAll(c.ipAddresses());
      b.append("<table class=\"cert\"><caption>certificate ")
          .append(i++)
          .append("</caption>")
          .append(row("subject", c.subject()))
          .append(row("issuer", c.issuer() + (c.selfSigned() ? " (self-signed)" : "")))
          .append(row("valid", c.notBefore() + " to " + c.notAfter()))
          .append(
              check == null ? "" : row("at the probe", c.validityAt(check.checkedAt()).describe()))
          .append(
              row("key", c.keyAlgorithm() + (c.keyBits() > 0 ? " " + c.keyBits() + " bits" : "")))
          .append(row("signature", c.signatureAlgorithm()))
          .append(row("names", String.join(", ", names)))
          .append(row("serial", c.serialNumber()))
          .append(row("SHA-256", c.sha256Fingerprint()))
          .append("</table>\n");
    }
    if (check != null) {
      b.append("<ul class=\"objections\">");
      if (check.objections().isEmpty()) {
        b.append("<li class=\"fine\">a validating client that trusts ")
            .append(esc(check.trustedBy()))
            .append(" would accept this chain");
      }
      for (CertificateObjection o : check.objections()) {
        b.append("<li class=\"error\"><b>")
            .append(esc(o.kind().name()))
            .append("</b>: ")
            .append(esc(o.detail()));
      }
      b.append("</ul>\n");
    }
    return b.toString();
  }

  private static String row(String name, String value) {
    return "<tr><th>" + esc(name) + "</th><td>" + esc(value) + "</td></tr>";
  }

  private static String diagnosis(Diagnosis d, String prefix) {
    StringBuilder b = new StringBuilder("<h2>Diagnosis</h2>\n");
    if (d.serverErrorInfo() != null) {
      b.append("<p>server ERRINFO ")
          .append(esc(d.serverErrorInfo().name()))
          .append(": ")
          .append(esc(d.serverErrorInfo().meaning()))
          .append("</p>\n");
    }
    b.append("<ol class=\"causes\">\n");
    for (Cause c : d.causes()) {
      b.append("<li><b>")
          .append(esc(c.title()))
          .append("</b> <span class=\"conf\">")
          .append(esc(c.confidence().name()))
          .append("</span><br>")
          .append(esc(c.why()))
          .append("<ul class=\"evidence\">");
      for (Evidence e : c.evidence()) {
        b.append("<li><a href=\"#")
            .append(prefix)
            .append(e.eventIndex())
            .append("\">#")
            .append(e.eventIndex())
            .append("</a> ")
            .append(esc(e.description()));
      }
      b.append("</ul>");
      if (!c.advice().isEmpty()) {
        b.append("what to check:<ul class=\"advice\">");
        for (String a : c.advice()) {
          b.append("<li>").append(esc(a));
        }
        b.append("</ul>");
      }
      b.append("</li>\n");
    }
    b.append("</ol>\n<p class=\"verdict\">").append(esc(d.verdict())).append("</p>\n");
    return b.toString();
  }

  /**
   * A trace as an SVG ladder diagram: the client's lane on the left, the server's on the right, one
   * row per event from top to bottom with its time, an arrow for each PDU and TLS message (red for
   * alerts and bytes that did not decode), notes between the lanes, a mark where a silence of more
   * than 100 ms fell, and the close at the bottom on the side that ended the connection. Row {@code
   * i} has the id {@code prefix + i}, so {@code #prefix3} links to event 3 and the page's style
   * marks the row a link points at.
   *
   * @param recorder the side that recorded the trace, whose words name the close
   */
  public static String ladder(Trace trace, ClosedBy recorder, String prefix) {
    List<TraceEvent> events = trace.events();
    Set<Integer> gaps = new HashSet<>();
    for (int i = 1; i < events.size(); i++) {
      if (events.get(i).nanos() - events.get(i - 1).nanos() > GAP_NANOS) {
        gaps.add(i);
      }
    }
    int height = TOP + (events.size() + gaps.size()) * ROW + 24;
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"ladder\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"the connection as a ladder diagram\">\n");
    b.append(
        "<defs><marker id=\"head-"
            + prefix
            + "\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
            + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\""
            + " class=\"head\"/></marker></defs>\n");
    b.append(text(CLIENT_X, 24, "lane-title", "middle", "client"))
        .append(text(SERVER_X, 24, "lane-title", "middle", "server"))
        .append(
            String.format(
                Locale.ROOT,
                "<line class=\"lane\" x1=\"%d\" y1=\"34\" x2=\"%d\" y2=\"%d\"/>"
                    + "<line class=\"lane\" x1=\"%d\" y1=\"34\" x2=\"%d\" y2=\"%d\"/>\n",
                CLIENT_X,
                CLIENT_X,
                height - 10,
                SERVER_X,
                SERVER_X,
                height - 10));
    int y = TOP;
    for (int i = 0; i < events.size(); i++) {
      TraceEvent e = events.get(i);
      if (gaps.contains(i)) {
        long ms = (e.nanos() - events.get(i - 1).nanos()) / 1_000_000;
        b.append(text(WIDTH / 2, y + 4, "gap", "middle", "\u22ee " + ms + " ms of silence"));
        y += ROW;
      }
      b.append("<g id=\"").append(prefix).append(i).append("\" class=\"row\"><title>#");
      b.append(i).append(' ').append(esc(title(e, recorder))).append("</title>");
      b.append(text(8, y + 4, "num", "start", "#" + i));
      b.append(text(CLIENT_X - 14, y + 4, "time", "end", millis(e.nanos())));
      row(b, e, recorder, y, prefix);
      b.append("</g>\n");
      y += ROW;
    }
    return b.append("</svg>\n").toString();
  }

  private static void row(StringBuilder b, TraceEvent e, ClosedBy recorder, int y, String prefix) {
    if (e instanceof TraceEvent.Closed c) {
      String side = c.closedBy().seenFrom(recorder);
      boolean fine = c.kind().isSuccess();
      int x =
          switch (c.closedBy()) {
            case CLIENT -> CLIENT_X;
            case SERVER -> SERVER_X;
            case NONE -> (CLIENT_X + SERVER_X) / 2;
          };
      b.append(
          String.format(
              Locale.ROOT,
              "<line class=\"end %s\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                  + "<circle class=\"end %s\" cx=\"%d\" cy=\"%d\" r=\"6\"/>",
              fine ? "fine" : "error",
              CLIENT_X,
              y,
              SERVER_X,
              y,
              fine ? "fine" : "error",
              x,
              y));
      b.append(
          text(
              (CLIENT_X + SERVER_X) / 2,
              y - 6,
              "label " + (fine ? "fine" : "error"),
              "middle",
              "closed: " + c.kind() + " by " + side));
      return;
    }
    String label = label(e);
    if (e.direction() == Direction.NONE || label == null) {
      b.append(
          text((CLIENT_X + SERVER_X) / 2, y + 4, "note", "middle", shorten(title(e, recorder))));
      return;
    }
    boolean toServer = e.direction() == Direction.CLIENT_TO_SERVER;
    String kind =
        e instanceof TraceEvent.TlsAlert || e instanceof TraceEvent.Undecodable
            ? "arrow bad"
            : e instanceof TraceEvent.Tls ? "arrow tls" : "arrow pdu";
    b.append(
        String.format(
            Locale.ROOT,
            "<line class=\"%s\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
                + " marker-end=\"url(#head-%s)\"/>",
            kind,
            toServer ? CLIENT_X : SERVER_X,
            y,
            toServer ? SERVER_X - 2 : CLIENT_X + 2,
            y,
            prefix));
    b.append(text((CLIENT_X + SERVER_X) / 2, y - 6, "label", "middle", shorten(label)));
  }

  /** What an arrow says: the PDU or TLS message and its size; null for what is not an arrow. */
  private static String label(TraceEvent e) {
    if (e instanceof TraceEvent.Pdu p) {
      return p.name() + " (" + p.length() + " bytes)";
    } else if (e instanceof TraceEvent.Tls t) {
      return "TLS " + t.message() + (t.length() > 0 ? " (" + t.length() + " bytes)" : "");
    } else if (e instanceof TraceEvent.TlsAlert a) {
      return "TLS alert " + a.level() + " " + a.description();
    } else if (e instanceof TraceEvent.Undecodable u) {
      return "undecodable (" + u.raw().length + " bytes)";
    }
    return null;
  }

  /** An event in full, as the text report says it: the row's tooltip. */
  private static String title(TraceEvent e, ClosedBy recorder) {
    if (e instanceof TraceEvent.Resolved r) {
      return "resolved " + r.host() + " to " + String.join(", ", r.addresses());
    } else if (e instanceof TraceEvent.Connected c) {
      return "connected " + c.local() + " -> " + c.remote();
    } else if (e instanceof TraceEvent.Pdu p) {
      return p.name() + " (" + p.length() + " bytes) " + p.summary();
    } else if (e instanceof TraceEvent.Tls t) {
      return "TLS " + t.message() + " " + t.summary();
    } else if (e instanceof TraceEvent.TlsAlert a) {
      return "TLS alert " + a.level() + " " + a.description() + " (" + a.code() + ")";
    } else if (e instanceof TraceEvent.Undecodable u) {
      return "undecodable (" + u.raw().length + " bytes): " + u.error();
    } else if (e instanceof TraceEvent.Note n) {
      return n.text();
    } else if (e instanceof TraceEvent.Closed c) {
      return "closed: " + c.kind() + " by " + c.closedBy().seenFrom(recorder) + " - " + c.detail();
    }
    return e.toString();
  }

  private static String millis(long nanos) {
    return Words.millis(nanos) + " ms";
  }

  private static String shorten(String s) {
    return s.length() <= LABEL ? s : s.substring(0, LABEL - 1) + "\u2026";
  }

  private static String text(int x, int y, String cls, String anchor, String s) {
    return "<text class=\""
        + cls
        + "\" x=\""
        + x
        + "\" y=\""
        + y
        + "\" text-anchor=\""
        + anchor
        + "\">"
        + esc(s)
        + "</text>";
  }

  /**
   * A whole page around {@code body} (HTML the caller made safe), with the report's style: no
   * script, nothing loaded from elsewhere.
   */
  public static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
        + " style-src 'unsafe-inline'; img-src data:\">\n"
        + "<title>"
        + esc(title)
        + "</title>\n<style>\n"
        + STYLE
        + "</style></head>\n<body>\n"
        + body
        + "<footer>written by "
        + esc(ToolInfo.current().name() + " " + ToolInfo.current().version())
        + "</footer>\n</body></html>\n";
  }

  private static final String STYLE =
      """
      body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1000px;
        color: #1d1d1f; background: #fff; padding: 0 12px; }
      h1 { font-size: 22px; margin: 0 0 6px; } h2 { font-size: 17px; margin: 22px 0 8px; }
      .code, .close { font-weight: 600; padding: 6px 10px; border-radius: 4px; }
      .error { color: #b3261e; } .fine { color: #1e7b34; }
      p.code.error, p.close.error { background: #fdecea; } p.code.fine, p.close.fine { background: #e8f5e9; }
      .meta { color: #555; margin-top: 4px; }
      svg.ladder { display: block; border: 1px solid #ddd; border-radius: 4px; background: #fcfcfd; }
      .lane { stroke: #888; stroke-width: 2; } .lane-title { font-weight: 700; font-size: 14px; }
      .arrow { stroke-width: 1.6; } .pdu { stroke: #1f5fbf; } .tls { stroke: #7a3db8; }
      .bad { stroke: #b3261e; stroke-dasharray: 5 3; } .head { fill: #555; }
      text { font: 12px ui-monospace, monospace; fill: #1d1d1f; }
      text.label.error { fill: #b3261e; font-weight: 700; } text.label.fine { fill: #1e7b34; font-weight: 700; }
      text.note { fill: #666; font-style: italic; } text.time, text.num { fill: #666; }
      text.gap { fill: #999; }
      line.end { stroke-width: 3; } line.end.error { stroke: #b3261e; } line.end.fine { stroke: #1e7b34; }
      circle.end.error { fill: #b3261e; } circle.end.fine { fill: #1e7b34; }
      g.row:target line { stroke-width: 4; stroke: #e8a400; }
      g.row:target text { font-weight: 700; fill: #8a5a00; }
      table { border-collapse: collapse; margin: 8px 0; width: 100%; }
      th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
      th { background: #f4f4f6; } caption { text-align: left; font-weight: 600; padding: 4px 0; }
      tr.failed td:nth-child(3) { color: #b3261e; }
      .conf { font-size: 11px; background: #eee; border-radius: 3px; padding: 0 4px; }
      .evidence a { font-family: ui-monospace, monospace; font-weight: 700; }
      .verdict { background: #f4f4f6; padding: 8px 10px; border-radius: 4px; }
      footer { color: #888; font-size: 12px; margin-top: 24px; }
      """;

  /** {@code s} as HTML text (also safe in attribute values). */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            b.append("\uFFFD"); // a control character has no place in HTML text
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
