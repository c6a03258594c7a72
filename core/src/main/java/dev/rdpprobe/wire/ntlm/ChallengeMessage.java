package dev.rdpprobe.wire.ntlm;

import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2): the server's challenge, its flags, its name and its
 * TargetInfo (the NetBIOS and DNS names, the server time), which nmap's {@code rdp-ntlm-info}
 * reports. TargetName is UTF-16LE when the message's NTLMSSP_NEGOTIATE_UNICODE is set, else OEM
 * text kept one character per octet.
 *
 * @param targetName TargetName, empty when absent
 * @param negotiateFlags NegotiateFlags
 * @param serverChallenge ServerChallenge, 8 octets
 * @param reserved Reserved, 8 octets read as a little-endian number (zero from every peer)
 * @param targetInfo TargetInfo, or null when the field is empty
 * @param version Version, or null when the message has none
 * @param emptyFieldOffsets how empty fields point
 */
public record ChallengeMessage(
    String targetName,
    NegotiateFlags negotiateFlags,
    Octets serverChallenge,
    long reserved,
    AvPairs targetInfo,
    NtlmVersion version,
    EmptyFieldOffsets emptyFieldOffsets)
    implements NtlmMessage {
  public static final String NAME = "CHALLENGE_MESSAGE";

  public static final int FIXED_PART_SIZE =
      8 // Signature
          + 4 // MessageType
          + Payload.FIELD_SIZE // TargetNameFields
          + 4 // NegotiateFlags
          + 8 // ServerChallenge
          + 8 // Reserved
          + Payload.FIELD_SIZE; // TargetInfoFields

  /** The length of ServerChallenge. */
  public static final int CHALLENGE_LENGTH = 8;

  public ChallengeMessage {
    Objects.requireNonNull(targetName, "targetName");
    Objects.requireNonNull(negotiateFlags, "negotiateFlags");
    Objects.requireNonNull(serverChallenge, "serverChallenge");
    if (serverChallenge.length() != CHALLENGE_LENGTH) {
      throw new IllegalArgumentException("ServerChallenge must be 8 octets");
    }
    if (!Payload.encodable(targetName, unicode(negotiateFlags))) {
      throw new IllegalArgumentException("TargetName does not fit its character set or length");
    }
    if (targetInfo != null && targetInfo.size() > 0xFFFF) {
      throw new IllegalArgumentException("TargetInfo longer than 65535 octets");
    }
    if (version == null && negotiateFlags.has(NegotiateFlags.NEGOTIATE_VERSION)) {
      throw new IllegalArgumentException("NTLMSSP_NEGOTIATE_VERSION set but no Version");
    }
    emptyFieldOffsets =
        Payload.normalize(
            emptyFieldOffsets,
            Payload.textLength(targetName, unicode(negotiateFlags)),
            targetInfo == null ? 0 : 1);
  }

  private static boolean unicode(NegotiateFlags flags) {
    return flags.has(NegotiateFlags.NEGOTIATE_UNICODE);
  }

  /** Reads a whole CHALLENGE_MESSAGE: every readable byte. */
  public static ChallengeMessage decode(ByteBuf in) {
    int start = Payload.open(in, NTLMSSP_CHALLENGE, FIXED_PART_SIZE, NAME);
    Payload.Field name = Payload.field(in, start, 12, FIXED_PART_SIZE, NAME, "TargetName");
    int flags = in.getIntLE(start + 20);
    byte[] challenge = new byte[CHALLENGE_LENGTH];
    in.getBytes(start + 24, challenge);
    long reserved = in.getLongLE(start + 32);
    Payload.Field info = Payload.field(in, start, 40, FIXED_PART_SIZE, NAME, "TargetInfo");
    int payloadStart = Payload.payloadStart(in, start, name, info);
    NtlmVersion version =
        Payload.version(
            in,
            start,
            FIXED_PART_SIZE,
            payloadStart,
            flags,
            !name.isEmpty() || !info.isEmpty(),
            NAME);
    boolean unicode = (flags & NegotiateFlags.NEGOTIATE_UNICODE) != 0;
    String targetName = Payload.text(in, start, name, unicode, NAME);
    AvPairs targetInfo =
        info.isEmpty() ? null : AvPairs.decode(Payload.view(in, start, info), NAME);
    in.readerIndex(in.writerIndex());
    return new ChallengeMessage(
        targetName,
        new NegotiateFlags(flags),
        Octets.of(challenge),
        reserved,
        targetInfo,
        version,
        Payload.emptyFieldOffsets(name, info));
  }

  @Override
  public int messageType() {
    return NTLMSSP_CHALLENGE;
  }

  @Override
  public String name() {
    return NAME;
  }

  private int headerSize() {
    return FIXED_PART_SIZE + (version == null ? 0 : NtlmVersion.FIXED_PART_SIZE);
  }

  private int targetNameLength() {
    return Payload.textLength(targetName, unicode(negotiateFlags));
  }

  private int targetInfoLength() {
    return targetInfo == null ? 0 : targetInfo.size();
  }

  @Override
  public int size() {
    return headerSize() + targetNameLength() + targetInfoLength();
  }

  @Override
  public void encode(ByteBuf out) {
    int nameLength = targetNameLength();
    int infoLength = targetInfoLength();
    int[] offsets = Payload.offsets(headerSize(), emptyFieldOffsets, nameLength, infoLength);
    Payload.writeHeader(out, NTLMSSP_CHALLENGE);
    Payload.writeField(out, nameLength, offsets[0]);
    out.writeIntLE(negotiateFlags.bits());
    serverChallenge.writeTo(out);
    out.writeLongLE(reserved);
    Payload.writeField(out, infoLength, offsets[1]);
    if (version != null) {
      version.encode(out);
    }
    Payload.writeText(out, targetName, unicode(negotiateFlags));
    if (targetInfo != null) {
      targetInfo.encode(out);
    }
  }

  /** The TargetInfo, or the empty list when the field is empty. */
  public AvPairs targetInfoOrEmpty() {
    return targetInfo == null ? AvPairs.EMPTY : targetInfo;
  }

  @Override
  public String summary() {
    return "flags="
        + negotiateFlags
        + (targetName.isEmpty() ? "" : ", targetName=" + targetName)
        + (targetInfo == null ? "" : ", targetInfo=[" + targetInfo.summary() + "]")
        + (version == null ? "" : ", version=" + version.productVersion());
  }
}
