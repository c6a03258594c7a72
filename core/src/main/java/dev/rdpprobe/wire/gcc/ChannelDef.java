package dev.rdpprobe.wire.gcc;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Channel Definition Structure, CHANNEL_DEF (MS-RDPBCGR 2.2.1.3.4.1): a static virtual channel the
 * client asks for.
 *
 * @param name the name, ANSI, at most 8 characters (7 and NUL by the specification); read up to the
 *     first NUL
 * @param options options
 */
public record ChannelDef(String name, ChannelOptions options) {
  public static final int NAME_SIZE = 8;

  public static final int SIZE =
      NAME_SIZE // name
          + 4; // options

  public ChannelDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(options, "options");
    if (name.length() > NAME_SIZE
        || name.indexOf('\0') >= 0
        || !name.chars().allMatch(c -> c <= 0xFF)) {
      throw new IllegalArgumentException("channel name must be at most 8 ANSI characters: " + name);
    }
  }

  static ChannelDef decode(ByteBuf in) {
    String name =
        DataBlocks.readAnsi(in, NAME_SIZE, ClientNetworkData.NAME, "channelDefArray.name");
    return new ChannelDef(name, new ChannelOptions(in.readIntLE()));
  }

  void encode(ByteBuf out) {
    DataBlocks.writeAnsi(out, name, NAME_SIZE);
    out.writeIntLE(options.bits());
  }

  @Override
  public String toString() {
    return name + " (" + options + ")";
  }
}
