package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Synchronize PDU, TS_SYNCHRONIZE_PDU (MS-RDPBCGR 2.2.1.14, 2.2.1.19): the first PDU of connection
 * finalization, from the client and then from the server.
 *
 * @param header the Share Data Header (pduType2 PDUTYPE2_SYNCHRONIZE)
 * @param messageType messageType (SYNCMSGTYPE_SYNC, 1)
 * @param targetUser targetUser: the MCS channel of the target; the specification's client names the
 *     server channel (1002), FreeRDP's names its own user channel
 */
public record SynchronizePdu(ShareDataHeader header, int messageType, int targetUser)
    implements ShareDataPdu {
  public static final String NAME = "Synchronize PDU";

  public static final int DATA_SIZE =
      2 // messageType
          + 2; // targetUser

  /** SYNCMSGTYPE_SYNC. */
  public static final int SYNCMSGTYPE_SYNC = 0x0001;

  public SynchronizePdu {
    Objects.requireNonNull(header, "header");
    header.check(ShareDataPduType.PDUTYPE2_SYNCHRONIZE, NAME);
    if (messageType < 0 || messageType > 0xFFFF) {
      throw new IllegalArgumentException("messageType out of range: " + messageType);
    }
    if (targetUser < 0 || targetUser > 0xFFFF) {
      throw new IllegalArgumentException("targetUser out of range: " + targetUser);
    }
  }

  /** A Synchronize PDU from {@code pduSource} to {@code targetUser}, as Windows writes it. */
  public static SynchronizePdu of(int pduSource, int shareId, StreamId streamId, int targetUser) {
    return new SynchronizePdu(
        ShareDataHeader.of(
            pduSource, shareId, streamId, ShareDataPduType.PDUTYPE2_SYNCHRONIZE, DATA_SIZE),
        SYNCMSGTYPE_SYNC,
        targetUser);
  }

  /** Reads the PDU: both headers and the data, totalLength bytes. */
  public static SynchronizePdu decode(ByteBuf in) {
    return SharePdus.decodeData(
        in, ShareDataPduType.PDUTYPE2_SYNCHRONIZE, NAME, SynchronizePdu::decodeData);
  }

  static SynchronizePdu decodeData(ShareDataHeader header, ByteBuf in) {
    Wire.ensure(in, DATA_SIZE, NAME, "messageType");
    SynchronizePdu pdu =
        new SynchronizePdu(header, in.readUnsignedShortLE(), in.readUnsignedShortLE());
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
    out.writeShortLE(messageType);
    out.writeShortLE(targetUser);
  }

  @Override
  public String summary() {
    return "pduSource="
        + header.pduSource()
        + ", targetUser="
        + targetUser
        + (messageType == SYNCMSGTYPE_SYNC ? "" : ", messageType=" + Wire.hex(messageType));
  }
}
