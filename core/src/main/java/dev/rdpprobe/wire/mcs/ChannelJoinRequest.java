package dev.rdpprobe.wire.mcs;

import io.netty.buffer.ByteBuf;

/**
 * Client MCS Channel Join Request PDU (MS-RDPBCGR 2.2.1.8): T.125 ChannelJoinRequest, {@code 38 00
 * 06 03 ef} joins channel 1007 as user 1007.
 *
 * @param initiator the user channel id (1001 and up; sent less 1001)
 * @param channelId the channel to join (sent as is)
 */
public record ChannelJoinRequest(int initiator, int channelId) implements DomainMcsPdu {
  public static final String NAME = "MCS Channel Join Request";

  public static final int FIXED_PART_SIZE =
      1 // CHOICE (6 bits) and padding
          + 2 // initiator
          + 2; // channelId

  public ChannelJoinRequest {
    DomainMcsPdu.checkUserId(initiator, "initiator");
    DomainMcsPdu.checkChannelId(channelId, "channelId");
  }

  /** Reads the MCS PDU. */
  public static ChannelJoinRequest decode(ByteBuf in) {
    DomainMcsPdu.readChoice(in, CHOICE_CHANNEL_JOIN_REQUEST, 0, NAME);
    int initiator = Per.readInteger16(in, BASE_CHANNEL_ID, NAME, "initiator");
    int channelId = Per.readInteger16(in, 0, NAME, "channelId");
    return new ChannelJoinRequest(initiator, channelId);
  }

  /** Reads the PDU in its TPKT and X.224 Data TPDU. */
  public static ChannelJoinRequest decodeFramed(ByteBuf in) {
    return McsFrame.decode(in, ChannelJoinRequest::decode, NAME);
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
    out.writeByte(CHOICE_CHANNEL_JOIN_REQUEST << 2);
    Per.writeInteger16(out, initiator, BASE_CHANNEL_ID);
    Per.writeInteger16(out, channelId, 0);
  }

  @Override
  public String summary() {
    return "initiator=" + initiator + ", channelId=" + channelId;
  }
}
