package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;
import java.util.Optional;

/**
 * Save Session Info PDU, TS_SAVE_SESSION_INFO_PDU_DATA (MS-RDPBCGR 2.2.10.1.1): the server tells
 * the client a user logged on, hands it an auto-reconnect cookie, or reports a logon error (to a
 * client that set INFO_LOGONERRORS). infoData of type INFOTYPE_LOGON_EXTENDED_INFO is decoded
 * ({@link LogonInfoExtended}); the other types keep their infoData raw.
 *
 * @param header the Share Data Header (pduType2 PDUTYPE2_SAVE_SESSION_INFO)
 * @param infoType infoType
 * @param extendedInfo infoData of type INFOTYPE_LOGON_EXTENDED_INFO, else null
 * @param infoData infoData of the other types, raw; empty with extendedInfo
 */
public record SaveSessionInfoPdu(
    ShareDataHeader header,
    SessionInfoType infoType,
    LogonInfoExtended extendedInfo,
    Octets infoData)
    implements ShareDataPdu {
  public static final String NAME = "Save Session Info PDU";

  public static final int FIXED_PART_SIZE = 4; // infoType

  public SaveSessionInfoPdu {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(infoType, "infoType");
    Objects.requireNonNull(infoData, "infoData");
    header.check(ShareDataPduType.PDUTYPE2_SAVE_SESSION_INFO, NAME);
    boolean extended = infoType.equals(SessionInfoType.INFOTYPE_LOGON_EXTENDED_INFO);
    if (extended != (extendedInfo != null)) {
      throw new IllegalArgumentException("extendedInfo goes with INFOTYPE_LOGON_EXTENDED_INFO");
    }
    if (extended && infoData.length() != 0) {
      throw new IllegalArgumentException("INFOTYPE_LOGON_EXTENDED_INFO keeps no raw infoData");
    }
    int data = FIXED_PART_SIZE + (extended ? extendedInfo.size() : infoData.length());
    int total = ShareDataHeader.FIXED_PART_SIZE + data;
    if (total > 0xFFFF || total == ShareControlHeader.FLOW_MARKER) {
      throw new IllegalArgumentException("infoData too long for totalLength: " + data);
    }
  }

  /** The PDU a server (the emulator) sends to report a logon error. */
  public static SaveSessionInfoPdu logonError(
      int pduSource, int shareId, LogonErrorsInfo logonErrors) {
    LogonInfoExtended info = LogonInfoExtended.of(logonErrors);
    return new SaveSessionInfoPdu(
        ShareDataHeader.of(
            pduSource,
            shareId,
            StreamId.STREAM_LOW,
            ShareDataPduType.PDUTYPE2_SAVE_SESSION_INFO,
            FIXED_PART_SIZE + info.size()),
        SessionInfoType.INFOTYPE_LOGON_EXTENDED_INFO,
        info,
        Octets.EMPTY);
  }

  /** Reads the PDU: both headers and the data, totalLength bytes. */
  public static SaveSessionInfoPdu decode(ByteBuf in) {
    return SharePdus.decodeData(
        in, ShareDataPduType.PDUTYPE2_SAVE_SESSION_INFO, NAME, SaveSessionInfoPdu::decodeData);
  }

  static SaveSessionInfoPdu decodeData(ShareDataHeader header, ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "infoType");
    SessionInfoType type = new SessionInfoType(in.readIntLE());
    if (type.equals(SessionInfoType.INFOTYPE_LOGON_EXTENDED_INFO)) {
      return new SaveSessionInfoPdu(header, type, LogonInfoExtended.decode(in), Octets.EMPTY);
    }
    return new SaveSessionInfoPdu(
        header, type, null, Octets.read(in, in.readableBytes(), NAME, "infoData"));
  }

  /** The logon error the server reports, if it reports one. */
  public Optional<LogonErrorsInfo> logonErrors() {
    return extendedInfo == null
        ? Optional.empty()
        : Optional.ofNullable(extendedInfo.logonErrors());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int dataSize() {
    return FIXED_PART_SIZE + (extendedInfo == null ? infoData.length() : extendedInfo.size());
  }

  @Override
  public void encodeData(ByteBuf out) {
    out.writeIntLE(infoType.value());
    if (extendedInfo != null) {
      extendedInfo.encode(out);
    } else {
      infoData.writeTo(out);
    }
  }

  @Override
  public String summary() {
    if (extendedInfo == null) {
      return "infoType=" + infoType.name() + ", " + infoData.length() + " bytes";
    }
    return "infoType="
        + infoType.name()
        + ", fieldsPresent="
        + extendedInfo.fieldsPresentNames()
        + (extendedInfo.logonErrors() == null ? "" : ", logonErrors=" + extendedInfo.logonErrors());
  }
}
