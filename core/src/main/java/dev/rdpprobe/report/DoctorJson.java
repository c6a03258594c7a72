package dev.rdpprobe.report;

import dev.rdpprobe.doctor.DoctorReport;
import dev.rdpprobe.doctor.DoctorSpec;
import dev.rdpprobe.doctor.Finding;
import dev.rdpprobe.doctor.FollowUp;
import dev.rdpprobe.doctor.NotRun;
import java.net.InetAddress;

/** The doctor document's fields, as README.md describes them. */
final class DoctorJson {
  private DoctorJson() {}

  static JsonObject document(DoctorReportDocument doc) {
    DoctorReport r = doc.report();
    DoctorSpec spec = r.spec();
    JsonArray.Builder addresses = JsonArray.builder();
    r.addresses().forEach(a -> addresses.add(a.getHostAddress()));
    java.time.Instant started = doc.baseline().startedAt();
    java.time.Instant ended = doc.baseline().endedAt();
    for (FollowUp f : r.followUps()) {
      ProbeReport p = ProbeReport.of(f.result());
      started = p.startedAt().isBefore(started) ? p.startedAt() : started;
      ended = p.endedAt().isAfter(ended) ? p.endedAt() : ended;
    }
    return JsonObject.builder()
        .put("document", doc.kind())
        .put("schemaVersion", doc.schemaVersion())
        .put("tool", ToolInfo.current().toJsonValue())
        .put("startedAt", ProbeJson.time(started))
        .put("endedAt", ProbeJson.time(ended))
        .put("target", ProbeJson.target(spec.host(), spec.port()))
        .put("ip", doc.baseline().address().orElse(null))
        .put("tag", (String) null)
        .put("ok", r.baselineSucceeded())
        .put("addresses", addresses.build())
        .put(
            "pacing",
            JsonObject.builder()
                .put("maxConcurrentConnections", spec.maxConcurrentConnections())
                .put("maxNewConnectionsPerSecond", spec.maxNewConnectionsPerSecond())
                .put("delayBetweenConnectionsMs", spec.delayBetweenConnections().toMillis())
                .put("deadlineMs", spec.deadline().toMillis())
                .put("peakConnections", r.peakConnections())
                .put("elapsedMs", r.elapsed().toMillis())
                .build())
        .put("baseline", ProbeJson.document(doc.baseline()))
        .put("followUps", followUps(r))
        .put("notRun", notRun(r))
        .put("verdict", verdict(r))
        .build();
  }

  private static JsonArray followUps(DoctorReport r) {
    JsonArray.Builder out = JsonArray.builder();
    for (FollowUp f : r.followUps()) {
      InetAddress address = f.result().spec().address();
      out.add(
          JsonObject.builder()
              .put("number", f.number())
              .put("kind", f.kind().name())
              .put("tested", f.tested())
              .put("outcome", f.outcome())
              .put("ok", f.succeeded())
              .put("repeatedAlone", f.repeatedAlone())
              .put("address", address == null ? null : address.getHostAddress())
              .put("close", ProbeJson.close(f.result().closed()))
              .put("windowsClient", ProbeJson.windowsClient(f.diagnosis().clientCode()))
              .put("topCause", f.diagnosis().topCause().map(c -> c.id().name()).orElse(null))
              .build());
    }
    return out.build();
  }

  private static JsonArray notRun(DoctorReport r) {
    JsonArray.Builder out = JsonArray.builder();
    for (NotRun n : r.notRun()) {
      out.add(JsonObject.builder().put("what", n.what()).put("why", n.why()).build());
    }
    return out.build();
  }

  private static JsonObject verdict(DoctorReport r) {
    JsonArray.Builder findings = JsonArray.builder();
    for (Finding f : r.verdict().findings()) {
      findings.add(
          JsonObject.builder()
              .put("subject", f.subject().name())
              .put("status", f.status().name())
              .put("cause", f.cause() == null ? null : f.cause().name())
              .put("causeTitle", f.cause() == null ? null : f.cause().title())
              .put("text", f.text())
              .put("followUps", JsonArray.ofNumbers(f.followUps()))
              .put("advice", JsonArray.ofStrings(f.advice()))
              .build());
    }
    return JsonObject.builder()
        .put("windowsClient", ProbeJson.windowsClient(r.verdict().clientCode()))
        .put("findings", findings.build())
        .put("text", r.verdict().text())
        .build();
  }
}
