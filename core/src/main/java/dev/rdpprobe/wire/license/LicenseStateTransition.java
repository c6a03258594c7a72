package dev.rdpprobe.wire.license;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;

/**
 * dwStateTransition of the License Error Message (MS-RDPBCGR 2.2.1.12.1.3): what the receiver's
 * licensing state machine does next. An open set: unknown values are kept and named {@code unknown
 * (0x..)}.
 *
 * @param value the 32-bit value as sent
 */
public record LicenseStateTransition(int value) {
  public static final LicenseStateTransition ST_TOTAL_ABORT = new LicenseStateTransition(1);

  /** ST_NO_TRANSITION: what the "valid client" message carries. */
  public static final LicenseStateTransition ST_NO_TRANSITION = new LicenseStateTransition(2);

  public static final LicenseStateTransition ST_RESET_PHASE_TO_START =
      new LicenseStateTransition(3);
  public static final LicenseStateTransition ST_RESEND_LAST_MESSAGE = new LicenseStateTransition(4);

  private static final NamedBits NAMES =
      NamedBits.of(
          1, "ST_TOTAL_ABORT",
          2, "ST_NO_TRANSITION",
          3, "ST_RESET_PHASE_TO_START",
          4, "ST_RESEND_LAST_MESSAGE");

  /** The specification name, or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value & 0xFFFFFFFFL);
  }

  /** Whether the table names this value. */
  public boolean isKnown() {
    return NAMES.knowsCode(value & 0xFFFFFFFFL);
  }

  @Override
  public String toString() {
    return isKnown() ? name() + " (" + Wire.hex(value & 0xFFFFFFFFL) + ")" : name();
  }
}
