package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.NamedBits;

/**
 * encryptionLevel of Server Security Data (MS-RDPBCGR 2.2.1.4.3). Unknown values are kept.
 *
 * @param value the 32-bit value as sent
 */
public record EncryptionLevel(int value) {
  public static final EncryptionLevel NONE = new EncryptionLevel(0);
  public static final EncryptionLevel LOW = new EncryptionLevel(1);
  public static final EncryptionLevel CLIENT_COMPATIBLE = new EncryptionLevel(2);
  public static final EncryptionLevel HIGH = new EncryptionLevel(3);
  public static final EncryptionLevel FIPS = new EncryptionLevel(4);

  private static final NamedBits NAMES =
      NamedBits.of(
          0, "ENCRYPTION_LEVEL_NONE",
          1, "ENCRYPTION_LEVEL_LOW",
          2, "ENCRYPTION_LEVEL_CLIENT_COMPATIBLE",
          3, "ENCRYPTION_LEVEL_HIGH",
          4, "ENCRYPTION_LEVEL_FIPS");

  /** The specification name, or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value & 0xFFFFFFFFL);
  }

  @Override
  public String toString() {
    return name();
  }
}
