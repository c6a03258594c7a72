package dev.rdpprobe.tls;

/**
 * Hears what happens in a TLS session or on a TLS stream, as it happens: every handshake message
 * (and ChangeCipherSpec) in both directions, every alert sent or received, bytes that are not TLS
 * where a record was due. All methods do nothing by default; override the ones you need.
 *
 * <p>Calls come on the thread that drives the session, in protocol order: a message received, then
 * what our side sent in answer. Implementations must be fast and must not call back into the
 * session. An exception thrown by an observer is caught and logged, and does not break the session.
 */
public interface TlsObserver {
  /** An observer that ignores everything. */
  TlsObserver NONE = new TlsObserver() {};

  /** A handshake message, a ChangeCipherSpec or a visible record went by. */
  default void message(TlsMessage message) {}

  /** An alert was sent or received. */
  default void alert(TlsAlert alert) {}

  /**
   * A side sent bytes that are not a TLS record where one was due.
   *
   * @param sender the side that sent them
   * @param description what they look like, e.g. {@code server sent 19 bytes of a TPKT (an X.224 or
   *     MCS PDU) instead of a TLS record}
   */
  default void notTls(TlsSide sender, String description) {}

  /**
   * Application data a side sent, in clear: only where the records could be opened (a {@link
   * TlsRecordObserver} given a {@link TlsRecordObserver.Decrypter} with the session's secrets).
   */
  default void applicationData(TlsSide sender, byte[] plaintext) {}
}
