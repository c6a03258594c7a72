package dev.rdpprobe.report;

/**
 * A JSON value (RFC 8259 section 3): an object, an array, a string, a number, {@code true}, {@code
 * false} or {@code null}. Values are immutable; {@link #toJson()} writes one as compact JSON text.
 */
public sealed interface JsonValue
    permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

  /** The value as JSON text, compact: no whitespace between tokens ({@link JsonWriter}). */
  default String toJson() {
    return JsonWriter.write(this);
  }
}
