package dev.rdpprobe.report;

/**
 * A report the tool writes as one JSON document: a {@link ProbeReport} or a {@link
 * DoctorReportDocument}. The CLI's {@code --json} prints exactly {@link #toJson()}.
 */
public sealed interface ReportDocument
    permits ProbeReport, DoctorReportDocument, ScanSummaryDocument {
  /**
   * The version of the documents' shape, written as {@code schemaVersion}. A change that renames or
   * removes a field, or changes a field's meaning, raises it; new fields do not.
   */
  int SCHEMA_VERSION = 1;

  /** The version of this document's shape: {@link #SCHEMA_VERSION}. */
  default int schemaVersion() {
    return SCHEMA_VERSION;
  }

  /** The document as a JSON value, fields in the order README.md lists them. */
  JsonObject toJsonValue();

  /** The document as one line of compact JSON text, as the CLI's {@code --json} prints it. */
  default String toJson() {
    return toJsonValue().toJson();
  }
}
