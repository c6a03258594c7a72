package dev.rdpprobe.wire.gcc;

import io.netty.buffer.ByteBuf;

/**
 * Client Message Channel Data, TS_UD_CS_MCS_MSGCHANNEL (MS-RDPBCGR 2.2.1.3.7): asks for the MCS
 * message channel (auto-detection, multitransport bootstrapping).
 *
 * @param flags flags (unused, 0)
 */
public record ClientMessageChannelData(int flags) implements ClientDataBlock {
  public static final String NAME = "TS_UD_CS_MCS_MSGCHANNEL";

  public static final int FIXED_PART_SIZE = 4; // flags (unused, 0)

  /** Reads the block. */
  public static ClientMessageChannelData decode(ByteBuf in) {
    return DataBlocks.decode(
        in,
        CS_MCS_MSGCHANNEL,
        NAME,
        FIXED_PART_SIZE,
        b -> new ClientMessageChannelData(b.readIntLE()));
  }

  @Override
  public int type() {
    return CS_MCS_MSGCHANNEL;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return UserDataHeader.FIXED_PART_SIZE + FIXED_PART_SIZE;
  }

  @Override
  public void encode(ByteBuf out) {
    DataBlocks.writeHeader(out, CS_MCS_MSGCHANNEL, size());
    out.writeIntLE(flags);
  }

  @Override
  public String summary() {
    return "flags=" + dev.rdpprobe.wire.Wire.hex(flags & 0xFFFFFFFFL);
  }
}
