package dev.rdpprobe.tls;

import java.util.Objects;

/**
 * Something a validating client (mstsc, FreeRDP, a browser) would object to in a server certificate
 * or its chain. The probe accepts every certificate; these say what a real client would show, and
 * {@link Kind#clients()} what it then does.
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
    HOST_NAME_MISMATCH,
    /**
     * The chain does not lead to a trust anchor: it ends at a root the client's trust store does
     * not hold (a private CA the client was not given).
     */
    UNTRUSTED_ISSUER,
    /**
     * The chain cannot be built: an intermediate is missing, a signature does not verify with the
     * issuer's key, an issuer is not a CA, or the certificates are out of order.
     */
    BROKEN_CHAIN;

    /**
     * What clients do about it, in a sentence: which warn (and let the user go on) and which
     * refuse. mstsc's behaviour follows its authentication level (IMsRdpClientAdvancedSettings4
     * AuthenticationLevel, {@code authentication level:i:} in a .rdp file: 0 connects without
     * warning, 1 refuses, 2 warns and lets the user connect); FreeRDP 2's follows {@code /cert:}
     * ({@code deny} refuses without asking, {@code ignore} skips the check, {@code tofu} accepts a
     * first certificate, and by default it asks in the terminal).
     */
    public String clients() {
      return switch (this) {
        case EXPIRED, NOT_YET_VALID, SELF_SIGNED, UNTRUSTED_ISSUER, BROKEN_CHAIN ->
            "mstsc warns that the identity of the remote computer cannot be verified and lets the"
                + " user connect anyway, unless its authentication level requires server"
                + " authentication (then it refuses); FreeRDP asks in the terminal whether to"
                + " trust the certificate, and refuses with /cert:deny";
        case HOST_NAME_MISMATCH ->
            "mstsc warns that the certificate is for another name and lets the user connect"
                + " anyway, unless its authentication level requires server authentication (then"
                + " it refuses); FreeRDP asks in the terminal, and refuses with /cert:deny";
        case WEAK_KEY, WEAK_SIGNATURE ->
            "current clients and TLS libraries reject short RSA keys and SHA-1 or MD5 signatures";
      };
    }
  }

  public CertificateObjection {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }
}
