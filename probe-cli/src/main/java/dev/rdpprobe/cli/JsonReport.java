package dev.rdpprobe.cli;

import dev.rdpprobe.report.ProbeReport;

/**
 * The JSON documents the CLI prints are the core's report model written as JSON: {@link
 * ProbeReport#toJson()} for a probe, {@link dev.rdpprobe.report.DoctorReportDocument#toJson()} for
 * the doctor. README.md documents the fields.
 */
final class JsonReport {
  /** The version of the documents' shape. */
  static final int SCHEMA_VERSION = ProbeReport.SCHEMA_VERSION;

  private JsonReport() {}
}
