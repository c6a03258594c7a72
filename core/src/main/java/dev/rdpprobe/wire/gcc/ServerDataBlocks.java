package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The server data blocks of a GCC Conference Create Response (MS-RDPBCGR 2.2.1.4.1, the userData
 * value): the blocks in the order the server sent them, with lookup by type. Duplicates and blocks
 * of unknown types are kept as they came.
 *
 * @param blocks the blocks in wire order
 */
public record ServerDataBlocks(List<ServerDataBlock> blocks) implements Pdu {
  public static final String NAME = "server data blocks";

  /** The most blocks decoded. */
  public static final int MAX_BLOCKS = DataBlocks.MAX_BLOCKS;

  public ServerDataBlocks {
    blocks = DataBlocks.checkCount(blocks);
  }

  /** The blocks in this order. */
  public static ServerDataBlocks of(ServerDataBlock... blocks) {
    return new ServerDataBlocks(List.of(blocks));
  }

  /** Reads blocks up to the end of the buffer's readable bytes. */
  public static ServerDataBlocks decode(ByteBuf in) {
    return new ServerDataBlocks(DataBlocks.decodeAll(in, ServerDataBlock::decode, NAME));
  }

  /** The first block of this TS_UD_HEADER type. */
  public Optional<ServerDataBlock> get(int type) {
    return blocks.stream().filter(b -> b.type() == type).findFirst();
  }

  /** The first block of this record type. */
  public <T extends ServerDataBlock> Optional<T> find(Class<T> kind) {
    return DataBlocks.find(blocks, kind);
  }

  /** SC_CORE. */
  public Optional<ServerCoreData> core() {
    return find(ServerCoreData.class);
  }

  /** SC_SECURITY. */
  public Optional<ServerSecurityData> security() {
    return find(ServerSecurityData.class);
  }

  /** SC_NET. */
  public Optional<ServerNetworkData> network() {
    return find(ServerNetworkData.class);
  }

  /** SC_MCS_MSGCHANNEL. */
  public Optional<ServerMessageChannelData> messageChannel() {
    return find(ServerMessageChannelData.class);
  }

  /** SC_MULTITRANSPORT. */
  public Optional<ServerMultitransportChannelData> multitransport() {
    return find(ServerMultitransportChannelData.class);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return DataBlocks.size(blocks);
  }

  @Override
  public void encode(ByteBuf out) {
    DataBlocks.encode(blocks, out);
  }

  @Override
  public String summary() {
    return blocks.stream().map(Pdu::name).collect(Collectors.joining(", "));
  }
}
