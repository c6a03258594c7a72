package dev.rdpprobe.trace;

/**
 * How a connection ended. Exactly one {@link TraceEvent.Closed} ends every trace; its {@link
 * TraceEvent.Closed#closedBy()} says which side ended it, so a kind such as {@link #IDLE_TIMEOUT}
 * serves the client's timer in a probe's trace and the server's in the emulator's.
 */
public enum CloseKind {
  /** The host name did not resolve. */
  DNS_FAILURE(ClosedBy.NONE),
  /** The host answered the SYN with a RST: nothing listens, or a firewall rejects. */
  CONNECT_REFUSED(ClosedBy.SERVER),
  /** No answer to the SYN before the connect timeout: filtered port or host down. */
  CONNECT_TIMEOUT(ClosedBy.NONE),
  /** The network or host is unreachable (ICMP, no route). */
  UNREACHABLE(ClosedBy.NONE),
  /** The server closed its side with a FIN. */
  PEER_FIN(ClosedBy.SERVER),
  /** The server (or a middlebox) reset the connection with a RST. */
  PEER_RST(ClosedBy.SERVER),
  /** The client closed its side with a FIN (seen by the emulator or in a capture). */
  CLIENT_FIN(ClosedBy.CLIENT),
  /** The client reset the connection with a RST (seen by the emulator or in a capture). */
  CLIENT_RST(ClosedBy.CLIENT),
  /** A capture ended while the connection was still open. */
  CAPTURE_ENDED(ClosedBy.NONE),
  /** No byte arrived for the idle timeout while a PDU was awaited; the waiting side closed. */
  IDLE_TIMEOUT(ClosedBy.CLIENT),
  /** The overall deadline passed; the side that kept it closed. */
  DEADLINE_EXCEEDED(ClosedBy.CLIENT),
  /** The peer sent bytes that do not decode as the PDU expected; the reading side closed. */
  MALFORMED_PDU(ClosedBy.CLIENT),
  /** The peer sent a well-formed PDU the sequence does not allow here; the reading side closed. */
  PROTOCOL_VIOLATION(ClosedBy.CLIENT),
  /** The server refused in a PDU (RDP_NEG_FAILURE, X.224 Disconnect Request); the client closed. */
  REFUSED_BY_SERVER(ClosedBy.CLIENT),
  /** The TLS layer ended with an alert (received or sent); the connection closed after it. */
  TLS_ALERT(ClosedBy.CLIENT),
  /** The phase the probe was asked to stop after completed; it closed by choice. */
  STOP_POINT_REACHED(ClosedBy.CLIENT),
  /**
   * The server went on where the probe does not follow (RDSTLS, a licensing exchange that would
   * take a license, Standard RDP Security with a certificate whose key cannot carry the client
   * random) before the stop point; the probe closed. Not a success: what follows was not examined.
   */
  NOT_FOLLOWED(ClosedBy.CLIENT),
  /**
   * The peer kept sending what leads nowhere (ignorable TLS records, warning alerts, unanswered
   * PDUs) past {@code Limits.IGNORED_IN_A_ROW} in a row; the recording side closed.
   */
  ABUSIVE_PEER(ClosedBy.CLIENT),
  /** The probe was cancelled or its event loop shut down. */
  CANCELLED(ClosedBy.CLIENT),
  /** A local failure (a bug, or a resource problem) ended the connection. */
  LOCAL_ERROR(ClosedBy.CLIENT);

  private final ClosedBy typicalCloser;

  CloseKind(ClosedBy typicalCloser) {
    this.typicalCloser = typicalCloser;
  }

  /** Who closes the connection when it ends this way in a probe's trace. */
  public ClosedBy closedBy() {
    return typicalCloser;
  }

  /** Whether the probe got as far as it was asked to. */
  public boolean isSuccess() {
    return this == STOP_POINT_REACHED;
  }
}
