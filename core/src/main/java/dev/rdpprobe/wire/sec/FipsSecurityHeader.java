package dev.rdpprobe.wire.sec;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * FIPS Security Header, TS_SECURITY_HEADER2 (MS-RDPBCGR 2.2.8.1.1.2.3): the Basic Security Header,
 * the header's own length (16), its version, the number of zero bytes appended to the plaintext to
 * fill the last 3DES block, and the 8-byte HMAC-SHA1 of the plaintext and the encryption count
 * (5.3.6.2), in front of 3DES-CBC ciphertext.
 *
 * @param basicSecurityHeader basicSecurityHeader
 * @param length length, 0x0010
 * @param version version, TSFIPS_VERSION1 (1) from every known peer (a SHOULD; other values are
 *     kept)
 * @param padlen padlen, 0 to 7
 * @param dataSignature dataSignature, 8 bytes
 */
public record FipsSecurityHeader(
    BasicSecurityHeader basicSecurityHeader,
    int length,
    int version,
    int padlen,
    Octets dataSignature)
    implements Pdu {
  public static final String NAME = "TS_SECURITY_HEADER2";

  /** length: the header's size, the only value allowed. */
  public static final int LENGTH = 0x0010;

  /** version: TSFIPS_VERSION1. */
  public static final int TSFIPS_VERSION1 = 0x01;

  /** The 3DES block size: padlen is below it. */
  public static final int BLOCK_SIZE = 8;

  /** The size of dataSignature. */
  public static final int SIGNATURE_SIZE = 8;

  public static final int FIXED_PART_SIZE =
      BasicSecurityHeader.FIXED_PART_SIZE // basicSecurityHeader
          + 2 // length
          + 1 // version
          + 1 // padlen
          + SIGNATURE_SIZE; // dataSignature

  public FipsSecurityHeader {
    Objects.requireNonNull(basicSecurityHeader, "basicSecurityHeader");
    Objects.requireNonNull(dataSignature, "dataSignature");
    if (length != LENGTH) {
      throw new IllegalArgumentException("length must be 16, not " + length);
    }
    if (version < 0 || version > 0xFF) {
      throw new IllegalArgumentException("version out of range: " + version);
    }
    if (padlen < 0 || padlen >= BLOCK_SIZE) {
      throw new IllegalArgumentException("padlen must be 0 to 7, not " + padlen);
    }
    if (dataSignature.length() != SIGNATURE_SIZE) {
      throw new IllegalArgumentException("dataSignature must be 8 bytes");
    }
  }

  /** A version 1 header. */
  public static FipsSecurityHeader of(int flags, int padlen, Octets dataSignature) {
    return new FipsSecurityHeader(
        BasicSecurityHeader.of(flags), LENGTH, TSFIPS_VERSION1, padlen, dataSignature);
  }

  /** Reads the header. */
  public static FipsSecurityHeader decode(ByteBuf in) {
    BasicSecurityHeader basic = BasicSecurityHeader.decode(in);
    Wire.ensure(in, FIXED_PART_SIZE - BasicSecurityHeader.FIXED_PART_SIZE, NAME, "length");
    int at = in.readerIndex();
    int length = in.readUnsignedShortLE();
    if (length != LENGTH) {
      throw Wire.invalid(NAME, "length", at, length, "0x10 (the header's size)");
    }
    int version = in.readUnsignedByte();
    int padlen = in.readUnsignedByte();
    if (padlen >= BLOCK_SIZE) {
      throw Wire.invalid(NAME, "padlen", at + 3, padlen, "0 to 7 (less than a 3DES block)");
    }
    return new FipsSecurityHeader(
        basic, length, version, padlen, Octets.read(in, SIGNATURE_SIZE, NAME, "dataSignature"));
  }

  /** The flags of the basic header. */
  public SecurityFlags flags() {
    return basicSecurityHeader.flags();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE;
  }

  @Override
  public void encode(ByteBuf out) {
    basicSecurityHeader.encode(out);
    out.writeShortLE(length);
    out.writeByte(version);
    out.writeByte(padlen);
    dataSignature.writeTo(out);
  }

  @Override
  public String summary() {
    return basicSecurityHeader.summary()
        + ", version="
        + version
        + ", padlen="
        + padlen
        + ", dataSignature="
        + dataSignature.toHex();
  }
}
