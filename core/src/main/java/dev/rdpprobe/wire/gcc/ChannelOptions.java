package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.NamedBits;

/**
 * CHANNEL_DEF options (MS-RDPBCGR 2.2.1.3.4.1). Unknown bits are kept and shown as {@code unknown
 * (0x..)}.
 *
 * @param bits the 32-bit field
 */
public record ChannelOptions(int bits) {
  public static final int CHANNEL_OPTION_INITIALIZED = 0x80000000;
  public static final int CHANNEL_OPTION_ENCRYPT_RDP = 0x40000000;
  public static final int CHANNEL_OPTION_ENCRYPT_SC = 0x20000000;
  public static final int CHANNEL_OPTION_ENCRYPT_CS = 0x10000000;
  public static final int CHANNEL_OPTION_PRI_HIGH = 0x08000000;
  public static final int CHANNEL_OPTION_PRI_MED = 0x04000000;
  public static final int CHANNEL_OPTION_PRI_LOW = 0x02000000;
  public static final int CHANNEL_OPTION_COMPRESS_RDP = 0x00800000;
  public static final int CHANNEL_OPTION_COMPRESS = 0x00400000;
  public static final int CHANNEL_OPTION_SHOW_PROTOCOL = 0x00200000;
  public static final int REMOTE_CONTROL_PERSISTENT = 0x00100000;

  private static final NamedBits NAMES =
      NamedBits.of(
          0x80000000, "CHANNEL_OPTION_INITIALIZED",
          0x40000000, "CHANNEL_OPTION_ENCRYPT_RDP",
          0x20000000, "CHANNEL_OPTION_ENCRYPT_SC",
          0x10000000, "CHANNEL_OPTION_ENCRYPT_CS",
          0x08000000, "CHANNEL_OPTION_PRI_HIGH",
          0x04000000, "CHANNEL_OPTION_PRI_MED",
          0x02000000, "CHANNEL_OPTION_PRI_LOW",
          0x00800000, "CHANNEL_OPTION_COMPRESS_RDP",
          0x00400000, "CHANNEL_OPTION_COMPRESS",
          0x00200000, "CHANNEL_OPTION_SHOW_PROTOCOL",
          0x00100000, "REMOTE_CONTROL_PERSISTENT");

  /** Whether every bit of {@code flag} is set. */
  public boolean has(int flag) {
    return (bits & flag) == flag;
  }

  @Override
  public String toString() {
    return NAMES.format(bits & 0xFFFFFFFFL, "none");
  }
}
