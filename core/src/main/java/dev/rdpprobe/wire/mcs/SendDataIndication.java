package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * T.125 SendDataIndication: how the server sends every slow-path PDU after the channel joins (the
 * mcsSDin field of MS-RDPBCGR 2.2.1.12 and later PDUs).
 *
 * @param initiator the sender's user channel id (1001 and up)
 * @param channelId the channel the data travels on (1003 for the I/O channel)
 * @param dataPriority dataPriority ({@link DataPriority#HIGH} in RDP)
 * @param segmentation segmentation ({@link Segmentation#BEGIN_END} in RDP)
 * @param userData the user data: an RDP PDU with its security header
 * @param lengthForm how the user data length is written
 */
public record SendDataIndication(
    int initiator,
    int channelId,
    DataPriority dataPriority,
    Segmentation segmentation,
    Octets userData,
    LengthForm lengthForm)
    implements DomainMcsPdu {
  public static final String NAME = "MCS Send Data Indication";

  public static final int FIXED_PART_SIZE = SendDataHeader.FIXED_PART_SIZE;

  public SendDataIndication {
    DomainMcsPdu.checkUserId(initiator, "initiator");
    DomainMcsPdu.checkChannelId(channelId, "channelId");
    Objects.requireNonNull(dataPriority, "dataPriority");
    Objects.requireNonNull(segmentation, "segmentation");
    Objects.requireNonNull(userData, "userData");
    if (userData.length() > Per.MAX_LENGTH) {
      throw new IllegalArgumentException("user data too long: " + userData.length());
    }
    lengthForm =
        LengthForm.canonical(Objects.requireNonNull(lengthForm, "lengthForm"), userData.length());
  }

  /** An indication as RDP sends it: high priority, begin and end set. */
  public static SendDataIndication of(int initiator, int channelId, Octets userData) {
    return new SendDataIndication(
        initiator,
        channelId,
        DataPriority.HIGH,
        Segmentation.BEGIN_END,
        userData,
        LengthForm.SHORTEST);
  }

  /** Reads the MCS PDU, copying the user data. */
  public static SendDataIndication decode(ByteBuf in) {
    SendDataHeader h = SendDataHeader.decode(in, CHOICE_SEND_DATA_INDICATION);
    return new SendDataIndication(
        h.initiator(),
        h.channelId(),
        h.dataPriority(),
        h.segmentation(),
        Octets.read(in, h.userDataLength(), NAME, "userData"),
        h.lengthForm());
  }

  /** Reads the PDU in its TPKT and X.224 Data TPDU. */
  public static SendDataIndication decodeFramed(ByteBuf in) {
    return McsFrame.decode(in, SendDataIndication::decode, NAME);
  }

  /** The fields in front of the user data. */
  public SendDataHeader header() {
    return new SendDataHeader(
        CHOICE_SEND_DATA_INDICATION,
        initiator,
        channelId,
        dataPriority,
        segmentation,
        userData.length(),
        lengthForm);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE - 1 + Per.lengthSize(userData.length(), lengthForm) + userData.length();
  }

  @Override
  public void encode(ByteBuf out) {
    header().encode(out);
    userData.writeTo(out);
  }

  @Override
  public String summary() {
    return "initiator="
        + initiator
        + ", channelId="
        + channelId
        + ", "
        + userData.length()
        + " bytes of user data";
  }
}
