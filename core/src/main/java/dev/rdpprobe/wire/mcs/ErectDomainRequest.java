package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.x224.X224Data;
import io.netty.buffer.ByteBuf;

/**
 * Client MCS Erect Domain Request PDU (MS-RDPBCGR 2.2.1.5): T.125 ErectDomainRequest, sent with
 * both values 0 ({@code 04 01 00 01 00}).
 *
 * @param subHeight subHeight, a semi-constrained INTEGER
 * @param subInterval subInterval, a semi-constrained INTEGER
 */
public record ErectDomainRequest(int subHeight, int subInterval) implements DomainMcsPdu {
  public static final String NAME = "MCS Erect Domain Request";

  public static final int FIXED_PART_SIZE =
      1 // CHOICE (6 bits) and padding
          + 2 // subHeight: length and one octet at least
          + 2; // subInterval: length and one octet at least

  public ErectDomainRequest {
    if (subHeight < 0 || subInterval < 0) {
      throw new IllegalArgumentException("negative subHeight or subInterval");
    }
  }

  /** The size of the form with two fixed 16-bit fields: choice and 2 + 2 bytes. */
  private static final int FIXED_FIELD_FORM_SIZE = 5;

  /**
   * What a trace says of the fixed-field form (rdesktop's): Windows and xrdp skip the fields, and
   * so do the emulator and the capture analyser, after recording them.
   */
  public static final String FIXED_FIELD_FORM =
      "subHeight and subInterval as two fixed 16-bit fields, not PER integers (rdesktop's form),"
          + " taken as Windows takes it";

  /**
   * Whether a TPKT frame that did not decode is an Erect Domain Request whose subHeight and
   * subInterval are two fixed 16-bit fields instead of PER integers, as rdesktop writes it.
   */
  public static boolean isFixedFieldForm(ByteBuf frame) {
    int at = frame.readerIndex() + X224Data.HEADER_SIZE;
    return frame.readableBytes() == X224Data.HEADER_SIZE + FIXED_FIELD_FORM_SIZE
        && frame.getUnsignedByte(at) == DomainMcsPdu.CHOICE_ERECT_DOMAIN_REQUEST << 2;
  }

  /** The request as every client sends it: both values 0. */
  public static ErectDomainRequest of() {
    return new ErectDomainRequest(0, 0);
  }

  /** Reads the MCS PDU. */
  public static ErectDomainRequest decode(ByteBuf in) {
    DomainMcsPdu.readChoice(in, CHOICE_ERECT_DOMAIN_REQUEST, 0, NAME);
    int subHeight = Per.readInteger(in, NAME, "subHeight");
    int subInterval = Per.readInteger(in, NAME, "subInterval");
    return new ErectDomainRequest(subHeight, subInterval);
  }

  /** Reads the PDU in its TPKT and X.224 Data TPDU. */
  public static ErectDomainRequest decodeFramed(ByteBuf in) {
    return McsFrame.decode(in, ErectDomainRequest::decode, NAME);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return 1 + Per.integerSize(subHeight) + Per.integerSize(subInterval);
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeByte(CHOICE_ERECT_DOMAIN_REQUEST << 2);
    Per.writeInteger(out, subHeight);
    Per.writeInteger(out, subInterval);
  }

  @Override
  public String summary() {
    return "subHeight=" + subHeight + ", subInterval=" + subInterval;
  }
}
