package dev.rdpprobe.diagnose;

import dev.rdpprobe.wire.share.ErrorInfo;

/**
 * A Windows client's extended disconnect reason ({@code ExtendedDisconnectReasonCode}, the
 * "extended error code" of the Remote Desktop Connection dialog). It is the last ERRINFO code the
 * client holds, received in a Set Error Info PDU or set by the client itself, so its values are the
 * {@link ErrorInfo} codes. An open set: values no table knows are named {@code unknown (0x..)}. The
 * table, with the source of each row, is {@link WindowsClientCodes}.
 *
 * @param value the code
 */
public record ExtendedReason(int value) {
  /** exDiscReasonNoInfo (0): no extended information. */
  public static final ExtendedReason NO_INFO = new ExtendedReason(0);

  /** exDiscReasonServerDeniedConnection (7). */
  public static final ExtendedReason SERVER_DENIED_CONNECTION = new ExtendedReason(7);

  /** exDiscReasonServerDeniedConnectionFips (8). */
  public static final ExtendedReason SERVER_DENIED_CONNECTION_FIPS = new ExtendedReason(8);

  /** The extended reason a client reports after receiving {@code errorInfo}. */
  public static ExtendedReason of(ErrorInfo errorInfo) {
    return new ExtendedReason(errorInfo.value());
  }

  /**
   * The name: the enumeration's name (e.g. {@code exDiscReasonServerDeniedConnection}); for an
   * ERRINFO code the enumeration only covers by range, the ERRINFO name; otherwise {@code unknown
   * (0x..)}.
   */
  public String name() {
    return WindowsClientCodes.extendedName(value);
  }

  /** What the code means, in a sentence. */
  public String meaning() {
    return WindowsClientCodes.extendedMeaning(value);
  }

  /** Whether the enumeration or the ERRINFO table knows the code. */
  public boolean isKnown() {
    return WindowsClientCodes.knowsExtended(value);
  }

  /** The same value as an ERRINFO code. */
  public ErrorInfo errorInfo() {
    return new ErrorInfo(value);
  }

  /** The value as the client's dialog prints it, e.g. {@code 0x7}. */
  public String hex() {
    return WindowsClientCodes.hex(value);
  }

  /** The value and the name, e.g. {@code 0x7 (exDiscReasonServerDeniedConnection)}. */
  @Override
  public String toString() {
    return hex() + " (" + name() + ")";
  }
}
