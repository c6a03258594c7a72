package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.NamedBits;

/**
 * The reason octet of an X.224 Disconnect Request (X.224 13.5.3). An open set.
 *
 * @param value the octet as sent
 */
public record DisconnectReason(int value) {
  public static final DisconnectReason NOT_SPECIFIED = new DisconnectReason(0);
  public static final DisconnectReason NORMAL = new DisconnectReason(0x80);
  public static final DisconnectReason PROTOCOL_ERROR = new DisconnectReason(0x85);
  public static final DisconnectReason CONNECTION_REQUEST_REFUSED = new DisconnectReason(0x88);

  private static final NamedBits NAMES =
      NamedBits.of(
          0x00, "not specified",
          0x01, "congestion at TSAP",
          0x02, "session entity not attached to TSAP",
          0x03, "address unknown",
          0x80, "normal disconnect",
          0x81, "remote transport entity congestion",
          0x82, "connection negotiation failed",
          0x83, "duplicate source reference",
          0x84, "mismatched references",
          0x85, "protocol error",
          0x87, "reference overflow",
          0x88, "connection request refused",
          0x8A, "header or parameter length invalid");

  public DisconnectReason {
    if ((value & ~0xFF) != 0) {
      throw new IllegalArgumentException("reason out of range: " + value);
    }
  }

  /** The name of the reason, or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value);
  }

  @Override
  public String toString() {
    return name();
  }
}
