package dev.rdpprobe.wire.multitransport;

import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.mcs.SendDataFrame;
import dev.rdpprobe.wire.sec.BasicSecurityHeader;
import dev.rdpprobe.wire.sec.SecurityFlags;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Initiate Multitransport Response PDU (MS-RDPBCGR 2.2.15.2): the client's answer to one Initiate
 * Multitransport Request, on the MCS message channel. A probe that does not open the UDP side
 * channel declines with {@link #decline}: E_ABORT.
 *
 * @param securityHeader securityHeader (SEC_TRANSPORT_RSP set)
 * @param requestId requestId, the request's
 * @param hrResponse hrResponse
 */
public record InitiateMultitransportResponse(
    BasicSecurityHeader securityHeader, int requestId, HrResponse hrResponse) implements Pdu {
  public static final String NAME = "Initiate Multitransport Response PDU";

  public static final int FIXED_PART_SIZE =
      BasicSecurityHeader.FIXED_PART_SIZE // securityHeader
          + 4 // requestId
          + 4; // hrResponse

  public InitiateMultitransportResponse {
    Objects.requireNonNull(securityHeader, "securityHeader");
    Objects.requireNonNull(hrResponse, "hrResponse");
    securityHeader.requirePlain(SecurityFlags.SEC_TRANSPORT_RSP, "SEC_TRANSPORT_RSP");
  }

  /** The response with flags SEC_TRANSPORT_RSP only. */
  public static InitiateMultitransportResponse of(int requestId, HrResponse hrResponse) {
    return new InitiateMultitransportResponse(
        BasicSecurityHeader.of(SecurityFlags.SEC_TRANSPORT_RSP), requestId, hrResponse);
  }

  /** E_ABORT for this request: the client will not use the side channel. */
  public static InitiateMultitransportResponse decline(InitiateMultitransportRequest request) {
    return of(request.requestId(), HrResponse.E_ABORT);
  }

  /** Reads the PDU: exactly {@link #FIXED_PART_SIZE} bytes. */
  public static InitiateMultitransportResponse decode(ByteBuf in) {
    BasicSecurityHeader header =
        BasicSecurityHeader.decodeFor(
            in, SecurityFlags.SEC_TRANSPORT_RSP, "SEC_TRANSPORT_RSP (0x04)", NAME);
    Wire.ensure(in, FIXED_PART_SIZE - BasicSecurityHeader.FIXED_PART_SIZE, NAME, "requestId");
    return new InitiateMultitransportResponse(
        header, in.readIntLE(), new HrResponse(in.readIntLE()));
  }

  /** Reads the PDU in its TPKT, X.224 Data TPDU and MCS Send Data Request. */
  public static SendDataFrame<InitiateMultitransportResponse> decodeFramed(ByteBuf in) {
    return SendDataFrame.decode(in, InitiateMultitransportResponse::decode, NAME);
  }

  /** The PDU in a Send Data Request from {@code initiator} on {@code channelId}. */
  public SendDataFrame<InitiateMultitransportResponse> toRequest(int initiator, int channelId) {
    return SendDataFrame.request(initiator, channelId, this);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE;
  }

  @Override
  public void encode(ByteBuf out) {
    securityHeader.encode(out);
    out.writeIntLE(requestId);
    out.writeIntLE(hrResponse.value());
  }

  @Override
  public String summary() {
    return "requestId=" + (requestId & 0xFFFFFFFFL) + ", hrResponse=" + hrResponse;
  }
}
