package dev.rdpprobe.report;

/**
 * A report the tool writes as one JSON document: a {@link ProbeReport} or a {@link
 * DoctorReportDocument}. The CLI's {@code --json} prints exactly {@link #toJson()}.
 */
public sealed interface ReportDocument
    permits ProbeReport, DoctorReportDocument, ScanSummaryDocument, ServedConnection {
  /**
   * The version of the documents' shape, written as {@code schemaVersion}. A change that renames or
   * removes a field, or changes a field's meaning, raises it; new fields do not.
   */
  int SCHEMA_VERSION = 2;

  /** The version of this document's shape: {@link #SCHEMA_VERSION}. */
  default int schemaVersion() {
    return SCHEMA_VERSION;
  }

  /** The document's kind, its {@code document} member: {@code probe}, {@code doctor}. */
  String kind();

  /**
   * The JSON Schema (draft 2020-12) of this kind of document, a resource beside this class: {@code
   * schemas/KIND.schema.json}.
   */
  default String schemaResource() {
    return "schemas/" + kind() + ".schema.json";
  }

  /** The document as a JSON value, fields in the order README.md lists them. */
  JsonObject toJsonValue();

  /** The document as one line of compact JSON text, as the CLI's {@code --json} prints it. */
  default String toJson() {
    return toJsonValue().toJson();
  }
}
