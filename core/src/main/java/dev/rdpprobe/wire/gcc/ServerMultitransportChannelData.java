package dev.rdpprobe.wire.gcc;

import io.netty.buffer.ByteBuf;

/**
 * Server Multitransport Channel Data, TS_UD_SC_MULTITRANSPORT (MS-RDPBCGR 2.2.1.4.6): the UDP
 * transports the server supports.
 *
 * @param flags flags
 */
public record ServerMultitransportChannelData(MultitransportFlags flags)
    implements ServerDataBlock {
  public static final String NAME = "TS_UD_SC_MULTITRANSPORT";

  public static final int FIXED_PART_SIZE = 4; // flags

  public ServerMultitransportChannelData {
    java.util.Objects.requireNonNull(flags, "flags");
  }

  /** Reads the block. */
  public static ServerMultitransportChannelData decode(ByteBuf in) {
    return DataBlocks.decode(
        in,
        SC_MULTITRANSPORT,
        NAME,
        FIXED_PART_SIZE,
        b -> new ServerMultitransportChannelData(new MultitransportFlags(b.readIntLE())));
  }

  @Override
  public int type() {
    return SC_MULTITRANSPORT;
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
    DataBlocks.writeHeader(out, SC_MULTITRANSPORT, size());
    out.writeIntLE(flags.bits());
  }

  @Override
  public String summary() {
    return "flags=" + flags;
  }
}
