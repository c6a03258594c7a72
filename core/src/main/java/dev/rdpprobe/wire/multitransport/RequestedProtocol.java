package dev.rdpprobe.wire.multitransport;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;

/**
 * requestedProtocol of the Initiate Multitransport Request (MS-RDPBCGR 2.2.15.1): which UDP
 * transport the server offers. The names keep the specification's spelling ({@code INITITATE}).
 * Unknown values are kept and named {@code unknown (0x..)}.
 *
 * @param value the 16-bit value as sent
 */
public record RequestedProtocol(int value) {
  /** INITITATE_REQUEST_PROTOCOL_UDPFECR: reliable UDP (MS-RDPEUDP, then TLS). */
  public static final RequestedProtocol UDPFECR = new RequestedProtocol(0x0001);

  /** INITITATE_REQUEST_PROTOCOL_UDPFECL: lossy UDP with forward error correction (then DTLS). */
  public static final RequestedProtocol UDPFECL = new RequestedProtocol(0x0002);

  private static final NamedBits NAMES =
      NamedBits.of(
          0x0001, "INITITATE_REQUEST_PROTOCOL_UDPFECR",
          0x0002, "INITITATE_REQUEST_PROTOCOL_UDPFECL");

  public RequestedProtocol {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("requestedProtocol out of range (16 bits): " + value);
    }
  }

  /** The specification name, or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value);
  }

  /** Whether the table names this value. */
  public boolean isKnown() {
    return NAMES.knowsCode(value);
  }

  @Override
  public String toString() {
    return isKnown() ? name() + " (" + Wire.hex(value) + ")" : name();
  }
}
