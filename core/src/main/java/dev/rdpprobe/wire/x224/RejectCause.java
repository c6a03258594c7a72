package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.NamedBits;

/**
 * The reject cause octet of an X.224 TPDU Error (X.224 13.12.3). An open set.
 *
 * @param value the octet as sent
 */
public record RejectCause(int value) {
  public static final RejectCause NOT_SPECIFIED = new RejectCause(0);
  public static final RejectCause INVALID_TPDU_TYPE = new RejectCause(2);

  private static final NamedBits NAMES =
      NamedBits.of(
          0, "reason not specified",
          1, "invalid parameter code",
          2, "invalid TPDU type",
          3, "invalid parameter value");

  public RejectCause {
    if ((value & ~0xFF) != 0) {
      throw new IllegalArgumentException("cause out of range: " + value);
    }
  }

  /** The name of the cause, or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value);
  }

  @Override
  public String toString() {
    return name();
  }
}
