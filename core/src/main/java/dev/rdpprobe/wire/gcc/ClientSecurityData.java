package dev.rdpprobe.wire.gcc;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Client Security Data, TS_UD_CS_SEC (MS-RDPBCGR 2.2.1.3.3): the Standard RDP Security encryption
 * methods the client supports.
 *
 * @param encryptionMethods encryptionMethods
 * @param extEncryptionMethods extEncryptionMethods (only French-locale clients set it)
 */
public record ClientSecurityData(
    EncryptionMethods encryptionMethods, EncryptionMethods extEncryptionMethods)
    implements ClientDataBlock {
  public static final String NAME = "TS_UD_CS_SEC";

  public static final int FIXED_PART_SIZE =
      4 // encryptionMethods
          + 4; // extEncryptionMethods

  public ClientSecurityData {
    Objects.requireNonNull(encryptionMethods, "encryptionMethods");
    Objects.requireNonNull(extEncryptionMethods, "extEncryptionMethods");
  }

  /** The methods FreeRDP offers: 40-, 56- and 128-bit RC4 and FIPS. */
  public static ClientSecurityData allMethods() {
    return new ClientSecurityData(new EncryptionMethods(0x1B), EncryptionMethods.NONE);
  }

  /** Reads the block. */
  public static ClientSecurityData decode(ByteBuf in) {
    return DataBlocks.decode(
        in,
        CS_SECURITY,
        NAME,
        FIXED_PART_SIZE,
        b ->
            new ClientSecurityData(
                new EncryptionMethods(b.readIntLE()), new EncryptionMethods(b.readIntLE())));
  }

  @Override
  public int type() {
    return CS_SECURITY;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return UserDataHeader.FIXED_PART_SIZE + FIXED_PART_SIZE;
  }

  @Override
  public void encode(ByteBuf out) {
    DataBlocks.writeHeader(out, CS_SECURITY, size());
    out.writeIntLE(encryptionMethods.bits());
    out.writeIntLE(extEncryptionMethods.bits());
  }

  @Override
  public String summary() {
    return "encryptionMethods=" + encryptionMethods;
  }
}
