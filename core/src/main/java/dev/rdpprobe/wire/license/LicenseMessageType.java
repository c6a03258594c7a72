package dev.rdpprobe.wire.license;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;

/**
 * bMsgType of the licensing preamble (MS-RDPBCGR 2.2.1.12.1.1, LICENSE_PREAMBLE): which licensing
 * message follows. An open set: unknown types are kept and named {@code unknown (0x..)}.
 *
 * @param value the 8-bit type as sent
 */
public record LicenseMessageType(int value) {
  /** LICENSE_REQUEST: the server's Server License Request (MS-RDPELE 2.2.2.1). */
  public static final LicenseMessageType LICENSE_REQUEST = new LicenseMessageType(0x01);

  /** PLATFORM_CHALLENGE: the server's Server Platform Challenge (MS-RDPELE 2.2.2.4). */
  public static final LicenseMessageType PLATFORM_CHALLENGE = new LicenseMessageType(0x02);

  /** NEW_LICENSE: the server issues a license (MS-RDPELE 2.2.2.7). */
  public static final LicenseMessageType NEW_LICENSE = new LicenseMessageType(0x03);

  /** UPGRADE_LICENSE: the server upgrades a license (MS-RDPELE 2.2.2.6). */
  public static final LicenseMessageType UPGRADE_LICENSE = new LicenseMessageType(0x04);

  /** LICENSE_INFO: the client presents a license (MS-RDPELE 2.2.2.3). */
  public static final LicenseMessageType LICENSE_INFO = new LicenseMessageType(0x12);

  /** NEW_LICENSE_REQUEST: the client asks for a license (MS-RDPELE 2.2.2.2). */
  public static final LicenseMessageType NEW_LICENSE_REQUEST = new LicenseMessageType(0x13);

  /** PLATFORM_CHALLENGE_RESPONSE: the client answers a challenge (MS-RDPELE 2.2.2.5). */
  public static final LicenseMessageType PLATFORM_CHALLENGE_RESPONSE = new LicenseMessageType(0x15);

  /** ERROR_ALERT: a License Error Message (MS-RDPBCGR 2.2.1.12.1.3), either way. */
  public static final LicenseMessageType ERROR_ALERT = new LicenseMessageType(0xFF);

  private static final NamedBits NAMES =
      NamedBits.of(
          0x01, "LICENSE_REQUEST",
          0x02, "PLATFORM_CHALLENGE",
          0x03, "NEW_LICENSE",
          0x04, "UPGRADE_LICENSE",
          0x12, "LICENSE_INFO",
          0x13, "NEW_LICENSE_REQUEST",
          0x15, "PLATFORM_CHALLENGE_RESPONSE",
          0xFF, "ERROR_ALERT");

  public LicenseMessageType {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException("bMsgType out of range (8 bits): " + value);
    }
  }

  /** The specification name, e.g. {@code ERROR_ALERT}, or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value);
  }

  /** Whether the table names this type. */
  public boolean isKnown() {
    return NAMES.knowsCode(value);
  }

  /** The name and the value, e.g. {@code ERROR_ALERT (0xff)}. */
  @Override
  public String toString() {
    return isKnown() ? name() + " (" + Wire.hex(value) + ")" : name();
  }
}
