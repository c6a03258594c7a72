package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.NamedBits;

/**
 * flags of Client and Server Multitransport Channel Data (MS-RDPBCGR 2.2.1.3.8, 2.2.1.4.6). Unknown
 * bits are kept and shown as {@code unknown (0x..)}.
 *
 * @param bits the 32-bit field
 */
public record MultitransportFlags(int bits) {
  public static final int TRANSPORTTYPE_UDPFECR = 0x001;
  public static final int TRANSPORTTYPE_UDPFECL = 0x004;
  public static final int TRANSPORTTYPE_UDP_PREFERRED = 0x100;
  public static final int SOFTSYNC_TCP_TO_UDP = 0x200;

  private static final NamedBits NAMES =
      NamedBits.of(
          0x001, "TRANSPORTTYPE_UDPFECR",
          0x004, "TRANSPORTTYPE_UDPFECL",
          0x100, "TRANSPORTTYPE_UDP_PREFERRED",
          0x200, "SOFTSYNC_TCP_TO_UDP");

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
