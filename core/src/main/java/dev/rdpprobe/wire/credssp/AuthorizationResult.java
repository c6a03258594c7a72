package dev.rdpprobe.wire.credssp;

import dev.rdpprobe.wire.Wire;

/**
 * The {@code authorizationResult} of the Early User Authorization Result PDU (MS-RDPBCGR 2.2.10.2).
 * An open set: values the specification does not define are kept and named {@code unknown (0x..)}
 * (ARCHITECTURE.md, Rules: unknown values survive). FreeRDP treats any value but these two as an
 * authentication failure.
 *
 * @param value the 32-bit value as sent
 */
public record AuthorizationResult(int value) {
  /** AUTHZ_SUCCESS: the user may connect. */
  public static final AuthorizationResult AUTHZ_SUCCESS = new AuthorizationResult(0x00000000);

  /**
   * AUTHZ_ACCESS_DENIED: the credentials were accepted, but the user may not log on through Remote
   * Desktop Services (not a member of Remote Desktop Users, or denied that logon right).
   */
  public static final AuthorizationResult AUTHZ_ACCESS_DENIED = new AuthorizationResult(0x00000005);

  /** Whether the specification defines this value. */
  public boolean isKnown() {
    return value == 0 || value == 5;
  }

  /** The specification name, or {@code unknown (0x..)}. */
  public String name() {
    return switch (value) {
      case 0 -> "AUTHZ_SUCCESS";
      case 5 -> "AUTHZ_ACCESS_DENIED";
      default -> "unknown (" + Wire.hex(value & 0xFFFFFFFFL) + ")";
    };
  }

  /** What the value means, in a sentence. */
  public String description() {
    return switch (value) {
      case 0 -> "the server authorized the user to connect";
      case 5 ->
          "the server accepted the credentials but denied the user access to Remote Desktop"
              + " Services";
      default -> "a value MS-RDPBCGR does not define (clients treat it as a failure)";
    };
  }

  @Override
  public String toString() {
    return name();
  }
}
