package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * Reads and writes the TPKT header, the length indicator and the TPDU code, once for every TPDU
 * (ARCHITECTURE.md, Rules: envelope once). The bodies never look at TPKT.
 */
final class X224Envelope {
  private X224Envelope() {}

  /** TPKT header, LI and code: the bytes in front of every TPDU's fixed part after the code. */
  static final int HEADER_SIZE =
      TpktHeader.FIXED_PART_SIZE
          + 1 // LI
          + 1; // code

  /**
   * Opens one packet: reads the TPKT header, checks the packet is all there, reads the LI and the
   * code, checks the code, and returns the LI. On return the reader index is just after the code
   * byte and {@code in} holds at least {@code LI - 1} more bytes of the packet.
   *
   * @param codeMask bits of the code byte that identify the TPDU (the rest are parameters)
   */
  static int open(ByteBuf in, int code, int codeMask, String pdu, int minLi) {
    int start = in.readerIndex();
    TpktHeader tpkt = TpktHeader.decode(in);
    Wire.ensure(in, tpkt.length() - TpktHeader.FIXED_PART_SIZE, pdu, "TPKT payload");
    if (tpkt.length() < HEADER_SIZE) {
      throw Wire.invalid(pdu, "TPKT length", start + 2, tpkt.length(), "at least " + HEADER_SIZE);
    }
    int liOffset = in.readerIndex();
    int li = in.readUnsignedByte();
    int gotCode = in.readUnsignedByte();
    if ((gotCode & codeMask) != code) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          pdu,
          "TPDU code",
          liOffset + 1,
          gotCode,
          Wire.hex(code));
    }
    if (li < minLi || li == 0xFF) {
      throw Wire.invalid(pdu, "length indicator", liOffset, li, "at least " + minLi + ", not 255");
    }
    // the header (LI octets after the LI) must fit in the packet
    int available = tpkt.length() - TpktHeader.FIXED_PART_SIZE - 1;
    if (li > available) {
      throw Wire.invalid(
          pdu, "length indicator", liOffset, li, "at most " + available + " (TPKT length)");
    }
    return li;
  }

  /** The offset just past the packet that starts at {@code packetStart}. */
  static int packetEnd(ByteBuf in, int packetStart) {
    return packetStart + in.getUnsignedShort(packetStart + 2);
  }

  /** Checks the decoder consumed exactly the packet. */
  static void close(ByteBuf in, int packetEnd, String pdu) {
    if (in.readerIndex() != packetEnd) {
      throw new DecodeException(
          DecodeException.Kind.TRAILING_BYTES,
          pdu,
          "end of TPDU",
          in.readerIndex(),
          packetEnd - in.readerIndex(),
          "0 bytes left over");
    }
  }

  /** Writes the TPKT header, LI and code. */
  static void write(ByteBuf out, int packetSize, int li, int code) {
    TpktHeader.ofLength(packetSize).encode(out);
    out.writeByte(li);
    out.writeByte(code);
  }

  /** A structure of {@code size} bytes must end inside the variable part the LI declares. */
  static void ensureInside(ByteBuf in, int variableEnd, int size, String pdu) {
    int left = variableEnd - in.readerIndex();
    if (left < size) {
      throw new DecodeException(
          DecodeException.Kind.NOT_ENOUGH_BYTES,
          pdu,
          "structure (inside the LI)",
          in.readerIndex(),
          left,
          size + " bytes");
    }
  }
}
