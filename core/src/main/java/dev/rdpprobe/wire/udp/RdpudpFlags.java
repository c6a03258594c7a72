package dev.rdpprobe.wire.udp;

import dev.rdpprobe.wire.NamedBits;

/**
 * uFlags of the RDPUDP_FEC_HEADER (MS-RDPEUDP 2.2.2.1): which payloads follow and what the datagram
 * does. Unknown bits are kept and shown as {@code unknown (0x..)}.
 *
 * @param bits the 16-bit field
 */
public record RdpudpFlags(int bits) {
  public static final int RDPUDP_FLAG_SYN = 0x0001;
  public static final int RDPUDP_FLAG_FIN = 0x0002;
  public static final int RDPUDP_FLAG_ACK = 0x0004;
  public static final int RDPUDP_FLAG_DATA = 0x0008;
  public static final int RDPUDP_FLAG_FEC = 0x0010;
  public static final int RDPUDP_FLAG_CN = 0x0020;
  public static final int RDPUDP_FLAG_CWR = 0x0040;
  public static final int RDPUDP_FLAG_SACK_OPTION = 0x0080;
  public static final int RDPUDP_FLAG_ACK_OF_ACKS = 0x0100;
  public static final int RDPUDP_FLAG_SYNLOSSY = 0x0200;
  public static final int RDPUDP_FLAG_ACKDELAYED = 0x0400;
  public static final int RDPUDP_FLAG_CORRELATION_ID = 0x0800;
  public static final int RDPUDP_FLAG_SYNEX = 0x1000;

  private static final NamedBits NAMES =
      NamedBits.of(
          RDPUDP_FLAG_SYN, "RDPUDP_FLAG_SYN",
          RDPUDP_FLAG_FIN, "RDPUDP_FLAG_FIN",
          RDPUDP_FLAG_ACK, "RDPUDP_FLAG_ACK",
          RDPUDP_FLAG_DATA, "RDPUDP_FLAG_DATA",
          RDPUDP_FLAG_FEC, "RDPUDP_FLAG_FEC",
          RDPUDP_FLAG_CN, "RDPUDP_FLAG_CN",
          RDPUDP_FLAG_CWR, "RDPUDP_FLAG_CWR",
          RDPUDP_FLAG_SACK_OPTION, "RDPUDP_FLAG_SACK_OPTION",
          RDPUDP_FLAG_ACK_OF_ACKS, "RDPUDP_FLAG_ACK_OF_ACKS",
          RDPUDP_FLAG_SYNLOSSY, "RDPUDP_FLAG_SYNLOSSY",
          RDPUDP_FLAG_ACKDELAYED, "RDPUDP_FLAG_ACKDELAYED",
          RDPUDP_FLAG_CORRELATION_ID, "RDPUDP_FLAG_CORRELATION_ID",
          RDPUDP_FLAG_SYNEX, "RDPUDP_FLAG_SYNEX");

  public RdpudpFlags {
    if (bits < 0 || bits > 0xFFFF) {
      throw new IllegalArgumentException("uFlags out of range (16 bits): " + bits);
    }
  }

  /** Whether every bit of {@code flag} is set. */
  public boolean has(int flag) {
    return (bits & flag) == flag;
  }

  @Override
  public String toString() {
    return NAMES.format(bits, "none");
  }
}
