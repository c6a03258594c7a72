package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.mcs.SendDataFrame;
import dev.rdpprobe.wire.sec.BasicSecurityHeader;
import dev.rdpprobe.wire.sec.SecurityFlags;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A slow-path Share Control PDU as it fills the user data of a Send Data Request or Indication
 * (MS-RDPBCGR 2.2.8.1.1): an optional security header, then the PDU. Under TLS or CredSSP there is
 * no security header, and with Standard RDP Security at encryption level NONE neither xrdp nor
 * FreeRDP writes one unless it has flags to set; when a Basic Security Header is there, the caller
 * says so ({@link #decodeWithSecurityHeader}). An encrypted PDU (SEC_ENCRYPT) is not decoded.
 *
 * <p>A trace records {@link #pdu()} itself: the diagnosis matches the inner record's type (a {@link
 * SetErrorInfoPdu} is a {@link CarriesErrorInfo}), not this envelope.
 *
 * @param securityHeader the Basic Security Header, or null when absent
 * @param pdu the Share Control PDU
 */
public record SlowPathPdu(BasicSecurityHeader securityHeader, ShareControlPdu pdu) implements Pdu {
  public static final String NAME = "slow-path PDU";

  /** Security flags that name another PDU than a Share Control PDU. */
  static final int OTHER_PACKETS =
      SecurityFlags.SEC_EXCHANGE_PKT
          | SecurityFlags.SEC_TRANSPORT_REQ
          | SecurityFlags.SEC_TRANSPORT_RSP
          | SecurityFlags.SEC_INFO_PKT
          | SecurityFlags.SEC_LICENSE_PKT
          | SecurityFlags.SEC_REDIRECTION_PKT
          | SecurityFlags.SEC_AUTODETECT_REQ
          | SecurityFlags.SEC_AUTODETECT_RSP
          | SecurityFlags.SEC_HEARTBEAT;

  public SlowPathPdu {
    Objects.requireNonNull(pdu, "pdu");
    if (securityHeader != null) {
      int bits = securityHeader.flags().bits();
      if ((bits & (OTHER_PACKETS | SecurityFlags.SEC_ENCRYPT)) != 0) {
        throw new IllegalArgumentException("security flags of another or an encrypted PDU");
      }
    }
  }

  /** The PDU without a security header, as under TLS or CredSSP. */
  public static SlowPathPdu of(ShareControlPdu pdu) {
    return new SlowPathPdu(null, pdu);
  }

  /** Reads a Share Control PDU without a security header. */
  public static SlowPathPdu decode(ByteBuf in) {
    return new SlowPathPdu(null, ShareControlPdu.decode(in));
  }

  /** Reads a Basic Security Header, then the Share Control PDU. */
  public static SlowPathPdu decodeWithSecurityHeader(ByteBuf in) {
    int start = in.readerIndex();
    BasicSecurityHeader header = BasicSecurityHeader.decode(in);
    int bits = header.flags().bits();
    if ((bits & OTHER_PACKETS) != 0) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          NAME,
          "flags",
          start,
          bits,
          "none of the flags that name another PDU (" + new SecurityFlags(OTHER_PACKETS) + ")");
    }
    if ((bits & SecurityFlags.SEC_ENCRYPT) != 0) {
      throw Wire.invalid(
          NAME, "flags", start, bits, "SEC_ENCRYPT clear (encrypted: decrypt first)");
    }
    return new SlowPathPdu(header, ShareControlPdu.decode(in));
  }

  /** Reads the PDU, without a security header, in its TPKT, DT and MCS Send Data envelope. */
  public static SendDataFrame<SlowPathPdu> decodeFramed(ByteBuf in) {
    return SendDataFrame.decode(in, SlowPathPdu::decode, NAME);
  }

  /** Reads the PDU, after a Basic Security Header, in its TPKT, DT and MCS Send Data envelope. */
  public static SendDataFrame<SlowPathPdu> decodeFramedWithSecurityHeader(ByteBuf in) {
    return SendDataFrame.decode(in, SlowPathPdu::decodeWithSecurityHeader, NAME);
  }

  /** The inner PDU's name. */
  @Override
  public String name() {
    return pdu.name();
  }

  @Override
  public int size() {
    return (securityHeader == null ? 0 : BasicSecurityHeader.FIXED_PART_SIZE) + pdu.size();
  }

  @Override
  public void encode(ByteBuf out) {
    if (securityHeader != null) {
      securityHeader.encode(out);
    }
    pdu.encode(out);
  }

  @Override
  public String summary() {
    return (securityHeader == null ? "" : "security flags=" + securityHeader.flags() + ", ")
        + pdu.summary();
  }
}
