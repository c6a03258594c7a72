package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Client Network Data, TS_UD_CS_NET (MS-RDPBCGR 2.2.1.3.4): the static virtual channels the client
 * asks for, at most 31.
 *
 * @param channelDefArray channelDefArray
 */
public record ClientNetworkData(List<ChannelDef> channelDefArray) implements ClientDataBlock {
  public static final String NAME = "TS_UD_CS_NET";

  /** CHANNEL_MAX_COUNT: the most static channels a client may ask for. */
  public static final int MAX_CHANNELS = 31;

  public static final int FIXED_PART_SIZE = 4; // channelCount

  public ClientNetworkData {
    channelDefArray = List.copyOf(channelDefArray);
    if (channelDefArray.size() > MAX_CHANNELS) {
      throw new IllegalArgumentException("more than 31 channels: " + channelDefArray.size());
    }
  }

  /** Reads the block. */
  public static ClientNetworkData decode(ByteBuf in) {
    return DataBlocks.decode(in, CS_NET, NAME, FIXED_PART_SIZE, ClientNetworkData::decodeBody);
  }

  private static ClientNetworkData decodeBody(ByteBuf in) {
    int offset = in.readerIndex();
    long count = in.readUnsignedIntLE();
    if (count > MAX_CHANNELS) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LARGE, NAME, "channelCount", offset, count, "at most 31");
    }
    Wire.ensure(in, (int) count * ChannelDef.SIZE, NAME, "channelDefArray");
    List<ChannelDef> channels = new ArrayList<>((int) count);
    for (int i = 0; i < count; i++) {
      channels.add(ChannelDef.decode(in));
    }
    return new ClientNetworkData(channels);
  }

  @Override
  public int type() {
    return CS_NET;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return UserDataHeader.FIXED_PART_SIZE
        + FIXED_PART_SIZE
        + ChannelDef.SIZE * channelDefArray.size();
  }

  @Override
  public void encode(ByteBuf out) {
    DataBlocks.writeHeader(out, CS_NET, size());
    out.writeIntLE(channelDefArray.size());
    for (ChannelDef channel : channelDefArray) {
      channel.encode(out);
    }
  }

  @Override
  public String summary() {
    return channelDefArray.size()
        + " channels: "
        + channelDefArray.stream().map(ChannelDef::name).collect(Collectors.joining(", "));
  }
}
