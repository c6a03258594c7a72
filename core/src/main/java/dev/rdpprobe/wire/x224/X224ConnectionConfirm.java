package dev.rdpprobe.wire.x224;

import io.netty.buffer.ByteBuf;

/**
 * X.224 Connection Confirm PDU (MS-RDPBCGR 2.2.1.2), in its TPKT envelope: the server's answer to
 * the Connection Request, with an RDP_NEG_RSP or RDP_NEG_FAILURE, or with nothing when the server
 * predates negotiation (then only Standard RDP Security is possible).
 *
 * @param dstRef DST-REF
 * @param srcRef SRC-REF (Windows servers put 0x1234, xrdp 0)
 * @param classOptions class and options octet, 0 (class 0)
 * @param negotiation the RDP_NEG_RSP or RDP_NEG_FAILURE, or {@code null} when absent
 */
public record X224ConnectionConfirm(
    int dstRef, int srcRef, int classOptions, NegotiationResult negotiation) implements X224Tpdu {
  public static final String NAME = "X.224 Connection Confirm";

  /** The octets after the LI when there is no negotiation structure. */
  public static final int FIXED_PART_LI =
      1 // code (CC, CDT 0)
          + 2 // DST-REF
          + 2 // SRC-REF
          + 1; // class and options

  public X224ConnectionConfirm {
    if ((dstRef & ~0xFFFF) != 0 || (srcRef & ~0xFFFF) != 0 || (classOptions & ~0xFF) != 0) {
      throw new IllegalArgumentException("DST-REF, SRC-REF or class out of range");
    }
  }

  /** A confirm as Windows servers send it: references 0 and 0x1234, class 0. */
  public static X224ConnectionConfirm of(NegotiationResult negotiation) {
    return new X224ConnectionConfirm(0, 0x1234, 0, negotiation);
  }

  /** Reads one whole TPKT packet holding a Connection Confirm. */
  public static X224ConnectionConfirm decode(ByteBuf in) {
    int start = in.readerIndex();
    int li = X224Envelope.open(in, CODE_CONNECTION_CONFIRM, 0xFF, NAME, FIXED_PART_LI);
    int end = X224Envelope.packetEnd(in, start);
    int dstRef = in.readUnsignedShort();
    int srcRef = in.readUnsignedShort();
    int classOptions = in.readUnsignedByte();
    int variableEnd = in.readerIndex() + li - FIXED_PART_LI;
    NegotiationResult negotiation = null;
    if (in.readerIndex() < variableEnd) {
      X224Envelope.ensureInside(in, variableEnd, NegotiationStructure.SIZE, "rdpNegData");
      negotiation = NegotiationResult.decode(in);
    }
    X224Envelope.close(in, end, NAME);
    return new X224ConnectionConfirm(dstRef, srcRef, classOptions, negotiation);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return X224Envelope.HEADER_SIZE
        + (FIXED_PART_LI - 1)
        + (negotiation == null ? 0 : NegotiationStructure.SIZE);
  }

  @Override
  public void encode(ByteBuf out) {
    int li = FIXED_PART_LI + (negotiation == null ? 0 : NegotiationStructure.SIZE);
    X224Envelope.write(out, size(), li, CODE_CONNECTION_CONFIRM);
    out.writeShort(dstRef);
    out.writeShort(srcRef);
    out.writeByte(classOptions);
    if (negotiation != null) {
      negotiation.encode(out);
    }
  }

  @Override
  public String summary() {
    if (negotiation instanceof NegotiationResponse rsp) {
      return "selectedProtocol="
          + rsp.selectedProtocol()
          + (rsp.flags().bits() == 0 ? "" : ", flags=" + rsp.flags());
    } else if (negotiation instanceof NegotiationFailure failure) {
      return "RDP_NEG_FAILURE failureCode=" + failure.failureCode();
    }
    return "no negotiation data (pre-negotiation server)";
  }
}
