package dev.rdpprobe.report;

import java.util.Objects;

/**
 * A JSON string (RFC 8259 section 7).
 *
 * @param value the characters, unescaped
 */
public record JsonString(String value) implements JsonValue {
  public JsonString {
    Objects.requireNonNull(value, "value");
  }

  /** {@code value} as a string, or {@link JsonNull#NULL} when it is {@code null}. */
  public static JsonValue ofNullable(String value) {
    return value == null ? JsonNull.NULL : new JsonString(value);
  }

  /** The string as JSON text, quoted and escaped. */
  @Override
  public String toString() {
    return toJson();
  }
}
