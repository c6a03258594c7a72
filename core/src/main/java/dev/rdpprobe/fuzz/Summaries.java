package dev.rdpprobe.fuzz;

import dev.rdpprobe.report.JsonArray;
import dev.rdpprobe.report.JsonObject;
import dev.rdpprobe.report.JsonWriter;
import dev.rdpprobe.trace.Phase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A campaign's summary in its output folder: {@code summary.txt} and {@code summary.json}. */
final class Summaries {
  private Summaries() {}

  static void write(Path out, ServerFuzzer.Report r, int corpusAtStart) {
    try {
      Files.createDirectories(out);
      Files.writeString(out.resolve("summary.txt"), text(r, corpusAtStart), StandardCharsets.UTF_8);
      Files.writeString(
          out.resolve("summary.json"), JsonWriter.write(json(r)) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the summary to " + out + ": " + e.getMessage(), e);
    }
  }

  /** The summary in words. */
  static String text(ServerFuzzer.Report r, int corpusAtStart) {
    StringBuilder b = new StringBuilder();
    b.append("target:    ").append(r.spec().base().target()).append('\n');
    b.append("phase:     ").append(r.spec().phase());
    if (!r.spec().pdu().isEmpty()) {
      b.append(" (").append(r.spec().pdu()).append(')');
    }
    b.append('\n');
    b.append("seed:      ").append(r.spec().seed()).append('\n');
    b.append("baseline:  ").append(r.baseline().line()).append('\n');
    b.append(
        String.format(
            "cases:     %d in %d ms (%.1f cases/s, %d connections)%n",
            r.cases().size(), r.millis(), r.casesPerSecond(), r.connections()));
    long interesting = r.cases().stream().filter(FuzzCase::interesting).count();
    b.append("new:       ")
        .append(interesting)
        .append(" interesting (corpus had ")
        .append(corpusAtStart)
        .append(")\n");
    b.append("stopped:   ").append(r.stoppedBecause()).append('\n');
    if (r.suspect() != null) {
      b.append("SUSPECTED CRASH after case ")
          .append(r.suspect().number())
          .append(" [")
          .append(r.suspect().seedText())
          .append("]: ")
          .append(r.suspect().health().detail())
          .append('\n');
      if (r.suspect().mutation() != null) {
        b.append("  the case: ").append(r.suspect().mutation().summary()).append('\n');
      }
    }
    b.append('\n').append(r.table().text());
    return b.toString();
  }

  static JsonObject json(ServerFuzzer.Report r) {
    JsonObject.Builder table = JsonObject.builder();
    for (Map.Entry<Phase, Map<Reaction.Kind, Integer>> e : r.table().counts().entrySet()) {
      JsonObject.Builder row = JsonObject.builder();
      e.getValue().forEach((k, n) -> row.put(k.name(), n));
      table.put(e.getKey().name(), row.build());
    }
    JsonObject.Builder o =
        JsonObject.builder()
            .put("target", r.spec().base().target())
            .put("phase", r.spec().phase().name())
            .put("pdu", r.spec().pdu())
            .put("seed", r.spec().seed())
            .put("baseline", r.baseline().line())
            .put("cases", r.cases().size())
            .put("millis", r.millis())
            .put("casesPerSecond", r.casesPerSecond())
            .put("connections", r.connections())
            .put("stopped", r.stoppedBecause())
            .put("reactions", table.build());
    if (r.suspect() != null) {
      o.put("suspectedCrash", CaseFiles.json(r.suspect()));
    }
    o.put(
        "interesting",
        JsonArray.ofNumbers(
            r.cases().stream().filter(FuzzCase::interesting).map(FuzzCase::number).toList()));
    return o.build();
  }
}
