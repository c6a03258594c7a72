package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * What a server puts at the end of its X.224 Connection Confirm: an RDP_NEG_RSP or an
 * RDP_NEG_FAILURE (MS-RDPBCGR 2.2.1.2).
 */
public sealed interface NegotiationResult extends Pdu
    permits NegotiationResponse, NegotiationFailure {

  /** Reads either structure, chosen by its type byte. */
  static NegotiationResult decode(ByteBuf in) {
    Wire.ensure(in, NegotiationStructure.SIZE, "rdpNegData", "structure");
    int type = in.getUnsignedByte(in.readerIndex());
    return switch (type) {
      case NegotiationStructure.TYPE_RESPONSE -> NegotiationResponse.decode(in);
      case NegotiationStructure.TYPE_FAILURE -> NegotiationFailure.decode(in);
      default ->
          throw new DecodeException(
              DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
              "rdpNegData",
              "type",
              in.readerIndex(),
              type,
              "0x02 (RDP_NEG_RSP) or 0x03 (RDP_NEG_FAILURE)");
    };
  }
}
