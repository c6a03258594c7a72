package dev.rdpprobe.license;

import java.util.Objects;

/**
 * The probe cannot answer a Server License Request, and why: the caller stops the connection with
 * {@link #reason()} as the stated cause (a real client would fail here too).
 */
public final class LicensingException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the request cannot be answered. */
  public enum Reason {
    /**
     * Neither the License Request nor Server Security Data carries a server certificate (the
     * License Request's ServerCertificate is empty, as it may be under TLS), so there is no key to
     * encrypt the premaster secret to.
     */
    NO_SERVER_CERTIFICATE,
    /**
     * The certificate holds no RSA key the probe can read: an unknown dwVersion, or an X.509 leaf
     * whose key is not rsaEncryption.
     */
    UNSUPPORTED_CERTIFICATE,
    /** The server's RSA key is too short to encrypt the 48-byte premaster secret. */
    KEY_TOO_SMALL,
    /**
     * The License Request or its certificate is malformed; the cause is the {@link
     * dev.rdpprobe.wire.DecodeException} that says where.
     */
    MALFORMED_REQUEST
  }

  private final Reason reason;

  /** An exception with this reason, message and cause (may be null). */
  public LicensingException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the request cannot be answered. */
  public Reason reason() {
    return reason;
  }
}
