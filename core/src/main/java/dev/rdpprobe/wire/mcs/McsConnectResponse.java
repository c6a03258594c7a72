package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Server MCS Connect Response PDU with GCC Conference Create Response (MS-RDPBCGR 2.2.1.4): T.125
 * Connect-Response in BER, {@code 7F 66}. The user data is kept as the GCC bytes; {@code
 * dev.rdpprobe.wire.gcc.ConferenceCreateResponse} decodes them.
 *
 * @param result result (ENUMERATED)
 * @param calledConnectId calledConnectId
 * @param domainParameters domainParameters
 * @param userData userData: the GCC Conference Create Response
 * @param berStyle how the sender wrote lengths and INTEGERs; {@link BerStyle#X690} unless it
 *     matters
 */
public record McsConnectResponse(
    McsResult result,
    int calledConnectId,
    DomainParameters domainParameters,
    Octets userData,
    BerStyle berStyle)
    implements McsPdu {
  public static final String NAME = "MCS Connect Response";

  public McsConnectResponse {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(domainParameters, "domainParameters");
    Objects.requireNonNull(userData, "userData");
    Objects.requireNonNull(berStyle, "berStyle");
    if (calledConnectId < 0) {
      throw new IllegalArgumentException("negative calledConnectId: " + calledConnectId);
    }
    if (userData.length() > Ber.MAX_LENGTH - 256) {
      throw new IllegalArgumentException("user data too long: " + userData.length());
    }
    boolean unsigned =
        berStyle.unsignedIntegers()
            && (Ber.integerDependsOnStyle(result.value())
                || Ber.integerDependsOnStyle(calledConnectId)
                || domainParameters.dependsOnIntegerStyle());
    BerStyle style = BerStyle.of(berStyle.longLengths(), unsigned);
    int seq = domainParameters.contentLength(style);
    int content = contentLength(result, calledConnectId, seq, userData, style);
    boolean longLengths =
        style.longLengths()
            && (Ber.lengthDependsOnStyle(seq)
                || Ber.lengthDependsOnStyle(userData.length())
                || Ber.lengthDependsOnStyle(content));
    berStyle = BerStyle.of(longLengths, unsigned);
    if (Ber.tlvSize(Ber.TAG_CONNECT_RESPONSE, content, berStyle) > Ber.MAX_LENGTH) {
      throw new IllegalArgumentException("Connect-Response longer than 65535 bytes");
    }
  }

  private static int contentLength(
      McsResult result, int calledConnectId, int seq, Octets userData, BerStyle style) {
    return Ber.integerSize(result.value(), style)
        + Ber.integerSize(calledConnectId, style)
        + Ber.tlvSize(Ber.TAG_SEQUENCE, seq, style)
        + Ber.tlvSize(Ber.TAG_OCTET_STRING, userData.length(), style);
  }

  /** A successful response with the domain parameters Windows servers send. */
  public static McsConnectResponse success(Octets userData) {
    return new McsConnectResponse(
        McsResult.RT_SUCCESSFUL, 0, DomainParameters.SERVER_WINDOWS, userData, BerStyle.X690);
  }

  /** Reads the MCS PDU. */
  public static McsConnectResponse decode(ByteBuf in) {
    Ber.Reader r = new Ber.Reader(in, NAME);
    r.enter(Ber.TAG_CONNECT_RESPONSE, "identifier", DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE);
    int result = r.readInteger(Ber.TAG_ENUMERATED, "result");
    int calledConnectId = r.readInteger(Ber.TAG_INTEGER, "calledConnectId");
    DomainParameters parameters = DomainParameters.decode(r, "domainParameters");
    Octets userData = r.readOctetString("userData", Ber.MAX_LENGTH);
    r.leave("end of Connect-Response");
    return new McsConnectResponse(
        new McsResult(result), calledConnectId, parameters, userData, r.style());
  }

  /** Reads the PDU in its TPKT and X.224 Data TPDU. */
  public static McsConnectResponse decodeFramed(ByteBuf in) {
    return McsFrame.decode(in, McsConnectResponse::decode, NAME);
  }

  private int contentLength() {
    return contentLength(
        result, calledConnectId, domainParameters.contentLength(berStyle), userData, berStyle);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return Ber.tlvSize(Ber.TAG_CONNECT_RESPONSE, contentLength(), berStyle);
  }

  @Override
  public void encode(ByteBuf out) {
    Ber.writeTag(out, Ber.TAG_CONNECT_RESPONSE);
    Ber.writeLength(out, contentLength(), berStyle);
    Ber.writeInteger(out, Ber.TAG_ENUMERATED, result.value(), berStyle);
    Ber.writeInteger(out, Ber.TAG_INTEGER, calledConnectId, berStyle);
    domainParameters.encode(out, berStyle);
    Ber.writeOctetString(out, userData, berStyle);
  }

  @Override
  public String summary() {
    return "result=" + result + ", " + userData.length() + " bytes of GCC user data";
  }
}
