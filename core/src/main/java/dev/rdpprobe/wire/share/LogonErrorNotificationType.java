package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;

/**
 * ErrorNotificationType of the Logon Errors Info (MS-RDPBCGR 2.2.10.1.1.4.1.1): what the server's
 * logon notification says (the session is busy, the user may not log on, the session ends or
 * continues). Other values are kept and named {@code unknown (0x..)}.
 *
 * @param value the 32-bit value as sent
 */
public record LogonErrorNotificationType(int value) {
  public static final LogonErrorNotificationType LOGON_MSG_SESSION_BUSY_OPTIONS =
      new LogonErrorNotificationType(0xFFFFFFF8);
  public static final LogonErrorNotificationType LOGON_MSG_DISCONNECT_REFUSED =
      new LogonErrorNotificationType(0xFFFFFFF9);
  public static final LogonErrorNotificationType LOGON_MSG_NO_PERMISSION =
      new LogonErrorNotificationType(0xFFFFFFFA);
  public static final LogonErrorNotificationType LOGON_MSG_BUMP_OPTIONS =
      new LogonErrorNotificationType(0xFFFFFFFB);
  public static final LogonErrorNotificationType LOGON_MSG_RECONNECT_OPTIONS =
      new LogonErrorNotificationType(0xFFFFFFFC);
  public static final LogonErrorNotificationType LOGON_MSG_SESSION_TERMINATE =
      new LogonErrorNotificationType(0xFFFFFFFD);
  public static final LogonErrorNotificationType LOGON_MSG_SESSION_CONTINUE =
      new LogonErrorNotificationType(0xFFFFFFFE);

  private static final NamedBits NAMES =
      NamedBits.of(
          0xFFFFFFF8, "LOGON_MSG_SESSION_BUSY_OPTIONS",
          0xFFFFFFF9, "LOGON_MSG_DISCONNECT_REFUSED",
          0xFFFFFFFA, "LOGON_MSG_NO_PERMISSION",
          0xFFFFFFFB, "LOGON_MSG_BUMP_OPTIONS",
          0xFFFFFFFC, "LOGON_MSG_RECONNECT_OPTIONS",
          0xFFFFFFFD, "LOGON_MSG_SESSION_TERMINATE",
          0xFFFFFFFE, "LOGON_MSG_SESSION_CONTINUE");

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
