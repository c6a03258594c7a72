package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.NamedBits;

/**
 * T.124 ConferenceCreateResponse result: a 3-bit PER field. Unknown values are kept.
 *
 * @param value 0 to 7
 */
public record ConferenceCreateResult(int value) {
  public static final ConferenceCreateResult SUCCESS = new ConferenceCreateResult(0);
  public static final ConferenceCreateResult USER_REJECTED = new ConferenceCreateResult(1);
  public static final ConferenceCreateResult RESOURCES_NOT_AVAILABLE =
      new ConferenceCreateResult(2);
  public static final ConferenceCreateResult REJECTED_FOR_SYMMETRY_BREAKING =
      new ConferenceCreateResult(3);
  public static final ConferenceCreateResult LOCKED_CONFERENCE_NOT_SUPPORTED =
      new ConferenceCreateResult(4);

  private static final NamedBits NAMES =
      NamedBits.of(
          0, "success",
          1, "userRejected",
          2, "resourcesNotAvailable",
          3, "rejectedForSymmetryBreaking",
          4, "lockedConferenceNotSupported");

  public ConferenceCreateResult {
    if (value < 0 || value > 7) {
      throw new IllegalArgumentException("result out of range (3 bits): " + value);
    }
  }

  /** The T.124 name, or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value);
  }

  @Override
  public String toString() {
    return name();
  }
}
