package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Utf16;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reading and writing shared by the data block records. */
final class DataBlocks {
  private DataBlocks() {}

  /** The most blocks a list holds; clients send 3 to 8, servers 3 to 5. */
  static final int MAX_BLOCKS = 32;

  /** Checks a list of blocks for {@link #MAX_BLOCKS} and returns an unmodifiable copy. */
  static <B> List<B> checkCount(List<B> blocks) {
    List<B> copy = List.copyOf(blocks);
    if (copy.size() > MAX_BLOCKS) {
      throw new IllegalArgumentException("more than " + MAX_BLOCKS + " blocks: " + copy.size());
    }
    return copy;
  }

  /** Reads blocks with {@code one} up to the end of the buffer's readable bytes. */
  static <B> List<B> decodeAll(ByteBuf in, Function<ByteBuf, B> one, String pdu) {
    List<B> blocks = new ArrayList<>();
    while (in.isReadable()) {
      if (blocks.size() == MAX_BLOCKS) {
        throw new DecodeException(
            DecodeException.Kind.TOO_LARGE,
            pdu,
            "data block",
            in.readerIndex(),
            blocks.size() + 1,
            "at most " + MAX_BLOCKS + " blocks");
      }
      blocks.add(one.apply(in));
    }
    return blocks;
  }

  /** The blocks' total size. */
  static int size(List<? extends Pdu> blocks) {
    int size = 0;
    for (Pdu block : blocks) {
      size += block.size();
    }
    return size;
  }

  /** Writes the blocks in order. */
  static void encode(List<? extends Pdu> blocks, ByteBuf out) {
    for (Pdu block : blocks) {
      block.encode(out);
    }
  }

  /** The first block of this record type. */
  static <B, T extends B> Optional<T> find(List<B> blocks, Class<T> kind) {
    return blocks.stream().filter(kind::isInstance).map(kind::cast).findFirst();
  }

  /**
   * Reads a block's header, checks its type and minimum length, and decodes the body with {@code
   * body}, which sees only the block (reads past it fail as a short buffer) and must consume all of
   * it.
   */
  static <T> T decode(
      ByteBuf in, int type, String pdu, int minBodyLength, Function<ByteBuf, T> body) {
    int start = in.readerIndex();
    Wire.ensure(in, UserDataHeader.FIXED_PART_SIZE, pdu, "header");
    int got = in.getUnsignedShortLE(start);
    if (got != type) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          pdu,
          "type",
          start,
          got,
          UserDataHeader.typeName(type));
    }
    UserDataHeader header = UserDataHeader.decode(in);
    int bodyLength = header.length() - UserDataHeader.FIXED_PART_SIZE;
    if (bodyLength < minBodyLength) {
      throw Wire.invalid(
          pdu,
          "length",
          start + 2,
          header.length(),
          "at least " + (UserDataHeader.FIXED_PART_SIZE + minBodyLength));
    }
    int end = in.readerIndex() + bodyLength;
    int writerIndex = in.writerIndex();
    in.writerIndex(end);
    try {
      T value = body.apply(in);
      Wire.ensureEnd(in, pdu);
      return value;
    } finally {
      in.writerIndex(writerIndex);
    }
  }

  /** Writes a block header for a block of {@code size} bytes, header included. */
  static void writeHeader(ByteBuf out, int type, int size) {
    new UserDataHeader(type, size).encode(out);
  }

  /** Reads a fixed-size UTF-16LE field, up to its first NUL unit. */
  static String readUtf16(ByteBuf in, int size, String pdu, String field) {
    return Utf16.readFixed(in, size, pdu, field);
  }

  /** Writes a fixed-size UTF-16LE field, padded with NULs. */
  static void writeUtf16(ByteBuf out, String s, int size) {
    Utf16.writeFixed(out, s, size);
  }

  /** Checks a string fits a fixed-size UTF-16 field (NUL-padded, so without NUL itself). */
  static String checkUtf16(String s, int size, String what) {
    if (s == null) {
      throw new NullPointerException(what);
    }
    if (2 * s.length() > size || s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          what + " must be at most " + size / 2 + " UTF-16 units without NUL: " + s);
    }
    return s;
  }

  /** Reads a fixed-size ANSI field up to its first NUL, one byte per character (ISO-8859-1). */
  static String readAnsi(ByteBuf in, int size, String pdu, String field) {
    Wire.ensure(in, size, pdu, field);
    int start = in.readerIndex();
    int n = 0;
    while (n < size && in.getByte(start + n) != 0) {
      n++;
    }
    String s = in.toString(start, n, StandardCharsets.ISO_8859_1);
    in.skipBytes(size);
    return s;
  }

  /** Writes a fixed-size ANSI field, padded with NULs. */
  static void writeAnsi(ByteBuf out, String s, int size) {
    out.writeCharSequence(s, StandardCharsets.ISO_8859_1);
    out.writeZero(size - s.length());
  }
}
