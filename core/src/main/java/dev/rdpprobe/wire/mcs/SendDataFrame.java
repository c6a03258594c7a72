package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.x224.X224Data;
import io.netty.buffer.ByteBuf;
import java.util.Objects;
import java.util.function.Function;

/**
 * An RDP PDU in the envelope every slow-path PDU after the channel joins travels in: TPKT, X.224
 * Data TPDU and an MCS Send Data Request (client to server) or Send Data Indication (server to
 * client), whose user data is the PDU (MS-RDPBCGR 2.2.1.11 and later: the tpktHeader, x224Data and
 * mcsSDrq or mcsSDin fields). The envelope is read and written here once (ARCHITECTURE.md, Rules:
 * envelope once), without copying the user data; the PDU's own codec never sees TPKT or MCS.
 *
 * @param header the Send Data header; its user data length is the PDU's size
 * @param pdu the PDU the user data holds
 * @param <T> the PDU's type
 */
public record SendDataFrame<T extends Pdu>(SendDataHeader header, T pdu) implements Pdu {

  public SendDataFrame {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(pdu, "pdu");
    if (header.userDataLength() != pdu.size()) {
      throw new IllegalArgumentException(
          "user data length " + header.userDataLength() + " but the PDU is " + pdu.size());
    }
  }

  /** {@code pdu} from the server: a Send Data Indication, high priority, begin and end set. */
  public static <T extends Pdu> SendDataFrame<T> indication(int initiator, int channelId, T pdu) {
    return of(DomainMcsPdu.CHOICE_SEND_DATA_INDICATION, initiator, channelId, pdu);
  }

  /** {@code pdu} from the client: a Send Data Request, high priority, begin and end set. */
  public static <T extends Pdu> SendDataFrame<T> request(int initiator, int channelId, T pdu) {
    return of(DomainMcsPdu.CHOICE_SEND_DATA_REQUEST, initiator, channelId, pdu);
  }

  private static <T extends Pdu> SendDataFrame<T> of(
      int choice, int initiator, int channelId, T pdu) {
    return new SendDataFrame<>(
        new SendDataHeader(
            choice,
            initiator,
            channelId,
            DataPriority.HIGH,
            Segmentation.BEGIN_END,
            pdu.size(),
            LengthForm.SHORTEST),
        pdu);
  }

  /**
   * Reads one whole TPKT packet holding a Send Data Request or Indication and decodes its user data
   * with {@code body}, which sees only the user data and must consume all of it. Offsets in errors
   * are offsets in {@code in}.
   *
   * @param pduName the name the errors give when {@code body} leaves bytes over
   */
  public static <T extends Pdu> SendDataFrame<T> decode(
      ByteBuf in, Function<ByteBuf, T> body, String pduName) {
    SendDataHeader header = SendDataHeader.decodeFramed(in);
    T pdu = Wire.within(in, header.userDataLength(), pduName, body);
    return new SendDataFrame<>(header, pdu);
  }

  /** The user (initiator) that sent the PDU. */
  public int initiator() {
    return header.initiator();
  }

  /** The channel the PDU travelled on. */
  public int channelId() {
    return header.channelId();
  }

  /** The PDU's name. */
  @Override
  public String name() {
    return pdu.name();
  }

  @Override
  public int size() {
    return X224Data.HEADER_SIZE + header.size() + pdu.size();
  }

  @Override
  public void encode(ByteBuf out) {
    X224Data.writeHeader(out, header.size() + pdu.size());
    header.encode(out);
    pdu.encode(out);
  }

  @Override
  public String summary() {
    String inner = pdu.summary();
    return header.name()
        + " initiator="
        + header.initiator()
        + ", channelId="
        + header.channelId()
        + (inner.isEmpty() ? "" : ": " + inner);
  }
}
