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
    String problem = idProblem(correlationId);
    if (problem != null) {
      throw new IllegalArgumentException("correlationId: " + problem);
    }
  }

  /** A correlation info with flags 0 and a zero reserved field. */
  public static CorrelationInfo of(Octets correlationId) {
    return new CorrelationInfo(0, correlationId, Octets.of(new byte[ID_SIZE]));
  }

  private static String idProblem(Octets id) {
    if (id.get(0) == 0x00 || id.get(0) == 0xF4) {
      return "first byte is " + Wire.hex(id.get(0));
    }
    for (int i = 0; i < id.length(); i++) {
      if (id.get(i) == 0x0D) {
        return "byte " + i + " is 0x0d";
      }
    }
    return null;
  }

  /** Reads the 36-byte structure. */
  public static CorrelationInfo decode(ByteBuf in) {
    int start = in.readerIndex();
    int flags =
        NegotiationStructure.open(
            in, NegotiationStructure.TYPE_CORRELATION_INFO, FIXED_PART_SIZE, NAME);
    Octets id = Octets.read(in, ID_SIZE, NAME, "correlationId");
    String problem = idProblem(id);
    if (problem != null) {
      throw Wire.invalid(
          NAME, "correlationId", start + 4, id.get(0), "no 0x0d, first byte not 0x00 or 0xf4");
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
