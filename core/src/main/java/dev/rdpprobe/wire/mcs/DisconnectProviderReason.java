package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.NamedBits;

/**
 * T.125 Reason of a Disconnect Provider Ultimatum: a 3-bit PER field, so values 5 to 7 can be sent
 * too; they are kept and named {@code unknown (0x..)}.
 *
 * @param value 0 to 7
 */
public record DisconnectProviderReason(int value) {
  public static final DisconnectProviderReason RN_DOMAIN_DISCONNECTED =
      new DisconnectProviderReason(0);
  public static final DisconnectProviderReason RN_PROVIDER_INITIATED =
      new DisconnectProviderReason(1);
  public static final DisconnectProviderReason RN_TOKEN_PURGED = new DisconnectProviderReason(2);
  public static final DisconnectProviderReason RN_USER_REQUESTED = new DisconnectProviderReason(3);
  public static final DisconnectProviderReason RN_CHANNEL_PURGED = new DisconnectProviderReason(4);

  private static final NamedBits NAMES =
      NamedBits.of(
          0, "rn-domain-disconnected",
          1, "rn-provider-initiated",
          2, "rn-token-purged",
          3, "rn-user-requested",
          4, "rn-channel-purged");

  public DisconnectProviderReason {
    if (value < 0 || value > 7) {
      throw new IllegalArgumentException("reason out of range (3 bits): " + value);
    }
  }

  /** The T.125 name ({@code rn-user-requested}), or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value);
  }

  @Override
  public String toString() {
    return name();
  }
}
