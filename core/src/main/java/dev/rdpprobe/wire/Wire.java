package dev.rdpprobe.wire;

import io.netty.buffer.ByteBuf;
import java.util.function.Function;

/**
 * Checks that every decoder runs before it reads: length first, then the read (ARCHITECTURE.md,
 * Rules: length before read).
 *
 * <p>Offsets in the exceptions are reader indexes of the buffer handed to the decoder, so a decoder
 * given a frame slice reports offsets from the frame's first byte.
 */
public final class Wire {
  private Wire() {}

  /** Throws {@link DecodeException.Kind#NOT_ENOUGH_BYTES} unless {@code n} bytes are readable. */
  public static void ensure(ByteBuf buf, int n, String pdu, String field) {
    if (buf.readableBytes() < n) {
      throw new DecodeException(
          DecodeException.Kind.NOT_ENOUGH_BYTES,
          pdu,
          field,
          buf.readerIndex(),
          buf.readableBytes(),
          n + " bytes");
    }
  }

  /** Throws {@link DecodeException.Kind#TRAILING_BYTES} if anything is left in {@code buf}. */
  public static void ensureEnd(ByteBuf buf, String pdu) {
    if (buf.isReadable()) {
      throw new DecodeException(
          DecodeException.Kind.TRAILING_BYTES,
          pdu,
          "end of PDU",
          buf.readerIndex(),
          buf.readableBytes(),
          "0 bytes left over");
    }
  }

  /** An {@link DecodeException.Kind#INVALID_FIELD} error for the field that starts at offset. */
  public static DecodeException invalid(
      String pdu, String field, int offset, long received, String expected) {
    return new DecodeException(
        DecodeException.Kind.INVALID_FIELD, pdu, field, offset, received, expected);
  }

  /**
   * Decodes the next {@code length} bytes with {@code body}, which sees only them (reads past them
   * fail as a short buffer) and must consume all of them, else {@link
   * DecodeException.Kind#TRAILING_BYTES} names {@code pdu}. The caller has checked the bytes are
   * readable. Offsets in errors stay offsets in {@code in}.
   */
  public static <T> T within(ByteBuf in, int length, String pdu, Function<ByteBuf, T> body) {
    ensure(in, length, pdu, "body");
    int writerIndex = in.writerIndex();
    in.writerIndex(in.readerIndex() + length);
    try {
      T value = body.apply(in);
      ensureEnd(in, pdu);
      return value;
    } finally {
      in.writerIndex(writerIndex);
    }
  }

  /** Reads {@code n} bytes into a new array, after checking they are there. */
  public static byte[] readBytes(ByteBuf buf, int n, String pdu, String field) {
    ensure(buf, n, pdu, field);
    byte[] out = new byte[n];
    buf.readBytes(out);
    return out;
  }

  /** Formats a value as {@code 0x} and at least two hex digits. */
  public static String hex(long value) {
    String h = Long.toHexString(value);
    return h.length() == 1 ? "0x0" + h : "0x" + h;
  }
}
