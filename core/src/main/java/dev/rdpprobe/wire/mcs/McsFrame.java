package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.x224.X224Data;
import io.netty.buffer.ByteBuf;
import java.util.function.Function;

/**
 * The TPKT and X.224 Data TPDU around every MCS PDU, read and written in this one place (house
 * rule: envelope once). The MCS records never look at TPKT.
 */
public final class McsFrame {
  private McsFrame() {}

  /** TPKT and DT header: the bytes in front of the MCS PDU. */
  public static final int HEADER_SIZE = X224Data.HEADER_SIZE;

  /**
   * Reads one whole TPKT packet holding a Data TPDU and decodes its user data with {@code body},
   * which sees only the user data (reads past it fail as a short buffer) and must consume all of
   * it. Offsets in errors stay offsets in {@code in}.
   */
  public static <T> T decode(ByteBuf in, Function<ByteBuf, T> body, String pdu) {
    int length = X224Data.openPayload(in);
    int end = in.readerIndex() + length;
    int writerIndex = in.writerIndex();
    T value;
    in.writerIndex(end);
    try {
      value = body.apply(in);
    } finally {
      in.writerIndex(writerIndex);
    }
    if (in.readerIndex() != end) {
      throw new DecodeException(
          DecodeException.Kind.TRAILING_BYTES,
          pdu,
          "end of X.224 Data",
          in.readerIndex(),
          end - in.readerIndex(),
          "0 bytes left over");
    }
    return value;
  }

  /** The size of the packet that frames {@code pdu}. */
  public static int size(McsPdu pdu) {
    return HEADER_SIZE + pdu.size();
  }

  /** Writes the TPKT and DT headers, then {@code pdu}. */
  public static void encode(ByteBuf out, McsPdu pdu) {
    X224Data.writeHeader(out, pdu.size());
    pdu.encode(out);
  }
}
