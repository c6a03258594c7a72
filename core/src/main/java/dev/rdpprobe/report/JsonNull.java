package dev.rdpprobe.report;

/** The JSON literal {@code null} (RFC 8259 section 3): a field whose value is absent. */
public enum JsonNull implements JsonValue {
  /** {@code null}. */
  NULL;

  /** {@code null}. */
  @Override
  public String toString() {
    return toJson();
  }
}
