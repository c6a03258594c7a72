package dev.rdpprobe.tls;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Fuzz oracles and round-trip checks for the TLS decoders: plain static methods a Jazzer test, a
 * regression seed or a unit test calls. They throw {@link AssertionError} when a property fails;
 * any other exception escaping a decoder propagates as it is. Buffers come from the pooled
 * allocator, so the leak detector sees them, and are released.
 */
final class TlsOracles {
  private TlsOracles() {}

  static ByteBuf buffer(byte[] bytes) {
    ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(Math.max(1, bytes.length));
    buf.writeBytes(bytes);
    return buf;
  }

  /** Decodes all of {@code input}; null if it is refused with a DecodeException inside it. */
  static <T> T decode(Function<ByteBuf, T> decoder, byte[] input) {
    ByteBuf in = buffer(input);
    try {
      T value = decoder.apply(in);
      if (in.isReadable()) {
        throw new AssertionError("decoder left " + in.readableBytes() + " bytes: " + value);
      }
      return value;
    } catch (DecodeException e) {
      if (e.offset() < 0 || e.offset() > input.length) {
        throw new AssertionError("error offset outside the input: " + e.getMessage(), e);
      }
      return null;
    } finally {
      in.release();
    }
  }

  static byte[] encode(Pdu pdu) {
    int size = pdu.size();
    ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer(Math.max(1, size));
    try {
      pdu.encode(out);
      if (out.readableBytes() != size) {
        throw new AssertionError(
            pdu.name() + ": size() " + size + ", wrote " + out.readableBytes());
      }
      byte[] bytes = new byte[size];
      out.readBytes(bytes);
      return bytes;
    } finally {
      out.release();
    }
  }

  /** If {@code input} decodes, decode(encode(x)) equals x and encoding is stable. */
  static <T extends Pdu> void roundTrip(Function<ByteBuf, T> decoder, byte[] input) {
    T first = decode(decoder, input);
    if (first == null) {
      return;
    }
    byte[] encoded = encode(first);
    T second = decode(decoder, encoded);
    if (!first.equals(second)) {
      throw new AssertionError("decode(encode(x)) != x: " + first + " / " + second);
    }
    if (!Arrays.equals(encoded, encode(second))) {
      throw new AssertionError("encoding is not stable for " + first);
    }
    first.summary(); // a summary never throws, whatever the extensions hold
  }

  /**
   * Feeds {@code input} to a {@link TlsRecordObserver}; only DecodeException may escape, with an
   * offset inside what was fed. The first byte says how: with its top bit clear, everything goes to
   * the client side in pieces of {@code 1 + (b & 0x3f)} bytes; with it set, the rest is a
   * transcript of segments {@code [side (0 client, 1 server)][u16 length][bytes]}, each fed in such
   * pieces (the seed files are real handshakes in this form).
   */
  static void observe(byte[] input) {
    if (input.length == 0) {
      return;
    }
    TlsRecordObserver observer = new TlsRecordObserver(new TlsObserver() {});
    int control = input[0] & 0xFF;
    int chunk = 1 + (control & 0x3F);
    if ((control & 0x80) == 0) {
      feed(observer, TlsSide.CLIENT, input, 1, input.length - 1, chunk, input.length);
      return;
    }
    int i = 1;
    while (i + 3 <= input.length) {
      TlsSide side = (input[i] & 1) == 0 ? TlsSide.CLIENT : TlsSide.SERVER;
      int len = Math.min((input[i + 1] & 0xFF) << 8 | (input[i + 2] & 0xFF), input.length - i - 3);
      feed(observer, side, input, i + 3, len, chunk, input.length);
      i += 3 + len;
    }
  }

  private static void feed(
      TlsRecordObserver observer, TlsSide side, byte[] b, int off, int len, int chunk, int total) {
    for (int k = 0; k < len; k += chunk) {
      try {
        observer.feed(side, b, off + k, Math.min(chunk, len - k));
      } catch (DecodeException e) {
        if (e.offset() < 0 || e.offset() > total) {
          throw new AssertionError("error offset outside the stream: " + e.getMessage(), e);
        }
      }
    }
  }
}
