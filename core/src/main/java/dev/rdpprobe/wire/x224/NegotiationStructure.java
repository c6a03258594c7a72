package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/** The common header of the MS-RDPBCGR 2.2.1.1.1 to 2.2.1.2.2 structures: type, flags, length. */
final class NegotiationStructure {
  private NegotiationStructure() {}

  static final int TYPE_REQUEST = 0x01;
  static final int TYPE_RESPONSE = 0x02;
  static final int TYPE_FAILURE = 0x03;
  static final int TYPE_CORRELATION_INFO = 0x06;

  /** The size of RDP_NEG_REQ, RDP_NEG_RSP and RDP_NEG_FAILURE. */
  static final int SIZE =
      1 // type
          + 1 // flags
          + 2 // length (little-endian)
          + 4; // requestedProtocols, selectedProtocol or failureCode (little-endian)

  /** Checks the size is there, the type and the length field; returns the flags octet. */
  static int open(ByteBuf in, int type, int size, String pdu) {
    Wire.ensure(in, size, pdu, "structure");
    int start = in.readerIndex();
    int gotType = in.readUnsignedByte();
    if (gotType != type) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          pdu,
          "type",
          start,
          gotType,
          Wire.hex(type));
    }
    int flags = in.readUnsignedByte();
    int length = in.readUnsignedShortLE();
    if (length != size) {
      throw Wire.invalid(pdu, "length", start + 2, length, Integer.toString(size));
    }
    return flags;
  }

  static void write(ByteBuf out, int type, int flags, int size) {
    out.writeByte(type);
    out.writeByte(flags);
    out.writeShortLE(size);
  }
}
