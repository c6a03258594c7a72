package dev.rdpprobe.wire.udp;

import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * RDPUDP_SYNDATA_PAYLOAD (MS-RDPEUDP 2.2.2.5): the sender's initial sequence number and MTUs, in
 * the SYN and the SYN+ACK. The MTUs must lie in 1132 to 1232; values outside are kept as sent
 * ({@link #mtusInRange()} tells), since a probe reports what a server sends.
 *
 * @param snInitialSequenceNumber snInitialSequenceNumber
 * @param uUpStreamMtu uUpStreamMtu
 * @param uDownStreamMtu uDownStreamMtu
 */
public record SynDataPayload(int snInitialSequenceNumber, int uUpStreamMtu, int uDownStreamMtu)
    implements Pdu {
  public static final String NAME = "RDPUDP_SYNDATA_PAYLOAD";

  public static final int FIXED_PART_SIZE =
      4 // snInitialSequenceNumber
          + 2 // uUpStreamMtu
          + 2; // uDownStreamMtu

  /** The smallest MTU the specification allows. */
  public static final int MTU_MIN = 1132;

  /** The largest MTU, and the size the SYN and SYN+ACK datagrams are padded to. */
  public static final int MTU_MAX = 1232;

  public SynDataPayload {
    if (uUpStreamMtu < 0
        || uUpStreamMtu > 0xFFFF
        || uDownStreamMtu < 0
        || uDownStreamMtu > 0xFFFF) {
      throw new IllegalArgumentException("MTUs are 16-bit");
    }
  }

  /** Reads the payload. */
  public static SynDataPayload decode(ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "snInitialSequenceNumber");
    return new SynDataPayload(in.readInt(), in.readUnsignedShort(), in.readUnsignedShort());
  }

  /** Whether both MTUs lie in {@link #MTU_MIN} to {@link #MTU_MAX}. */
  public boolean mtusInRange() {
    return uUpStreamMtu >= MTU_MIN
        && uUpStreamMtu <= MTU_MAX
        && uDownStreamMtu >= MTU_MIN
        && uDownStreamMtu <= MTU_MAX;
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
    out.writeInt(snInitialSequenceNumber);
    out.writeShort(uUpStreamMtu);
    out.writeShort(uDownStreamMtu);
  }

  @Override
  public String summary() {
    return "snInitialSequenceNumber="
        + Wire.hex(snInitialSequenceNumber & 0xFFFFFFFFL)
        + ", MTU up "
        + uUpStreamMtu
        + ", down "
        + uDownStreamMtu;
  }
}
