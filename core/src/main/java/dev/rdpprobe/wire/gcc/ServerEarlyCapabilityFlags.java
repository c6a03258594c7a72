package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.NamedBits;

/**
 * earlyCapabilityFlags of Server Core Data (MS-RDPBCGR 2.2.1.4.2). Unknown bits are kept and shown
 * as {@code unknown (0x..)}.
 *
 * @param bits the 32-bit field
 */
public record ServerEarlyCapabilityFlags(int bits) {
  public static final int RNS_UD_SC_EDGE_ACTIONS_SUPPORTED_V1 = 0x1;
  public static final int RNS_UD_SC_DYNAMIC_DST_SUPPORTED = 0x2;
  public static final int RNS_UD_SC_EDGE_ACTIONS_SUPPORTED_V2 = 0x4;
  public static final int RNS_UD_SC_SKIP_CHANNELJOIN_SUPPORTED = 0x8;

  private static final NamedBits NAMES =
      NamedBits.of(
          0x1, "RNS_UD_SC_EDGE_ACTIONS_SUPPORTED_V1",
          0x2, "RNS_UD_SC_DYNAMIC_DST_SUPPORTED",
          0x4, "RNS_UD_SC_EDGE_ACTIONS_SUPPORTED_V2",
          0x8, "RNS_UD_SC_SKIP_CHANNELJOIN_SUPPORTED");

  /** Whether every bit of {@code flag} is set. */
  public boolean has(int flag) {
    return (bits & flag) == flag;
  }

  /** The names of the set bits, then {@code unknown (0x..)} for the rest; empty for none. */
  public java.util.List<String> names() {
    return NAMES.names(bits & 0xFFFFFFFFL);
  }

  @Override
  public String toString() {
    return NAMES.format(bits & 0xFFFFFFFFL, "none");
  }
}
