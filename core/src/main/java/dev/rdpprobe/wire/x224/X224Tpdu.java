package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * An X.224 class 0 TPDU in its TPKT envelope (X.224 section 13, as profiled by T.123 and MS-RDPBCGR
 * 2.2.1.1/2.2.1.2). Each record's {@code encode} writes the TPKT header too, and each {@code
 * decode} reads one whole TPKT packet.
 */
public sealed interface X224Tpdu extends Pdu
    permits X224ConnectionRequest,
        X224ConnectionConfirm,
        X224Data,
        X224DisconnectRequest,
        X224Error {

  /** TPDU code of a Connection Request (high nibble; the low nibble is CDT, 0 in class 0). */
  int CODE_CONNECTION_REQUEST = 0xE0;

  /** TPDU code of a Connection Confirm. */
  int CODE_CONNECTION_CONFIRM = 0xD0;

  /** TPDU code of a Disconnect Request. */
  int CODE_DISCONNECT_REQUEST = 0x80;

  /** TPDU code of a Data TPDU. */
  int CODE_DATA = 0xF0;

  /** TPDU code of a TPDU Error. */
  int CODE_ERROR = 0x70;

  /**
   * Decodes one TPKT packet holding any of the five TPDUs, chosen by its code.
   *
   * @throws DecodeException if the packet is short, malformed or holds another TPDU code
   */
  static X224Tpdu decode(ByteBuf in) {
    int start = in.readerIndex();
    // the TPKT header first, so that bytes that are not TPKT at all (a TLS record, an HTTP or SSH
    // banner) are reported as a bad TPKT version, not as an unknown TPDU code
    TpktHeader.frameLength(in);
    Wire.ensure(in, TpktHeader.FIXED_PART_SIZE + 2, "X.224", "TPDU header");
    int code = in.getUnsignedByte(start + TpktHeader.FIXED_PART_SIZE + 1);
    return switch (code & 0xF0) {
      case CODE_CONNECTION_REQUEST -> X224ConnectionRequest.decode(in);
      case CODE_CONNECTION_CONFIRM -> X224ConnectionConfirm.decode(in);
      case CODE_DATA -> X224Data.decode(in);
      case CODE_DISCONNECT_REQUEST -> X224DisconnectRequest.decode(in);
      case CODE_ERROR -> X224Error.decode(in);
      default ->
          throw new DecodeException(
              DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
              "X.224",
              "TPDU code",
              start + TpktHeader.FIXED_PART_SIZE + 1,
              code,
              "0xE0, 0xD0, 0xF0, 0x80 or 0x70");
    };
  }
}
