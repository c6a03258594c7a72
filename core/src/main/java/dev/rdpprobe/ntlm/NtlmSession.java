package dev.rdpprobe.ntlm;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.ntlm.NegotiateFlags;
import java.util.Arrays;
import java.util.Objects;

/**
 * The session security of an authenticated NTLM context (MS-NLMP 3.4), connection-oriented, with
 * extended session security: signing and sealing keys for each direction (SIGNKEY and SEALKEY,
 * 3.4.5.2 and 3.4.5.3), one RC4 handle per direction that runs on from message to message, and a
 * sequence number per direction that starts at 0.
 *
 * <p>A signature (NTLMSSP_MESSAGE_SIGNATURE, 2.2.2.9.1) is {@code Version(4) = 1}, the first eight
 * octets of {@code HMAC_MD5(SigningKey, SeqNum || Message)} (passed through the sealing RC4 when
 * NTLMSSP_NEGOTIATE_KEY_EXCH was negotiated), and {@code SeqNum(4)}. Sealing encrypts the message
 * with the RC4 handle first and then signs the plaintext with the same handle (3.4.3). {@link
 * #wrap} returns what an SSPI EncryptMessage gives CredSSP: the 16-octet signature followed by the
 * sealed message.
 *
 * <p>Not thread-safe; the keys are secrets, which {@link #close()} overwrites and {@link
 * #toString()} never shows.
 */
public final class NtlmSession implements AutoCloseable {
  /** Which end of the connection this session is. */
  public enum Side {
    CLIENT,
    SERVER
  }

  /** The octets of a signature. */
  public static final int SIGNATURE_LENGTH = 16;

  private static final byte[] CLIENT_SIGNING =
      Crypto.magic("session key to client-to-server signing key magic constant");
  private static final byte[] SERVER_SIGNING =
      Crypto.magic("session key to server-to-client signing key magic constant");
  private static final byte[] CLIENT_SEALING =
      Crypto.magic("session key to client-to-server sealing key magic constant");
  private static final byte[] SERVER_SEALING =
      Crypto.magic("session key to server-to-client sealing key magic constant");

  private final Side side;
  private final NegotiateFlags flags;
  private final byte[] exportedSessionKey;
  private final byte[] outSigningKey;
  private final byte[] inSigningKey;
  private final byte[] outSealingKey;
  private final byte[] inSealingKey;
  private final Crypto.Rc4 outHandle;
  private final Crypto.Rc4 inHandle;
  private int outSeqNum;
  private int inSeqNum;

  /** A sealed message and its signature, as MS-NLMP 3.4.3 SEAL gives them. */
  public record Sealed(Octets message, Octets signature) {}

