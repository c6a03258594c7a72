package dev.rdpprobe.rdpsec;

/**
 * Whether a server certificate's signature checks against the Terminal Services signing key
 * (MS-RDPBCGR 5.3.3.1.3).
 */
public enum CertificateSignature {
  /** A proprietary certificate whose signature decrypts to the MD5 layout of its own fields. */
  VALID,
  /**
   * A proprietary certificate whose signature does not: signed with another key (an emulator, a man
   * in the middle that swapped the key) or altered.
   */
  INVALID,
  /**
   * Not a proprietary certificate: an X.509 chain (checked, if at all, by its own rules), none (as
   * under TLS), or an unknown dwVersion.
   */
  NOT_PROPRIETARY
}
