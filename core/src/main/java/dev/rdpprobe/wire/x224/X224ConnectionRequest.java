package dev.rdpprobe.wire.x224;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * X.224 Connection Request PDU (MS-RDPBCGR 2.2.1.1), in its TPKT envelope: the first thing a client
 * sends. The variable part holds, in order and each optional, a cookie or routing token, an
 * RDP_NEG_REQ and an RDP_NEG_CORRELATION_INFO.
 *
 * @param dstRef DST-REF, 0
 * @param srcRef SRC-REF
 * @param classOptions class and options octet, 0 (class 0)
 * @param token the cookie or routing token, or {@code null}
 * @param negotiationRequest the RDP_NEG_REQ, or {@code null} (a pre-negotiation client)
 * @param correlationInfo the RDP_NEG_CORRELATION_INFO, or {@code null}
 */
public record X224ConnectionRequest(
    int dstRef,
    int srcRef,
    int classOptions,
    RequestToken token,
    NegotiationRequest negotiationRequest,
    CorrelationInfo correlationInfo)
    implements X224Tpdu {
  public static final String NAME = "X.224 Connection Request";

  /** The octets after the LI when the variable part is empty. */
  public static final int FIXED_PART_LI =
      1 // code (CR, CDT 0)
          + 2 // DST-REF
          + 2 // SRC-REF
          + 1; // class and options

  /** The largest LI: 255 is reserved for extensions. */
  static final int MAX_LI = 254;

  public X224ConnectionRequest {
    if ((dstRef & ~0xFFFF) != 0 || (srcRef & ~0xFFFF) != 0 || (classOptions & ~0xFF) != 0) {
      throw new IllegalArgumentException("DST-REF, SRC-REF or class out of range");
    }
    if (correlationInfo != null && negotiationRequest == null) {
      throw new IllegalArgumentException("correlation info needs a negotiation request");
    }
    int li =
        FIXED_PART_LI
            + (token == null ? 0 : token.size())
            + (negotiationRequest == null ? 0 : NegotiationRequest.FIXED_PART_SIZE)
            + (correlationInfo == null ? 0 : CorrelationInfo.FIXED_PART_SIZE);
    if (li > MAX_LI) {
      throw new IllegalArgumentException(
          "the variable part does not fit in the LI octet: " + li + " > " + MAX_LI);
    }
  }

  /** A class 0 request with references 0, as Windows and FreeRDP clients send it. */
  public static X224ConnectionRequest of(RequestToken token, NegotiationRequest request) {
    return new X224ConnectionRequest(0, 0, 0, token, request, null);
  }

  /** Reads one whole TPKT packet holding a Connection Request. */
  public static X224ConnectionRequest decode(ByteBuf in) {
    int start = in.readerIndex();
    int li = X224Envelope.open(in, CODE_CONNECTION_REQUEST, 0xFF, NAME, FIXED_PART_LI);
    int end = X224Envelope.packetEnd(in, start);
    int dstRef = in.readUnsignedShort();
    int srcRef = in.readUnsignedShort();
    int classOptions = in.readUnsignedByte();
    int variableEnd = in.readerIndex() + li - FIXED_PART_LI;

    RequestToken token = null;
    if (in.readerIndex() < variableEnd && in.getUnsignedByte(in.readerIndex()) != 0x01) {
      token = readToken(in, variableEnd);
    }
    NegotiationRequest request = null;
    if (in.readerIndex() < variableEnd) {
      X224Envelope.ensureInside(
          in, variableEnd, NegotiationRequest.FIXED_PART_SIZE, NegotiationRequest.NAME);
      request = NegotiationRequest.decode(in);
    }
    CorrelationInfo correlation = null;
    if (in.readerIndex() < variableEnd) {
      X224Envelope.ensureInside(
          in, variableEnd, CorrelationInfo.FIXED_PART_SIZE, CorrelationInfo.NAME);
      correlation = CorrelationInfo.decode(in);
    }
    // user data after the header is not defined for RDP's Connection Request
    X224Envelope.close(in, end, NAME);
    return new X224ConnectionRequest(dstRef, srcRef, classOptions, token, request, correlation);
  }

  private static RequestToken readToken(ByteBuf in, int variableEnd) {
    int start = in.readerIndex();
    int crlf = -1;
    for (int i = start; i + 1 < variableEnd; i++) {
      if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n') {
        crlf = i;
        break;
      }
    }
    if (crlf < 0) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD,
          NAME,
          "routingToken or cookie",
          start,
          variableEnd - start,
          "text ended by CR LF inside the variable part");
    }
    int length = crlf - start;
    String prefix = RequestToken.COOKIE_PREFIX;
    RequestToken token;
    if (length >= prefix.length()
        && in.toString(start, prefix.length(), StandardCharsets.ISO_8859_1).equals(prefix)) {
      // the first CR LF ends the cookie; a CR or LF before it is not part of any name
      for (int i = start + prefix.length(); i < crlf; i++) {
        int c = in.getUnsignedByte(i);
        if (c == '\r' || c == '\n') {
          throw Wire.invalid(NAME, "cookie", i, c, "a name without CR or LF");
        }
      }
      token =
          new RequestToken.Cookie(
              in.toString(
                  start + prefix.length(), length - prefix.length(), StandardCharsets.ISO_8859_1));
    } else {
      token = new RequestToken.RoutingToken(Octets.read(in, length, NAME, "routingToken"));
    }
    in.readerIndex(crlf + 2);
    return token;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The LI octet: the header length after the LI itself. */
  public int lengthIndicator() {
    return size() - X224Envelope.HEADER_SIZE + 1;
  }

  @Override
  public int size() {
    return X224Envelope.HEADER_SIZE
        + (FIXED_PART_LI - 1)
        + (token == null ? 0 : token.size())
        + (negotiationRequest == null ? 0 : NegotiationRequest.FIXED_PART_SIZE)
        + (correlationInfo == null ? 0 : CorrelationInfo.FIXED_PART_SIZE);
  }

  @Override
  public void encode(ByteBuf out) {
    X224Envelope.write(out, size(), lengthIndicator(), CODE_CONNECTION_REQUEST);
    out.writeShort(dstRef);
    out.writeShort(srcRef);
    out.writeByte(classOptions);
    if (token != null) {
      token.encode(out);
    }
    if (negotiationRequest != null) {
      negotiationRequest.encode(out);
    }
    if (correlationInfo != null) {
      correlationInfo.encode(out);
    }
  }

  @Override
  public String summary() {
    StringBuilder b = new StringBuilder();
    if (token != null) {
      b.append(token).append(", ");
    }
    if (negotiationRequest == null) {
      b.append("no RDP_NEG_REQ");
    } else {
      b.append("requestedProtocols=").append(negotiationRequest.requestedProtocols());
      if (negotiationRequest.flags().bits() != 0) {
        b.append(", flags=").append(negotiationRequest.flags());
      }
    }
    if (correlationInfo != null) {
      b.append(", correlationId=").append(correlationInfo.correlationId());
    }
    return b.toString();
  }
}