  /**
   * A session from the exported session key both ends derived.
   *
   * @param side which end this is: its outgoing keys are that side's
   * @param flags the negotiated flags (those of the AUTHENTICATE_MESSAGE); extended session
   *     security is required
   * @param exportedSessionKey the 16-octet ExportedSessionKey; copied
   * @throws NtlmException if extended session security was not negotiated
   */
  public NtlmSession(Side side, NegotiateFlags flags, byte[] exportedSessionKey) {
    this.side = Objects.requireNonNull(side, "side");
    this.flags = Objects.requireNonNull(flags, "flags");
    if (!flags.has(NegotiateFlags.NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
      throw new NtlmException(
          NtlmException.Kind.UNSUPPORTED,
          "NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY was not negotiated; NTLM v1 session"
              + " security is not supported");
    }
    if (exportedSessionKey.length != 16) {
      throw new IllegalArgumentException("the exported session key is 16 octets");
    }
    this.exportedSessionKey = exportedSessionKey.clone();
    byte[] clientSigning = signKey(CLIENT_SIGNING);
    byte[] serverSigning = signKey(SERVER_SIGNING);
    byte[] clientSealing = sealKey(CLIENT_SEALING);
    byte[] serverSealing = sealKey(SERVER_SEALING);
    boolean client = side == Side.CLIENT;
    this.outSigningKey = client ? clientSigning : serverSigning;
    this.inSigningKey = client ? serverSigning : clientSigning;
    this.outSealingKey = client ? clientSealing : serverSealing;
    this.inSealingKey = client ? serverSealing : clientSealing;
    this.outHandle = new Crypto.Rc4(outSealingKey);
    this.inHandle = new Crypto.Rc4(inSealingKey);
  }

  /** SIGNKEY (3.4.5.2) with extended session security: MD5(ExportedSessionKey || magic). */
  private byte[] signKey(byte[] magic) {
    return Crypto.md5(exportedSessionKey, magic);
  }

  /** SEALKEY (3.4.5.3) with extended session security: 128, 56 or 40 bits of the key, then MD5. */
  private byte[] sealKey(byte[] magic) {
    int bits =
        flags.has(NegotiateFlags.NEGOTIATE_128)
            ? 16
            : flags.has(NegotiateFlags.NEGOTIATE_56) ? 7 : 5;
    byte[] key = Arrays.copyOf(exportedSessionKey, bits);
    try {
      return Crypto.md5(key, magic);
    } finally {
      Crypto.zero(key);
    }
  }

  /** This end. */
  public Side side() {
    return side;
  }

  /** The negotiated flags. */
  public NegotiateFlags negotiateFlags() {
    return flags;
  }

  // --- sealing and signing --------------------------------------------------------------------

  /**
   * Seals {@code message} for the peer (GSS_WrapEx, 3.4.3) with the next outgoing sequence number.
   */
  public Sealed seal(byte[] message) {
    byte[] sealed = outHandle.apply(message);
    byte[] signature = signature(outSigningKey, outHandle, outSeqNum++, message);
    return new Sealed(Octets.of(sealed), Octets.of(signature));
  }

  /** {@link #seal} as SSPI's EncryptMessage lays it out for CredSSP: signature, then message. */
  public byte[] wrap(byte[] message) {
    Sealed s = seal(message);
    return Crypto.concat(s.signature().toByteArray(), s.message().toByteArray());
  }

  /**
   * Unseals a message from the peer and checks its signature with the next incoming sequence number
   * (GSS_UnwrapEx).
   *
   * @throws NtlmException ({@link NtlmException.Kind#SIGNATURE_MISMATCH}) if it does not verify
   */
  public byte[] unseal(byte[] sealedMessage, byte[] signature) {
    byte[] message = inHandle.apply(sealedMessage);
    byte[] expected = signature(inSigningKey, inHandle, inSeqNum++, message);
    if (!Crypto.same(expected, signature)) {
      Crypto.zero(message);
      throw new NtlmException(
          NtlmException.Kind.SIGNATURE_MISMATCH,
          "the peer's signature does not verify (sequence number " + (inSeqNum - 1) + ")");
    }
    return message;
  }

  /**
   * {@link #unseal} of what the peer's EncryptMessage gave: a 16-octet signature, then the sealed
   * message.
   */
  public byte[] unwrap(byte[] token) {
    if (token.length < SIGNATURE_LENGTH) {
      throw new NtlmException(
          NtlmException.Kind.SIGNATURE_MISMATCH,
          "a sealed token of " + token.length + " octets has no room for its signature");
    }
    return unseal(
        Arrays.copyOfRange(token, SIGNATURE_LENGTH, token.length),
        Arrays.copyOf(token, SIGNATURE_LENGTH));
  }

  /** Signs {@code message} without sealing it (GSS_GetMICEx, 3.4.4). */
  public byte[] sign(byte[] message) {
    return signature(outSigningKey, outHandle, outSeqNum++, message);
  }

  /**
   * Checks the peer's signature of {@code message} (GSS_VerifyMICEx).
   *
   * @throws NtlmException ({@link NtlmException.Kind#SIGNATURE_MISMATCH}) if it does not verify
   */
  public void verify(byte[] message, byte[] signature) {
    byte[] expected = signature(inSigningKey, inHandle, inSeqNum++, message);
    if (!Crypto.same(expected, signature)) {
      throw new NtlmException(
          NtlmException.Kind.SIGNATURE_MISMATCH,
          "the peer's signature does not verify (sequence number " + (inSeqNum - 1) + ")");
    }
  }

  /** MAC (3.4.4.2): Version 1, checksum, SeqNum. */
  private byte[] signature(byte[] signingKey, Crypto.Rc4 handle, int seqNum, byte[] message) {
    byte[] seq = le32(seqNum);
    byte[] mac = Crypto.hmacMd5(signingKey, seq, message);
    byte[] checksum = Arrays.copyOf(mac, 8);
    Crypto.zero(mac);
    if (flags.has(NegotiateFlags.NEGOTIATE_KEY_EXCH)) {
      checksum = handle.apply(checksum);
    }
    return Crypto.concat(le32(1), checksum, seq);
  }

  private static byte[] le32(int v) {
    return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
  }

  // --- for tests in this package --------------------------------------------------------------

  byte[] exportedSessionKey() {
    return exportedSessionKey.clone();
  }

  byte[] signingKey(Side of) {
    return (of == side ? outSigningKey : inSigningKey).clone();
  }

  byte[] sealingKey(Side of) {
    return (of == side ? outSealingKey : inSealingKey).clone();
  }

  /** Overwrites every key. */
  @Override
  public void close() {
    Crypto.zero(exportedSessionKey, outSigningKey, inSigningKey, outSealingKey, inSealingKey);
    outHandle.destroy();
    inHandle.destroy();
  }

  @Override
  public String toString() {
    return "NtlmSession[" + side + ", sent " + outSeqNum + ", received " + inSeqNum + "]";
  }
}
