package dev.rdpprobe.wire.udp;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * RDPUDP_CORRELATION_ID_PAYLOAD (MS-RDPEUDP 2.2.2.8): the client's correlation id (the one of its
 * RDP_NEG_CORRELATION_INFO, MS-RDPBCGR 2.2.1.1.2) and 16 reserved bytes, which must be zero and are
 * kept as sent.
 *
 * @param uCorrelationId uCorrelationId, 16 bytes
 * @param reserved the reserved 16 bytes
 */
public record CorrelationIdPayload(Octets uCorrelationId, Octets reserved) implements Pdu {
  public static final String NAME = "RDPUDP_CORRELATION_ID_PAYLOAD";

  public static final int ID_SIZE = 16;

  public static final int FIXED_PART_SIZE =
      ID_SIZE // uCorrelationId
          + 16; // Reserved

  public CorrelationIdPayload {
    Objects.requireNonNull(uCorrelationId, "uCorrelationId");
    Objects.requireNonNull(reserved, "reserved");
    if (uCorrelationId.length() != ID_SIZE || reserved.length() != 16) {
      throw new IllegalArgumentException("uCorrelationId and reserved are 16 bytes each");
    }
  }

  /** The payload for this id, reserved bytes zero. */
  public static CorrelationIdPayload of(Octets uCorrelationId) {
    return new CorrelationIdPayload(uCorrelationId, Octets.of(new byte[16]));
  }

  /** Reads the payload. */
  public static CorrelationIdPayload decode(ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "uCorrelationId");
    return new CorrelationIdPayload(
        Octets.read(in, ID_SIZE, NAME, "uCorrelationId"), Octets.read(in, 16, NAME, "Reserved"));
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
    uCorrelationId.writeTo(out);
    reserved.writeTo(out);
  }

  @Override
  public String summary() {
    return "uCorrelationId=" + uCorrelationId;
  }
}
