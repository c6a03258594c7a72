package dev.rdpprobe.connect;

import dev.rdpprobe.wire.DecodeException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Keeps the bytes of one direction of a connection until a {@link FrameHint} cuts a whole frame
 * from them: a PDU split over reads, or several PDUs in one read, make no difference. A frame
 * longer than its hint allows is malformed input, never a reason to wait for more.
 *
 * <p>Not thread-safe. {@link #release()} frees the buffer.
 */
public final class Framer {
  private final ByteBuf pending = Unpooled.buffer(256);
  private boolean released;

  /** Appends received bytes (all readable bytes of {@code data}, which is not released). */
  public void append(ByteBuf data) {
    if (!released) {
      pending.writeBytes(data);
    }
  }

  /** Appends received bytes. */
  public void append(byte[] data) {
    if (!released) {
      pending.writeBytes(data);
    }
  }

  /**
   * Cuts the next whole frame with {@code hint}, or returns {@code null} when more bytes are
   * needed. The frame is a slice of the buffer, valid until the next call.
   *
   * @throws DecodeException when the pending bytes cannot start such a frame, or declare one longer
   *     than the hint's maximum
   */
  public ByteBuf next(FrameHint hint) {
    if (released || !pending.isReadable()) {
      return null;
    }
    pending.discardReadBytes();
    int length = hint.frameLength(pending);
    if (length > hint.maxLength()) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LARGE,
          hint.name(),
          "length",
          0,
          length,
          "at most " + hint.maxLength());
    }
    if (length == 0) {
      // a frame of no bytes would consume nothing, and the same bytes would frame it for ever
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD, hint.name(), "length", 0, 0, "at least 1");
    }
    if (length < 0 || length > pending.readableBytes()) {
      return null;
    }
    return pending.readSlice(length);
  }

  /** The bytes kept that do not make a whole frame yet; not consumed. */
  public ByteBuf pendingBytes() {
    return pending.slice();
  }

  /** How many bytes are kept. */
  public int pending() {
    return released ? 0 : pending.readableBytes();
  }

  /** Drops {@code n} kept bytes (a stray PDU the endpoint recorded). */
  public void skip(int n) {
    if (!released) {
      pending.skipBytes(Math.min(n, pending.readableBytes()));
    }
  }

  /** Takes every kept byte out (when a record layer is installed, what came before it). */
  public byte[] drain() {
    byte[] out = new byte[pending()];
    if (out.length > 0) {
      pending.readBytes(out);
    }
    pending.clear();
    return out;
  }

  /** Frees the buffer; nothing is kept afterwards. */
  public void release() {
    if (!released) {
      released = true;
      pending.release();
    }
  }
}
