package dev.rdpprobe.tls;

import java.util.Objects;

/**
 * A TLS handshake message, a ChangeCipherSpec, or a record whose content is not visible, seen as it
 * went by.
 *
 * <p>A session sees every handshake message in plaintext, also those that were encrypted on the
 * wire (TLS 1.3 EncryptedExtensions, Certificate, Finished; TLS 1.2 Finished), and says so with
 * {@link #encrypted()}. A {@link TlsRecordObserver} that only sees the wire reports an encrypted
 * record as one message named {@code encrypted handshake record}, {@code encrypted record} or
 * {@code application data}, with {@link #handshakeType()} {@code -1}.
 *
 * @param sender the side that sent it
 * @param contentType the record content type it came in: 20 ChangeCipherSpec, 22 handshake, 23
 *     application data (also every TLS 1.3 encrypted record on the wire)
 * @param handshakeType the HandshakeType code (1 ClientHello, 2 ServerHello, ...), or {@code -1}
 *     when it is not a handshake message or its type is not visible
 * @param name {@code ClientHello}, {@code ServerHello}, {@code Certificate}, {@code
 *     ChangeCipherSpec}, ..., or what is visible of an encrypted record
 * @param length the bytes of the message: a handshake message with its 4-byte header; a record's
 *     fragment otherwise
 * @param summary the key fields in one line, e.g. {@code version=TLSv1.2
 *     suite=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384}; may be empty
 * @param encrypted whether the message was protected on the wire
 * @param decoded the message decoded, where the project decodes it ({@link TlsClientHello}, {@link
 *     TlsServerHello}, {@link TlsCertificateMessage}), else {@code null}
 */
public record TlsMessage(
    TlsSide sender,
    int contentType,
    int handshakeType,
    String name,
    int length,
    String summary,
    boolean encrypted,
    Object decoded) {

  /** ContentType change_cipher_spec. */
  public static final int CHANGE_CIPHER_SPEC = 20;

  /** ContentType alert. */
  public static final int ALERT = 21;

  /** ContentType handshake. */
  public static final int HANDSHAKE = 22;

  /** ContentType application_data. */
  public static final int APPLICATION_DATA = 23;

  public TlsMessage {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(summary, "summary");
    if (length < 0) {
      throw new IllegalArgumentException("negative length: " + length);
    }
  }

  /** A message the project does not decode further. */
  public TlsMessage(
      TlsSide sender,
      int contentType,
      int handshakeType,
      String name,
      int length,
      String summary,
      boolean encrypted) {
    this(sender, contentType, handshakeType, name, length, summary, encrypted, null);
  }

  /** Whether it is a handshake message whose type is known. */
  public boolean isHandshake() {
    return contentType == HANDSHAKE && handshakeType >= 0;
  }

  /** One line, e.g. {@code server ServerHello (90 bytes) version=TLSv1.3 suite=...}. */
  public String line() {
    return sender.word()
        + " "
        + name
        + " ("
        + length
        + (length == 1 ? " byte" : " bytes")
        + (encrypted ? ", encrypted" : "")
        + ")"
        + (summary.isEmpty() ? "" : " " + summary);
  }
}
