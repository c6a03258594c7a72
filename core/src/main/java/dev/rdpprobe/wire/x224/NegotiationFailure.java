package dev.rdpprobe.wire.x224;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * RDP Negotiation Failure, RDP_NEG_FAILURE (MS-RDPBCGR 2.2.1.2.2): why the server refused every
 * protocol the client offered.
 *
 * @param flags the flags octet (0 in the specification; kept as sent)
 * @param failureCode the failure code
 */
public record NegotiationFailure(int flags, NegotiationFailureCode failureCode)
    implements NegotiationResult {
  public static final String NAME = "RDP_NEG_FAILURE";
  public static final int FIXED_PART_SIZE = NegotiationStructure.SIZE;

  public NegotiationFailure {
    if (flags < 0 || flags > 0xFF) {
      throw new IllegalArgumentException("flags out of range: " + flags);
    }
    Objects.requireNonNull(failureCode, "failureCode");
  }

  /** A failure with flags 0. */
  public static NegotiationFailure of(NegotiationFailureCode failureCode) {
    return new NegotiationFailure(0, failureCode);
  }

  /** Reads the 8-byte structure. */
  public static NegotiationFailure decode(ByteBuf in) {
    int flags =
        NegotiationStructure.open(in, NegotiationStructure.TYPE_FAILURE, FIXED_PART_SIZE, NAME);
    return new NegotiationFailure(flags, new NegotiationFailureCode(in.readIntLE()));
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
    NegotiationStructure.write(out, NegotiationStructure.TYPE_FAILURE, flags, FIXED_PART_SIZE);
    out.writeIntLE(failureCode.value());
  }
}
