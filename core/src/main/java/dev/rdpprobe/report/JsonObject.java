package dev.rdpprobe.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON object (RFC 8259 section 4): names, each with a value, in the order they were put. Names
 * are unique (section 4 recommends it; a builder refuses a second one). A field whose value is
 * absent holds {@link JsonNull#NULL}.
 */
public final class JsonObject implements JsonValue {
  /** The empty object. */
  public static final JsonObject EMPTY = new JsonObject(new LinkedHashMap<>());

  private final Map<String, JsonValue> members;

  private JsonObject(LinkedHashMap<String, JsonValue> members) {
    this.members = Collections.unmodifiableMap(members);
  }

  /** A builder of an object, members kept in the order they are put. */
  public static Builder builder() {
    return new Builder();
  }

  /** The members, in order; unmodifiable. */
  public Map<String, JsonValue> members() {
    return members;
  }

  /** The value of member {@code name}, or {@code null} when there is no such member. */
  public JsonValue get(String name) {
    return members.get(name);
  }

  /** Whether the object has a member {@code name} (whose value may be {@code null}). */
  public boolean has(String name) {
    return members.containsKey(name);
  }

  /** The number of members. */
  public int size() {
    return members.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonObject other && members.equals(other.members);
  }

  @Override
  public int hashCode() {
    return members.hashCode();
  }

  /** The object as JSON text. */
  @Override
  public String toString() {
    return toJson();
  }

  /** Puts members in order; {@link #build()} gives the object. */
  public static final class Builder {
    private LinkedHashMap<String, JsonValue> members = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Puts member {@code name}; a {@code null} value puts {@code null}.
     *
     * @throws IllegalArgumentException if the builder has a member {@code name} already
     */
    public Builder put(String name, JsonValue value) {
      Objects.requireNonNull(name, "name");
      if (members.putIfAbsent(name, value == null ? JsonNull.NULL : value) != null) {
        throw new IllegalArgumentException("member " + name + " is put twice");
      }
      return this;
    }

    /** Puts a string member; {@code null} puts {@code null}. */
    public Builder put(String name, String value) {
      return put(name, JsonString.ofNullable(value));
    }

    /** Puts an integer member. */
    public Builder put(String name, long value) {
      return put(name, JsonNumber.of(value));
    }

    /** Puts a double member (finite). */
    public Builder put(String name, double value) {
      return put(name, JsonNumber.of(value));
    }

    /** Puts a number member; {@code null} puts {@code null}. */
    public Builder put(String name, Number value) {
      return put(name, JsonNumber.ofNullable(value));
    }

    /** Puts a boolean member. */
    public Builder put(String name, boolean value) {
      return put(name, JsonBoolean.of(value));
    }

    /** The object of the members put so far; the builder then starts a new one. */
    public JsonObject build() {
      JsonObject o = new JsonObject(members);
      members = new LinkedHashMap<>();
      return o;
    }
  }
}
