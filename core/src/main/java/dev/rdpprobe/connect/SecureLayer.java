package dev.rdpprobe.connect;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * A record layer between the socket and the PDUs, installed once its handshake is done (TLS after
 * the Connection Confirm). From then on every byte received goes through {@link #unwrap} before it
 * is framed into PDUs, and every PDU sent through {@link #wrap}.
 */
public interface SecureLayer {
  /** A short name for the trace, e.g. {@code TLSv1.2}. */
  String name();

  /**
   * Takes bytes received from the socket (all of them) and returns the plaintext they complete,
   * possibly none.
   *
   * @throws SecureLayerException if the peer broke the layer (an alert, a bad record)
   */
  byte[] unwrap(ByteBuf received);

  /** Protects application bytes for sending. */
  byte[] wrap(byte[] plaintext);

  /** Bytes the layer itself needs sent (alerts, post-handshake messages), since the last call. */
  List<byte[]> takeOutput();

  /** Frees what the layer holds. */
  default void dispose() {}

  /** The peer broke the layer: what happened, for the close event. */
  final class SecureLayerException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean alert;

    /**
     * @param message what happened, in words
     * @param alert whether the layer ended with a TLS alert (sent or received)
     */
    public SecureLayerException(String message, boolean alert) {
      super(message);
      this.alert = alert;
    }

    /** Whether the layer ended with a TLS alert. */
    public boolean alert() {
      return alert;
    }
  }
}
