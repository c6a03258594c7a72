package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Server MCS Attach User Confirm PDU (MS-RDPBCGR 2.2.1.7): T.125 AttachUserConfirm, which gives the
 * client its user channel id.
 *
 * <p>ALIGNED PER puts the option bit of {@code initiator} and the first bit of the 4-bit {@code
 * result} in the first octet, and the other 3 result bits at the top of the second: {@code 2e 00 00
 * 06} is rt-successful, initiator 1007.
 *
 * @param result result
 * @param initiator the user channel id (1001 and up), or {@code null} when absent (only on failure)
 */
public record AttachUserConfirm(McsResult result, Integer initiator) implements DomainMcsPdu {
  public static final String NAME = "MCS Attach User Confirm";

  public static final int FIXED_PART_SIZE =
      1 // CHOICE (6 bits), initiator present (1 bit), result (first bit)
          + 1; // result (3 bits) and padding

  /** The optional initiator field's length. */
  public static final int INITIATOR_SIZE = 2;

  public AttachUserConfirm {
    Objects.requireNonNull(result, "result");
    if (result.value() > 15) {
      throw new IllegalArgumentException("result out of range (4 bits): " + result.value());
    }
    if (initiator != null) {
      DomainMcsPdu.checkUserId(initiator, "initiator");
    }
  }

  /** A successful confirm giving the user channel {@code initiator}. */
  public static AttachUserConfirm success(int initiator) {
    return new AttachUserConfirm(McsResult.RT_SUCCESSFUL, initiator);
  }

  /** Reads the MCS PDU. */
  public static AttachUserConfirm decode(ByteBuf in) {
    int first = DomainMcsPdu.readChoice(in, CHOICE_ATTACH_USER_CONFIRM, 0x3, NAME);
    Wire.ensure(in, 1, NAME, "result");
    int second = in.readUnsignedByte();
    if ((second & 0x1F) != 0) {
      throw Wire.invalid(NAME, "padding bits", in.readerIndex() - 1, second, "low 5 bits 0");
    }
    int result = (first & 1) << 3 | second >> 5;
    Integer initiator = null;
    if ((first & 2) != 0) {
      initiator = Per.readInteger16(in, BASE_CHANNEL_ID, NAME, "initiator");
    }
    return new AttachUserConfirm(new McsResult(result), initiator);
  }

  /** Reads the PDU in its TPKT and X.224 Data TPDU. */
  public static AttachUserConfirm decodeFramed(ByteBuf in) {
    return McsFrame.decode(in, AttachUserConfirm::decode, NAME);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE + (initiator == null ? 0 : INITIATOR_SIZE);
  }

  @Override
  public void encode(ByteBuf out) {
    int r = result.value();
    out.writeByte(CHOICE_ATTACH_USER_CONFIRM << 2 | (initiator == null ? 0 : 2) | r >> 3);
    out.writeByte((r & 7) << 5);
    if (initiator != null) {
      Per.writeInteger16(out, initiator, BASE_CHANNEL_ID);
    }
  }

  @Override
  public String summary() {
    return "result=" + result + (initiator == null ? "" : ", initiator=" + initiator);
  }
}
