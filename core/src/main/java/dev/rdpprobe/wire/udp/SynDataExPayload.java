package dev.rdpprobe.wire.udp;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * RDPUDP_SYNDATAEX_PAYLOAD (MS-RDPEUDP 2.2.2.9): the protocol version a SYN offers and a SYN+ACK
 * chooses. Only a client's SYN offering version 3 carries cookieHash, the SHA-256 of the
 * securityCookie of the Initiate Multitransport Request; whether it is there follows from the
 * datagram, not from the bytes left (padding follows), so the caller says which form to read.
 *
 * @param uSynExFlags uSynExFlags (RDPUDP_VERSION_INFO_VALID, 1)
 * @param uUdpVer uUdpVer
 * @param cookieHash cookieHash, 32 bytes, or null
 */
public record SynDataExPayload(int uSynExFlags, UdpVersion uUdpVer, Octets cookieHash)
    implements Pdu {
  public static final String NAME = "RDPUDP_SYNDATAEX_PAYLOAD";

  public static final int FIXED_PART_SIZE =
      2 // uSynExFlags
          + 2; // uUdpVer

  /** The length of cookieHash. */
  public static final int COOKIE_HASH_SIZE = 32;

  /** RDPUDP_VERSION_INFO_VALID: uUdpVer holds a version. */
  public static final int RDPUDP_VERSION_INFO_VALID = 0x0001;

  public SynDataExPayload {
    Objects.requireNonNull(uUdpVer, "uUdpVer");
    if (uSynExFlags < 0 || uSynExFlags > 0xFFFF) {
      throw new IllegalArgumentException("uSynExFlags out of range: " + uSynExFlags);
    }
    if (cookieHash != null && cookieHash.length() != COOKIE_HASH_SIZE) {
      throw new IllegalArgumentException("cookieHash is 32 bytes");
    }
  }

  /** The payload offering this version, without cookieHash. */
  public static SynDataExPayload of(UdpVersion version) {
    return new SynDataExPayload(RDPUDP_VERSION_INFO_VALID, version, null);
  }

  /** Reads the payload without cookieHash: four bytes. */
  public static SynDataExPayload decode(ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "uSynExFlags");
    return new SynDataExPayload(
        in.readUnsignedShort(), new UdpVersion(in.readUnsignedShort()), null);
  }

  /** Reads the payload with cookieHash: 36 bytes. */
  public static SynDataExPayload decodeWithCookieHash(ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE + COOKIE_HASH_SIZE, NAME, "uSynExFlags");
    SynDataExPayload p = decode(in);
    return new SynDataExPayload(
        p.uSynExFlags(), p.uUdpVer(), Octets.read(in, COOKIE_HASH_SIZE, NAME, "cookieHash"));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE + (cookieHash == null ? 0 : COOKIE_HASH_SIZE);
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeShort(uSynExFlags);
    out.writeShort(uUdpVer.value());
    if (cookieHash != null) {
      cookieHash.writeTo(out);
    }
  }

  @Override
  public String summary() {
    return "uUdpVer=" + uUdpVer + (cookieHash == null ? "" : ", cookieHash");
  }
}
