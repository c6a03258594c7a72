package dev.rdpprobe.wire.udp;

import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * RDPUDP_FEC_HEADER (MS-RDPEUDP 2.2.2.1): the eight bytes every version 1 datagram starts with,
 * big-endian.
 *
 * @param snSourceAck snSourceAck: the last sequence number received ({@code 0xFFFFFFFF} in the
 *     client's SYN, the client's initial sequence number in the server's SYN+ACK)
 * @param uReceiveWindowSize uReceiveWindowSize
 * @param uFlags uFlags
 */
public record FecHeader(int snSourceAck, int uReceiveWindowSize, RdpudpFlags uFlags)
    implements Pdu {
  public static final String NAME = "RDPUDP_FEC_HEADER";

  public static final int FIXED_PART_SIZE =
      4 // snSourceAck
          + 2 // uReceiveWindowSize
          + 2; // uFlags

  public FecHeader {
    Objects.requireNonNull(uFlags, "uFlags");
    if (uReceiveWindowSize < 0 || uReceiveWindowSize > 0xFFFF) {
      throw new IllegalArgumentException("uReceiveWindowSize out of range: " + uReceiveWindowSize);
    }
  }

  /** Reads the header. */
  public static FecHeader decode(ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "snSourceAck");
    return new FecHeader(
        in.readInt(), in.readUnsignedShort(), new RdpudpFlags(in.readUnsignedShort()));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE;
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeInt(snSourceAck);
    out.writeShort(uReceiveWindowSize);
    out.writeShort(uFlags.bits());
  }

  @Override
  public String summary() {
    return "snSourceAck="
        + Wire.hex(snSourceAck & 0xFFFFFFFFL)
        + ", uReceiveWindowSize="
        + uReceiveWindowSize
        + ", uFlags="
        + uFlags;
  }
}
