package dev.rdpprobe.tls;

import java.util.Objects;

/**
 * How the peer's half of a TLS connection ended when its transport closed (TCP FIN), classified as
 * Bouncy Castle's {@code closeInput()} sees it.
 *
 * @param kind the classification
 * @param pendingBytes bytes of an incomplete record received before the close
 * @param detail the same in a sentence
 */
public record TlsEnding(Kind kind, int pendingBytes, String detail) {
  /** The classification. */
  public enum Kind {
    /** The peer sent close_notify first: an orderly end. */
    CLOSE_NOTIFY,
    /**
     * The handshake had completed and the peer closed without close_notify (Bouncy Castle: {@code
     * TlsNoCloseNotifyException}); harmless for RDP, which often just drops the connection.
     */
    NO_CLOSE_NOTIFY,
    /**
     * The peer closed before the handshake completed (Bouncy Castle: {@code handshake_failure}),
     * e.g. a server that drops the connection after our ClientHello.
     */
    DURING_HANDSHAKE,
    /** The peer closed in the middle of a record (Bouncy Castle: {@code EOFException}). */
    PARTIAL_RECORD,
    /** The session had already failed or been closed by us; the close adds nothing. */
    AFTER_END
  }

  public TlsEnding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }
}
