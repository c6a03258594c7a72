package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Demand Active PDU, TS_DEMAND_ACTIVE_PDU (MS-RDPBCGR 2.2.1.13.1): the server's capabilities, the
 * PDU that ends the connection phases a probe needs (the server would now let a user in).
 * lengthSourceDescriptor and lengthCombinedCapabilities are computed from the fields; decoding
 * checks the received ones against the PDU. sessionId is null when the PDU ends after the
 * capability sets.
 *
 * @param header the Share Control Header (pduType PDUTYPE_DEMANDACTIVEPDU); pduSource is the
 *     server's channel (1002) for Windows, the client's user channel for xrdp and freerdp-shadow
 * @param shareId shareId
 * @param sourceDescriptor sourceDescriptor ({@code RDP\0} from Windows, xrdp and FreeRDP)
 * @param capabilitySets numberCapabilities, pad2Octets and the capability sets
 * @param sessionId sessionId, or null when absent
 */
public record DemandActivePdu(
    ShareControlHeader header,
    int shareId,
    Octets sourceDescriptor,
    CapabilitySets capabilitySets,
    Integer sessionId)
    implements ShareControlPdu {
  public static final String NAME = "Demand Active PDU";

  public static final int FIXED_PART_SIZE =
      ShareControlHeader.FIXED_PART_SIZE // shareControlHeader
          + 4 // shareId
          + 2 // lengthSourceDescriptor
          + 2; // lengthCombinedCapabilities

  /** The source descriptor servers send: {@code RDP} and a NUL. */
  public static final Octets RDP_SOURCE_DESCRIPTOR =
      Octets.of("RDP\0".getBytes(StandardCharsets.US_ASCII));

  /** The channel id Windows servers use as pduSource (MS-RDPBCGR's server channel). */
  public static final int SERVER_CHANNEL_ID = 1002;

  public DemandActivePdu {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(sourceDescriptor, "sourceDescriptor");
    Objects.requireNonNull(capabilitySets, "capabilitySets");
    ActivePdus.checkHeader(header, ShareControlPduType.PDUTYPE_DEMANDACTIVEPDU, NAME);
    int size =
        FIXED_PART_SIZE
            + sourceDescriptor.length()
            + capabilitySets.size()
            + (sessionId == null ? 0 : 4);
    ActivePdus.checkSize(size, sourceDescriptor, capabilitySets, NAME);
  }

  /** The PDU a server (the emulator) sends: {@code RDP\0}, sessionId 0. */
  public static DemandActivePdu of(int pduSource, int shareId, CapabilitySets capabilitySets) {
    return new DemandActivePdu(
        ShareControlHeader.of(ShareControlPduType.PDUTYPE_DEMANDACTIVEPDU, pduSource),
        shareId,
        RDP_SOURCE_DESCRIPTOR,
        capabilitySets,
        0);
  }

  /** Reads the PDU: totalLength bytes, which must be in the buffer. */
  public static DemandActivePdu decode(ByteBuf in) {
    return SharePdus.decode(
        in, ShareControlPduType.PDUTYPE_DEMANDACTIVEPDU, NAME, DemandActivePdu::decodeBody);
  }

  static DemandActivePdu decodeBody(ShareControlHeader header, ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE - ShareControlHeader.FIXED_PART_SIZE, NAME, "shareId");
    int shareId = in.readIntLE();
    int lengthSourceDescriptor = in.readUnsignedShortLE();
    int lengthCombinedCapabilities = in.readUnsignedShortLE();
    Octets source = Octets.read(in, lengthSourceDescriptor, NAME, "sourceDescriptor");
    Wire.ensure(in, lengthCombinedCapabilities, NAME, "capabilitySets");
    CapabilitySets sets =
        Wire.within(in, lengthCombinedCapabilities, NAME, b -> CapabilitySets.decode(b, NAME));
    Integer sessionId = null;
    if (in.isReadable()) {
      Wire.ensure(in, 4, NAME, "sessionId");
      sessionId = in.readIntLE();
    }
    return new DemandActivePdu(header, shareId, source, sets, sessionId);
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
    return FIXED_PART_SIZE
        + sourceDescriptor.length()
        + capabilitySets.size()
        + (sessionId == null ? 0 : 4);
  }

  @Override
  public void encode(ByteBuf out) {
    header.encode(out, size());
    out.writeIntLE(shareId);
    out.writeShortLE(sourceDescriptor.length());
    out.writeShortLE(capabilitySets.size());
    sourceDescriptor.writeTo(out);
    capabilitySets.encode(out);
    if (sessionId != null) {
      out.writeIntLE(sessionId);
    }
  }

  @Override
  public String summary() {
    return "shareId="
        + Wire.hex(shareId & 0xFFFFFFFFL)
        + ", pduSource="
        + header.pduSource()
        + ", sourceDescriptor="
        + sourceDescriptorText()
        + ", "
        + capabilitySets.sets().size()
        + " capability sets: "
        + capabilitySets.summary();
  }
}
