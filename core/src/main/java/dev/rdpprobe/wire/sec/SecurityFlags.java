package dev.rdpprobe.wire.sec;

import dev.rdpprobe.wire.NamedBits;

/**
 * The flags of the Basic Security Header (MS-RDPBCGR 2.2.8.1.1.2.1): which PDU follows and how it
 * is protected. Unknown bits are kept and shown as {@code unknown (0x..)}. {@code 0x0200} is
 * SEC_LICENSE_ENCRYPT_CS from the client and SEC_LICENSE_ENCRYPT_SC from the server.
 *
 * @param bits the 16-bit field
 */
public record SecurityFlags(int bits) {
  public static final int SEC_EXCHANGE_PKT = 0x0001;
  public static final int SEC_TRANSPORT_REQ = 0x0002;
  public static final int SEC_TRANSPORT_RSP = 0x0004;
  public static final int SEC_ENCRYPT = 0x0008;
  public static final int SEC_RESET_SEQNO = 0x0010;
  public static final int SEC_IGNORE_SEQNO = 0x0020;
  public static final int SEC_INFO_PKT = 0x0040;
  public static final int SEC_LICENSE_PKT = 0x0080;
  public static final int SEC_LICENSE_ENCRYPT_CS = 0x0200;
  public static final int SEC_LICENSE_ENCRYPT_SC = 0x0200;
  public static final int SEC_REDIRECTION_PKT = 0x0400;
  public static final int SEC_SECURE_CHECKSUM = 0x0800;
  public static final int SEC_AUTODETECT_REQ = 0x1000;
  public static final int SEC_AUTODETECT_RSP = 0x2000;
  public static final int SEC_HEARTBEAT = 0x4000;
  public static final int SEC_FLAGSHI_VALID = 0x8000;

  private static final NamedBits NAMES =
      NamedBits.of(
          SEC_EXCHANGE_PKT, "SEC_EXCHANGE_PKT",
          SEC_TRANSPORT_REQ, "SEC_TRANSPORT_REQ",
          SEC_TRANSPORT_RSP, "SEC_TRANSPORT_RSP",
          SEC_ENCRYPT, "SEC_ENCRYPT",
          SEC_RESET_SEQNO, "SEC_RESET_SEQNO",
          SEC_IGNORE_SEQNO, "SEC_IGNORE_SEQNO",
          SEC_INFO_PKT, "SEC_INFO_PKT",
          SEC_LICENSE_PKT, "SEC_LICENSE_PKT",
          SEC_LICENSE_ENCRYPT_CS, "SEC_LICENSE_ENCRYPT_CS/SC",
          SEC_REDIRECTION_PKT, "SEC_REDIRECTION_PKT",
          SEC_SECURE_CHECKSUM, "SEC_SECURE_CHECKSUM",
          SEC_AUTODETECT_REQ, "SEC_AUTODETECT_REQ",
          SEC_AUTODETECT_RSP, "SEC_AUTODETECT_RSP",
          SEC_HEARTBEAT, "SEC_HEARTBEAT",
          SEC_FLAGSHI_VALID, "SEC_FLAGSHI_VALID");

  public SecurityFlags {
    if (bits < 0 || bits > 0xFFFF) {
      throw new IllegalArgumentException("flags out of range (16 bits): " + bits);
    }
  }

  /** Whether every bit of {@code flag} is set. */
  public boolean has(int flag) {
    return (bits & flag) == flag;
  }

  @Override
  public String toString() {
    return NAMES.format(bits, "none");
  }
}
