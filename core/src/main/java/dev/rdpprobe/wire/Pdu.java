package dev.rdpprobe.wire;

import io.netty.buffer.ByteBuf;

/**
 * A protocol data unit that knows its specification name, its exact encoded size and how to write
 * itself. Encoders write exactly {@link #size()} bytes.
 */
public interface Pdu {
  /** The PDU's name as the specification titles it, e.g. {@code "X.224 Connection Request"}. */
  String name();

  /** The exact number of bytes {@link #encode(ByteBuf)} writes. */
  int size();

  /** Writes the PDU at the buffer's writer index. */
  void encode(ByteBuf out);

  /**
   * The key fields in one line, for packet-trace output, e.g. {@code selectedProtocol=SSL}. The
   * record's {@code toString} shows every field.
   */
  default String summary() {
    return "";
  }
}
