package dev.rdpprobe.capture;

import java.util.Objects;

/**
 * A TCP segment taken out of a captured packet (RFC 9293 3.1).
 *
 * @param packet the packet's number in the file
 * @param epochNanos the packet's capture time
 * @param source the sender's address and port
 * @param destination the receiver's address and port
 * @param seq the sequence number
 * @param ack the acknowledgment number (meaningful with {@link #ACK})
 * @param flags the TCP flags (FIN, SYN, RST, PSH, ACK, ...)
 * @param payload the captured payload
 * @param payloadLength the payload's length on the wire by the IP header; more than {@code
 *     payload.length} when the snapshot length cut the packet
 */
public record TcpSegment(
    long packet,
    long epochNanos,
    Endpoint source,
    Endpoint destination,
    long seq,
    long ack,
    int flags,
    byte[] payload,
    int payloadLength) {
  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;

  public TcpSegment {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(payload, "payload");
  }

  /** Whether the flag is set. */
  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  /**
   * An address and port.
   *
   * @param address the address's bytes (4 for IPv4, 16 for IPv6)
   * @param port the TCP port
   */
  public record Endpoint(byte[] address, int port) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Endpoint e
          && port == e.port
          && java.util.Arrays.equals(address, e.address);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(address) * 31 + port;
    }

    /** {@code 10.0.0.2:50123} or {@code [::1]:3389}. */
    @Override
    public String toString() {
      return address.length == 4
          ? Packets.ipv4(address) + ":" + port
          : "[" + Packets.ipv6(address) + "]:" + port;
    }
  }
}
