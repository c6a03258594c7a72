package dev.rdpprobe.wire.x224;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * RDP Negotiation Response, RDP_NEG_RSP (MS-RDPBCGR 2.2.1.2.1): the protocol the server selected.
 *
 * @param flags the flags octet
 * @param selectedProtocol the selected protocol (a single value, or unknown bits as sent)
 */
public record NegotiationResponse(
    NegotiationResponseFlags flags, SecurityProtocols selectedProtocol)
    implements NegotiationResult {
  public static final String NAME = "RDP_NEG_RSP";
  public static final int FIXED_PART_SIZE = NegotiationStructure.SIZE;

  public NegotiationResponse {
    Objects.requireNonNull(flags, "flags");
    Objects.requireNonNull(selectedProtocol, "selectedProtocol");
  }

  /** Reads the 8-byte structure. */
  public static NegotiationResponse decode(ByteBuf in) {
    int flags =
        NegotiationStructure.open(in, NegotiationStructure.TYPE_RESPONSE, FIXED_PART_SIZE, NAME);
    return new NegotiationResponse(
        new NegotiationResponseFlags(flags), new SecurityProtocols(in.readIntLE()));
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
        out, NegotiationStructure.TYPE_RESPONSE, flags.bits(), FIXED_PART_SIZE);
    out.writeIntLE(selectedProtocol.bits());
  }
}
