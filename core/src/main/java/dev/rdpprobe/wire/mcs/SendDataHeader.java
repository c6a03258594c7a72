package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.x224.X224Data;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * The fields in front of the user data of a T.125 Send Data Request or Send Data Indication, for
 * the hot path: {@link #decode} leaves the reader index at the user data, which stays in the buffer
 * uncopied. {@link SendDataRequest} and {@link SendDataIndication} are the full records.
 *
 * @param choice {@link DomainMcsPdu#CHOICE_SEND_DATA_REQUEST} or {@link
 *     DomainMcsPdu#CHOICE_SEND_DATA_INDICATION}
 * @param initiator the sender's user channel id (1001 and up)
 * @param channelId the channel the data travels on
 * @param dataPriority dataPriority
 * @param segmentation segmentation
 * @param userDataLength the length of the user data that follows
 * @param lengthForm how the user data length was written
 */
public record SendDataHeader(
    int choice,
    int initiator,
    int channelId,
    DataPriority dataPriority,
    Segmentation segmentation,
    int userDataLength,
    LengthForm lengthForm) {

  public static final int FIXED_PART_SIZE =
      1 // CHOICE (6 bits) and padding
          + 2 // initiator
          + 2 // channelId
          + 1 // dataPriority (2 bits), segmentation (2 bits), padding
          + 1; // userData length, at least one octet

  public SendDataHeader {
    if (choice != DomainMcsPdu.CHOICE_SEND_DATA_REQUEST
        && choice != DomainMcsPdu.CHOICE_SEND_DATA_INDICATION) {
      throw new IllegalArgumentException("not a Send Data CHOICE: " + choice);
    }
    DomainMcsPdu.checkUserId(initiator, "initiator");
    DomainMcsPdu.checkChannelId(channelId, "channelId");
    Objects.requireNonNull(dataPriority, "dataPriority");
    Objects.requireNonNull(segmentation, "segmentation");
    if (userDataLength < 0 || userDataLength > Per.MAX_LENGTH) {
      throw new IllegalArgumentException("user data length out of range: " + userDataLength);
    }
    lengthForm =
        LengthForm.canonical(Objects.requireNonNull(lengthForm, "lengthForm"), userDataLength);
  }

  /** Whether this is a Send Data Indication (server to client). */
  public boolean isIndication() {
    return choice == DomainMcsPdu.CHOICE_SEND_DATA_INDICATION;
  }

  /** The PDU's name. */
  public String name() {
    return isIndication() ? SendDataIndication.NAME : SendDataRequest.NAME;
  }

  /** The size of the header, without the user data. */
  public int size() {
    return FIXED_PART_SIZE - 1 + Per.lengthSize(userDataLength, lengthForm);
  }

  /** Writes the header; the caller writes the {@link #userDataLength} bytes next. */
  public void encode(ByteBuf out) {
    out.writeByte(choice << 2);
    Per.writeInteger16(out, initiator, DomainMcsPdu.BASE_CHANNEL_ID);
    Per.writeInteger16(out, channelId, 0);
    out.writeByte(dataPriority.ordinal() << 6 | segmentation.bits() << 4);
    Per.writeLength(out, userDataLength, lengthForm);
  }

  /**
   * Reads the header of a Send Data Request or Indication and checks the user data is in the
   * buffer; the reader index is left at the user data.
   */
  public static SendDataHeader decode(ByteBuf in) {
    Wire.ensure(in, 1, "MCS Send Data", "CHOICE");
    int choice = in.getUnsignedByte(in.readerIndex()) >> 2;
    if (choice != DomainMcsPdu.CHOICE_SEND_DATA_REQUEST
        && choice != DomainMcsPdu.CHOICE_SEND_DATA_INDICATION) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          "MCS Send Data",
          "CHOICE",
          in.readerIndex(),
          choice,
          "25 or 26");
    }
    return decode(in, choice);
  }

  /** Reads the header of the Send Data PDU with this CHOICE. */
  static SendDataHeader decode(ByteBuf in, int choice) {
    String pdu =
        choice == DomainMcsPdu.CHOICE_SEND_DATA_REQUEST
            ? SendDataRequest.NAME
            : SendDataIndication.NAME;
    DomainMcsPdu.readChoice(in, choice, 0, pdu);
    int initiator = Per.readInteger16(in, DomainMcsPdu.BASE_CHANNEL_ID, pdu, "initiator");
    int channelId = Per.readInteger16(in, 0, pdu, "channelId");
    Wire.ensure(in, 1, pdu, "dataPriority");
    int bits = in.readUnsignedByte();
    if ((bits & 0x0F) != 0) {
      throw Wire.invalid(pdu, "padding bits", in.readerIndex() - 1, bits, "low 4 bits 0");
    }
    LengthForm form = Per.peekLengthForm(in);
    int length = Per.readLength(in, pdu, "userData length");
    Wire.ensure(in, length, pdu, "userData");
    return new SendDataHeader(
        choice,
        initiator,
        channelId,
        DataPriority.of(bits >> 6),
        new Segmentation(bits >> 4 & 3),
        length,
        form);
  }

  /**
   * Reads the TPKT and DT headers and the Send Data header of one whole packet; the user data must
   * fill the rest of the packet. The reader index is left at the user data.
   */
  public static SendDataHeader decodeFramed(ByteBuf in) {
    int payload = X224Data.openPayload(in);
    int end = in.readerIndex() + payload;
    int writerIndex = in.writerIndex();
    SendDataHeader header;
    in.writerIndex(end);
    try {
      header = decode(in);
    } finally {
      in.writerIndex(writerIndex);
    }
    int left = end - in.readerIndex() - header.userDataLength();
    if (left != 0) {
      throw new DecodeException(
          DecodeException.Kind.TRAILING_BYTES,
          header.name(),
          "end of X.224 Data",
          in.readerIndex() + header.userDataLength(),
          left,
          "0 bytes left over");
    }
    return header;
  }
}
