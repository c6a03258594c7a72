package dev.rdpprobe.wire.sec;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.mcs.SendDataRequest;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Client Security Exchange PDU (MS-RDPBCGR 2.2.1.10): its data, TS_SECURITY_PACKET (2.2.1.10.1), is
 * the whole user data of an MCS Send Data Request on the I/O channel: a Basic Security Header with
 * SEC_EXCHANGE_PKT, the length, and the client random encrypted to the server's RSA key (5.3.4.1).
 *
 * <p>The encrypted field is a buffer of the key's modulus length plus 8 zero bytes (5.3.4.1), and
 * {@code length} counts the whole buffer: 72 bytes for a 512-bit key, 264 for a 2048-bit one.
 * FreeRDP also sets SEC_LICENSE_ENCRYPT_SC (0x0200) in the flags, saying it can take encrypted
 * licensing PDUs.
 *
 * @param basicSecurityHeader basicSecurityHeader (SEC_EXCHANGE_PKT set, SEC_ENCRYPT clear)
 * @param encryptedClientRandom encryptedClientRandom, padding included; {@code length} is its size
 */
public record SecurityExchangePdu(
    BasicSecurityHeader basicSecurityHeader, Octets encryptedClientRandom) implements Pdu {
  public static final String NAME = "Client Security Exchange PDU";

  public static final int FIXED_PART_SIZE =
      BasicSecurityHeader.FIXED_PART_SIZE // basicSecurityHeader
          + 4; // length

  /** The zero bytes after the ciphertext (MS-RDPBCGR 5.3.4.1). */
  public static final int PADDING = 8;

  /** The longest encryptedClientRandom read: an 8192-bit key and its padding. */
  public static final int MAX_LENGTH = 8192 / 8 + PADDING;

  public SecurityExchangePdu {
    Objects.requireNonNull(basicSecurityHeader, "basicSecurityHeader");
    Objects.requireNonNull(encryptedClientRandom, "encryptedClientRandom");
    basicSecurityHeader.requirePlain(SecurityFlags.SEC_EXCHANGE_PKT, "SEC_EXCHANGE_PKT");
    int n = encryptedClientRandom.length();
    if (n <= PADDING || n > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "encryptedClientRandom must be 9 to " + MAX_LENGTH + " bytes, not " + n);
    }
  }

  /** The PDU with these flags (SEC_EXCHANGE_PKT is added) and the wire field, padding included. */
  public static SecurityExchangePdu of(int flags, Octets encryptedClientRandom) {
    return new SecurityExchangePdu(
        BasicSecurityHeader.of(flags | SecurityFlags.SEC_EXCHANGE_PKT), encryptedClientRandom);
  }

  /** Reads the PDU: the header, the length and the bytes it counts. */
  public static SecurityExchangePdu decode(ByteBuf in) {
    BasicSecurityHeader header =
        BasicSecurityHeader.decodeFor(
            in, SecurityFlags.SEC_EXCHANGE_PKT, "SEC_EXCHANGE_PKT (0x01)", NAME);
    Wire.ensure(in, 4, NAME, "length");
    int at = in.readerIndex();
    long length = in.readUnsignedIntLE();
    if (length > MAX_LENGTH) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LARGE, NAME, "length", at, length, "at most " + MAX_LENGTH);
    }
    if (length <= PADDING) {
      throw Wire.invalid(
          NAME, "length", at, length, "more than " + PADDING + " (a ciphertext and its padding)");
    }
    return new SecurityExchangePdu(
        header, Octets.read(in, (int) length, NAME, "encryptedClientRandom"));
  }

  /** The length field: the size of {@link #encryptedClientRandom()}. */
  public int length() {
    return encryptedClientRandom.length();
  }

  /** The ciphertext without the padding: the modulus-length little-endian number. */
  public Octets ciphertext() {
    byte[] all = encryptedClientRandom.toByteArray();
    return Octets.of(java.util.Arrays.copyOf(all, all.length - PADDING));
  }

  /** Whether the 8 bytes after the ciphertext are zero, as 5.3.4.1 asks. */
  public boolean paddingIsZero() {
    int n = encryptedClientRandom.length();
    for (int i = n - PADDING; i < n; i++) {
      if (encryptedClientRandom.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The MCS Send Data Request that carries this PDU from {@code initiator} on {@code channelId}.
   */
  public SendDataRequest toSendDataRequest(int initiator, int channelId) {
    return SendDataRequest.of(initiator, channelId, Octets.encode(this));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE + encryptedClientRandom.length();
  }

  @Override
  public void encode(ByteBuf out) {
    basicSecurityHeader.encode(out);
    out.writeIntLE(encryptedClientRandom.length());
    encryptedClientRandom.writeTo(out);
  }

  @Override
  public String summary() {
    return "flags="
        + basicSecurityHeader.flags()
        + ", length="
        + length()
        + " ("
        + 8 * (length() - PADDING)
        + "-bit key)";
  }
}
