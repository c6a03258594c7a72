package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A Share Control PDU (MS-RDPBCGR 2.2.8.1.1.1.1): every slow-path PDU of the capabilities exchange
 * and after it, from its Share Control Header on. {@link #decode} dispatches on pduType and, for
 * Data PDUs, pduType2; types without a record of their own stay {@link RawShareControlPdu} or
 * {@link RawShareDataPdu} with the type named.
 */
public sealed interface ShareControlPdu extends Pdu
    permits DemandActivePdu,
        ConfirmActivePdu,
        DeactivateAllPdu,
        FlowPdu,
        RawShareControlPdu,
        ShareDataPdu {

  /** The name errors give when the type is not known yet. */
  String NAME = "Share Control PDU";

  /**
   * Decodes the PDU its Share Control Header announces: totalLength bytes (8 for a Flow PDU), which
   * must be in the buffer; bytes after them are left alone.
   */
  static ShareControlPdu decode(ByteBuf in) {
    int start = in.readerIndex();
    Wire.ensure(in, 2, ShareControlHeader.NAME, "totalLength");
    if (in.getUnsignedShortLE(start) == ShareControlHeader.FLOW_MARKER) {
      return FlowPdu.decode(in);
    }
    ShareControlHeader.Opened opened = ShareControlHeader.open(in);
    ShareControlHeader header = opened.header();
    int length = opened.bodyLength();
    return switch (header.pduType().type()) {
      case ShareControlPduType.PDUTYPE_DEMANDACTIVEPDU ->
          Wire.within(in, length, DemandActivePdu.NAME, b -> DemandActivePdu.decodeBody(header, b));
      case ShareControlPduType.PDUTYPE_CONFIRMACTIVEPDU ->
          Wire.within(
              in, length, ConfirmActivePdu.NAME, b -> ConfirmActivePdu.decodeBody(header, b));
      case ShareControlPduType.PDUTYPE_DEACTIVATEALLPDU ->
          Wire.within(
              in, length, DeactivateAllPdu.NAME, b -> DeactivateAllPdu.decodeBody(header, b));
      case ShareControlPduType.PDUTYPE_DATAPDU ->
          Wire.within(in, length, ShareDataPdu.NAME, b -> ShareDataPdu.decodeBody(header, b));
      default ->
          new RawShareControlPdu(header, Octets.read(in, length, RawShareControlPdu.NAME, "body"));
    };
  }
}
