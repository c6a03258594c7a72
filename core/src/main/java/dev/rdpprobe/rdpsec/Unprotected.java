package dev.rdpprobe.rdpsec;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.sec.BasicSecurityHeader;
import dev.rdpprobe.wire.sec.FipsSecurityHeader;
import dev.rdpprobe.wire.sec.NonFipsSecurityHeader;
import dev.rdpprobe.wire.sec.SecurityFlags;
import java.util.Objects;

/**
 * A received PDU's user data with its security header taken off and, when it was encrypted, the
 * rest decrypted and its signature checked.
 *
 * @param flags the security header's flags
 * @param securityHeader the header as decoded: a {@link BasicSecurityHeader}, a {@link
 *     NonFipsSecurityHeader} or a {@link FipsSecurityHeader}
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
    if (!(securityHeader instanceof BasicSecurityHeader
        || securityHeader instanceof NonFipsSecurityHeader
        || securityHeader instanceof FipsSecurityHeader)) {
      throw new IllegalArgumentException("not a security header: " + securityHeader.name());
    }
  }

  /**
   * The flags that say a PDU travels behind a security header even without encryption (its own
   * kind: licensing, Client Info, Security Exchange, multitransport, auto-detect, heartbeat,
   * redirection), as opposed to the Share Control PDUs, which have none under TLS.
   */
  public static final int HEADER_KIND_FLAGS =
      SecurityFlags.SEC_EXCHANGE_PKT
          | SecurityFlags.SEC_TRANSPORT_REQ
          | SecurityFlags.SEC_TRANSPORT_RSP
          | SecurityFlags.SEC_INFO_PKT
          | SecurityFlags.SEC_LICENSE_PKT
          | SecurityFlags.SEC_REDIRECTION_PKT
          | SecurityFlags.SEC_AUTODETECT_REQ
          | SecurityFlags.SEC_AUTODETECT_RSP
          | SecurityFlags.SEC_HEARTBEAT;

  /**
   * The user data as it would travel in the clear (as under TLS), for the codecs that read it so: a
   * Basic Security Header with the received flags less SEC_ENCRYPT and SEC_SECURE_CHECKSUM (and
   * flagsHi as received) in front of the plaintext when the flags name a PDU kind of {@link
   * #HEADER_KIND_FLAGS} ({@code LicensePdu}, {@code ClientInfoPdu}, {@code ServerSlowPath} decode
   * it), else the plaintext alone (a Share Control PDU).
   */
  public Octets clearUserData() {
    if ((flags.bits() & HEADER_KIND_FLAGS) == 0) {
      return plaintext;
    }
    int clearFlags =
        flags.bits() & ~(SecurityFlags.SEC_ENCRYPT | SecurityFlags.SEC_SECURE_CHECKSUM);
    int flagsHi =
        securityHeader instanceof BasicSecurityHeader b
            ? b.flagsHi()
            : securityHeader instanceof NonFipsSecurityHeader n
                ? n.basicSecurityHeader().flagsHi()
                : ((FipsSecurityHeader) securityHeader).basicSecurityHeader().flagsHi();
    byte[] out = new byte[BasicSecurityHeader.FIXED_PART_SIZE + plaintext.length()];
    out[0] = (byte) clearFlags;
    out[1] = (byte) (clearFlags >>> 8);
    out[2] = (byte) flagsHi;
    out[3] = (byte) (flagsHi >>> 8);
    plaintext.asByteBuf().getBytes(0, out, BasicSecurityHeader.FIXED_PART_SIZE, plaintext.length());
    return Octets.of(out);
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
