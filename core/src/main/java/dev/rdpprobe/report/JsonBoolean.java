package dev.rdpprobe.report;

/** The JSON literals {@code true} and {@code false} (RFC 8259 section 3). */
public enum JsonBoolean implements JsonValue {
  /** {@code false}. */
  FALSE,
  /** {@code true}. */
  TRUE;

  /** The literal for {@code value}. */
  public static JsonBoolean of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /** The literal as a Java boolean. */
  public boolean value() {
    return this == TRUE;
  }

  /** {@code true} or {@code false}. */
  @Override
  public String toString() {
    return toJson();
  }
}
