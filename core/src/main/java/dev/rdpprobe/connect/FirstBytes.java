package dev.rdpprobe.connect;

import dev.rdpprobe.wire.ByteShape;
import io.netty.buffer.ByteBuf;

/**
 * Says what unexpected bytes look like, so "not an RDP listener" becomes evidence: a TLS record
 * where a TPKT was due, an HTTP or SSH banner, an RDP fast-path header. The classification itself
 * is {@link ByteShape}, which the diagnosis matches on.
 */
public final class FirstBytes {
  private FirstBytes() {}

  /** A short description of what the readable bytes look like, or {@code ""} if nothing known. */
  public static String describe(ByteBuf in) {
    ByteShape shape = ByteShape.of(in);
    if (shape == ByteShape.TLS_RECORD) {
      return shape.description() + " (content type " + in.getUnsignedByte(in.readerIndex()) + ")";
    }
    return shape.description();
  }
}
