package dev.rdpprobe.wire.multitransport;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.mcs.SendDataFrame;
import dev.rdpprobe.wire.sec.BasicSecurityHeader;
import dev.rdpprobe.wire.sec.SecurityFlags;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Initiate Multitransport Request PDU (MS-RDPBCGR 2.2.15.1): the server offers a UDP side channel;
 * the client proves it is the same client on that channel with requestId and securityCookie
 * (MS-RDPEMT Tunnel Create Request, and SHA-256 of the cookie in an RDPEUDP version 3 SYN). A
 * server sends up to two, one per requestedProtocol, on the MCS message channel.
 *
 * <p>Servers have been seen to set reserved and append more bytes (FreeRDP's multitransport.c: with
 * reserved 1, two zero bytes and a JSON document). Those bytes are kept in {@code extraData}, so
 * the PDU reads to the end of its buffer: decode it from the Send Data user data, or with {@link
 * #decodeFramed}.
 *
 * @param securityHeader securityHeader (SEC_TRANSPORT_REQ set)
 * @param requestId requestId
 * @param requestedProtocol requestedProtocol
 * @param reserved reserved, kept as sent
 * @param securityCookie securityCookie, 16 bytes
 * @param extraData bytes after the securityCookie, usually none
 */
public record InitiateMultitransportRequest(
    BasicSecurityHeader securityHeader,
    int requestId,
    RequestedProtocol requestedProtocol,
    int reserved,
    Octets securityCookie,
    Octets extraData)
    implements Pdu {
  public static final String NAME = "Initiate Multitransport Request PDU";

  /** The length of securityCookie. */
  public static final int COOKIE_SIZE = 16;

  public static final int FIXED_PART_SIZE =
      BasicSecurityHeader.FIXED_PART_SIZE // securityHeader
          + 4 // requestId
          + 2 // requestedProtocol
          + 2 // reserved
          + COOKIE_SIZE; // securityCookie

  public InitiateMultitransportRequest {
    Objects.requireNonNull(securityHeader, "securityHeader");
    Objects.requireNonNull(requestedProtocol, "requestedProtocol");
    Objects.requireNonNull(securityCookie, "securityCookie");
    Objects.requireNonNull(extraData, "extraData");
    securityHeader.requirePlain(SecurityFlags.SEC_TRANSPORT_REQ, "SEC_TRANSPORT_REQ");
    if (reserved < 0 || reserved > 0xFFFF) {
      throw new IllegalArgumentException("reserved out of range: " + reserved);
    }
    if (securityCookie.length() != COOKIE_SIZE) {
      throw new IllegalArgumentException("securityCookie must be 16 bytes");
    }
  }

  /** A request as the specification defines it: SEC_TRANSPORT_REQ, reserved 0, no extra data. */
  public static InitiateMultitransportRequest of(
      int requestId, RequestedProtocol requestedProtocol, Octets securityCookie) {
    return new InitiateMultitransportRequest(
        BasicSecurityHeader.of(SecurityFlags.SEC_TRANSPORT_REQ),
        requestId,
        requestedProtocol,
        0,
        securityCookie,
        Octets.EMPTY);
  }

  /** Reads the PDU up to the end of the buffer's readable bytes. */
  public static InitiateMultitransportRequest decode(ByteBuf in) {
    BasicSecurityHeader header =
        BasicSecurityHeader.decodeFor(
            in, SecurityFlags.SEC_TRANSPORT_REQ, "SEC_TRANSPORT_REQ (0x02)", NAME);
    Wire.ensure(in, FIXED_PART_SIZE - BasicSecurityHeader.FIXED_PART_SIZE, NAME, "requestId");
    int requestId = in.readIntLE();
    RequestedProtocol protocol = new RequestedProtocol(in.readUnsignedShortLE());
    int reserved = in.readUnsignedShortLE();
    Octets cookie = Octets.read(in, COOKIE_SIZE, NAME, "securityCookie");
    Octets extra = Octets.read(in, in.readableBytes(), NAME, "extraData");
    return new InitiateMultitransportRequest(header, requestId, protocol, reserved, cookie, extra);
  }

  /** Reads the PDU in its TPKT, X.224 Data TPDU and MCS Send Data Indication. */
  public static SendDataFrame<InitiateMultitransportRequest> decodeFramed(ByteBuf in) {
    return SendDataFrame.decode(in, InitiateMultitransportRequest::decode, NAME);
  }

  /** The request id as an unsigned number. */
  public long requestIdUnsigned() {
    return requestId & 0xFFFFFFFFL;
  }

  /** The PDU in a Send Data Indication from {@code initiator} on {@code channelId}. */
  public SendDataFrame<InitiateMultitransportRequest> toIndication(int initiator, int channelId) {
    return SendDataFrame.indication(initiator, channelId, this);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE + extraData.length();
  }

  @Override
  public void encode(ByteBuf out) {
    securityHeader.encode(out);
    out.writeIntLE(requestId);
    out.writeShortLE(requestedProtocol.value());
    out.writeShortLE(reserved);
    securityCookie.writeTo(out);
    extraData.writeTo(out);
  }

  @Override
  public String summary() {
    return "requestId="
        + requestIdUnsigned()
        + ", requestedProtocol="
        + requestedProtocol.name()
        + (reserved == 0 ? "" : ", reserved=" + Wire.hex(reserved))
        + (extraData.length() == 0 ? "" : ", " + extraData.length() + " extra bytes");
  }
}
