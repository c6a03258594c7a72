package dev.rdpprobe.wire.mcs;

import io.netty.buffer.ByteBuf;

/**
 * Client MCS Attach User Request PDU (MS-RDPBCGR 2.2.1.6): T.125 AttachUserRequest, one octet
 * ({@code 28}). The option bit of T.125's nonStandard field is never set in RDP and is rejected.
 */
public record AttachUserRequest() implements DomainMcsPdu {
  public static final String NAME = "MCS Attach User Request";

  public static final int FIXED_PART_SIZE = 1; // CHOICE (6 bits) and padding

  /** Reads the MCS PDU. */
  public static AttachUserRequest decode(ByteBuf in) {
    DomainMcsPdu.readChoice(in, CHOICE_ATTACH_USER_REQUEST, 0, NAME);
    return new AttachUserRequest();
  }

  /** Reads the PDU in its TPKT and X.224 Data TPDU. */
  public static AttachUserRequest decodeFramed(ByteBuf in) {
    return McsFrame.decode(in, AttachUserRequest::decode, NAME);
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
    out.writeByte(CHOICE_ATTACH_USER_REQUEST << 2);
  }
}
