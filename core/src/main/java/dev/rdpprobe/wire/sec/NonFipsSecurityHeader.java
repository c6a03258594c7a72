package dev.rdpprobe.wire.sec;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Non-FIPS Security Header, TS_SECURITY_HEADER1 (MS-RDPBCGR 2.2.8.1.1.2.2): the Basic Security
 * Header and the 8-byte MAC of the plaintext (5.3.6.1, salted with the encryption count when the
 * flags carry SEC_SECURE_CHECKSUM, 5.3.6.1.1), in front of RC4 ciphertext.
 *
 * @param basicSecurityHeader basicSecurityHeader
 * @param dataSignature dataSignature, 8 bytes
 */
public record NonFipsSecurityHeader(BasicSecurityHeader basicSecurityHeader, Octets dataSignature)
    implements Pdu {
  public static final String NAME = "TS_SECURITY_HEADER1";

  /** The size of dataSignature. */
  public static final int SIGNATURE_SIZE = 8;

  public static final int FIXED_PART_SIZE =
      BasicSecurityHeader.FIXED_PART_SIZE // basicSecurityHeader
          + SIGNATURE_SIZE; // dataSignature

  public NonFipsSecurityHeader {
    Objects.requireNonNull(basicSecurityHeader, "basicSecurityHeader");
    Objects.requireNonNull(dataSignature, "dataSignature");
    if (dataSignature.length() != SIGNATURE_SIZE) {
      throw new IllegalArgumentException("dataSignature must be 8 bytes");
    }
  }

  /** Reads the header. */
  public static NonFipsSecurityHeader decode(ByteBuf in) {
    BasicSecurityHeader basic = BasicSecurityHeader.decode(in);
    return new NonFipsSecurityHeader(basic, Octets.read(in, SIGNATURE_SIZE, NAME, "dataSignature"));
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
    dataSignature.writeTo(out);
  }

  @Override
  public String summary() {
    return basicSecurityHeader.summary() + ", dataSignature=" + dataSignature.toHex();
  }
}
