package dev.rdpprobe.cli;

import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.diagnose.CodeExplanations.Ending;
import dev.rdpprobe.diagnose.DisconnectReason;
import dev.rdpprobe.diagnose.ExtendedReason;
import dev.rdpprobe.report.JsonArray;
import dev.rdpprobe.report.JsonObject;
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

  static String json(List<Explainer.Item> items, List<String> notCodes) {
    BuildInfo build = BuildInfo.current();
    JsonArray.Builder out = JsonArray.builder();
    for (Explainer.Item item : items) {
      JsonArray.Builder readings = JsonArray.builder();
      item.readings().forEach(r -> readings.add(reading(r)));
      out.add(
          JsonObject.builder()
              .put("input", item.input())
              .put("known", !item.readings().isEmpty())
              .put("readings", readings.build())
              .build());
    }
    return JsonObject.builder()
        .put("document", "explain")
        .put("schemaVersion", 1)
        .put(
            "tool",
            JsonObject.builder()
                .put("name", "rdp-probe")
                .put("version", build.version())
                .put("commit", build.commit().isEmpty() ? null : build.commit())
                .build())
        .put("items", out.build())
        .put("errors", JsonArray.ofStrings(notCodes))
        .build()
        .toJson();
  }

  private static JsonObject reading(Explainer.Reading r) {
    JsonObject.Builder o =
        JsonObject.builder()
            .put("kind", r.kind().name())
            .put("title", r.title())
            .put("known", r.known());
    if (r.discReason() != null) {
      o.put("discReason", disc(r.discReason()));
    }
    if (r.extendedReason() != null) {
      o.put("extendedReason", extended(r.extendedReason()));
    }
    if (r.ntStatus() != null) {
      o.put(
          "ntStatus",
          code(r.ntStatus().value(), Explainer.hex(r.ntStatus().value()))
              .put("name", r.ntStatus().name())
              .put("meaning", r.ntStatus().meaning())
              .put("known", r.ntStatus().isKnown())
              .build());
    }
    if (r.negotiationFailure() != null) {
      o.put(
          "negotiationFailure",
          code(r.negotiationFailure().value(), Explainer.hex(r.negotiationFailure().value()))
              .put("name", r.negotiationFailure().name())
              .put("meaning", r.negotiationFailure().description())
              .put("known", r.negotiationFailure().isKnown())
              .build());
    }
    JsonArray.Builder endings = JsonArray.builder();
    for (Ending e : r.endings()) {
      JsonArray.Builder causes = JsonArray.builder();
      for (CauseId c : e.causes()) {
        causes.add(JsonObject.builder().put("id", c.name()).put("title", c.title()).build());
      }
      endings.add(
          JsonObject.builder()
              .put("description", e.description())
              .put("windowsClient", clientCode(e.clientCode()))
              .put("causes", causes.build())
              .put("tellApart", e.tellApart())
              .put("advice", JsonArray.ofStrings(e.advice()))
              .build());
    }
    return o.put("facts", JsonArray.ofStrings(r.facts()))
        .put("notes", JsonArray.ofStrings(r.notes()))
        .put("endings", endings.build())
        .build();
  }

  private static JsonObject disc(DisconnectReason d) {
    return code(d.value(), d.hex())
        .put("name", d.name())
        .put("description", d.description())
        .put("message", d.message())
        .put("messageSource", d.messageSource().name())
        .put("known", d.isKnown())
        .build();
  }

  private static JsonObject extended(ExtendedReason e) {
    return code(e.value(), e.hex())
        .put("name", e.name())
        .put("meaning", e.meaning())
        .put("known", e.isKnown())
        .put(
            "errorInfo",
            JsonObject.builder()
                .put("name", e.errorInfo().name())
                .put("meaning", e.errorInfo().meaning())
                .put("category", e.errorInfo().category().name())
                .put("known", e.errorInfo().isKnown())
                .build())
        .build();
  }

  private static JsonObject clientCode(ClientCode c) {
    JsonObject.Builder o =
        JsonObject.builder().put("basis", c.basis().name()).put("summary", c.summary());
    if (c.basis().hasCode()) {
      o.put("discReason", c.discReason().hex())
          .put("discReasonValue", c.discReason().value())
          .put("extendedReason", c.extendedReason().hex())
          .put("extendedReasonValue", c.extendedReason().value());
    } else {
      o.put("discReason", (String) null).put("extendedReason", (String) null);
    }
    return o.put("message", c.message()).put("messageSource", c.messageSource().name()).build();
  }

  /** A code as its number and as its hex string. */
  private static JsonObject.Builder code(int value, String hex) {
    return JsonObject.builder().put("value", value & 0xFFFFFFFFL).put("hex", hex);
  }
}
