package dev.rdpprobe.wire.gcc;

import io.netty.buffer.ByteBuf;

/**
 * Server Message Channel Data, TS_UD_SC_MCS_MSGCHANNEL (MS-RDPBCGR 2.2.1.4.5): the id of the MCS
 * message channel.
 *
 * @param mcsChannelId MCSChannelID
 */
public record ServerMessageChannelData(int mcsChannelId) implements ServerDataBlock {
  public static final String NAME = "TS_UD_SC_MCS_MSGCHANNEL";

  public static final int FIXED_PART_SIZE = 2; // MCSChannelID

  public ServerMessageChannelData {
    if (mcsChannelId < 0 || mcsChannelId > 0xFFFF) {
      throw new IllegalArgumentException("mcsChannelId out of range: " + mcsChannelId);
    }
  }

  /** Reads the block. */
  public static ServerMessageChannelData decode(ByteBuf in) {
    return DataBlocks.decode(
        in,
        SC_MCS_MSGCHANNEL,
        NAME,
        FIXED_PART_SIZE,
        b -> new ServerMessageChannelData(b.readUnsignedShortLE()));
  }

  @Override
  public int type() {
    return SC_MCS_MSGCHANNEL;
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
    DataBlocks.writeHeader(out, SC_MCS_MSGCHANNEL, size());
    out.writeShortLE(mcsChannelId);
  }

  @Override
  public String summary() {
    return "MCSChannelID=" + mcsChannelId;
  }
}
