package dev.rdpprobe.tls;

/**
 * One end of a TLS connection. Events name the side that sent a message or raised an alert, so they
 * read the same in a client's trace, a server's trace and a capture.
 */
public enum TlsSide {
  /** The end that sent the ClientHello. */
  CLIENT,
  /** The end that answered it. */
  SERVER;

  /** The other end. */
  public TlsSide peer() {
    return this == CLIENT ? SERVER : CLIENT;
  }

  /** {@code client} or {@code server}, for messages. */
  public String word() {
    return this == CLIENT ? "client" : "server";
  }
}
