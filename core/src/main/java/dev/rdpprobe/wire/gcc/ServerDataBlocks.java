package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
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

  /** The most blocks decoded; servers send 3 to 5. */
  public static final int MAX_BLOCKS = 32;

  public ServerDataBlocks {
    blocks = List.copyOf(blocks);
    if (blocks.size() > MAX_BLOCKS) {
      throw new IllegalArgumentException("more than " + MAX_BLOCKS + " blocks: " + blocks.size());
    }
  }

  /** The blocks in this order. */
  public static ServerDataBlocks of(ServerDataBlock... blocks) {
    return new ServerDataBlocks(List.of(blocks));
  }

  /** Reads blocks up to the end of the buffer's readable bytes. */
  public static ServerDataBlocks decode(ByteBuf in) {
    List<ServerDataBlock> blocks = new ArrayList<>();
    while (in.isReadable()) {
      if (blocks.size() == MAX_BLOCKS) {
        throw new DecodeException(
            DecodeException.Kind.TOO_LARGE,
            NAME,
            "data block",
            in.readerIndex(),
            blocks.size() + 1,
            "at most " + MAX_BLOCKS + " blocks");
      }
      blocks.add(ServerDataBlock.decode(in));
    }
    return new ServerDataBlocks(blocks);
  }

  /** The first block of this TS_UD_HEADER type. */
  public Optional<ServerDataBlock> get(int type) {
    return blocks.stream().filter(b -> b.type() == type).findFirst();
  }

  /** The first block of this record type. */
  public <T extends ServerDataBlock> Optional<T> find(Class<T> kind) {
    return blocks.stream().filter(kind::isInstance).map(kind::cast).findFirst();
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
    int size = 0;
    for (ServerDataBlock block : blocks) {
      size += block.size();
    }
    return size;
  }

  @Override
  public void encode(ByteBuf out) {
    for (ServerDataBlock block : blocks) {
      block.encode(out);
    }
  }

  @Override
  public String summary() {
    return blocks.stream().map(Pdu::name).collect(Collectors.joining(", "));
  }
}
