package dev.rdpprobe.report;

import dev.rdpprobe.doctor.DoctorReport;
import java.util.Objects;

/**
 * The doctor's report as a document ({@code "document": "doctor"}): the examined target, the
 * baseline as a probe document, the follow-ups, what did not run, and the verdict with its
 * findings. The CLI's {@code doctor --json} prints {@link #toJson()}.
 *
 * <pre>{@code
 * DoctorReport r = Doctor.create(probe).examine(DoctorSpec.builder(host).build()).join();
 * String json = DoctorReportDocument.of(r).toJson();   // what rdp-probe doctor --json prints
 * }</pre>
 *
 * @param report what the examination found
 * @param baseline the report of the baseline probe, as the document embeds it
 */
public record DoctorReportDocument(DoctorReport report, ProbeReport baseline)
    implements ReportDocument {
  public DoctorReportDocument {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(baseline, "baseline");
    if (baseline.trace() != report.baseline().trace()) {
      throw new IllegalArgumentException("the baseline is not the report's baseline probe");
    }
  }

  /** The document of a doctor's report. */
  public static DoctorReportDocument of(DoctorReport report) {
    return new DoctorReportDocument(report, ProbeReport.of(report.baseline()));
  }

  /**
   * The doctor document: {@code schemaVersion}, {@code document}, {@code target}, {@code ok},
   * {@code addresses}, {@code pacing}, {@code baseline} (a probe document without its {@code
   * schemaVersion}), {@code followUps}, {@code notRun}, {@code verdict}.
   */
  @Override
  public String kind() {
    return "doctor";
  }

  @Override
  public JsonObject toJsonValue() {
    return DoctorJson.document(this);
  }
}
