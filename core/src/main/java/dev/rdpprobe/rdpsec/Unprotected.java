package dev.rdpprobe.rdpsec;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.sec.SecurityFlags;
import java.util.Objects;

/**
 * A received PDU's user data with its security header taken off and, when it was encrypted, the
 * rest decrypted and its signature checked.
 *
 * @param flags the security header's flags
 * @param securityHeader the header as decoded: a {@link dev.rdpprobe.wire.sec.BasicSecurityHeader},
 *     a {@link dev.rdpprobe.wire.sec.NonFipsSecurityHeader} or a {@link
 *     dev.rdpprobe.wire.sec.FipsSecurityHeader}
 * @param plaintext the bytes after the header, decrypted (without the FIPS padding)
 * @param mac what the signature said
 * @param encryptionCount the PDU's place among the PDUs decrypted in its direction, from 0 (what a
 *     salted or FIPS signature covers), or -1 when it was not encrypted
 */
public record Unprotected(
    SecurityFlags flags, Pdu securityHeader, Octets plaintext, MacCheck mac, long encryptionCount) {
  public Unprotected {
    Objects.requireNonNull(flags, "flags");
    Objects.requireNonNull(securityHeader, "securityHeader");
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(mac, "mac");
  }

  /** Whether the PDU was encrypted (SEC_ENCRYPT). */
  public boolean encrypted() {
    return flags.has(SecurityFlags.SEC_ENCRYPT);
  }

  /** Whether the signature is a salted one (SEC_SECURE_CHECKSUM). */
  public boolean salted() {
    return flags.has(SecurityFlags.SEC_SECURE_CHECKSUM);
  }

  /** One line for a trace: header, size, MAC outcome; no plaintext. */
  public String summary() {
    return securityHeader.name()
        + " flags="
        + flags
        + ", "
        + plaintext.length()
        + " bytes"
        + (encrypted() ? ", PDU #" + encryptionCount + ", MAC " + mac : "");
  }
}
