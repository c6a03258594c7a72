/**
 * The report model: what the tool reports about a probe or a doctor's examination, and the JSON
 * documents the CLI writes for them. A library user gets the same document as {@code rdp-probe
 * --json} with one call:
 *
 * <pre>{@code
 * ProbeResult result = probe.probe(spec).join();
 * String json = ProbeReport.of(result).toJson();   // one line, as rdp-probe --json prints it
 *
 * DoctorReport examined = Doctor.create(probe).examine(doctorSpec).join();
 * String doctorJson = DoctorReportDocument.of(examined).toJson();   // rdp-probe doctor --json
 * }</pre>
 *
 * <h2>The parts</h2>
 *
 * <ul>
 *   <li>{@link dev.rdpprobe.report.ProbeReport}: one probe's target, trace, facts and diagnosis;
 *       the CLI's text report reads the same object.
 *   <li>{@link dev.rdpprobe.report.DoctorReportDocument}: a {@link
 *       dev.rdpprobe.doctor.DoctorReport} with its baseline as a {@code ProbeReport}.
 *   <li>{@link dev.rdpprobe.report.ReportDocument}: what both are, with the {@code document} kind,
 *       the {@code schemaVersion} of the documents' shape (2) and a JSON Schema file per kind,
 *       {@code schemas/KIND.schema.json} beside these classes. README.md lists every field; a
 *       change that renames or removes one raises the version.
 *   <li>{@link dev.rdpprobe.report.ToolInfo}: the tool and version every document names.
 *   <li>{@link dev.rdpprobe.report.JsonValue} and its kinds ({@link
 *       dev.rdpprobe.report.JsonObject}, {@link dev.rdpprobe.report.JsonArray}, {@link
 *       dev.rdpprobe.report.JsonString}, {@link dev.rdpprobe.report.JsonNumber}, {@link
 *       dev.rdpprobe.report.JsonBoolean}, {@link dev.rdpprobe.report.JsonNull}): an immutable JSON
 *       tree (RFC 8259), objects keeping their members' order; {@link
 *       dev.rdpprobe.report.JsonWriter} writes it as compact text. The document is the tree ({@code
 *       toJsonValue()}) before it is text, so a caller can read a field or embed the document in
 *       its own without parsing.
 * </ul>
 *
 * <p>The package sits on top of the others: it reads the trace, the facts, the diagnosis and the
 * doctor's report and depends on no JSON library, so the core keeps its three dependencies.
 */
package dev.rdpprobe.report;
