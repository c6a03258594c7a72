package dev.rdpprobe.diagnose;

/**
 * A Windows client's disconnect reason ({@code discReason} of {@code
 * IMsTscAxEvents::OnDisconnected}, the "error code" of the Remote Desktop Connection dialog). An
 * open set: values the table does not know are kept and named {@code unknown (0x..)}. The table,
 * with the source of each row, is {@link WindowsClientCodes}.
 *
 * <p>The low byte is a class (0x04 network, 0x06 security layer, 0x07 CredSSP, 0x08 client timers
 * and licensing), the high byte an index within the class.
 *
 * @param value the code
 */
public record DisconnectReason(int value) {
  /** disconnectReasonNoInfo (0x0). */
  public static final DisconnectReason NO_INFO = new DisconnectReason(0x0);

  /** disconnectReasonLocalNotError (0x1): a local disconnect, not an error. */
  public static final DisconnectReason LOCAL_NOT_ERROR = new DisconnectReason(0x1);

  /** disconnectReasonRemoteByUser (0x2): the remote user disconnected, not an error. */
  public static final DisconnectReason REMOTE_BY_USER = new DisconnectReason(0x2);

  /** disconnectReasonByServer (0x3): the server disconnected, not an error. */
  public static final DisconnectReason BY_SERVER = new DisconnectReason(0x3);

  /** disconnectReasonDNSLookupFailed (0x104). */
  public static final DisconnectReason DNS_LOOKUP_FAILED = new DisconnectReason(0x104);

  /** disconnectReasonConnectionTimedOut (0x108). */
  public static final DisconnectReason CONNECTION_TIMED_OUT = new DisconnectReason(0x108);

  /** disconnectReasonSocketConnectFailed (0x204). */
  public static final DisconnectReason SOCKET_CONNECT_FAILED = new DisconnectReason(0x204);

  /** disconnectReasonHostNotFound (0x208). */
  public static final DisconnectReason HOST_NOT_FOUND = new DisconnectReason(0x208);

  /** disconnectReasonAtClientWinsockFDCLOSE (0x904): the socket was closed by the peer. */
  public static final DisconnectReason SOCKET_CLOSED = new DisconnectReason(0x904);

  /** disconnectReasonLicensingTimeout (0x908). */
  public static final DisconnectReason LICENSING_TIMEOUT = new DisconnectReason(0x908);

  /** SSL_ERR_LOGON_FAILURE (0x807). */
  public static final DisconnectReason SSL_ERR_LOGON_FAILURE = new DisconnectReason(0x807);

  /**
   * The documented name, e.g. {@code disconnectReasonAtClientWinsockFDCLOSE}, or {@code unknown
   * (0x..)}.
   */
  public String name() {
    return WindowsClientCodes.reasonName(value);
  }

  /** Microsoft's one-line description of the code, or a note that it is not documented. */
  public String description() {
    return WindowsClientCodes.reasonDescription(value);
  }

  /** What the user sees for this code; see {@link #messageSource()} for how far to trust it. */
  public String message() {
    return WindowsClientCodes.reasonMessage(value);
  }

  /** Where {@link #message()} comes from. */
  public MessageSource messageSource() {
    return WindowsClientCodes.reasonMessageSource(value);
  }

  /** Whether the table knows the code. */
  public boolean isKnown() {
    return WindowsClientCodes.knowsReason(value);
  }

  /**
   * Whether the client treats it as an error (0x1 to 0x3 are documented as "not an error code").
   */
  public boolean isError() {
    return value > 0x3;
  }

  /** The value as the client's dialog prints it, e.g. {@code 0x904}. */
  public String hex() {
    return WindowsClientCodes.hex(value);
  }

  /** The value and the name, e.g. {@code 0x904 (disconnectReasonAtClientWinsockFDCLOSE)}. */
  @Override
  public String toString() {
    return hex() + " (" + name() + ")";
  }
}
