package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * X.224 Data TPDU (X.224 13.7, MS-RDPBCGR 2.2.1.3 and on), in its TPKT envelope: carries every MCS
 * PDU. RDP always sends the header {@code 02 F0 80}: LI 2, code DT, EOT set.
 *
 * @param eotNumber the EOT bit and TPDU-NR octet, {@code 0x80} in RDP
 * @param userData the payload
 */
public record X224Data(int eotNumber, Octets userData) implements X224Tpdu {
  public static final String NAME = "X.224 Data";

  /** The EOT bit: this TPDU ends the data unit. */
  public static final int EOT = 0x80;

  public static final int FIXED_PART_LI =
      1 // code (DT)
          + 1; // EOT and TPDU-NR

  /** TPKT header and the three DT header octets: the bytes in front of the user data. */
  public static final int HEADER_SIZE = X224Envelope.HEADER_SIZE + 1;

  public X224Data {
    if ((eotNumber & ~0xFF) != 0) {
      throw new IllegalArgumentException("EOT/NR octet out of range: " + eotNumber);
    }
    Objects.requireNonNull(userData, "userData");
    if (HEADER_SIZE + userData.length() > TpktHeader.MAX_LENGTH) {
      throw new IllegalArgumentException("user data too long for one TPKT packet");
    }
  }

  /** A Data TPDU with EOT set, as RDP sends every one. */
  public static X224Data of(Octets userData) {
    return new X224Data(EOT, userData);
  }

  /** Reads one whole TPKT packet holding a Data TPDU, copying the user data. */
  public static X224Data decode(ByteBuf in) {
    int start = in.readerIndex();
    int length = openPayload(in);
    int eot = in.getUnsignedByte(in.readerIndex() - 1);
    Octets data = Octets.read(in, length, NAME, "userData");
    X224Envelope.close(in, start + HEADER_SIZE + length, NAME);
    return new X224Data(eot, data);
  }

  /**
   * Reads and checks the TPKT and DT headers without copying: on return the reader index is at the
   * user data, and the result is its length. For the MCS layer's hot path.
   */
  public static int openPayload(ByteBuf in) {
    int start = in.readerIndex();
    int li = X224Envelope.open(in, CODE_DATA, 0xFF, NAME, FIXED_PART_LI);
    if (li != FIXED_PART_LI) {
      // RDP's DT has no variable part; anything else is not a packet we can frame
      throw Wire.invalid(NAME, "length indicator", start + 4, li, "2");
    }
    int eotNumber = in.readUnsignedByte();
    if (eotNumber != EOT) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD,
          NAME,
          "EOT/TPDU-NR",
          start + 6,
          eotNumber,
          "0x80 (RDP never segments a data unit)");
    }
    return X224Envelope.packetEnd(in, start) - in.readerIndex();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return HEADER_SIZE + userData.length();
  }

  @Override
  public void encode(ByteBuf out) {
    X224Envelope.write(out, size(), FIXED_PART_LI, CODE_DATA);
    out.writeByte(eotNumber);
    userData.writeTo(out);
  }

  /**
   * Writes the TPKT and DT headers ({@link #HEADER_SIZE} bytes, EOT set) for user data of {@code
   * userDataLength} bytes that the caller writes next: the MCS layer's way to frame a PDU without
   * copying it into an {@link Octets} first.
   *
   * @throws IllegalArgumentException if the packet would not fit in one TPKT
   */
  public static void writeHeader(ByteBuf out, int userDataLength) {
    if (userDataLength < 0 || HEADER_SIZE + userDataLength > TpktHeader.MAX_LENGTH) {
      throw new IllegalArgumentException("user data length out of range: " + userDataLength);
    }
    X224Envelope.write(out, HEADER_SIZE + userDataLength, FIXED_PART_LI, CODE_DATA);
    out.writeByte(EOT);
  }

  @Override
  public String summary() {
    return userData.length() + " bytes of user data";
  }
}
