package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * RDP Negotiation Request, RDP_NEG_REQ (MS-RDPBCGR 2.2.1.1.1): what the client offers, at the end
 * of the X.224 Connection Request.
 *
 * @param flags the flags octet
 * @param requestedProtocols the protocols the client supports
 */
public record NegotiationRequest(
    NegotiationRequestFlags flags, SecurityProtocols requestedProtocols) implements Pdu {
  public static final String NAME = "RDP_NEG_REQ";
  public static final int FIXED_PART_SIZE = NegotiationStructure.SIZE;

  public NegotiationRequest {
    Objects.requireNonNull(flags, "flags");
    Objects.requireNonNull(requestedProtocols, "requestedProtocols");
  }

  /** A request without flags. */
  public static NegotiationRequest of(SecurityProtocols requestedProtocols) {
    return new NegotiationRequest(NegotiationRequestFlags.NONE, requestedProtocols);
  }

  /** Reads the 8-byte structure. */
  public static NegotiationRequest decode(ByteBuf in) {
    int flags =
        NegotiationStructure.open(in, NegotiationStructure.TYPE_REQUEST, FIXED_PART_SIZE, NAME);
    return new NegotiationRequest(
        new NegotiationRequestFlags(flags), new SecurityProtocols(in.readIntLE()));
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
        out, NegotiationStructure.TYPE_REQUEST, flags.bits(), FIXED_PART_SIZE);
    out.writeIntLE(requestedProtocols.bits());
  }
}
