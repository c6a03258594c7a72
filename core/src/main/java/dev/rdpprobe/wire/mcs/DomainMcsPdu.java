package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A T.125 DomainMCSPDU in ALIGNED PER, as RDP uses them (MS-RDPBCGR 2.2.1.5 to 2.2.1.9, 2.2.5.x):
 * the first octet holds the 6-bit CHOICE index, then option bits or the start of a bit field.
 */
public sealed interface DomainMcsPdu extends McsPdu
    permits ErectDomainRequest,
        AttachUserRequest,
        AttachUserConfirm,
        ChannelJoinRequest,
        ChannelJoinConfirm,
        SendDataRequest,
        SendDataIndication,
        DisconnectProviderUltimatum {

  int CHOICE_ERECT_DOMAIN_REQUEST = 1;
  int CHOICE_DISCONNECT_PROVIDER_ULTIMATUM = 8;
  int CHOICE_ATTACH_USER_REQUEST = 10;
  int CHOICE_ATTACH_USER_CONFIRM = 11;
  int CHOICE_CHANNEL_JOIN_REQUEST = 14;
  int CHOICE_CHANNEL_JOIN_CONFIRM = 15;
  int CHOICE_SEND_DATA_REQUEST = 25;
  int CHOICE_SEND_DATA_INDICATION = 26;

  /** The user and channel ids on the wire are the value less this (T.125 DynamicChannelId). */
  int BASE_CHANNEL_ID = 1001;

  /** Decodes the domain PDU the first octet's CHOICE index names. */
  static DomainMcsPdu decode(ByteBuf in) {
    Wire.ensure(in, 1, "MCS DomainMCSPDU", "CHOICE");
    int choice = in.getUnsignedByte(in.readerIndex()) >> 2;
    return switch (choice) {
      case CHOICE_ERECT_DOMAIN_REQUEST -> ErectDomainRequest.decode(in);
      case CHOICE_DISCONNECT_PROVIDER_ULTIMATUM -> DisconnectProviderUltimatum.decode(in);
      case CHOICE_ATTACH_USER_REQUEST -> AttachUserRequest.decode(in);
      case CHOICE_ATTACH_USER_CONFIRM -> AttachUserConfirm.decode(in);
      case CHOICE_CHANNEL_JOIN_REQUEST -> ChannelJoinRequest.decode(in);
      case CHOICE_CHANNEL_JOIN_CONFIRM -> ChannelJoinConfirm.decode(in);
      case CHOICE_SEND_DATA_REQUEST -> SendDataRequest.decode(in);
      case CHOICE_SEND_DATA_INDICATION -> SendDataIndication.decode(in);
      default ->
          throw new DecodeException(
              DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
              "MCS DomainMCSPDU",
              "CHOICE",
              in.readerIndex(),
              choice,
              "one RDP uses (1, 8, 10, 11, 14, 15, 25 or 26)");
    };
  }

  /** Decodes a domain PDU in its TPKT and X.224 Data TPDU. */
  static DomainMcsPdu decodeFramed(ByteBuf in) {
    return McsFrame.decode(in, DomainMcsPdu::decode, "MCS DomainMCSPDU");
  }

  /**
   * Reads the first octet and checks its CHOICE index (the high 6 bits); returns the octet.
   *
   * @param lowBits the low 2 bits this PDU allows set (option bits or a bit field)
   */
  static int readChoice(ByteBuf in, int choice, int lowBits, String pdu) {
    Wire.ensure(in, 1, pdu, "CHOICE");
    int offset = in.readerIndex();
    int first = in.readUnsignedByte();
    if (first >> 2 != choice) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          pdu,
          "CHOICE",
          offset,
          first >> 2,
          Integer.toString(choice));
    }
    if ((first & 3 & ~lowBits) != 0) {
      String expected =
          lowBits == 0
              ? Wire.hex(choice << 2)
              : Wire.hex(choice << 2) + " with only " + Wire.hex(lowBits) + " of the low bits set";
      throw Wire.invalid(pdu, "padding bits", offset, first, expected);
    }
    return first;
  }

  /** Checks an id is a DynamicChannelId-based user id that fits the 16-bit field. */
  static void checkUserId(int id, String what) {
    if (id < BASE_CHANNEL_ID || id > BASE_CHANNEL_ID + 0xFFFF) {
      throw new IllegalArgumentException(what + " out of range: " + id);
    }
  }

  /** Checks a channel id fits 16 bits. */
  static void checkChannelId(int id, String what) {
    if (id < 0 || id > 0xFFFF) {
      throw new IllegalArgumentException(what + " out of range: " + id);
    }
  }
}
