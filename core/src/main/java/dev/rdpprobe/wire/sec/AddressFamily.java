package dev.rdpprobe.wire.sec;

import dev.rdpprobe.wire.NamedBits;

/**
 * clientAddressFamily of the Extended Info Packet (MS-RDPBCGR 2.2.1.11.1.1.1). An open set: other
 * values are kept and named {@code unknown (0x..)}.
 *
 * @param value the 16-bit value as sent
 */
public record AddressFamily(int value) {
  /** AF_INET: an IPv4 address. */
  public static final AddressFamily AF_INET = new AddressFamily(0x0002);

  /** AF_INET6: an IPv6 address. */
  public static final AddressFamily AF_INET6 = new AddressFamily(0x0017);

  private static final NamedBits NAMES = NamedBits.of(0x0002, "AF_INET", 0x0017, "AF_INET6");

  public AddressFamily {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("address family out of range (16 bits): " + value);
    }
  }

  /** The name ({@code AF_INET}), or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value);
  }

  @Override
  public String toString() {
    return name();
  }
}
