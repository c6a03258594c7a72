package dev.rdpprobe.wire.gcc;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Client Cluster Data, TS_UD_CS_CLUSTER (MS-RDPBCGR 2.2.1.3.5): session redirection support.
 *
 * @param flags Flags
 * @param redirectedSessionId RedirectedSessionID
 */
public record ClientClusterData(ClusterFlags flags, int redirectedSessionId)
    implements ClientDataBlock {
  public static final String NAME = "TS_UD_CS_CLUSTER";

  public static final int FIXED_PART_SIZE =
      4 // Flags
          + 4; // RedirectedSessionID

  public ClientClusterData {
    Objects.requireNonNull(flags, "flags");
  }

  /** Reads the block. */
  public static ClientClusterData decode(ByteBuf in) {
    return DataBlocks.decode(
        in,
        CS_CLUSTER,
        NAME,
        FIXED_PART_SIZE,
        b -> new ClientClusterData(new ClusterFlags(b.readIntLE()), b.readIntLE()));
  }

  @Override
  public int type() {
    return CS_CLUSTER;
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
    DataBlocks.writeHeader(out, CS_CLUSTER, size());
    out.writeIntLE(flags.bits());
    out.writeIntLE(redirectedSessionId);
  }

  @Override
  public String summary() {
    return "flags=" + flags;
  }
}
