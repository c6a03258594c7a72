package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * RDP Correlation Info, RDP_NEG_CORRELATION_INFO (MS-RDPBCGR 2.2.1.1.2): a 16-byte id the client
 * attaches to the connection so both sides' logs can be matched. Follows RDP_NEG_REQ when its
 * CORRELATION_INFO_PRESENT flag is set.
 *
 * @param flags the flags octet (0 in the specification; kept as sent)
 * @param correlationId 16 bytes; the first is neither 0x00 nor 0xF4 and none is 0x0D
 * @param reserved 16 bytes, zero in the specification; kept as sent
 */
public record CorrelationInfo(int flags, Octets correlationId, Octets reserved) implements Pdu {
  public static final String NAME = "RDP_NEG_CORRELATION_INFO";

  /** The length of the correlation id and of the reserved field. */
  public static final int ID_SIZE = 16;

  public static final int FIXED_PART_SIZE =
      1 // type
          + 1 // flags
          + 2 // length (little-endian) = 36
          + ID_SIZE // correlationId
          + ID_SIZE; // reserved

  public CorrelationInfo {
    if (flags < 0 || flags > 0xFF) {
      throw new IllegalArgumentException("flags out of range: " + flags);
    }
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(reserved, "reserved");
    if (correlationId.length() != ID_SIZE || reserved.length() != ID_SIZE) {
      throw new IllegalArgumentException("correlationId and reserved are 16 bytes each");
    }
    int bad = badIdByte(correlationId);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          "correlationId: byte "
              + bad
              + " is "
              + Wire.hex(correlationId.get(bad))
              + " (expected: "
              + ID_RULE
              + ")");
    }
  }

  /** A correlation info with flags 0 and a zero reserved field. */
  public static CorrelationInfo of(Octets correlationId) {
    return new CorrelationInfo(0, correlationId, Octets.of(new byte[ID_SIZE]));
  }

  /** MS-RDPBCGR 2.2.1.1.2's rule for the id, as an error message's expectation. */
  private static final String ID_RULE = "no 0x0d, first byte not 0x00 or 0xf4";

  /** The index of the first byte that breaks the rules for a correlation id, or -1. */
  private static int badIdByte(Octets id) {
    if (id.get(0) == 0x00 || id.get(0) == 0xF4) {
      return 0;
    }
    for (int i = 0; i < id.length(); i++) {
      if (id.get(i) == 0x0D) {
        return i;
      }
    }
    return -1;
  }

  /** Reads the 36-byte structure. */
  public static CorrelationInfo decode(ByteBuf in) {
    int flags =
        NegotiationStructure.open(
            in, NegotiationStructure.TYPE_CORRELATION_INFO, FIXED_PART_SIZE, NAME);
    int idOffset = in.readerIndex();
    Octets id = Octets.read(in, ID_SIZE, NAME, "correlationId");
    int bad = badIdByte(id);
    if (bad >= 0) {
      // the offset and value of the offending byte, not of the id's first
      throw Wire.invalid(NAME, "correlationId", idOffset + bad, id.get(bad), ID_RULE);
    }
    Octets reserved = Octets.read(in, ID_SIZE, NAME, "reserved");
    return new CorrelationInfo(flags, id, reserved);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE;
  }

  @Override
  public void encode(ByteBuf out) {
    NegotiationStructure.write(
        out, NegotiationStructure.TYPE_CORRELATION_INFO, flags, FIXED_PART_SIZE);
    correlationId.writeTo(out);
    reserved.writeTo(out);
  }
}
