package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A T.125 MCS PDU as RDP uses it (MS-RDPBCGR 2.2.1.3 to 2.2.1.9): the BER-encoded Connect-Initial
 * and Connect-Response, and the PER-encoded domain PDUs. {@link #encode} and the records' {@code
 * decode} handle the MCS PDU alone; {@link #encodeFramed} and the records' {@code decodeFramed} add
 * the TPKT and X.224 Data TPDU it travels in.
 */
public sealed interface McsPdu extends Pdu
    permits McsConnectInitial, McsConnectResponse, DomainMcsPdu {

  /** The size of the PDU in its TPKT and X.224 Data TPDU. */
  default int framedSize() {
    return McsFrame.size(this);
  }

  /** Writes the PDU in its TPKT and X.224 Data TPDU. */
  default void encodeFramed(ByteBuf out) {
    McsFrame.encode(out, this);
  }

  /** Decodes any MCS PDU: a Connect PDU when the first byte is {@code 7F}, else a domain PDU. */
  static McsPdu decode(ByteBuf in) {
    Wire.ensure(in, 1, "MCS", "first octet");
    int first = in.getUnsignedByte(in.readerIndex());
    if (first != 0x7F) {
      return DomainMcsPdu.decode(in);
    }
    Wire.ensure(in, 2, "MCS", "identifier");
    int tag = in.getUnsignedShort(in.readerIndex());
    return switch (tag) {
      case Ber.TAG_CONNECT_INITIAL -> McsConnectInitial.decode(in);
      case Ber.TAG_CONNECT_RESPONSE -> McsConnectResponse.decode(in);
      default ->
          throw new DecodeException(
              DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
              "MCS",
              "identifier",
              in.readerIndex(),
              tag,
              "0x7f65 or 0x7f66");
    };
  }

  /** Decodes any MCS PDU in its TPKT and X.224 Data TPDU. */
  static McsPdu decodeFramed(ByteBuf in) {
    return McsFrame.decode(in, McsPdu::decode, "MCS");
  }
}
