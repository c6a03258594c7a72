package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;

/**
 * action of the Control PDU (MS-RDPBCGR 2.2.1.15.1). Unknown values are kept and named {@code
 * unknown (0x..)}.
 *
 * @param value the 16-bit value as sent
 */
public record ControlAction(int value) {
  public static final ControlAction CTRLACTION_REQUEST_CONTROL = new ControlAction(0x0001);
  public static final ControlAction CTRLACTION_GRANTED_CONTROL = new ControlAction(0x0002);
  public static final ControlAction CTRLACTION_DETACH = new ControlAction(0x0003);
  public static final ControlAction CTRLACTION_COOPERATE = new ControlAction(0x0004);

  private static final NamedBits NAMES =
      NamedBits.of(
          0x0001, "CTRLACTION_REQUEST_CONTROL",
          0x0002, "CTRLACTION_GRANTED_CONTROL",
          0x0003, "CTRLACTION_DETACH",
          0x0004, "CTRLACTION_COOPERATE");

  public ControlAction {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("action out of range (16 bits): " + value);
    }
  }

  /** The specification name, or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value);
  }

  @Override
  public String toString() {
    return NAMES.knowsCode(value) ? name() + " (" + Wire.hex(value) + ")" : name();
  }
}
