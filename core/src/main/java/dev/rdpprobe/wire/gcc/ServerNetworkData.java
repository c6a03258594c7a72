package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Server Network Data, TS_UD_SC_NET (MS-RDPBCGR 2.2.1.4.4): the I/O channel and the channel ids the
 * server gives the client's static virtual channels, in the order of its CS_NET.
 *
 * <p>With an odd channel count a 2-byte {@code Pad} follows the ids. Windows and FreeRDP send it; a
 * server that leaves it out is accepted, and {@code pad} is then null, so that the block re-encodes
 * as it came.
 *
 * @param mcsChannelId MCSChannelId: the I/O channel, normally 1003
 * @param channelIdArray channelIdArray
 * @param pad Pad (odd channel counts only), or null when absent
 */
public record ServerNetworkData(int mcsChannelId, List<Integer> channelIdArray, Integer pad)
    implements ServerDataBlock {
  public static final String NAME = "TS_UD_SC_NET";

  /** The I/O channel id servers give. */
  public static final int IO_CHANNEL_ID = 1003;

  /** The most channel ids: one per channel of CS_NET, which allows 31. */
  public static final int MAX_CHANNELS = ClientNetworkData.MAX_CHANNELS;

  public static final int FIXED_PART_SIZE =
      2 // MCSChannelId
          + 2; // channelCount

  public ServerNetworkData {
    if (mcsChannelId < 0 || mcsChannelId > 0xFFFF) {
      throw new IllegalArgumentException("MCSChannelId out of range: " + mcsChannelId);
    }
    channelIdArray = List.copyOf(channelIdArray);
    if (channelIdArray.size() > MAX_CHANNELS) {
      throw new IllegalArgumentException("more than 31 channels: " + channelIdArray.size());
    }
    for (int id : channelIdArray) {
      if (id < 0 || id > 0xFFFF) {
        throw new IllegalArgumentException("channel id out of range: " + id);
      }
    }
    if (pad != null) {
      if (channelIdArray.size() % 2 == 0) {
        throw new IllegalArgumentException("Pad only follows an odd number of channel ids");
      }
      if (pad < 0 || pad > 0xFFFF) {
        throw new IllegalArgumentException("Pad out of range: " + pad);
      }
    }
  }

  /** Network data with Pad 0 after an odd number of ids, as Windows and FreeRDP send it. */
  public static ServerNetworkData of(int mcsChannelId, List<Integer> channelIdArray) {
    return new ServerNetworkData(
        mcsChannelId, channelIdArray, channelIdArray.size() % 2 == 1 ? 0 : null);
  }

  /** Reads the block. */
  public static ServerNetworkData decode(ByteBuf in) {
    return DataBlocks.decode(in, SC_NET, NAME, FIXED_PART_SIZE, ServerNetworkData::decodeBody);
  }

  private static ServerNetworkData decodeBody(ByteBuf in) {
    int mcsChannelId = in.readUnsignedShortLE();
    int countOffset = in.readerIndex();
    int count = in.readUnsignedShortLE();
    if (count > MAX_CHANNELS) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LARGE, NAME, "channelCount", countOffset, count, "at most 31");
    }
    if (2 * count > in.readableBytes()) {
      throw Wire.invalid(
          NAME,
          "channelCount",
          countOffset,
          count,
          "at most " + in.readableBytes() / 2 + " (the block length)");
    }
    List<Integer> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(in.readUnsignedShortLE());
    }
    Integer pad = null;
    if (count % 2 == 1 && in.isReadable()) {
      if (in.readableBytes() < 2) {
        throw Wire.invalid(NAME, "Pad", in.readerIndex(), in.readableBytes(), "2 bytes");
      }
      pad = in.readUnsignedShortLE();
    }
    return new ServerNetworkData(mcsChannelId, ids, pad);
  }

  @Override
  public int type() {
    return SC_NET;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return UserDataHeader.FIXED_PART_SIZE
        + FIXED_PART_SIZE
        + 2 * channelIdArray.size()
        + (pad == null ? 0 : 2);
  }

  @Override
  public void encode(ByteBuf out) {
    DataBlocks.writeHeader(out, SC_NET, size());
    out.writeShortLE(mcsChannelId);
    out.writeShortLE(channelIdArray.size());
    for (int id : channelIdArray) {
      out.writeShortLE(id);
    }
    if (pad != null) {
      out.writeShortLE(pad);
    }
  }

  @Override
  public String summary() {
    return "MCSChannelId=" + mcsChannelId + ", channelIdArray=" + channelIdArray;
  }
}
