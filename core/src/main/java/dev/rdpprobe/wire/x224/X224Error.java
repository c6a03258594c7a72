package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * X.224 TPDU Error (X.224 13.12), in its TPKT envelope: the peer rejected a TPDU it could not
 * parse. The variable part usually holds parameter 0xC1, a copy of the invalid TPDU.
 *
 * @param dstRef DST-REF
 * @param rejectCause the reject cause octet
 * @param parameters the variable part, kept as sent
 */
public record X224Error(int dstRef, RejectCause rejectCause, Octets parameters)
    implements X224Tpdu {
  public static final String NAME = "X.224 TPDU Error";

  public static final int FIXED_PART_LI =
      1 // code (ER)
          + 2 // DST-REF
          + 1; // reject cause

  public X224Error {
    if ((dstRef & ~0xFFFF) != 0) {
      throw new IllegalArgumentException("DST-REF out of range");
    }
    Objects.requireNonNull(rejectCause, "rejectCause");
    Objects.requireNonNull(parameters, "parameters");
    if (FIXED_PART_LI + parameters.length() > X224ConnectionRequest.MAX_LI) {
      throw new IllegalArgumentException("parameters do not fit in the LI octet");
    }
  }

  /** Reads one whole TPKT packet holding a TPDU Error. */
  public static X224Error decode(ByteBuf in) {
    int start = in.readerIndex();
    int li = X224Envelope.open(in, CODE_ERROR, 0xFF, NAME, FIXED_PART_LI);
    int end = X224Envelope.packetEnd(in, start);
    int dstRef = in.readUnsignedShort();
    RejectCause cause = new RejectCause(in.readUnsignedByte());
    Octets parameters = Octets.read(in, li - FIXED_PART_LI, NAME, "parameters");
    X224Envelope.close(in, end, NAME);
    return new X224Error(dstRef, cause, parameters);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return X224Envelope.HEADER_SIZE + (FIXED_PART_LI - 1) + parameters.length();
  }

  @Override
  public void encode(ByteBuf out) {
    X224Envelope.write(out, size(), FIXED_PART_LI + parameters.length(), CODE_ERROR);
    out.writeShort(dstRef);
    out.writeByte(rejectCause.value());
    parameters.writeTo(out);
  }

  @Override
  public String summary() {
    return "rejectCause=" + rejectCause;
  }
}
