package dev.rdpprobe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.diagnose.CodeExplanations.Ending;
import dev.rdpprobe.diagnose.DisconnectReason;
import dev.rdpprobe.diagnose.ExtendedReason;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rdp-probe explain CODE...}: for the administrator who has only the numbers of a dialog or
 * a log, what a code means, which causes of the catalogue lead there, and which probe or doctor run
 * tells them apart. Works offline; probes nothing.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explain a code from a Windows client's dialog, a server or a log: what it means, the ways a"
          + " connection ends that give it, the causes in rdp-probe's catalogue that lead there,"
          + " and which probe or doctor run tells them apart. Probes nothing.",
      "",
      "  rdp-probe explain 0x904 0x7",
      "      the dialog's error code and extended error code",
      "  rdp-probe explain 0x10A",
      "      a number alone: every table that knows it, the most likely reading first",
      "  rdp-probe explain 0xC000006D STATUS_LOGON_FAILURE SSL_REQUIRED_BY_SERVER",
      "      an NTSTATUS by number or name, an RDP_NEG_FAILURE code, ERRINFO_... names",
      "",
      "Numbers are hexadecimal with 0x, or decimal. Two numbers of which the first is an error"
          + " code (discReason) are read as a pair, as are 0x904/0x7 and 0x904,0x7."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every word was read as a code (an unknown code is said to be unknown)",
      "2:a word is not a code at all"
    })
final class ExplainCommand implements Callable<Integer> {
  @Parameters(
      arity = "1..*",
      paramLabel = "CODE",
      description = "Codes: numbers (0x904, 2308) or names (ERRINFO_..., STATUS_..., SSL_ERR_...).")
  List<String> words = new ArrayList<>();

  @Option(names = "--json", description = "Print one JSON document instead of text.")
  boolean json;

  private final PrintStream out;

  ExplainCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public Integer call() {
    List<String> notCodes = new ArrayList<>();
    List<Explainer.Item> items = Explainer.explain(words, notCodes);
    if (json) {
      out.println(json(items, notCodes));
    } else {
      for (Explainer.Item item : items) {
        out.print(text(item));
        out.println();
      }
    }
    out.flush();
    for (String n : notCodes) {
      System.err.println("rdp-probe: " + n);
    }
    return notCodes.isEmpty() ? Main.EXIT_OK : Main.EXIT_USAGE;
  }

  // ---- text ---------------------------------------------------------------------------------

  static String text(Explainer.Item item) {
    StringBuilder s = new StringBuilder();
    List<Explainer.Reading> readings = item.readings();
    if (readings.isEmpty()) {
      s.append(item.input())
          .append(": unknown: no table of rdp-probe knows this code (it is not a documented error")
          .append(" code or extended error code, ERRINFO, NTSTATUS or RDP_NEG_FAILURE code)\n");
      return s.toString();
    }
    if (readings.size() == 1) {
      s.append(item.input()).append(": ").append(readings.get(0).title()).append('\n');
      reading(s, readings.get(0), "  ");
      return s.toString();
    }
    s.append(item.input())
        .append(": ")
        .append(readings.size())
        .append(" readings, the most likely first\n");
    int n = 1;
    for (Explainer.Reading r : readings) {
      s.append("\n  reading ").append(n++).append(": ").append(r.title()).append('\n');
      reading(s, r, "    ");
    }
    return s.toString();
  }

  private static void reading(StringBuilder s, Explainer.Reading r, String indent) {
    if (!r.known()) {
      s.append(indent).append("(not in the table)\n");
    }
    for (String f : r.facts()) {
      s.append(indent).append(f).append('\n');
    }
    for (String note : r.notes()) {
      s.append(indent).append(note).append('\n');
    }
    if (r.endings().isEmpty()) {
      return;
    }
    s.append(indent)
        .append(r.endings().size() == 1 ? "The ending that gives it:" : "The endings that give it:")
        .append('\n');
    String sub = indent + "     ";
    List<Ending> endings = r.endings();
    for (int i = 0; i < endings.size(); i++) {
      Ending e = endings.get(i);
      s.append(indent).append(String.format("%2d. ", i + 1)).append(e.description());
      if (r.kind() != Explainer.Kind.CLIENT_CODE) {
        s.append(" [").append(e.clientCode().summary()).append(']');
      }
      s.append('\n');
      // endings that differ only in how they end share their causes: say those once
      if (i + 1 < endings.size() && sameCauses(e, endings.get(i + 1))) {
        continue;
      }
      if (e.causes().isEmpty()) {
        s.append(sub).append("causes: none of the catalogue; the ending says it all\n");
      }
      String label = "causes: ";
      for (CauseId c : e.causes()) {
        s.append(sub).append(label).append(c.title()).append(" (").append(c).append(")\n");
        label = "        ";
      }
      s.append(sub).append("tell apart: ").append(e.tellApart()).append('\n');
      for (String a : e.advice()) {
        s.append(sub).append("check: ").append(a).append('\n');
      }
    }
  }

