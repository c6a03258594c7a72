package dev.rdpprobe.wire.gcc;

import io.netty.buffer.ByteBuf;

/**
 * Client Multitransport Channel Data, TS_UD_CS_MULTITRANSPORT (MS-RDPBCGR 2.2.1.3.8): the UDP
 * transports the client supports.
 *
 * @param flags flags
 */
public record ClientMultitransportChannelData(MultitransportFlags flags)
    implements ClientDataBlock {
  public static final String NAME = "TS_UD_CS_MULTITRANSPORT";

  public static final int FIXED_PART_SIZE = 4; // flags

  public ClientMultitransportChannelData {
    java.util.Objects.requireNonNull(flags, "flags");
  }

  /** Reads the block. */
  public static ClientMultitransportChannelData decode(ByteBuf in) {
    return DataBlocks.decode(
        in,
        CS_MULTITRANSPORT,
        NAME,
        FIXED_PART_SIZE,
        b -> new ClientMultitransportChannelData(new MultitransportFlags(b.readIntLE())));
  }

  @Override
  public int type() {
    return CS_MULTITRANSPORT;
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
    DataBlocks.writeHeader(out, CS_MULTITRANSPORT, size());
    out.writeIntLE(flags.bits());
  }

  @Override
  public String summary() {
    return "flags=" + flags;
  }
}
