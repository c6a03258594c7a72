package dev.rdpprobe.wire.udp;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;

/**
 * uUdpVer of the RDPUDP_SYNDATAEX_PAYLOAD (MS-RDPEUDP 2.2.2.9). Version 3 switches the data phase
 * to MS-RDPEUDP2 and makes the client's SYN carry cookieHash. Unknown values are kept and named
 * {@code unknown (0x..)}.
 *
 * @param value the 16-bit value as sent
 */
public record UdpVersion(int value) {
  public static final UdpVersion RDPUDP_PROTOCOL_VERSION_1 = new UdpVersion(0x0001);
  public static final UdpVersion RDPUDP_PROTOCOL_VERSION_2 = new UdpVersion(0x0002);
  public static final UdpVersion RDPUDP_PROTOCOL_VERSION_3 = new UdpVersion(0x0101);

  private static final NamedBits NAMES =
      NamedBits.of(
          0x0001, "RDPUDP_PROTOCOL_VERSION_1",
          0x0002, "RDPUDP_PROTOCOL_VERSION_2",
          0x0101, "RDPUDP_PROTOCOL_VERSION_3");

  public UdpVersion {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("uUdpVer out of range (16 bits): " + value);
    }
  }

  /** The specification name, or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value);
  }

  @Override
  public String toString() {
    return NAMES.knowsCode(value) ? name() + " (" + Wire.hex(value) + ")" : name();
  }
}
