package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A Data PDU (MS-RDPBCGR 2.2.8.1.1.1.2): a Share Control PDU of type PDUTYPE_DATAPDU, its Share
 * Data Header naming the PDU by pduType2. {@link #decode} dispatches on pduType2; compressed Data
 * PDUs and types without a record of their own stay {@link RawShareDataPdu}.
 */
public sealed interface ShareDataPdu extends ShareControlPdu
    permits SynchronizePdu,
        ControlPdu,
        FontListPdu,
        FontMapPdu,
        SetErrorInfoPdu,
        SaveSessionInfoPdu,
        RawShareDataPdu {

  /** The name errors give when pduType2 is not known yet. */
  String NAME = "Data PDU";

  /** The Share Data Header. */
  ShareDataHeader header();

  /** The size of the data after the Share Data Header. */
  int dataSize();

  /** Writes the data after the Share Data Header. */
  void encodeData(ByteBuf out);

  @Override
  default int size() {
    return ShareDataHeader.FIXED_PART_SIZE + dataSize();
  }

  @Override
  default void encode(ByteBuf out) {
    header().encode(out, size());
    encodeData(out);
  }

  /** Decodes a Data PDU: totalLength bytes, which must be in the buffer. */
  static ShareDataPdu decode(ByteBuf in) {
    ShareControlHeader.Opened opened =
        SharePdus.open(in, ShareControlPduType.PDUTYPE_DATAPDU, NAME);
    return Wire.within(in, opened.bodyLength(), NAME, b -> decodeBody(opened.header(), b));
  }

  /** Decodes what follows the Share Control Header of a Data PDU. */
  static ShareDataPdu decodeBody(ShareControlHeader controlHeader, ByteBuf in) {
    ShareDataHeader header = ShareDataHeader.decodeRest(controlHeader, in);
    if (header.compressedType().isCompressed()) {
      return RawShareDataPdu.decodeData(header, in);
    }
    return switch (header.pduType2().value()) {
      case ShareDataPduType.PDUTYPE2_SYNCHRONIZE -> SynchronizePdu.decodeData(header, in);
      case ShareDataPduType.PDUTYPE2_CONTROL -> ControlPdu.decodeData(header, in);
      case ShareDataPduType.PDUTYPE2_FONTLIST -> FontListPdu.decodeData(header, in);
      case ShareDataPduType.PDUTYPE2_FONTMAP -> FontMapPdu.decodeData(header, in);
      case ShareDataPduType.PDUTYPE2_SET_ERROR_INFO_PDU -> SetErrorInfoPdu.decodeData(header, in);
      case ShareDataPduType.PDUTYPE2_SAVE_SESSION_INFO -> SaveSessionInfoPdu.decodeData(header, in);
      default -> RawShareDataPdu.decodeData(header, in);
    };
  }

  /** Whether pduType2 has a record of its own (when the data is not compressed). */
  static boolean isTyped(int pduType2) {
    return switch (pduType2) {
      case ShareDataPduType.PDUTYPE2_SYNCHRONIZE,
          ShareDataPduType.PDUTYPE2_CONTROL,
          ShareDataPduType.PDUTYPE2_FONTLIST,
          ShareDataPduType.PDUTYPE2_FONTMAP,
          ShareDataPduType.PDUTYPE2_SET_ERROR_INFO_PDU,
          ShareDataPduType.PDUTYPE2_SAVE_SESSION_INFO ->
          true;
      default -> false;
    };
  }
}
