package dev.rdpprobe.wire.ntlm;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * AUTHENTICATE_MESSAGE (MS-NLMP 2.2.1.3): the client's answer, with its challenge responses, names,
 * encrypted session key and MIC. DomainName, UserName and Workstation are UTF-16LE when the
 * message's NTLMSSP_NEGOTIATE_UNICODE is set, else OEM text kept one character per octet. The
 * responses and the key are kept as sent; {@link #ntlmV2Response()} reads the NTLMv2 one.
 *
 * <p>{@link #toString()} shows the responses, the key and the MIC by length only: an NTLMv2
 * response with its server challenge is enough to guess the password offline, so it stays out of
 * logs.
 *
 * <p>The header is 64, 72 or 88 octets: the VERSION follows the fixed part when the message has one
 * (see {@link NegotiateMessage}), and the MIC follows the VERSION when the payload leaves room for
 * it. No flag says whether there is a MIC; the client's MsvAvFlags say whether it must be checked.
 *
 * @param lmChallengeResponse LmChallengeResponse
 * @param ntChallengeResponse NtChallengeResponse
 * @param domainName DomainName
 * @param userName UserName
 * @param workstation Workstation
 * @param encryptedRandomSessionKey EncryptedRandomSessionKey, empty without
 *     NTLMSSP_NEGOTIATE_KEY_EXCH
 * @param negotiateFlags NegotiateFlags
 * @param version Version, or null
 * @param mic MIC (16 octets), or null when the header has none
 * @param payloadOrder the order of the payload fields
 * @param emptyFieldOffsets how empty fields point
 */
public record AuthenticateMessage(
    Octets lmChallengeResponse,
    Octets ntChallengeResponse,
    String domainName,
    String userName,
    String workstation,
    Octets encryptedRandomSessionKey,
    NegotiateFlags negotiateFlags,
    NtlmVersion version,
    Octets mic,
    PayloadOrder payloadOrder,
    EmptyFieldOffsets emptyFieldOffsets)
    implements NtlmMessage {
  public static final String NAME = "AUTHENTICATE_MESSAGE";

  public static final int FIXED_PART_SIZE =
      8 // Signature
          + 4 // MessageType
          + Payload.FIELD_SIZE // LmChallengeResponseFields
          + Payload.FIELD_SIZE // NtChallengeResponseFields
          + Payload.FIELD_SIZE // DomainNameFields
          + Payload.FIELD_SIZE // UserNameFields
          + Payload.FIELD_SIZE // WorkstationFields
          + Payload.FIELD_SIZE // EncryptedRandomSessionKeyFields
          + 4; // NegotiateFlags

  /** Where the MIC sits: after the fixed part and the VERSION. */
  public static final int MIC_OFFSET = FIXED_PART_SIZE + NtlmVersion.FIXED_PART_SIZE;

  /** The length of the MIC. */
  public static final int MIC_LENGTH = 16;

  /**
   * The order of the payload fields, which peers choose differently. EncryptedRandomSessionKey is
   * last in both. A message whose names or whose responses are all empty is {@link #NAMES_FIRST}.
   */
  public enum PayloadOrder {
    /** DomainName, UserName, Workstation, then the two responses: Windows, FreeRDP, the spec. */
    NAMES_FIRST,
    /** LmChallengeResponse, NtChallengeResponse, then the names: redemption. */
    RESPONSES_FIRST
  }

  public AuthenticateMessage {
    Objects.requireNonNull(lmChallengeResponse, "lmChallengeResponse");
    Objects.requireNonNull(ntChallengeResponse, "ntChallengeResponse");
    Objects.requireNonNull(domainName, "domainName");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(workstation, "workstation");
    Objects.requireNonNull(encryptedRandomSessionKey, "encryptedRandomSessionKey");
    Objects.requireNonNull(negotiateFlags, "negotiateFlags");
    boolean unicode = unicode(negotiateFlags);
    for (String s : new String[] {domainName, userName, workstation}) {
      if (!Payload.encodable(s, unicode)) {
        throw new IllegalArgumentException("a name does not fit its character set or length");
      }
    }
    for (Octets o :
        new Octets[] {lmChallengeResponse, ntChallengeResponse, encryptedRandomSessionKey}) {
      if (o.length() > 0xFFFF) {
        throw new IllegalArgumentException("a payload field longer than 65535 octets");
      }
    }
    if (version == null && negotiateFlags.has(NegotiateFlags.NEGOTIATE_VERSION)) {
      throw new IllegalArgumentException("NTLMSSP_NEGOTIATE_VERSION set but no Version");
    }
    if (mic != null && (mic.length() != MIC_LENGTH || version == null)) {
      throw new IllegalArgumentException("a MIC is 16 octets and follows a Version");
    }
    Objects.requireNonNull(payloadOrder, "payloadOrder");
    if ((domainName.isEmpty() && userName.isEmpty() && workstation.isEmpty())
        || (lmChallengeResponse.length() == 0 && ntChallengeResponse.length() == 0)) {
      payloadOrder = PayloadOrder.NAMES_FIRST;
    }
    emptyFieldOffsets =
        Payload.normalize(
            emptyFieldOffsets,
            lmChallengeResponse.length(),
            ntChallengeResponse.length(),
            domainName.length(),
            userName.length(),
            workstation.length(),
            encryptedRandomSessionKey.length());
  }

  private static boolean unicode(NegotiateFlags flags) {
    return flags.has(NegotiateFlags.NEGOTIATE_UNICODE);
  }

  /** Reads a whole AUTHENTICATE_MESSAGE: every readable byte. */
  public static AuthenticateMessage decode(ByteBuf in) {
    int start = Payload.open(in, NTLMSSP_AUTH, FIXED_PART_SIZE, NAME);
    Payload.Field lm = Payload.field(in, start, 12, FIXED_PART_SIZE, NAME, "LmChallengeResponse");
    Payload.Field nt = Payload.field(in, start, 20, FIXED_PART_SIZE, NAME, "NtChallengeResponse");
    Payload.Field domain = Payload.field(in, start, 28, FIXED_PART_SIZE, NAME, "DomainName");
    Payload.Field user = Payload.field(in, start, 36, FIXED_PART_SIZE, NAME, "UserName");
    Payload.Field ws = Payload.field(in, start, 44, FIXED_PART_SIZE, NAME, "Workstation");
    Payload.Field key =
        Payload.field(in, start, 52, FIXED_PART_SIZE, NAME, "EncryptedRandomSessionKey");
    int flags = in.getIntLE(start + 60);
    Payload.Field[] fields = {lm, nt, domain, user, ws, key};
    int payloadStart = Payload.payloadStart(in, start, fields);
    boolean anyField = false;
    for (Payload.Field f : fields) {
      anyField |= !f.isEmpty();
    }
    NtlmVersion version =
        Payload.version(in, start, FIXED_PART_SIZE, payloadStart, flags, anyField, NAME);
    Octets mic = null;
    if (version != null && payloadStart >= MIC_OFFSET + MIC_LENGTH) {
      byte[] m = new byte[MIC_LENGTH];
      in.getBytes(start + MIC_OFFSET, m);
      mic = Octets.of(m);
    }
    boolean unicode = (flags & NegotiateFlags.NEGOTIATE_UNICODE) != 0;
    AuthenticateMessage message =
        new AuthenticateMessage(
            Payload.bytes(in, start, lm),
            Payload.bytes(in, start, nt),
            Payload.text(in, start, domain, unicode, NAME),
            Payload.text(in, start, user, unicode, NAME),
            Payload.text(in, start, ws, unicode, NAME),
            Payload.bytes(in, start, key),
            new NegotiateFlags(flags),
            version,
            mic,
            order(lm, nt, domain, user, ws),
            Payload.emptyFieldOffsets(fields));
    in.readerIndex(in.writerIndex());
    return message;
  }

  private static PayloadOrder order(Payload.Field... f) {
    long responses = Math.min(start(f[0]), start(f[1]));
    long names = Math.min(start(f[2]), Math.min(start(f[3]), start(f[4])));
    return responses < names && names != Long.MAX_VALUE
        ? PayloadOrder.RESPONSES_FIRST
        : PayloadOrder.NAMES_FIRST;
  }

  private static long start(Payload.Field f) {
    return f.isEmpty() ? Long.MAX_VALUE : f.offset();
  }

  @Override
  public int messageType() {
    return NTLMSSP_AUTH;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The octets before the payload: 64, 72 or 88. */
  public int headerSize() {
    return FIXED_PART_SIZE
        + (version == null ? 0 : NtlmVersion.FIXED_PART_SIZE)
        + (mic == null ? 0 : MIC_LENGTH);
  }

  /** The lengths of the payload fields in payload order. */
  private int[] lengths() {
    boolean unicode = unicode(negotiateFlags);
    int domain = Payload.textLength(domainName, unicode);
    int user = Payload.textLength(userName, unicode);
    int ws = Payload.textLength(workstation, unicode);
    int lm = lmChallengeResponse.length();
    int nt = ntChallengeResponse.length();
    int key = encryptedRandomSessionKey.length();
    return payloadOrder == PayloadOrder.NAMES_FIRST
        ? new int[] {domain, user, ws, lm, nt, key}
        : new int[] {lm, nt, domain, user, ws, key};
  }

  @Override
  public int size() {
    int size = headerSize();
    for (int n : lengths()) {
      size += n;
    }
    return size;
  }

  @Override
  public void encode(ByteBuf out) {
    boolean unicode = unicode(negotiateFlags);
    boolean namesFirst = payloadOrder == PayloadOrder.NAMES_FIRST;
    int[] len = lengths();
    int[] off = Payload.offsets(headerSize(), emptyFieldOffsets, len);
    // indexes into len and off of each field, in descriptor order
    int lm = namesFirst ? 3 : 0;
    int nt = lm + 1;
    int domain = namesFirst ? 0 : 2;
    Payload.writeHeader(out, NTLMSSP_AUTH);
    Payload.writeField(out, len[lm], off[lm]);
    Payload.writeField(out, len[nt], off[nt]);
    Payload.writeField(out, len[domain], off[domain]);
    Payload.writeField(out, len[domain + 1], off[domain + 1]);
    Payload.writeField(out, len[domain + 2], off[domain + 2]);
    Payload.writeField(out, len[5], off[5]);
    out.writeIntLE(negotiateFlags.bits());
    if (version != null) {
      version.encode(out);
    }
    if (mic != null) {
      mic.writeTo(out);
    }
    if (!namesFirst) {
      lmChallengeResponse.writeTo(out);
      ntChallengeResponse.writeTo(out);
    }
    Payload.writeText(out, domainName, unicode);
    Payload.writeText(out, userName, unicode);
    Payload.writeText(out, workstation, unicode);
    if (namesFirst) {
      lmChallengeResponse.writeTo(out);
      ntChallengeResponse.writeTo(out);
    }
    encryptedRandomSessionKey.writeTo(out);
  }

  /** This message with another MIC (the header must have room for one: a Version). */
  public AuthenticateMessage withMic(Octets value) {
    return new AuthenticateMessage(
        lmChallengeResponse,
        ntChallengeResponse,
        domainName,
        userName,
        workstation,
        encryptedRandomSessionKey,
        negotiateFlags,
        version,
        value,
        payloadOrder,
        emptyFieldOffsets);
  }

  /**
   * NtChallengeResponse read as an NTLMv2_RESPONSE.
   *
   * @throws dev.rdpprobe.wire.DecodeException if it is not one (an NTLM v1 response is 24 octets)
   */
  public NtlmV2Response ntlmV2Response() {
    ByteBuf in = ntChallengeResponse.asByteBuf();
    return NtlmV2Response.decode(in);
  }

  /**
   * This message with its LM and NTLMv2 responses, encrypted session key and MIC zeroed, each at
   * its length, so it encodes to as many bytes: what a trace may keep (the originals let anyone
   * holding the server's challenge test passwords offline).
   */
  public AuthenticateMessage withProofsZeroed() {
    return new AuthenticateMessage(
        Octets.zeros(lmChallengeResponse.length()),
        Octets.zeros(ntChallengeResponse.length()),
        domainName,
        userName,
        workstation,
        Octets.zeros(encryptedRandomSessionKey.length()),
        negotiateFlags,
        version,
        mic == null ? null : Octets.zeros(mic.length()),
        payloadOrder,
        emptyFieldOffsets);
  }

  /** Every field, with the responses, the key and the MIC as lengths only. */
  @Override
  public String toString() {
    return "AuthenticateMessage[lmChallengeResponse=<"
        + lmChallengeResponse.length()
        + " bytes>, ntChallengeResponse=<"
        + ntChallengeResponse.length()
        + " bytes>, domainName="
        + domainName
        + ", userName="
        + userName
        + ", workstation="
        + workstation
        + ", encryptedRandomSessionKey=<"
        + encryptedRandomSessionKey.length()
        + " bytes>, negotiateFlags="
        + negotiateFlags
        + ", version="
        + version
        + ", mic="
        + (mic == null ? "none" : "<16 bytes>")
        + ", payloadOrder="
        + payloadOrder
        + ", emptyFieldOffsets="
        + emptyFieldOffsets
        + "]";
  }

  @Override
  public String summary() {
    return "user="
        + (domainName.isEmpty() ? "" : domainName + "\\")
        + userName
        + (workstation.isEmpty() ? "" : ", workstation=" + workstation)
        + ", flags="
        + negotiateFlags
        + ", ntChallengeResponse "
        + ntChallengeResponse.length()
        + " bytes"
        + (mic == null ? "" : ", MIC")
        + (version == null ? "" : ", version=" + version.productVersion());
  }
}
