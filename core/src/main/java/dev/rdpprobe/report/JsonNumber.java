package dev.rdpprobe.report;

import java.util.Objects;

/**
 * A JSON number (RFC 8259 section 6): an integer held as a {@code long}, or a finite {@code
 * double}. Integers are written in decimal; doubles as {@link Double#toString(double)} writes them
 * ({@code 12.345}, {@code 1.0E7}), which is valid JSON for every finite double. NaN and the
 * infinities have no JSON form and are refused.
 *
 * @param value a {@link Long} or a finite {@link Double}
 */
public record JsonNumber(Number value) implements JsonValue {
  public JsonNumber {
    Objects.requireNonNull(value, "value");
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      value = value.longValue();
    }
    if (value instanceof Double d) {
      if (d.isNaN() || d.isInfinite()) {
        throw new IllegalArgumentException("JSON has no number " + d);
      }
    } else if (!(value instanceof Long)) {
      // a float or a big number would need its own text form; the documents have none
      throw new IllegalArgumentException(
          "a JSON number here is a long or a double, not a " + value.getClass().getSimpleName());
    }
  }

  /** An integer. */
  public static JsonNumber of(long value) {
    return new JsonNumber(value);
  }

  /** A finite double. */
  public static JsonNumber of(double value) {
    return new JsonNumber(value);
  }

  /** {@code value} as a number, or {@link JsonNull#NULL} when it is {@code null}. */
  public static JsonValue ofNullable(Number value) {
    return value == null ? JsonNull.NULL : new JsonNumber(value);
  }

  /** Whether the number is an integer (a {@code long}). */
  public boolean isIntegral() {
    return value instanceof Long;
  }

  /** The number as JSON text. */
  @Override
  public String toString() {
    return toJson();
  }
}
