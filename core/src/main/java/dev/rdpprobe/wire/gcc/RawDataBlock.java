package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A data block whose type this codec does not decode (CS_MONITOR_EX, future types, a server type in
 * client data): its TS_UD_HEADER type and the bytes after the header, re-encoded as they came.
 *
 * @param type the block type
 * @param data the bytes after the 4-byte header
 */
public record RawDataBlock(int type, Octets data) implements ClientDataBlock, ServerDataBlock {
  public static final String NAME = "data block";

  public RawDataBlock {
    if (type < 0 || type > 0xFFFF) {
      throw new IllegalArgumentException("type out of range: " + type);
    }
    Objects.requireNonNull(data, "data");
    if (data.length() > 0xFFFF - UserDataHeader.FIXED_PART_SIZE) {
      throw new IllegalArgumentException("block too long: " + data.length());
    }
  }

  /** Reads a block of any type. */
  public static RawDataBlock decode(ByteBuf in) {
    UserDataHeader header = UserDataHeader.decode(in);
    return new RawDataBlock(
        header.type(),
        Octets.read(in, header.length() - UserDataHeader.FIXED_PART_SIZE, NAME, "data"));
  }

  @Override
  public String name() {
    return NAME + " " + UserDataHeader.typeName(type);
  }

  @Override
  public int size() {
    return UserDataHeader.FIXED_PART_SIZE + data.length();
  }

  @Override
  public void encode(ByteBuf out) {
    DataBlocks.writeHeader(out, type, size());
    data.writeTo(out);
  }

  @Override
  public String summary() {
    return "type=" + UserDataHeader.typeName(type) + ", " + data.length() + " bytes";
  }
}
