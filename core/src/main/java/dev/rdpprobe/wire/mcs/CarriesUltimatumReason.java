package dev.rdpprobe.wire.mcs;

/**
 * A decoded PDU by which a peer ends the MCS domain on purpose, with a reason: the MCS Disconnect
 * Provider Ultimatum (T.125 DisconnectProviderUltimatum, MS-RDPBCGR 2.2.2.3) implements it. The
 * diagnosis looks for a received PDU of this type to tell a server that ended the connection in the
 * protocol from one that just closed the socket, and reads the reason to tell a disconnect the
 * remote user asked for ({@link #RN_USER_REQUESTED}) from one the server decided.
 */
public interface CarriesUltimatumReason {
  /** T.125 Reason rn-domain-disconnected. */
  int RN_DOMAIN_DISCONNECTED = 0;

  /** T.125 Reason rn-provider-initiated: the server ends the connection. */
  int RN_PROVIDER_INITIATED = 1;

  /** T.125 Reason rn-token-purged. */
  int RN_TOKEN_PURGED = 2;

  /** T.125 Reason rn-user-requested: the remote user asked for the disconnect. */
  int RN_USER_REQUESTED = 3;

  /** T.125 Reason rn-channel-purged. */
  int RN_CHANNEL_PURGED = 4;

  /** The T.125 Reason as sent, 0 to 7 (a 3-bit field; 5 to 7 are undefined but kept). */
  int ultimatumReason();

  /** Whether the reason is rn-user-requested. */
  default boolean isUserRequested() {
    return ultimatumReason() == RN_USER_REQUESTED;
  }
}
