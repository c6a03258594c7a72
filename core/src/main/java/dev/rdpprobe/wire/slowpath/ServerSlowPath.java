package dev.rdpprobe.wire.slowpath;

import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.license.LicensePdu;
import dev.rdpprobe.wire.mcs.SendDataFrame;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportRequest;
import dev.rdpprobe.wire.sec.BasicSecurityHeader;
import dev.rdpprobe.wire.sec.RawSecurityPdu;
import dev.rdpprobe.wire.sec.SecurityFlags;
import dev.rdpprobe.wire.share.ShareControlHeader;
import dev.rdpprobe.wire.share.ShareControlPdu;
import io.netty.buffer.ByteBuf;

/**
 * Decodes the user data of a server's Send Data Indication after the Client Info PDU under TLS or
 * CredSSP (MS-RDPBCGR 2.2.1.12 onwards). Licensing, multitransport, auto-detect and heartbeat PDUs
 * start with a Basic Security Header; Share Control PDUs (Demand Active, Set Error Info, ...) do
 * not. No field says which, so the bytes decide: a Share Control Header's totalLength is the whole
 * user data (or the Flow PDU marker) and its pduType carries protocol version 1 in bits 4 to 7,
 * which the flags and flagsHi of a security header do not both match in any PDU seen from Windows,
 * xrdp or FreeRDP (xrdp's flagsHi holds a length, which is why totalLength is checked too).
 */
public final class ServerSlowPath {
  /** The name errors give for the user data as a whole. */
  public static final String NAME = "server slow-path PDU";

  private ServerSlowPath() {}

  /**
   * Decodes all readable bytes: a {@link LicensePdu}, an {@link InitiateMultitransportRequest}, a
   * {@link ShareControlPdu} or a {@link RawSecurityPdu}.
   */
  public static Pdu decode(ByteBuf in) {
    int start = in.readerIndex();
    int length = in.readableBytes();
    Wire.ensure(in, BasicSecurityHeader.FIXED_PART_SIZE, NAME, "flags or totalLength");
    Pdu pdu;
    if (isShareControl(in, start, length)) {
      pdu = ShareControlPdu.decode(in);
    } else {
      SecurityFlags flags = new SecurityFlags(in.getUnsignedShortLE(start));
      if (flags.has(SecurityFlags.SEC_LICENSE_PKT)) {
        pdu = LicensePdu.decode(in);
      } else if (flags.has(SecurityFlags.SEC_TRANSPORT_REQ)) {
        pdu = InitiateMultitransportRequest.decode(in);
      } else {
        pdu = RawSecurityPdu.decode(in);
      }
    }
    Wire.ensureEnd(in, pdu.name());
    return pdu;
  }

  /** Reads one whole TPKT packet holding a Send Data Indication and decodes its user data. */
  public static SendDataFrame<Pdu> decodeFramed(ByteBuf in) {
    return SendDataFrame.decode(in, ServerSlowPath::decode, NAME);
  }

  /**
   * Whether the {@code length} bytes of user data from {@code start} look like a Share Control PDU
   * rather than a PDU behind a security header (see above); the same test serves a client's PDUs.
   */
  public static boolean isShareControl(ByteBuf in, int start, int length) {
    int first = in.getUnsignedShortLE(start);
    if (first == ShareControlHeader.FLOW_MARKER) {
      return true;
    }
    int pduType = in.getUnsignedShortLE(start + 2);
    return first == length && (pduType & 0xFFF0) == 0x0010;
  }
}
