package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Deactivate All PDU, TS_DEACTIVATE_ALL_PDU (MS-RDPBCGR 2.2.3.1): the server ends the share, to
 * reactivate it (a new Demand Active PDU follows) or before it disconnects. Older servers send it
 * short: Windows XP writes only totalLength 4 and pduType (FreeRDP's rdp.c accepts it), so shareId
 * and sourceDescriptor are null when absent.
 *
 * @param header the Share Control Header (pduType PDUTYPE_DEACTIVATEALLPDU; no pduSource in the
 *     four-byte form)
 * @param shareId shareId, or null when the PDU ends before it
 * @param sourceDescriptor sourceDescriptor, or null when the PDU ends before lengthSourceDescriptor
 */
public record DeactivateAllPdu(ShareControlHeader header, Integer shareId, Octets sourceDescriptor)
    implements ShareControlPdu {
  public static final String NAME = "Deactivate All PDU";

  public static final int FIXED_PART_SIZE =
      ShareControlHeader.FIXED_PART_SIZE // shareControlHeader
          + 4 // shareId
          + 2; // lengthSourceDescriptor

  public DeactivateAllPdu {
    Objects.requireNonNull(header, "header");
    if (header.pduType().type() != ShareControlPduType.PDUTYPE_DEACTIVATEALLPDU) {
      throw new IllegalArgumentException(NAME + " needs pduType PDUTYPE_DEACTIVATEALLPDU");
    }
    if (header.pduSource() == null && shareId != null) {
      throw new IllegalArgumentException("the four-byte header ends the PDU");
    }
    if (shareId == null && sourceDescriptor != null) {
      throw new IllegalArgumentException("sourceDescriptor follows shareId");
    }
    if (sourceDescriptor != null && sourceDescriptor.length() > 0xFFFF - FIXED_PART_SIZE) {
      throw new IllegalArgumentException("sourceDescriptor too long: " + sourceDescriptor.length());
    }
  }

  /** The PDU a server (the emulator) sends: a one-byte source descriptor, NUL. */
  public static DeactivateAllPdu of(int pduSource, int shareId) {
    return new DeactivateAllPdu(
        ShareControlHeader.of(ShareControlPduType.PDUTYPE_DEACTIVATEALLPDU, pduSource),
        shareId,
        Octets.of((byte) 0));
  }

  /** Reads the PDU: totalLength bytes, which must be in the buffer. */
  public static DeactivateAllPdu decode(ByteBuf in) {
    return SharePdus.decode(
        in, ShareControlPduType.PDUTYPE_DEACTIVATEALLPDU, NAME, DeactivateAllPdu::decodeBody);
  }

  static DeactivateAllPdu decodeBody(ShareControlHeader header, ByteBuf in) {
    if (!in.isReadable()) {
      return new DeactivateAllPdu(header, null, null);
    }
    Wire.ensure(in, 4, NAME, "shareId");
    int shareId = in.readIntLE();
    if (!in.isReadable()) {
      return new DeactivateAllPdu(header, shareId, null);
    }
    Wire.ensure(in, 2, NAME, "lengthSourceDescriptor");
    int length = in.readUnsignedShortLE();
    return new DeactivateAllPdu(header, shareId, Octets.read(in, length, NAME, "sourceDescriptor"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return header.size()
        + (shareId == null ? 0 : 4)
        + (sourceDescriptor == null ? 0 : 2 + sourceDescriptor.length());
  }

  @Override
  public void encode(ByteBuf out) {
    header.encode(out, size());
    if (shareId != null) {
      out.writeIntLE(shareId);
    }
    if (sourceDescriptor != null) {
      out.writeShortLE(sourceDescriptor.length());
      sourceDescriptor.writeTo(out);
    }
  }

  @Override
  public String summary() {
    return shareId == null
        ? "short form, no shareId"
        : "shareId=" + Wire.hex(shareId & 0xFFFFFFFFL);
  }
}
