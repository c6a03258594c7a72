package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Client MCS Connect Initial PDU with GCC Conference Create Request (MS-RDPBCGR 2.2.1.3): T.125
 * Connect-Initial in BER, {@code 7F 65}. The user data is kept as the GCC bytes; {@code
 * dev.rdpprobe.wire.gcc.ConferenceCreateRequest} decodes them.
 *
 * @param callingDomainSelector callingDomainSelector ({@code 01} in RDP)
 * @param calledDomainSelector calledDomainSelector ({@code 01} in RDP)
 * @param upwardFlag upwardFlag (TRUE in RDP)
 * @param targetParameters targetParameters
 * @param minimumParameters minimumParameters
 * @param maximumParameters maximumParameters
 * @param userData userData: the GCC Conference Create Request
 * @param berStyle how the sender wrote lengths and INTEGERs; {@link BerStyle#X690} unless it
 *     matters
 */
public record McsConnectInitial(
    Octets callingDomainSelector,
    Octets calledDomainSelector,
    boolean upwardFlag,
    DomainParameters targetParameters,
    DomainParameters minimumParameters,
    DomainParameters maximumParameters,
    Octets userData,
    BerStyle berStyle)
    implements McsPdu {
  public static final String NAME = "MCS Connect Initial";

  /** The longest domain selector accepted; RDP's is one octet. */
  public static final int MAX_DOMAIN_SELECTOR = 255;

  /** The domain selector RDP clients send. */
  public static final Octets DOMAIN_SELECTOR = Octets.of((byte) 1);

  public McsConnectInitial {
    Objects.requireNonNull(callingDomainSelector, "callingDomainSelector");
    Objects.requireNonNull(calledDomainSelector, "calledDomainSelector");
    Objects.requireNonNull(targetParameters, "targetParameters");
    Objects.requireNonNull(minimumParameters, "minimumParameters");
    Objects.requireNonNull(maximumParameters, "maximumParameters");
    Objects.requireNonNull(userData, "userData");
    Objects.requireNonNull(berStyle, "berStyle");
    if (callingDomainSelector.length() > MAX_DOMAIN_SELECTOR
        || calledDomainSelector.length() > MAX_DOMAIN_SELECTOR) {
      throw new IllegalArgumentException("domain selector longer than " + MAX_DOMAIN_SELECTOR);
    }
    if (userData.length() > Ber.MAX_LENGTH - 256) {
      throw new IllegalArgumentException("user data too long: " + userData.length());
    }
    boolean unsigned =
        berStyle.unsignedIntegers()
            && (targetParameters.dependsOnIntegerStyle()
                || minimumParameters.dependsOnIntegerStyle()
                || maximumParameters.dependsOnIntegerStyle());
    BerStyle style = BerStyle.of(berStyle.longLengths(), unsigned);
    int seqT = targetParameters.contentLength(style);
    int seqM = minimumParameters.contentLength(style);
    int seqX = maximumParameters.contentLength(style);
    int content =
        contentLength(
            callingDomainSelector, calledDomainSelector, seqT, seqM, seqX, userData, style);
    boolean longLengths =
        style.longLengths()
            && (Ber.lengthDependsOnStyle(callingDomainSelector.length())
                || Ber.lengthDependsOnStyle(calledDomainSelector.length())
                || Ber.lengthDependsOnStyle(seqT)
                || Ber.lengthDependsOnStyle(seqM)
                || Ber.lengthDependsOnStyle(seqX)
                || Ber.lengthDependsOnStyle(userData.length())
                || Ber.lengthDependsOnStyle(content));
    berStyle = BerStyle.of(longLengths, unsigned);
    if (Ber.tlvSize(Ber.TAG_CONNECT_INITIAL, content, berStyle) > Ber.MAX_LENGTH) {
      throw new IllegalArgumentException("Connect-Initial longer than 65535 bytes");
    }
  }

  private static int contentLength(
      Octets calling,
      Octets called,
      int seqT,
      int seqM,
      int seqX,
      Octets userData,
      BerStyle style) {
    return Ber.tlvSize(Ber.TAG_OCTET_STRING, calling.length(), style)
        + Ber.tlvSize(Ber.TAG_OCTET_STRING, called.length(), style)
        + 3 // upwardFlag
        + Ber.tlvSize(Ber.TAG_SEQUENCE, seqT, style)
        + Ber.tlvSize(Ber.TAG_SEQUENCE, seqM, style)
        + Ber.tlvSize(Ber.TAG_SEQUENCE, seqX, style)
        + Ber.tlvSize(Ber.TAG_OCTET_STRING, userData.length(), style);
  }

  /**
   * A Connect Initial as FreeRDP and mstsc send it: selectors {@code 01}, upwardFlag TRUE, their
   * domain parameters, X.690 encoding.
   */
  public static McsConnectInitial of(Octets userData) {
    return new McsConnectInitial(
        DOMAIN_SELECTOR,
        DOMAIN_SELECTOR,
        true,
        DomainParameters.CLIENT_TARGET,
        DomainParameters.CLIENT_MINIMUM,
        DomainParameters.CLIENT_MAXIMUM,
        userData,
        BerStyle.X690);
  }

  /** Reads the MCS PDU. */
  public static McsConnectInitial decode(ByteBuf in) {
    Ber.Reader r = new Ber.Reader(in, NAME);
    r.enter(Ber.TAG_CONNECT_INITIAL, "identifier", DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE);
    Octets calling = r.readOctetString("callingDomainSelector", MAX_DOMAIN_SELECTOR);
    Octets called = r.readOctetString("calledDomainSelector", MAX_DOMAIN_SELECTOR);
    boolean upward = r.readBoolean("upwardFlag");
    DomainParameters target = DomainParameters.decode(r, "targetParameters");
    DomainParameters minimum = DomainParameters.decode(r, "minimumParameters");
    DomainParameters maximum = DomainParameters.decode(r, "maximumParameters");
    Octets userData = r.readOctetString("userData", Ber.MAX_LENGTH);
    r.leave("end of Connect-Initial");
    return new McsConnectInitial(
        calling, called, upward, target, minimum, maximum, userData, r.style());
  }

  /** Reads the PDU in its TPKT and X.224 Data TPDU. */
  public static McsConnectInitial decodeFramed(ByteBuf in) {
    return McsFrame.decode(in, McsConnectInitial::decode, NAME);
  }

  private int contentLength() {
    return contentLength(
        callingDomainSelector,
        calledDomainSelector,
        targetParameters.contentLength(berStyle),
        minimumParameters.contentLength(berStyle),
        maximumParameters.contentLength(berStyle),
        userData,
        berStyle);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return Ber.tlvSize(Ber.TAG_CONNECT_INITIAL, contentLength(), berStyle);
  }

  @Override
  public void encode(ByteBuf out) {
    Ber.writeTag(out, Ber.TAG_CONNECT_INITIAL);
    Ber.writeLength(out, contentLength(), berStyle);
    Ber.writeOctetString(out, callingDomainSelector, berStyle);
    Ber.writeOctetString(out, calledDomainSelector, berStyle);
    Ber.writeBoolean(out, upwardFlag);
    targetParameters.encode(out, berStyle);
    minimumParameters.encode(out, berStyle);
    maximumParameters.encode(out, berStyle);
    Ber.writeOctetString(out, userData, berStyle);
  }

  @Override
  public String summary() {
    return "targetParameters.maxMCSPDUsize="
        + targetParameters.maxMcsPduSize()
        + ", "
        + userData.length()
        + " bytes of GCC user data";
  }
}
