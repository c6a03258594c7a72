package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Control PDU, TS_CONTROL_PDU (MS-RDPBCGR 2.2.1.15, 2.2.1.16, 2.2.1.20, 2.2.1.21): Cooperate and
 * Request Control from the client, Cooperate and Granted Control from the server.
 *
 * @param header the Share Data Header (pduType2 PDUTYPE2_CONTROL)
 * @param action action
 * @param grantId grantId (the client's user channel in Granted Control, else 0)
 * @param controlId controlId (the server's channel in Granted Control, else 0)
 */
public record ControlPdu(ShareDataHeader header, ControlAction action, int grantId, int controlId)
    implements ShareDataPdu {
  public static final String NAME = "Control PDU";

  public static final int DATA_SIZE =
      2 // action
          + 2 // grantId
          + 4; // controlId

  public ControlPdu {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(action, "action");
    header.check(ShareDataPduType.PDUTYPE2_CONTROL, NAME);
    if (grantId < 0 || grantId > 0xFFFF) {
      throw new IllegalArgumentException("grantId out of range: " + grantId);
    }
  }

  /** A Control PDU as Windows writes it. */
  public static ControlPdu of(
      int pduSource,
      int shareId,
      StreamId streamId,
      ControlAction action,
      int grantId,
      int controlId) {
    return new ControlPdu(
        ShareDataHeader.of(
            pduSource, shareId, streamId, ShareDataPduType.PDUTYPE2_CONTROL, DATA_SIZE),
        action,
        grantId,
        controlId);
  }

  /** Reads the PDU: both headers and the data, totalLength bytes. */
  public static ControlPdu decode(ByteBuf in) {
    return SharePdus.decodeData(
        in, ShareDataPduType.PDUTYPE2_CONTROL, NAME, ControlPdu::decodeData);
  }

  static ControlPdu decodeData(ShareDataHeader header, ByteBuf in) {
    Wire.ensure(in, DATA_SIZE, NAME, "action");
    ControlPdu pdu =
        new ControlPdu(
            header,
            new ControlAction(in.readUnsignedShortLE()),
            in.readUnsignedShortLE(),
            in.readIntLE());
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
    out.writeShortLE(action.value());
    out.writeShortLE(grantId);
    out.writeIntLE(controlId);
  }

  @Override
  public String summary() {
    return "action="
        + action.name()
        + (grantId == 0 && controlId == 0
            ? ""
            : ", grantId=" + grantId + ", controlId=" + (controlId & 0xFFFFFFFFL));
  }
}
