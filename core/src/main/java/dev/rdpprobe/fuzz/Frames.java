package dev.rdpprobe.fuzz;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.mcs.DomainMcsPdu;
import dev.rdpprobe.wire.mcs.McsFrame;
import dev.rdpprobe.wire.mcs.Per;
import dev.rdpprobe.wire.mcs.SendDataRequest;
import dev.rdpprobe.wire.x224.TpktHeader;
import dev.rdpprobe.wire.x224.X224Data;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * A planned outbound frame as the mutators see it: the envelope (TPKT, the X.224 Data TPDU, the MCS
 * Send Data Request) around the PDU's own encoding, the body. A mutated body is put back with the
 * envelope's lengths rewritten by the project's encoders, so that it reaches the peer's decoder of
 * the body; a frame-level mutation leaves the envelope as it is.
 */
final class Frames {
  private Frames() {}

  /** What surrounds the body. */
  enum Envelope {
    /** Nothing the fuzzer rewrites (TLS records, a TSRequest). */
    NONE,
    /** A TPKT packet whose body starts at its first byte (the X.224 Connection Request). */
    TPKT,
    /** TPKT and X.224 Data around an MCS PDU. */
    X224_DATA,
    /** TPKT, X.224 Data and an MCS Send Data Request around the body. */
    SEND_DATA
  }

  /**
   * One planned frame.
   *
   * @param planned the bytes as planned
   * @param bodyOffset where the PDU's own encoding starts
   * @param bodyLength its length
   * @param envelope what surrounds it
   */
  record Frame(byte[] planned, int bodyOffset, int bodyLength, Envelope envelope) {
    int bodyEnd() {
      return bodyOffset + bodyLength;
    }

    byte[] body() {
      return Arrays.copyOfRange(planned, bodyOffset, bodyEnd());
    }

    /** The frame with {@code body} in place of the planned one, the envelope's lengths fixed. */
    byte[] with(byte[] body) {
      byte[] spliced = splice(planned, bodyOffset, bodyEnd(), body);
      return switch (envelope) {
        case NONE -> spliced;
        case TPKT -> tpktLength(spliced);
        case X224_DATA ->
            reframe(Arrays.copyOfRange(spliced, X224Data.HEADER_SIZE, spliced.length), spliced);
        case SEND_DATA -> sendData(planned, spliced);
      };
    }
  }

  /** Finds {@code pdu}'s encoding in {@code planned} (the whole frame when it is not there). */
  static Frame locate(byte[] planned, Object pdu) {
    Envelope envelope = envelopeOf(planned);
    byte[] own = FieldMap.encode(pdu);
    int at = -1;
    if (own != null && own.length > 0) {
      // the body is the innermost part: its last occurrence
      for (int i = FieldMap.indexOf(planned, own, 0);
          i >= 0;
          i = FieldMap.indexOf(planned, own, i + 1)) {
        at = i;
      }
    }
    if (at < 0) {
      int from =
          switch (envelope) {
            case X224_DATA -> X224Data.HEADER_SIZE;
            case SEND_DATA -> planned.length - userDataLength(planned);
            default -> 0;
          };
      return new Frame(planned, from, planned.length - from, envelope);
    }
    return new Frame(planned, at, own.length, envelope);
  }

  private static Envelope envelopeOf(byte[] b) {
    if (b.length < TpktHeader.FIXED_PART_SIZE || b[0] != 0x03 || b[1] != 0x00) {
      return Envelope.NONE;
    }
    int tpkt = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    if (tpkt != b.length) {
      return Envelope.NONE;
    }
    if (b.length < X224Data.HEADER_SIZE || (b[5] & 0xF0) != 0xF0) {
      return Envelope.TPKT;
    }
    return userDataLength(b) >= 0 ? Envelope.SEND_DATA : Envelope.X224_DATA;
  }

  /** The user data length of a framed Send Data Request, or -1 for another MCS PDU. */
  private static int userDataLength(byte[] b) {
    ByteBuf in = Unpooled.wrappedBuffer(b, X224Data.HEADER_SIZE, b.length - X224Data.HEADER_SIZE);
    try {
      return DomainMcsPdu.decode(in) instanceof SendDataRequest r && !in.isReadable()
          ? r.userData().length()
          : -1;
    } catch (DecodeException | IllegalArgumentException e) {
      return -1;
    }
  }

  static byte[] splice(byte[] planned, int from, int to, byte[] middle) {
    byte[] out = new byte[from + middle.length + planned.length - to];
    System.arraycopy(planned, 0, out, 0, from);
    System.arraycopy(middle, 0, out, from, middle.length);
    System.arraycopy(planned, to, out, from + middle.length, planned.length - to);
    return out;
  }

  /** The TPKT length rewritten to the packet's size (when it fits the header). */
  static byte[] tpktLength(byte[] b) {
    if (b.length >= TpktHeader.FIXED_PART_SIZE && b.length <= TpktHeader.MAX_LENGTH) {
      b[2] = (byte) (b.length >>> 8);
      b[3] = (byte) b.length;
    }
    return b;
  }

  private static byte[] reframe(byte[] payload, byte[] fallback) {
    if (X224Data.HEADER_SIZE + payload.length > TpktHeader.MAX_LENGTH) {
      return fallback;
    }
    ByteBuf out = Unpooled.buffer(X224Data.HEADER_SIZE + payload.length);
    try {
      X224Data.writeHeader(out, payload.length);
      out.writeBytes(payload);
      return ByteBufUtil.getBytes(out);
    } finally {
      out.release();
    }
  }

  /**
   * A Send Data Request frame whose user data changed size: its PER length and TPKT rewritten. The
   * header is the planned one, so it is read from the planned frame.
   */
  private static byte[] sendData(byte[] planned, byte[] spliced) {
    ByteBuf in =
        Unpooled.wrappedBuffer(
            planned, X224Data.HEADER_SIZE, planned.length - X224Data.HEADER_SIZE);
    SendDataRequest header;
    try {
      header = (SendDataRequest) DomainMcsPdu.decode(in);
    } catch (RuntimeException e) {
      return tpktLength(spliced);
    }
    int headerEnd = planned.length - header.userData().length();
    byte[] userData = Arrays.copyOfRange(spliced, headerEnd, spliced.length);
    return sendData(header, userData, spliced);
  }

  private static byte[] sendData(SendDataRequest header, byte[] userData, byte[] fallback) {
    if (userData.length > Per.MAX_LENGTH) {
      return tpktLength(fallback);
    }
    SendDataRequest r =
        new SendDataRequest(
            header.initiator(),
            header.channelId(),
            header.dataPriority(),
            header.segmentation(),
            Octets.of(userData),
            header.lengthForm());
    if (McsFrame.size(r) > TpktHeader.MAX_LENGTH) {
      return tpktLength(fallback);
    }
    ByteBuf out = Unpooled.buffer(McsFrame.size(r));
    try {
      McsFrame.encode(out, r);
      return ByteBufUtil.getBytes(out);
    } finally {
      out.release();
    }
  }
}
