package dev.rdpprobe.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A JSON array (RFC 8259 section 5): values in order. A {@code null} element is {@link
 * JsonNull#NULL}.
 *
 * @param elements the values, in order
 */
public record JsonArray(List<JsonValue> elements) implements JsonValue {
  /** The empty array. */
  public static final JsonArray EMPTY = new JsonArray(List.of());

  public JsonArray {
    elements = List.copyOf(elements);
  }

  /** An array of these values. */
  public static JsonArray of(JsonValue... elements) {
    return new JsonArray(List.of(elements));
  }

  /** An array of strings; a {@code null} one is {@code null}. */
  public static JsonArray ofStrings(Collection<String> strings) {
    Builder b = builder();
    strings.forEach(b::add);
    return b.build();
  }

  /** An array of integers; a {@code null} one is {@code null}. */
  public static JsonArray ofNumbers(Collection<? extends Number> numbers) {
    Builder b = builder();
    numbers.forEach(b::add);
    return b.build();
  }

  /** A builder of an array, elements appended in order. */
  public static Builder builder() {
    return new Builder();
  }

  /** The number of elements. */
  public int size() {
    return elements.size();
  }

  /** The element at {@code index}. */
  public JsonValue get(int index) {
    return elements.get(index);
  }

  /** The array as JSON text. */
  @Override
  public String toString() {
    return toJson();
  }

  /** Appends elements; {@link #build()} gives the array. */
  public static final class Builder {
    private final List<JsonValue> elements = new ArrayList<>();

    private Builder() {}

    /** Appends a value; {@code null} appends {@code null}. */
    public Builder add(JsonValue value) {
      elements.add(value == null ? JsonNull.NULL : value);
      return this;
    }

    /** Appends a string; {@code null} appends {@code null}. */
    public Builder add(String value) {
      return add(JsonString.ofNullable(value));
    }

    /** Appends an integer. */
    public Builder add(long value) {
      return add(JsonNumber.of(value));
    }

    /** Appends a number; {@code null} appends {@code null}. */
    public Builder add(Number value) {
      return add(JsonNumber.ofNullable(value));
    }

    /** Appends a boolean. */
    public Builder add(boolean value) {
      return add(JsonBoolean.of(value));
    }

    /** The array of the elements appended so far. */
    public JsonArray build() {
      return new JsonArray(elements);
    }
  }
}
