package dev.rdpprobe.wire.mcs;

/**
 * T.125 DataPriority of a Send Data Request or Indication: a 2-bit field, all four values valid.
 */
public enum DataPriority {
  TOP,
  HIGH,
  MEDIUM,
  LOW;

  private static final DataPriority[] VALUES = values();

  /** The priority with this 2-bit value. */
  public static DataPriority of(int value) {
    return VALUES[value & 3];
  }
}
