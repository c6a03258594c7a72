package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Server MCS Channel Join Confirm PDU (MS-RDPBCGR 2.2.1.9): T.125 ChannelJoinConfirm. The option
 * bit of {@code channelId} and the first bit of the 4-bit {@code result} share the first octet with
 * the CHOICE, as in {@link AttachUserConfirm}: {@code 3e 00 00 06 03 ef 03 ef}.
 *
 * @param result result
 * @param initiator the user channel id (1001 and up)
 * @param requested the channel id the client asked for
 * @param channelId the channel joined, or {@code null} when absent (only on failure)
 */
public record ChannelJoinConfirm(McsResult result, int initiator, int requested, Integer channelId)
    implements DomainMcsPdu {
  public static final String NAME = "MCS Channel Join Confirm";

  public static final int FIXED_PART_SIZE =
      1 // CHOICE (6 bits), channelId present (1 bit), result (first bit)
          + 1 // result (3 bits) and padding
          + 2 // initiator
          + 2; // requested

  /** The optional channelId field's length. */
  public static final int CHANNEL_ID_SIZE = 2;

  public ChannelJoinConfirm {
    Objects.requireNonNull(result, "result");
    if (result.value() > 15) {
      throw new IllegalArgumentException("result out of range (4 bits): " + result.value());
    }
    DomainMcsPdu.checkUserId(initiator, "initiator");
    DomainMcsPdu.checkChannelId(requested, "requested");
    if (channelId != null) {
      DomainMcsPdu.checkChannelId(channelId, "channelId");
    }
  }

  /** A successful confirm of the join {@code request}. */
  public static ChannelJoinConfirm success(ChannelJoinRequest request) {
    return new ChannelJoinConfirm(
        McsResult.RT_SUCCESSFUL, request.initiator(), request.channelId(), request.channelId());
  }

  /** Reads the MCS PDU. */
  public static ChannelJoinConfirm decode(ByteBuf in) {
    int first = DomainMcsPdu.readChoice(in, CHOICE_CHANNEL_JOIN_CONFIRM, 0x3, NAME);
    Wire.ensure(in, 1, NAME, "result");
    int second = in.readUnsignedByte();
    if ((second & 0x1F) != 0) {
      throw Wire.invalid(NAME, "padding bits", in.readerIndex() - 1, second, "low 5 bits 0");
    }
    int result = (first & 1) << 3 | second >> 5;
    int initiator = Per.readInteger16(in, BASE_CHANNEL_ID, NAME, "initiator");
    int requested = Per.readInteger16(in, 0, NAME, "requested");
    Integer channelId = null;
    if ((first & 2) != 0) {
      channelId = Per.readInteger16(in, 0, NAME, "channelId");
    }
    return new ChannelJoinConfirm(new McsResult(result), initiator, requested, channelId);
  }

  /** Reads the PDU in its TPKT and X.224 Data TPDU. */
  public static ChannelJoinConfirm decodeFramed(ByteBuf in) {
    return McsFrame.decode(in, ChannelJoinConfirm::decode, NAME);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE + (channelId == null ? 0 : CHANNEL_ID_SIZE);
  }

  @Override
  public void encode(ByteBuf out) {
    int r = result.value();
    out.writeByte(CHOICE_CHANNEL_JOIN_CONFIRM << 2 | (channelId == null ? 0 : 2) | r >> 3);
    out.writeByte((r & 7) << 5);
    Per.writeInteger16(out, initiator, BASE_CHANNEL_ID);
    Per.writeInteger16(out, requested, 0);
    if (channelId != null) {
      Per.writeInteger16(out, channelId, 0);
    }
  }

  @Override
  public String summary() {
    return "result="
        + result
        + ", initiator="
        + initiator
        + ", requested="
        + requested
        + (channelId == null ? "" : ", channelId=" + channelId);
  }
}
