package dev.rdpprobe.wire.udp;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A received or sent MS-RDPEUDP version 1 datagram (MS-RDPEUDP 2.2.2, 3.1.5.1): the
 * RDPUDP_FEC_HEADER, then for a SYN or SYN+ACK the payloads its flags announce, in the order the
 * specification gives: SYNDATA, CORRELATION_ID when RDPUDP_FLAG_CORRELATION_ID is set, SYNDATAEX
 * when RDPUDP_FLAG_SYNEX is set (with cookieHash in a client's SYN offering version 3). A SYN+ACK
 * carries no ACK vector despite its ACK flag. Whatever follows (the zero padding up to the MTU that
 * both SYNs carry, or for any other datagram its ACK vector and data, not decoded here) is kept in
 * {@code rest}, so a datagram re-encodes to the bytes received.
 *
 * @param header the RDPUDP_FEC_HEADER
 * @param synData SYNDATA, present exactly in a SYN datagram (SYN set, ACK_OF_ACKS clear)
 * @param correlationId CORRELATION_ID of a SYN datagram with RDPUDP_FLAG_CORRELATION_ID, or null
 * @param synDataEx SYNDATAEX of a SYN datagram with RDPUDP_FLAG_SYNEX, or null
 * @param rest the bytes after the decoded payloads
 */
public record RdpudpDatagram(
    FecHeader header,
    SynDataPayload synData,
    CorrelationIdPayload correlationId,
    SynDataExPayload synDataEx,
    Octets rest)
    implements Pdu {
  public static final String NAME = "RDPUDP datagram";

  /** The largest datagram decoded: the largest UDP payload. */
  public static final int MAX_SIZE = 0xFFFF;

  /** uReceiveWindowSize of the probe's SYN. */
  public static final int PROBE_RECEIVE_WINDOW = 64;

  public RdpudpDatagram {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(rest, "rest");
    RdpudpFlags flags = header.uFlags();
    boolean syn = isSyn(flags);
    if (syn != (synData != null)) {
      throw new IllegalArgumentException("SYNDATA goes with RDPUDP_FLAG_SYN (without ACK_OF_ACKS)");
    }
    if ((syn && flags.has(RdpudpFlags.RDPUDP_FLAG_CORRELATION_ID)) != (correlationId != null)) {
      throw new IllegalArgumentException("CORRELATION_ID goes with RDPUDP_FLAG_CORRELATION_ID");
    }
    if ((syn && flags.has(RdpudpFlags.RDPUDP_FLAG_SYNEX)) != (synDataEx != null)) {
      throw new IllegalArgumentException("SYNDATAEX goes with RDPUDP_FLAG_SYNEX");
    }
    if (synDataEx != null
        && carriesCookieHash(flags, synDataEx.uUdpVer()) != (synDataEx.cookieHash() != null)) {
      throw new IllegalArgumentException("cookieHash goes with a client SYN offering version 3");
    }
    int size =
        FecHeader.FIXED_PART_SIZE
            + (synData == null ? 0 : SynDataPayload.FIXED_PART_SIZE)
            + (correlationId == null ? 0 : CorrelationIdPayload.FIXED_PART_SIZE)
            + (synDataEx == null ? 0 : synDataEx.size())
            + rest.length();
    if (size > MAX_SIZE) {
      throw new IllegalArgumentException("datagram too long: " + size);
    }
  }

  private static boolean isSyn(RdpudpFlags flags) {
    return flags.has(RdpudpFlags.RDPUDP_FLAG_SYN)
        && !flags.has(RdpudpFlags.RDPUDP_FLAG_ACK_OF_ACKS);
  }

  /** A client's SYN (SYN without ACK) offering version 3 carries cookieHash. */
  private static boolean carriesCookieHash(RdpudpFlags flags, UdpVersion version) {
    return !flags.has(RdpudpFlags.RDPUDP_FLAG_ACK)
        && version.equals(UdpVersion.RDPUDP_PROTOCOL_VERSION_3);
  }

  /**
   * The probe's SYN for a reliable connection: snSourceAck {@code 0xFFFFFFFF}, a window of 64,
   * RDPUDP_FLAG_SYN and RDPUDP_FLAG_SYNEX (and RDPUDP_FLAG_CORRELATION_ID with an id), MTUs of 1232
   * both ways, version 2 offered, zero padding up to 1232 bytes as MS-RDPEUDP 3.1.5.1.1 requires.
   *
   * @param initialSequenceNumber the client's initial sequence number (random; the caller draws it)
   * @param correlationId the RDP_NEG_CORRELATION_INFO id of the TCP connection, or null
   */
  public static RdpudpDatagram probeSyn(int initialSequenceNumber, Octets correlationId) {
    int flags = RdpudpFlags.RDPUDP_FLAG_SYN | RdpudpFlags.RDPUDP_FLAG_SYNEX;
    if (correlationId != null) {
      flags |= RdpudpFlags.RDPUDP_FLAG_CORRELATION_ID;
    }
    FecHeader header = new FecHeader(0xFFFFFFFF, PROBE_RECEIVE_WINDOW, new RdpudpFlags(flags));
    SynDataPayload syn =
        new SynDataPayload(initialSequenceNumber, SynDataPayload.MTU_MAX, SynDataPayload.MTU_MAX);
    CorrelationIdPayload id = correlationId == null ? null : CorrelationIdPayload.of(correlationId);
    SynDataExPayload ex = SynDataExPayload.of(UdpVersion.RDPUDP_PROTOCOL_VERSION_2);
    int used =
        FecHeader.FIXED_PART_SIZE
            + SynDataPayload.FIXED_PART_SIZE
            + (id == null ? 0 : CorrelationIdPayload.FIXED_PART_SIZE)
            + ex.size();
    return new RdpudpDatagram(
        header, syn, id, ex, Octets.of(new byte[SynDataPayload.MTU_MAX - used]));
  }

  /** Reads one whole datagram: every readable byte of {@code in}. */
  public static RdpudpDatagram decode(ByteBuf in) {
    if (in.readableBytes() > MAX_SIZE) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LARGE,
          NAME,
          "datagram",
          in.readerIndex(),
          in.readableBytes(),
          "at most " + MAX_SIZE + " bytes");
    }
    FecHeader header = FecHeader.decode(in);
    RdpudpFlags flags = header.uFlags();
    SynDataPayload syn = null;
    CorrelationIdPayload id = null;
    SynDataExPayload ex = null;
    if (isSyn(flags)) {
      syn = SynDataPayload.decode(in);
      if (flags.has(RdpudpFlags.RDPUDP_FLAG_CORRELATION_ID)) {
        id = CorrelationIdPayload.decode(in);
      }
      if (flags.has(RdpudpFlags.RDPUDP_FLAG_SYNEX)) {
        Wire.ensure(in, SynDataExPayload.FIXED_PART_SIZE, SynDataExPayload.NAME, "uSynExFlags");
        UdpVersion version = new UdpVersion(in.getUnsignedShort(in.readerIndex() + 2));
        ex =
            carriesCookieHash(flags, version)
                ? SynDataExPayload.decodeWithCookieHash(in)
                : SynDataExPayload.decode(in);
      }
    }
    Octets rest = Octets.read(in, in.readableBytes(), NAME, "rest");
    return new RdpudpDatagram(header, syn, id, ex, rest);
  }

  /** The header's flags. */
  public RdpudpFlags flags() {
    return header.uFlags();
  }

  /** Whether this is a server's SYN+ACK: SYN and ACK set. */
  public boolean isSynAck() {
    return synData != null && header.uFlags().has(RdpudpFlags.RDPUDP_FLAG_ACK);
  }

  /** Whether {@code rest} is all zero: the padding a SYN and a SYN+ACK carry. */
  public boolean restIsZeroPadding() {
    for (int i = 0; i < rest.length(); i++) {
      if (rest.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String name() {
    if (synData == null) {
      return NAME;
    }
    return isSynAck() ? "RDPUDP SYN+ACK" : "RDPUDP SYN";
  }

  @Override
  public int size() {
    return FecHeader.FIXED_PART_SIZE
        + (synData == null ? 0 : SynDataPayload.FIXED_PART_SIZE)
        + (correlationId == null ? 0 : CorrelationIdPayload.FIXED_PART_SIZE)
        + (synDataEx == null ? 0 : synDataEx.size())
        + rest.length();
  }

  @Override
  public void encode(ByteBuf out) {
    header.encode(out);
    if (synData != null) {
      synData.encode(out);
    }
    if (correlationId != null) {
      correlationId.encode(out);
    }
    if (synDataEx != null) {
      synDataEx.encode(out);
    }
    rest.writeTo(out);
  }

  @Override
  public String summary() {
    return header.summary()
        + (synData == null ? "" : ", " + synData.summary())
        + (synDataEx == null ? "" : ", " + synDataEx.summary())
        + ", "
        + rest.length()
        + (synData != null && restIsZeroPadding() ? " bytes of padding" : " bytes after");
  }

  /** Every field, {@code rest} by its length (padding would fill a screen). */
  @Override
  public String toString() {
    return "RdpudpDatagram[header="
        + header
        + ", synData="
        + synData
        + ", correlationId="
        + correlationId
        + ", synDataEx="
        + synDataEx
        + ", rest="
        + rest.length()
        + " bytes"
        + (restIsZeroPadding() ? ", zero" : "")
        + "]";
  }
}
