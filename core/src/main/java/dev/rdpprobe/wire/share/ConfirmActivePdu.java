package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Confirm Active PDU, TS_CONFIRM_ACTIVE_PDU (MS-RDPBCGR 2.2.1.13.2): the client's capabilities, its
 * answer to the Demand Active PDU. lengthSourceDescriptor and lengthCombinedCapabilities are
 * computed from the fields; decoding checks the received ones against the PDU.
 *
 * @param header the Share Control Header (pduType PDUTYPE_CONFIRMACTIVEPDU); pduSource is the
 *     client's user channel
 * @param shareId shareId, the Demand Active PDU's
 * @param originatorId originatorId: the server channel, 1002
 * @param sourceDescriptor sourceDescriptor ({@code MSTSC\0} from mstsc, {@code FREERDP\0} from
 *     FreeRDP 2)
 * @param capabilitySets numberCapabilities, pad2Octets and the capability sets
 */
public record ConfirmActivePdu(
    ShareControlHeader header,
    int shareId,
    int originatorId,
    Octets sourceDescriptor,
    CapabilitySets capabilitySets)
    implements ShareControlPdu {
  public static final String NAME = "Confirm Active PDU";

  public static final int FIXED_PART_SIZE =
      ShareControlHeader.FIXED_PART_SIZE // shareControlHeader
          + 4 // shareId
          + 2 // originatorId
          + 2 // lengthSourceDescriptor
          + 2; // lengthCombinedCapabilities

  /** originatorId: the server channel id, which every client sends. */
  public static final int ORIGINATOR_ID = 0x03EA;

  /** The source descriptor mstsc sends: {@code MSTSC} and a NUL. */
  public static final Octets MSTSC_SOURCE_DESCRIPTOR =
      Octets.of("MSTSC\0".getBytes(StandardCharsets.US_ASCII));

  public ConfirmActivePdu {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(sourceDescriptor, "sourceDescriptor");
    Objects.requireNonNull(capabilitySets, "capabilitySets");
    ActivePdus.checkHeader(header, ShareControlPduType.PDUTYPE_CONFIRMACTIVEPDU, NAME);
    if (originatorId < 0 || originatorId > 0xFFFF) {
      throw new IllegalArgumentException("originatorId out of range: " + originatorId);
    }
    ActivePdus.checkSize(
        FIXED_PART_SIZE + sourceDescriptor.length() + capabilitySets.size(),
        sourceDescriptor,
        capabilitySets,
        NAME);
  }

  /**
   * The probe's Confirm Active PDU: from its user channel, originatorId 1002, {@code MSTSC\0} and
   * {@link DefaultCapabilities#client} for this desktop.
   *
   * @param shareId the Demand Active PDU's shareId
   * @param userChannelId the client's user channel (the Attach User Confirm's initiator)
   */
  public static ConfirmActivePdu probe(
      int shareId, int userChannelId, int desktopWidth, int desktopHeight, int bitsPerPixel) {
    return new ConfirmActivePdu(
        ShareControlHeader.of(ShareControlPduType.PDUTYPE_CONFIRMACTIVEPDU, userChannelId),
        shareId,
        ORIGINATOR_ID,
        MSTSC_SOURCE_DESCRIPTOR,
        DefaultCapabilities.client(desktopWidth, desktopHeight, bitsPerPixel));
  }

  /** Reads the PDU: totalLength bytes, which must be in the buffer. */
  public static ConfirmActivePdu decode(ByteBuf in) {
    return SharePdus.decode(
        in, ShareControlPduType.PDUTYPE_CONFIRMACTIVEPDU, NAME, ConfirmActivePdu::decodeBody);
  }

  static ConfirmActivePdu decodeBody(ShareControlHeader header, ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE - ShareControlHeader.FIXED_PART_SIZE, NAME, "shareId");
    int shareId = in.readIntLE();
    int originatorId = in.readUnsignedShortLE();
    int lengthSourceDescriptor = in.readUnsignedShortLE();
    int lengthCombinedCapabilities = in.readUnsignedShortLE();
    Octets source = Octets.read(in, lengthSourceDescriptor, NAME, "sourceDescriptor");
    Wire.ensure(in, lengthCombinedCapabilities, NAME, "capabilitySets");
    CapabilitySets sets =
        Wire.within(in, lengthCombinedCapabilities, NAME, b -> CapabilitySets.decode(b, NAME));
    return new ConfirmActivePdu(header, shareId, originatorId, source, sets);
  }

  /** The source descriptor as text, up to its first NUL. */
  public String sourceDescriptorText() {
    return ActivePdus.text(sourceDescriptor);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE + sourceDescriptor.length() + capabilitySets.size();
  }

  @Override
  public void encode(ByteBuf out) {
    header.encode(out, size());
    out.writeIntLE(shareId);
    out.writeShortLE(originatorId);
    out.writeShortLE(sourceDescriptor.length());
    out.writeShortLE(capabilitySets.size());
    sourceDescriptor.writeTo(out);
    capabilitySets.encode(out);
  }

  @Override
  public String summary() {
    return "shareId="
        + Wire.hex(shareId & 0xFFFFFFFFL)
        + ", pduSource="
        + header.pduSource()
        + ", originatorId="
        + originatorId
        + ", sourceDescriptor="
        + sourceDescriptorText()
        + ", "
        + capabilitySets.sets().size()
        + " capability sets: "
        + capabilitySets.summary();
  }
}
