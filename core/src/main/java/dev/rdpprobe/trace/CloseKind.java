package dev.rdpprobe.trace;

/** How a connection ended. Exactly one {@link TraceEvent.Closed} ends every trace. */
public enum CloseKind {
  /** The host name did not resolve. */
  DNS_FAILURE(ClosedBy.NONE),
  /** The host answered the SYN with a RST: nothing listens, or a firewall rejects. */
  CONNECT_REFUSED(ClosedBy.PEER),
  /** No answer to the SYN before the connect timeout: filtered port or host down. */
  CONNECT_TIMEOUT(ClosedBy.NONE),
  /** The network or host is unreachable (ICMP, no route). */
  UNREACHABLE(ClosedBy.NONE),
  /** The peer closed its side with a FIN. */
  PEER_FIN(ClosedBy.PEER),
  /** The peer (or a middlebox) reset the connection with a RST. */
  PEER_RST(ClosedBy.PEER),
  /** No byte arrived for the idle timeout while we waited for a PDU; we closed. */
  IDLE_TIMEOUT(ClosedBy.LOCAL),
  /** The probe's overall deadline passed; we closed. */
  DEADLINE_EXCEEDED(ClosedBy.LOCAL),
  /** The server sent bytes that do not decode as the PDU expected; we closed. */
  MALFORMED_PDU(ClosedBy.LOCAL),
  /** The server sent a well-formed PDU the sequence does not allow here; we closed. */
  PROTOCOL_VIOLATION(ClosedBy.LOCAL),
  /** The server refused in a PDU (RDP_NEG_FAILURE, X.224 Disconnect Request); we closed. */
  REFUSED_BY_SERVER(ClosedBy.LOCAL),
  /** The TLS layer ended with an alert (received or sent); the connection closed after it. */
  TLS_ALERT(ClosedBy.LOCAL),
  /** The phase the probe was asked to stop after completed; we closed by choice. */
  STOP_POINT_REACHED(ClosedBy.LOCAL),
  /** The probe was cancelled or its event loop shut down. */
  CANCELLED(ClosedBy.LOCAL),
  /** A local failure (a bug, or a resource problem) ended the probe. */
  LOCAL_ERROR(ClosedBy.LOCAL);

  private final ClosedBy typicalCloser;

  CloseKind(ClosedBy typicalCloser) {
    this.typicalCloser = typicalCloser;
  }

  /** Who closes the connection when it ends this way. */
  public ClosedBy closedBy() {
    return typicalCloser;
  }

  /** Whether the probe got as far as it was asked to. */
  public boolean isSuccess() {
    return this == STOP_POINT_REACHED;
  }
}
