package dev.rdpprobe.report;

import dev.rdpprobe.scan.RateLimit;
import dev.rdpprobe.scan.ScanStatus;
import dev.rdpprobe.scan.ScanSummary;
import dev.rdpprobe.trace.CloseKind;
import java.util.Map;
import java.util.Objects;

/**
 * A scan's summary as a document ({@code "document": "scanSummary"}): the shard, the limits, the
 * counts and how the probes ended. The CLI's {@code --summary FILE} writes {@link #toJson()}.
 *
 * @param summary what the scan did
 */
public record ScanSummaryDocument(ScanSummary summary) implements ReportDocument {
  public ScanSummaryDocument {
    Objects.requireNonNull(summary, "summary");
  }

  @Override
  public String kind() {
    return "scanSummary";
  }

  /**
   * The scan summary document: {@code schemaVersion}, {@code document}, {@code tool}, {@code
   * shard}, {@code limits}, {@code startedAt}, {@code elapsedMs}, {@code counts}, {@code closes}.
   */
  @Override
  public JsonObject toJsonValue() {
    ScanSummary s = summary;
    ScanStatus c = s.status();
    JsonObject.Builder closes = JsonObject.builder();
    for (Map.Entry<CloseKind, Long> e : s.closes().entrySet()) {
      closes.put(e.getKey().name(), e.getValue());
    }
    return JsonObject.builder()
        .put("schemaVersion", schemaVersion())
        .put("document", kind())
        .put("tool", ToolInfo.current().toJsonValue())
        .put(
            "shard",
            JsonObject.builder()
                .put("index", s.shard().index())
                .put("count", s.shard().count())
                .put("seed", s.shard().seed())
                .build())
        .put(
            "limits",
            JsonObject.builder()
                .put("connectionsPerSecond", limit(s.rate()))
                .put("connectionsPerSecondPerAddress", limit(s.ratePerHost()))
                .put("blocklistEntries", s.blocklistEntries())
                .build())
        .put("startedAt", s.started().toString())
        .put("elapsedMs", s.elapsed().toMillis())
        .put(
            "counts",
            JsonObject.builder()
                .put("read", c.read())
                .put("otherShards", c.outOfShard())
                .put("invalid", c.invalid())
                .put("blocked", c.blocked())
                .put("probed", c.started())
                .put("ok", c.ok())
                .put("failed", s.failed())
                .build())
        .put("closes", closes.build())
        .build();
  }

  private static JsonValue limit(RateLimit limit) {
    return limit.limited() ? JsonNumber.of(limit.perSecond()) : JsonNull.NULL;
  }
}
