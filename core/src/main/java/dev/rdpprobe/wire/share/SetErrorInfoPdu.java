package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Set Error Info PDU, TS_SET_ERROR_INFO_PDU (MS-RDPBCGR 2.2.5.1.1): why the server is about to end
 * the connection. The diagnosis reads it through {@link CarriesErrorInfo}; a trace must record this
 * record itself, not an envelope around it.
 *
 * @param header the Share Data Header (pduType2 PDUTYPE2_SET_ERROR_INFO_PDU)
 * @param errorInfo errorInfo
 */
public record SetErrorInfoPdu(ShareDataHeader header, ErrorInfo errorInfo)
    implements ShareDataPdu, CarriesErrorInfo {
  public static final String NAME = "Set Error Info PDU";

  public static final int DATA_SIZE = 4; // errorInfo

  public SetErrorInfoPdu {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(errorInfo, "errorInfo");
    header.check(ShareDataPduType.PDUTYPE2_SET_ERROR_INFO_PDU, NAME);
  }

  /** The PDU a server (the emulator) sends before it disconnects, as Windows writes it. */
  public static SetErrorInfoPdu of(int pduSource, int shareId, ErrorInfo errorInfo) {
    return new SetErrorInfoPdu(
        ShareDataHeader.of(
            pduSource,
            shareId,
            StreamId.STREAM_LOW,
            ShareDataPduType.PDUTYPE2_SET_ERROR_INFO_PDU,
            DATA_SIZE),
        errorInfo);
  }

  /** Reads the PDU: both headers and the data, totalLength bytes. */
  public static SetErrorInfoPdu decode(ByteBuf in) {
    return SharePdus.decodeData(
        in, ShareDataPduType.PDUTYPE2_SET_ERROR_INFO_PDU, NAME, SetErrorInfoPdu::decodeData);
  }

  static SetErrorInfoPdu decodeData(ShareDataHeader header, ByteBuf in) {
    Wire.ensure(in, DATA_SIZE, NAME, "errorInfo");
    SetErrorInfoPdu pdu = new SetErrorInfoPdu(header, new ErrorInfo(in.readIntLE()));
    Wire.ensureEnd(in, NAME);
    return pdu;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int dataSize() {
    return DATA_SIZE;
  }

  @Override
  public void encodeData(ByteBuf out) {
    out.writeIntLE(errorInfo.value());
  }

  @Override
  public String summary() {
    return "errorInfo=" + errorInfo;
  }
}
