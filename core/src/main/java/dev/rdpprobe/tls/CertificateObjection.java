package dev.rdpprobe.tls;

import java.util.Objects;

/**
 * Something a validating client (mstsc, FreeRDP, a browser) would object to in a server
 * certificate. The probe accepts every certificate; these say what a real client would show.
 *
 * @param kind what is wrong, for code that switches on it
 * @param detail the same in a sentence, with the values, e.g. {@code expired 30 days ago (notAfter
 *     2025-05-02T12:00:00Z)}
 */
public record CertificateObjection(Kind kind, String detail) {
  /** What is wrong. */
  public enum Kind {
    /** notAfter is in the past. */
    EXPIRED,
    /** notBefore is in the future. */
    NOT_YET_VALID,
    /**
     * Issued by itself: only a client that already trusts this exact certificate accepts it. What
     * RDP servers use by default; mstsc asks the user.
     */
    SELF_SIGNED,
    /** An RSA key shorter than 2048 bits. */
    WEAK_KEY,
    /** Signed with SHA-1, MD5 or MD2. */
    WEAK_SIGNATURE,
    /** The host name the client connects to is not in the subject alternative names (or CN). */
    HOST_NAME_MISMATCH
  }

  public CertificateObjection {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }
}
