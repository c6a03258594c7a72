package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;

/**
 * infoType of the Save Session Info PDU (MS-RDPBCGR 2.2.10.1.1): what infoData holds. Unknown
 * values are kept and named {@code unknown (0x..)}.
 *
 * @param value the 32-bit value as sent
 */
public record SessionInfoType(int value) {
  /** INFOTYPE_LOGON: TS_LOGON_INFO, a user logged on (RDP 4.0 form). */
  public static final SessionInfoType INFOTYPE_LOGON = new SessionInfoType(0);

  /** INFOTYPE_LOGON_LONG: TS_LOGON_INFO_VERSION_2, a user logged on. */
  public static final SessionInfoType INFOTYPE_LOGON_LONG = new SessionInfoType(1);

  /** INFOTYPE_LOGON_PLAINNOTIFY: a user logged on, no details. */
  public static final SessionInfoType INFOTYPE_LOGON_PLAINNOTIFY = new SessionInfoType(2);

  /**
   * INFOTYPE_LOGON_EXTENDED_INFO: TS_LOGON_INFO_EXTENDED, an auto-reconnect cookie or a logon
   * error.
   */
  public static final SessionInfoType INFOTYPE_LOGON_EXTENDED_INFO = new SessionInfoType(3);

  private static final NamedBits NAMES =
      NamedBits.of(
          0, "INFOTYPE_LOGON",
          1, "INFOTYPE_LOGON_LONG",
          2, "INFOTYPE_LOGON_PLAINNOTIFY",
          3, "INFOTYPE_LOGON_EXTENDED_INFO");

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
