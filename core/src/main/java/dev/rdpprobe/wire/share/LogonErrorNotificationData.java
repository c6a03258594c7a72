package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;

/**
 * ErrorNotificationData of the Logon Errors Info (MS-RDPBCGR 2.2.10.1.1.4.1.1): the LOGON_FAILED_
 * and LOGON_WARNING codes. Other values (a session id for some notification types) are kept and
 * named {@code unknown (0x..)}.
 *
 * @param value the 32-bit value as sent
 */
public record LogonErrorNotificationData(int value) {
  public static final LogonErrorNotificationData LOGON_FAILED_BAD_PASSWORD =
      new LogonErrorNotificationData(0);
  public static final LogonErrorNotificationData LOGON_FAILED_UPDATE_PASSWORD =
      new LogonErrorNotificationData(1);
  public static final LogonErrorNotificationData LOGON_FAILED_OTHER =
      new LogonErrorNotificationData(2);
  public static final LogonErrorNotificationData LOGON_WARNING = new LogonErrorNotificationData(3);

  private static final NamedBits NAMES =
      NamedBits.of(
          0, "LOGON_FAILED_BAD_PASSWORD",
          1, "LOGON_FAILED_UPDATE_PASSWORD",
          2, "LOGON_FAILED_OTHER",
          3, "LOGON_WARNING");

  /** The specification name, or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value & 0xFFFFFFFFL);
  }

  @Override
  public String toString() {
    return NAMES.knowsCode(value & 0xFFFFFFFFL)
        ? name() + " (" + Wire.hex(value & 0xFFFFFFFFL) + ")"
        : name();
  }
}
