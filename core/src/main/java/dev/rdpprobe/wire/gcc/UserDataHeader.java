package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * User Data Header, TS_UD_HEADER (MS-RDPBCGR 2.2.1.3.1): the type and length in front of every
 * client and server data block.
 *
 * @param type the block type, e.g. {@code 0xC001} (CS_CORE)
 * @param length the block length, these 4 bytes included
 */
public record UserDataHeader(int type, int length) {
  public static final String NAME = "TS_UD_HEADER";

  public static final int FIXED_PART_SIZE =
      2 // type
          + 2; // length

  public UserDataHeader {
    if (type < 0 || type > 0xFFFF) {
      throw new IllegalArgumentException("type out of range: " + type);
    }
    if (length < FIXED_PART_SIZE || length > 0xFFFF) {
      throw new IllegalArgumentException("length out of range: " + length);
    }
  }

  /** Reads the header; the block must be in the buffer. */
  public static UserDataHeader decode(ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "header");
    int start = in.readerIndex();
    int type = in.readUnsignedShortLE();
    int length = in.readUnsignedShortLE();
    if (length < FIXED_PART_SIZE) {
      throw Wire.invalid(NAME, "length", start + 2, length, "at least 4");
    }
    if (length - FIXED_PART_SIZE > in.readableBytes()) {
      throw new DecodeException(
          DecodeException.Kind.NOT_ENOUGH_BYTES,
          NAME,
          "data block",
          in.readerIndex(),
          in.readableBytes(),
          (length - FIXED_PART_SIZE) + " bytes");
    }
    return new UserDataHeader(type, length);
  }

  /** Writes the header. */
  public void encode(ByteBuf out) {
    out.writeShortLE(type);
    out.writeShortLE(length);
  }

  /** The type as a hex string. */
  static String typeName(int type) {
    return String.format("0x%04x", type);
  }
}
