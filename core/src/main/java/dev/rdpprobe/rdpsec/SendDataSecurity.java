package dev.rdpprobe.rdpsec;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.sec.BasicSecurityHeader;
import dev.rdpprobe.wire.sec.SecurityFlags;
import dev.rdpprobe.wire.share.ShareControlPdu;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * How one end writes and reads the user data of its Send Data PDUs once the channels are joined: in
 * the clear (under TLS or CredSSP, whose record layer protects the bytes, and at Standard RDP
 * Security's level NONE, where the PDUs travel as under TLS: the Client Info, licensing and
 * multitransport PDUs behind a Basic Security Header, Share Control PDUs bare), or through a {@link
 * StandardSecurity} context at the other levels (MS-RDPBCGR 5.3.6, 2.2.8.1.1.2).
 *
 * <p>Codecs read and write the clear form: a PDU's record encodes its own Basic Security Header
 * when it has one, and a received PDU is decoded from {@link Unprotected#clearUserData()}. This
 * class turns one form into the other, so that the steps that send and read PDUs do not care which
 * security the connection runs.
 *
 * <p>Licensing PDUs are sent in the clear at every level, as rdesktop and Windows servers send
 * them: "SEC_LICENSE_ENCRYPT" only says an end can take encrypted ones (2.2.8.1.1.2.1).
 */
public final class SendDataSecurity {
  private static final SendDataSecurity CLEAR = new SendDataSecurity(null);

  private final StandardSecurity security;

  private SendDataSecurity(StandardSecurity security) {
    this.security = security;
  }

  /** User data in the clear: under TLS or CredSSP, or Standard RDP Security at level NONE. */
  public static SendDataSecurity clear() {
    return CLEAR;
  }

  /** User data protected by {@code security}; its level NONE is {@link #clear()}. */
  public static SendDataSecurity of(StandardSecurity security) {
    Objects.requireNonNull(security, "security");
    return security.headerOnEveryPdu() ? new SendDataSecurity(security) : CLEAR;
  }

  /** The Standard RDP Security context, when it protects anything. */
  public Optional<StandardSecurity> standard() {
    return Optional.ofNullable(security);
  }

  /**
   * One PDU received.
   *
   * @param clearUserData the user data as it would travel in the clear, for the codecs
   * @param envelope its security header, what decryption and the signature said; {@code null} when
   *     user data travels in the clear
   */
  public record Received(Octets clearUserData, Unprotected envelope) {
    public Received {
      Objects.requireNonNull(clearUserData, "clearUserData");
    }

    /** Whether the PDU carried a signature that does not check. */
    public boolean badMac() {
      return envelope != null && envelope.mac() == MacCheck.INVALID;
    }
  }

  /**
   * One PDU to send.
   *
   * @param userData the bytes the Send Data PDU carries
   * @param protection what the trace says about them: {@code ""} in the clear, else e.g. {@code
   *     RC4_128 encrypted, PDU #2} or {@code in the clear behind TS_SECURITY_HEADER}
   */
  public record Wrapped(Octets userData, String protection) {
    public Wrapped {
      Objects.requireNonNull(userData, "userData");
      Objects.requireNonNull(protection, "protection");
    }
  }

  /**
   * The user data that carries {@code pdu}: its encoding in the clear, or at an encrypting level
   * its plaintext behind the security header this end sends (SEC_ENCRYPT and a signature where this
   * end encrypts; a Basic Security Header with flags 0 in front of a Share Control PDU where it
   * does not).
   */
  public Wrapped wrap(Pdu pdu) {
    byte[] clear = Octets.encode(pdu).toByteArray();
    if (security == null) {
      return new Wrapped(Octets.of(clear), "");
    }
    int flags = 0;
    Octets body = Octets.of(clear);
    if (!(pdu instanceof ShareControlPdu)) {
      // the record wrote its own Basic Security Header: its flags say what the PDU is
      flags =
          ((clear[0] & 0xFF) | (clear[1] & 0xFF) << 8)
              & ~(SecurityFlags.SEC_ENCRYPT | SecurityFlags.SEC_SECURE_CHECKSUM);
      body =
          Octets.of(Arrays.copyOfRange(clear, BasicSecurityHeader.FIXED_PART_SIZE, clear.length));
    }
    if ((flags & SecurityFlags.SEC_LICENSE_PKT) != 0 || !security.encryptsOutgoing()) {
      return new Wrapped(
          security.protectInClear(body, flags), "in the clear behind " + BasicSecurityHeader.NAME);
    }
    String protection = security.method() + " encrypted, PDU #" + security.encryptedCount();
    return new Wrapped(security.protect(body, flags), protection);
  }

  /**
   * Reads received user data: in the clear as it is; at an encrypting level its security header
   * taken off, the rest decrypted and its signature checked when it says SEC_ENCRYPT (a bad
   * signature is in the envelope, not thrown).
   *
   * @throws dev.rdpprobe.wire.DecodeException if the security header is short or malformed, or the
   *     encrypted data is not what the method produces
   */
  public Received unwrap(Octets userData) {
    if (security == null) {
      return new Received(userData, null);
    }
    Unprotected u = security.unprotect(userData);
    return new Received(u.clearUserData(), u);
  }

  /** What the trace says about a received PDU: {@code ""} in the clear. */
  public static String describe(Received r) {
    Unprotected u = r.envelope();
    if (u == null) {
      return "";
    }
    if (!u.encrypted()) {
      return "in the clear behind " + u.securityHeader().name();
    }
    return "decrypted, PDU #"
        + u.encryptionCount()
        + ", "
        + (u.mac() == MacCheck.VALID
            ? (u.salted() ? "salted MAC valid" : "MAC valid")
            : "MAC INVALID");
  }

  @Override
  public String toString() {
    return security == null ? "user data in the clear" : security.toString();
  }
}
