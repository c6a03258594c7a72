package dev.rdpprobe.fuzz;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Fuzz oracles: plain static methods that a Jazzer {@code @FuzzTest} (or any other driver, or a
 * regression test replaying a saved input) calls with raw bytes. Each throws {@link AssertionError}
 * when the property fails; any other exception escaping a decoder propagates as it is, so the
 * fuzzer reports it with its stack trace.
 *
 * <p>They live in main code so that the Jazzer targets of the tests, the seed checks and any other
 * driver share one definition of "a decoder behaves". Every buffer is a heap buffer released in a
 * {@code finally}.
 */
public final class FuzzOracles {
  private FuzzOracles() {}

  /**
   * Decodes {@code input}: a malformed input may raise {@link DecodeException} and nothing else (no
   * {@link IndexOutOfBoundsException}, no {@link IllegalArgumentException} from a record
   * constructor). The exception's offset must lie inside the input, and a success must consume at
   * least one byte and no more than the input holds.
   *
   * @return the decoded value, or {@code null} if the input was rejected with a {@link
   *     DecodeException}
   */
  public static <T> T decodeNeverThrowsOtherThanDecodeException(
      Function<ByteBuf, ? extends T> decoder, byte[] input) {
    ByteBuf in = Unpooled.wrappedBuffer(input);
    try {
      T value;
      try {
        value = decoder.apply(in);
      } catch (DecodeException e) {
        if (e.offset() < 0 || e.offset() > input.length) {
          throw new AssertionError(
              "error offset outside the input (" + input.length + " bytes): " + e.getMessage(), e);
        }
        return null;
      }
      if (value == null) {
        throw new AssertionError("decoder returned null for " + hex(input));
      }
      int consumed = in.readerIndex();
      if (consumed > input.length || (value instanceof Pdu && consumed == 0)) {
        throw new AssertionError(
            "decoder consumed " + consumed + " of " + input.length + " bytes: " + value);
      }
      return value;
    } finally {
      in.release();
    }
  }

  /**
   * Decodes {@code input} and, if it decodes, encodes the value, decodes that again, and encodes
   * the second value: both decodes must give equal records, both encodings the same bytes, each
   * exactly {@code size()} bytes long and each consumed whole by the decoder.
   *
   * @return the decoded value, or {@code null} if the input was rejected
   */
  public static <T extends Pdu> T roundTrip(Function<ByteBuf, ? extends T> decoder, byte[] input) {
    return roundTrip(decoder, FuzzOracles::encode, input);
  }

  /**
   * {@link #roundTrip(Function, byte[])} for a type that is not a {@link Pdu}: {@code encoder}
   * gives its bytes.
   *
   * @return the decoded value, or {@code null} if the input was rejected
   */
  public static <T> T roundTrip(
      Function<ByteBuf, ? extends T> decoder, Function<? super T, byte[]> encoder, byte[] input) {
    T first = decodeNeverThrowsOtherThanDecodeException(decoder, input);
    if (first == null) {
      return null;
    }
    byte[] encoded = encoder.apply(first);
    T second = decodeWhole(decoder, encoded, first);
    if (!first.equals(second)) {
      throw new AssertionError(
          "decode(encode(x)) != x\n  x:       "
              + first
              + "\n  decoded: "
              + second
              + "\n  bytes:   "
              + hex(encoded));
    }
    byte[] again = encoder.apply(second);
    if (!Arrays.equals(encoded, again)) {
      throw new AssertionError(
          "encode is not stable for " + first + ": " + hex(encoded) + " then " + hex(again));
    }
    return first;
  }

  /** Encodes into a buffer of exactly {@code size()} bytes; fails unless that many were written. */
  public static byte[] encode(Pdu pdu) {
    int size = pdu.size();
    ByteBuf out = Unpooled.buffer(size, size);
    try {
      pdu.encode(out);
      if (out.readableBytes() != size) {
        throw new AssertionError(
            pdu.name() + ": size() is " + size + " but encode wrote " + out.readableBytes());
      }
      byte[] bytes = new byte[size];
      out.readBytes(bytes);
      return bytes;
    } finally {
      out.release();
    }
  }

  private static <T> T decodeWhole(Function<ByteBuf, ? extends T> decoder, byte[] bytes, T from) {
    ByteBuf in = Unpooled.wrappedBuffer(bytes);
    try {
      T value;
      try {
        value = decoder.apply(in);
      } catch (DecodeException e) {
        throw new AssertionError(
            "the encoding of "
                + from
                + " does not decode: "
                + e.getMessage()
                + "\n  bytes: "
                + hex(bytes),
            e);
      }
      if (in.isReadable()) {
        throw new AssertionError(
            "decoding the encoding of "
                + from
                + " left "
                + in.readableBytes()
                + " bytes\n  bytes: "
                + hex(bytes));
      }
      return value;
    } finally {
      in.release();
    }
  }

  private static String hex(byte[] bytes) {
    return Octets.of(bytes).toHex();
  }
}
