package dev.rdpprobe.wire.multitransport;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;

/**
 * hrResponse of the Initiate Multitransport Response (MS-RDPBCGR 2.2.15.2): an HRESULT, S_OK when
 * the client set up the UDP transport, E_ABORT when it did not (or will not). Other values are kept
 * and named {@code unknown (0x..)}.
 *
 * @param value the 32-bit HRESULT as sent
 */
public record HrResponse(int value) {
  /** S_OK: the side channel is up. */
  public static final HrResponse S_OK = new HrResponse(0x00000000);

  /** E_ABORT: the client declines, or failed to set up the side channel. */
  public static final HrResponse E_ABORT = new HrResponse(0x80004004);

  private static final NamedBits NAMES = NamedBits.of(0x00000000, "S_OK", 0x80004004, "E_ABORT");

  /** {@code S_OK}, {@code E_ABORT} or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value & 0xFFFFFFFFL);
  }

  /** Whether the HRESULT reports success (the severity bit clear). */
  public boolean succeeded() {
    return value >= 0;
  }

  @Override
  public String toString() {
    return NAMES.knowsCode(value & 0xFFFFFFFFL)
        ? name() + " (" + Wire.hex(value & 0xFFFFFFFFL) + ")"
        : name();
  }
}
