package dev.rdpprobe.connect;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.x224.TpktHeader;
import io.netty.buffer.ByteBuf;

/**
 * How the next inbound PDU is framed: each connector state names one, and the connector cuts frames
 * with it before decoding (EXAMPLES.md: framing per state).
 */
public interface FrameHint {
  /** What the frame is, for error messages ({@code "TPKT"}). */
  String name();

  /**
   * The length of the frame at the reader index, without consuming anything, or {@code -1} if more
   * bytes are needed to tell.
   *
   * @throws DecodeException if the bytes cannot start such a frame
   */
  int frameLength(ByteBuf in);

  /** The largest frame this hint accepts; a longer declared length is malformed input. */
  int maxLength();

  /** A slow-path PDU in a TPKT header (RFC 1006). */
  FrameHint TPKT =
      new FrameHint() {
        @Override
        public String name() {
          return TpktHeader.NAME;
        }

        @Override
        public int frameLength(ByteBuf in) {
          return TpktHeader.frameLength(in);
        }

        @Override
        public int maxLength() {
          return TpktHeader.MAX_LENGTH;
        }
      };
}
