package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * TPKT header (RFC 1006 section 6, T.123 section 8): the 4 bytes in front of every slow-path RDP
 * PDU on TCP.
 *
 * @param version always {@code 3}
 * @param length the length of the whole packet, these 4 bytes included (big-endian)
 */
public record TpktHeader(int version, int length) {
  /** The specification name. */
  public static final String NAME = "TPKT";

  /** The only version RDP uses. */
  public static final int VERSION = 3;

  public static final int FIXED_PART_SIZE =
      1 // version
          + 1 // reserved
          + 2; // length

  /**
   * The smallest packet a peer may send: the header plus an X.224 Data TPDU header (T.123). A TPKT
   * length below this can never frame an RDP PDU.
   */
  public static final int MIN_LENGTH = 7;

  /** The largest length the 16-bit field can hold. */
  public static final int MAX_LENGTH = 0xFFFF;

  public TpktHeader {
    if (version < 0 || version > 0xFF) {
      throw new IllegalArgumentException("version out of range: " + version);
    }
    if (length < FIXED_PART_SIZE || length > MAX_LENGTH) {
      throw new IllegalArgumentException("length out of range: " + length);
    }
  }

  /** A version 3 header for a packet of {@code length} bytes. */
  public static TpktHeader ofLength(int length) {
    return new TpktHeader(VERSION, length);
  }

  /** Reads and checks a header: version 3, length from {@link #MIN_LENGTH} to 65535. */
  public static TpktHeader decode(ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "header");
    int start = in.readerIndex();
    int version = in.readUnsignedByte();
    if (version != VERSION) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE, NAME, "version", start, version, "0x03");
    }
    in.skipBytes(1); // reserved: ignored on receipt
    int length = in.readUnsignedShort();
    if (length < MIN_LENGTH) {
      throw Wire.invalid(NAME, "length", start + 2, length, "at least " + MIN_LENGTH);
    }
    return new TpktHeader(version, length);
  }

  /**
   * Frames a slow-path PDU without consuming anything: the packet length if the 4 header bytes are
   * readable, or {@code -1} if more bytes are needed. Allocation-free, for the framing hot path.
   *
   * @throws DecodeException if the bytes there are not a valid TPKT header
   */
  public static int frameLength(ByteBuf in) {
    if (in.readableBytes() < FIXED_PART_SIZE) {
      return -1;
    }
    int start = in.readerIndex();
    int version = in.getUnsignedByte(start);
    if (version != VERSION) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE, NAME, "version", start, version, "0x03");
    }
    int length = in.getUnsignedShort(start + 2);
    if (length < MIN_LENGTH) {
      throw Wire.invalid(NAME, "length", start + 2, length, "at least " + MIN_LENGTH);
    }
    return length;
  }

  /** The number of bytes {@link #encode(ByteBuf)} writes. */
  public int size() {
    return FIXED_PART_SIZE;
  }

  /** Writes the header. */
  public void encode(ByteBuf out) {
    out.writeByte(version);
    out.writeByte(0);
    out.writeShort(length);
  }
}
