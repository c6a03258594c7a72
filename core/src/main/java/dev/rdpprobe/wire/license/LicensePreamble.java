package dev.rdpprobe.wire.license;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Licensing Preamble, LICENSE_PREAMBLE (MS-RDPBCGR 2.2.1.12.1.1): the four bytes in front of every
 * licensing message. {@link #decode} checks that the whole message wMsgSize announces is readable
 * and leaves the reader at the message; {@link LicensePdu} is the full record.
 *
 * @param bMsgType bMsgType
 * @param flags flags
 * @param wMsgSize wMsgSize: the preamble and the message that follows, in bytes
 */
public record LicensePreamble(LicenseMessageType bMsgType, PreambleFlags flags, int wMsgSize)
    implements Pdu {
  public static final String NAME = "LICENSE_PREAMBLE";

  public static final int FIXED_PART_SIZE =
      1 // bMsgType
          + 1 // flags
          + 2; // wMsgSize

  public LicensePreamble {
    Objects.requireNonNull(bMsgType, "bMsgType");
    Objects.requireNonNull(flags, "flags");
    if (wMsgSize < FIXED_PART_SIZE || wMsgSize > 0xFFFF) {
      throw new IllegalArgumentException("wMsgSize out of range: " + wMsgSize);
    }
  }

  /** Reads the preamble and checks the message it announces is in the buffer. */
  public static LicensePreamble decode(ByteBuf in) {
    int start = in.readerIndex();
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "bMsgType");
    LicenseMessageType type = new LicenseMessageType(in.readUnsignedByte());
    PreambleFlags flags = new PreambleFlags(in.readUnsignedByte());
    int size = in.readUnsignedShortLE();
    if (size < FIXED_PART_SIZE) {
      throw Wire.invalid(NAME, "wMsgSize", start + 2, size, "at least 4 (the preamble's own size)");
    }
    if (size - FIXED_PART_SIZE > in.readableBytes()) {
      throw new DecodeException(
          DecodeException.Kind.NOT_ENOUGH_BYTES,
          NAME,
          "licensing message",
          in.readerIndex(),
          in.readableBytes(),
          (size - FIXED_PART_SIZE) + " bytes");
    }
    return new LicensePreamble(type, flags, size);
  }

  /** The size of the message after the preamble. */
  public int messageSize() {
    return wMsgSize - FIXED_PART_SIZE;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE;
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeByte(bMsgType.value());
    out.writeByte(flags.bits());
    out.writeShortLE(wMsgSize);
  }

  @Override
  public String summary() {
    return "bMsgType=" + bMsgType + ", flags=" + flags + ", wMsgSize=" + wMsgSize;
  }
}
