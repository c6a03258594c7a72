package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.NamedBits;

/**
 * encryptionMethods of Client Security Data (MS-RDPBCGR 2.2.1.3.3), a set, and encryptionMethod of
 * Server Security Data (2.2.1.4.3), one of them or none. Unknown bits are kept and shown as {@code
 * unknown (0x..)}.
 *
 * @param bits the 32-bit field
 */
public record EncryptionMethods(int bits) {
  public static final int ENCRYPTION_METHOD_40BIT = 0x00000001;
  public static final int ENCRYPTION_METHOD_128BIT = 0x00000002;
  public static final int ENCRYPTION_METHOD_56BIT = 0x00000008;
  public static final int ENCRYPTION_METHOD_FIPS = 0x00000010;

  /** No encryption: the value under TLS and CredSSP, and of a server without encryption. */
  public static final EncryptionMethods NONE = new EncryptionMethods(0);

  private static final NamedBits NAMES =
      NamedBits.of(
          0x00000001, "ENCRYPTION_METHOD_40BIT",
          0x00000002, "ENCRYPTION_METHOD_128BIT",
          0x00000008, "ENCRYPTION_METHOD_56BIT",
          0x00000010, "ENCRYPTION_METHOD_FIPS");

  /** Whether every bit of {@code flag} is set. */
  public boolean has(int flag) {
    return (bits & flag) == flag;
  }

  /** The names of the set bits, empty for none. */
  public java.util.List<String> names() {
    return NAMES.names(bits & 0xFFFFFFFFL);
  }

  @Override
  public String toString() {
    return NAMES.format(bits & 0xFFFFFFFFL, "ENCRYPTION_METHOD_NONE");
  }
}