  private static boolean sameCauses(Ending a, Ending b) {
    return a.causes().equals(b.causes())
        && a.tellApart().equals(b.tellApart())
        && a.advice().equals(b.advice());
  }

  // ---- JSON ---------------------------------------------------------------------------------

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static String json(List<Explainer.Item> items, List<String> notCodes) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("document", "explain");
    doc.put("schemaVersion", 1);
    ObjectNode tool = doc.putObject("tool");
    BuildInfo build = BuildInfo.current();
    tool.put("name", "rdp-probe");
    tool.put("version", build.version());
    if (build.commit().isEmpty()) {
      tool.putNull("commit");
    } else {
      tool.put("commit", build.commit());
    }
    ArrayNode out = doc.putArray("items");
    for (Explainer.Item item : items) {
      ObjectNode i = out.addObject();
      i.put("input", item.input());
      i.put("known", !item.readings().isEmpty());
      ArrayNode readings = i.putArray("readings");
      for (Explainer.Reading r : item.readings()) {
        readings.add(reading(r));
      }
    }
    ArrayNode errors = doc.putArray("errors");
    notCodes.forEach(errors::add);
    return doc.toString();
  }

  private static ObjectNode reading(Explainer.Reading r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("kind", r.kind().name());
    o.put("title", r.title());
    o.put("known", r.known());
    if (r.discReason() != null) {
      o.set("discReason", disc(r.discReason()));
    }
    if (r.extendedReason() != null) {
      o.set("extendedReason", extended(r.extendedReason()));
    }
    if (r.ntStatus() != null) {
      ObjectNode s = o.putObject("ntStatus");
      code(s, r.ntStatus().value(), Explainer.hex(r.ntStatus().value()));
      s.put("name", r.ntStatus().name());
      s.put("meaning", r.ntStatus().meaning());
      s.put("known", r.ntStatus().isKnown());
    }
    if (r.negotiationFailure() != null) {
      ObjectNode n = o.putObject("negotiationFailure");
      code(n, r.negotiationFailure().value(), Explainer.hex(r.negotiationFailure().value()));
      n.put("name", r.negotiationFailure().name());
      n.put("meaning", r.negotiationFailure().description());
      n.put("known", r.negotiationFailure().isKnown());
    }
    ArrayNode facts = o.putArray("facts");
    r.facts().forEach(facts::add);
    ArrayNode notes = o.putArray("notes");
    r.notes().forEach(notes::add);
    ArrayNode endings = o.putArray("endings");
    for (Ending e : r.endings()) {
      ObjectNode j = endings.addObject();
      j.put("description", e.description());
      j.set("windowsClient", clientCode(e.clientCode()));
      ArrayNode causes = j.putArray("causes");
      for (CauseId c : e.causes()) {
        causes.addObject().put("id", c.name()).put("title", c.title());
      }
      j.put("tellApart", e.tellApart());
      ArrayNode advice = j.putArray("advice");
      e.advice().forEach(advice::add);
    }
    return o;
  }

  private static ObjectNode disc(DisconnectReason d) {
    ObjectNode o = MAPPER.createObjectNode();
    code(o, d.value(), d.hex());
    o.put("name", d.name());
    o.put("description", d.description());
    o.put("message", d.message());
    o.put("messageSource", d.messageSource().name());
    o.put("known", d.isKnown());
    return o;
  }

  private static ObjectNode extended(ExtendedReason e) {
    ObjectNode o = MAPPER.createObjectNode();
    code(o, e.value(), e.hex());
    o.put("name", e.name());
    o.put("meaning", e.meaning());
    o.put("known", e.isKnown());
    ObjectNode info = o.putObject("errorInfo");
    info.put("name", e.errorInfo().name());
    info.put("meaning", e.errorInfo().meaning());
    info.put("category", e.errorInfo().category().name());
    info.put("known", e.errorInfo().isKnown());
    return o;
  }

  private static ObjectNode clientCode(ClientCode c) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("basis", c.basis().name());
    o.put("summary", c.summary());
    if (c.basis().hasCode()) {
      o.put("discReason", c.discReason().hex());
      o.put("discReasonValue", c.discReason().value());
      o.put("extendedReason", c.extendedReason().hex());
      o.put("extendedReasonValue", c.extendedReason().value());
    } else {
      o.putNull("discReason");
      o.putNull("extendedReason");
    }
    o.put("message", c.message());
    o.put("messageSource", c.messageSource().name());
    return o;
  }

  /** A code as its number and as its hex string. */
  private static void code(ObjectNode o, int value, String hex) {
    o.put("value", value & 0xFFFFFFFFL);
    o.put("hex", hex);
  }
}
