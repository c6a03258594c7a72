package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The client data blocks of a GCC Conference Create Request (MS-RDPBCGR 2.2.1.3.1, the userData
 * value): the blocks in the order the client sent them, with lookup by type. Duplicates and blocks
 * of unknown types are kept as they came.
 *
 * @param blocks the blocks in wire order
 */
public record ClientDataBlocks(List<ClientDataBlock> blocks) implements Pdu {
  public static final String NAME = "client data blocks";

  /** The most blocks decoded. */
  public static final int MAX_BLOCKS = DataBlocks.MAX_BLOCKS;

  public ClientDataBlocks {
    blocks = DataBlocks.checkCount(blocks);
  }

  /** The blocks in this order. */
  public static ClientDataBlocks of(ClientDataBlock... blocks) {
    return new ClientDataBlocks(List.of(blocks));
  }

  /** Reads blocks up to the end of the buffer's readable bytes. */
  public static ClientDataBlocks decode(ByteBuf in) {
    return new ClientDataBlocks(DataBlocks.decodeAll(in, ClientDataBlock::decode, NAME));
  }

  /** The first block of this TS_UD_HEADER type. */
  public Optional<ClientDataBlock> get(int type) {
    return blocks.stream().filter(b -> b.type() == type).findFirst();
  }

  /** The first block of this record type. */
  public <T extends ClientDataBlock> Optional<T> find(Class<T> kind) {
    return DataBlocks.find(blocks, kind);
  }

  /** CS_CORE. */
  public Optional<ClientCoreData> core() {
    return find(ClientCoreData.class);
  }

  /** CS_SECURITY. */
  public Optional<ClientSecurityData> security() {
    return find(ClientSecurityData.class);
  }

  /** CS_NET. */
  public Optional<ClientNetworkData> network() {
    return find(ClientNetworkData.class);
  }

  /** CS_CLUSTER. */
  public Optional<ClientClusterData> cluster() {
    return find(ClientClusterData.class);
  }

  /** CS_MONITOR. */
  public Optional<ClientMonitorData> monitor() {
    return find(ClientMonitorData.class);
  }

  /** CS_MCS_MSGCHANNEL. */
  public Optional<ClientMessageChannelData> messageChannel() {
    return find(ClientMessageChannelData.class);
  }

  /** CS_MULTITRANSPORT. */
  public Optional<ClientMultitransportChannelData> multitransport() {
    return find(ClientMultitransportChannelData.class);
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
