package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.NamedBits;
import dev.rdpprobe.wire.Wire;

/**
 * pduType of the Share Control Header (MS-RDPBCGR 2.2.8.1.1.1.1): the PDU type in the low four bits
 * and the protocol version (TS_PROTOCOL_VERSION, 1) above them, so {@code 0x11} is a Demand Active
 * PDU. Unknown types and versions are kept and shown.
 *
 * @param value the 16-bit field as sent
 */
public record ShareControlPduType(int value) {
  /** TS_PROTOCOL_VERSION: the version every PDU carries. */
  public static final int TS_PROTOCOL_VERSION = 0x1;

  public static final int PDUTYPE_DEMANDACTIVEPDU = 0x1;
  public static final int PDUTYPE_CONFIRMACTIVEPDU = 0x3;
  public static final int PDUTYPE_DEACTIVATEALLPDU = 0x6;
  public static final int PDUTYPE_DATAPDU = 0x7;
  public static final int PDUTYPE_SERVER_REDIR_PKT = 0xA;

  private static final NamedBits NAMES =
      NamedBits.of(
          PDUTYPE_DEMANDACTIVEPDU, "PDUTYPE_DEMANDACTIVEPDU",
          PDUTYPE_CONFIRMACTIVEPDU, "PDUTYPE_CONFIRMACTIVEPDU",
          PDUTYPE_DEACTIVATEALLPDU, "PDUTYPE_DEACTIVATEALLPDU",
          PDUTYPE_DATAPDU, "PDUTYPE_DATAPDU",
          PDUTYPE_SERVER_REDIR_PKT, "PDUTYPE_SERVER_REDIR_PKT");

  public ShareControlPduType {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("pduType out of range (16 bits): " + value);
    }
  }

  /** The type with TS_PROTOCOL_VERSION, as senders write it. */
  public static ShareControlPduType of(int type) {
    return new ShareControlPduType(TS_PROTOCOL_VERSION << 4 | type);
  }

  /** The PDU type, the low four bits. */
  public int type() {
    return value & 0xF;
  }

  /** The protocol version, the bits above the type (1 in every known sender). */
  public int version() {
    return value >>> 4;
  }

  /** The type's name, e.g. {@code PDUTYPE_DATAPDU}, or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(type());
  }

  /** The type's name, then the version when it is not TS_PROTOCOL_VERSION. */
  @Override
  public String toString() {
    return version() == TS_PROTOCOL_VERSION
        ? name()
        : name() + " (version " + Wire.hex(version()) + ")";
  }
}
