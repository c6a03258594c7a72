package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * X.224 Disconnect Request TPDU (X.224 13.5), in its TPKT envelope. RDP servers rarely send one;
 * when they do, the connection ends there.
 *
 * @param dstRef DST-REF
 * @param srcRef SRC-REF
 * @param reason the reason octet
 * @param parameters the variable part (parameters), kept as sent
 * @param userData bytes after the header, kept as sent
 */
public record X224DisconnectRequest(
    int dstRef, int srcRef, DisconnectReason reason, Octets parameters, Octets userData)
    implements X224Tpdu {
  public static final String NAME = "X.224 Disconnect Request";

  public static final int FIXED_PART_LI =
      1 // code (DR)
          + 2 // DST-REF
          + 2 // SRC-REF
          + 1; // reason

  public X224DisconnectRequest {
    if ((dstRef & ~0xFFFF) != 0 || (srcRef & ~0xFFFF) != 0) {
      throw new IllegalArgumentException("DST-REF or SRC-REF out of range");
    }
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(userData, "userData");
    if (FIXED_PART_LI + parameters.length() > X224ConnectionRequest.MAX_LI) {
      throw new IllegalArgumentException("parameters do not fit in the LI octet");
    }
    int size =
        X224Envelope.HEADER_SIZE + (FIXED_PART_LI - 1) + parameters.length() + userData.length();
    if (size > TpktHeader.MAX_LENGTH) {
      throw new IllegalArgumentException(
          "user data too long for one TPKT packet: " + size + " > " + TpktHeader.MAX_LENGTH);
    }
  }

  /** A request with the given reason, no parameters and no user data. */
  public static X224DisconnectRequest of(DisconnectReason reason) {
    return new X224DisconnectRequest(0, 0, reason, Octets.EMPTY, Octets.EMPTY);
  }

  /** Reads one whole TPKT packet holding a Disconnect Request. */
  public static X224DisconnectRequest decode(ByteBuf in) {
    int start = in.readerIndex();
    int li = X224Envelope.open(in, CODE_DISCONNECT_REQUEST, 0xFF, NAME, FIXED_PART_LI);
    int end = X224Envelope.packetEnd(in, start);
    int dstRef = in.readUnsignedShort();
    int srcRef = in.readUnsignedShort();
    DisconnectReason reason = new DisconnectReason(in.readUnsignedByte());
    Octets parameters = Octets.read(in, li - FIXED_PART_LI, NAME, "parameters");
    Octets userData = Octets.read(in, end - in.readerIndex(), NAME, "userData");
    return new X224DisconnectRequest(dstRef, srcRef, reason, parameters, userData);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return X224Envelope.HEADER_SIZE + (FIXED_PART_LI - 1) + parameters.length() + userData.length();
  }

  @Override
  public void encode(ByteBuf out) {
    X224Envelope.write(out, size(), FIXED_PART_LI + parameters.length(), CODE_DISCONNECT_REQUEST);
    out.writeShort(dstRef);
    out.writeShort(srcRef);
    out.writeByte(reason.value());
    parameters.writeTo(out);
    userData.writeTo(out);
  }

  @Override
  public String summary() {
    return "reason=" + reason;
  }
}
