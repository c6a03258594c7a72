package dev.rdpprobe.wire.ntlm;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * An NTLM message (MS-NLMP 2.2.1): NEGOTIATE_MESSAGE, CHALLENGE_MESSAGE or AUTHENTICATE_MESSAGE.
 * Each starts with the signature {@code NTLMSSP\0} and a 32-bit MessageType, and is the whole of
 * the buffer it is decoded from (a negoToken OCTET STRING carries exactly one).
 *
 * <p>Records hold the values, not the layout: payload fields are re-encoded one after another in
 * the order Windows and FreeRDP use, with MaxLen equal to Len, and empty fields pointing as the
 * sender's did ({@link EmptyFieldOffsets}). Bytes no field points at are not kept. The MIC of an
 * AUTHENTICATE_MESSAGE covers the messages as they were sent, so the NTLM code keeps those bytes
 * and never MACs a re-encoding.
 */
public sealed interface NtlmMessage extends Pdu
    permits NegotiateMessage, ChallengeMessage, AuthenticateMessage {
  /** MessageType of NEGOTIATE_MESSAGE. */
  int NTLMSSP_NEGOTIATE = 1;

  /** MessageType of CHALLENGE_MESSAGE. */
  int NTLMSSP_CHALLENGE = 2;

  /** MessageType of AUTHENTICATE_MESSAGE. */
  int NTLMSSP_AUTH = 3;

  /** The MessageType. */
  int messageType();

  /** NegotiateFlags. */
  NegotiateFlags negotiateFlags();

  /** The VERSION structure, or null when the message has none. */
  NtlmVersion version();

  /** How the message's empty payload fields point. */
  EmptyFieldOffsets emptyFieldOffsets();

  /**
   * Whether the readable bytes start with {@code NTLMSSP\0}, the signature of every NTLM message (a
   * raw NTLM negoToken rather than SPNEGO or Kerberos).
   */
  static boolean hasSignature(ByteBuf in) {
    if (in.readableBytes() < Payload.SIGNATURE.length()) {
      return false;
    }
    for (int i = 0; i < Payload.SIGNATURE.length(); i++) {
      if (in.getUnsignedByte(in.readerIndex() + i) != Payload.SIGNATURE.get(i)) {
        return false;
      }
    }
    return true;
  }

  /** Decodes whichever of the three messages the MessageType names. */
  static NtlmMessage decode(ByteBuf in) {
    Wire.ensure(in, Payload.HEADER_SIZE, "NTLM message", "Signature");
    if (!hasSignature(in)) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          "NTLM message",
          "Signature",
          in.readerIndex(),
          in.getLong(in.readerIndex()),
          "NTLMSSP\\0 (0x4e544c4d53535000)");
    }
    long type = in.getUnsignedIntLE(in.readerIndex() + 8);
    if (type == NTLMSSP_NEGOTIATE) {
      return NegotiateMessage.decode(in);
    } else if (type == NTLMSSP_CHALLENGE) {
      return ChallengeMessage.decode(in);
    } else if (type == NTLMSSP_AUTH) {
      return AuthenticateMessage.decode(in);
    }
    throw new DecodeException(
        DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
        "NTLM message",
        "MessageType",
        in.readerIndex() + 8,
        type,
        "1, 2 or 3");
  }
}
