package dev.rdpprobe.wire.ntlm;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1): the client's first NTLM message, its flags and, rarely, its
 * domain and workstation names in the OEM character set (present with
 * NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED and ..._WORKSTATION_SUPPLIED; the codec reads whatever the
 * descriptors hold). OEM text is kept one character per octet.
 *
 * @param negotiateFlags NegotiateFlags
 * @param domainName DomainName (OEM), empty when absent
 * @param workstation Workstation (OEM), empty when absent
 * @param version Version, or null when the message has none (no NTLMSSP_NEGOTIATE_VERSION and no
 *     room for it)
 * @param emptyFieldOffsets how empty fields point
 */
public record NegotiateMessage(
    NegotiateFlags negotiateFlags,
    String domainName,
    String workstation,
    NtlmVersion version,
    EmptyFieldOffsets emptyFieldOffsets)
    implements NtlmMessage {
  public static final String NAME = "NEGOTIATE_MESSAGE";

  public static final int FIXED_PART_SIZE =
      8 // Signature
          + 4 // MessageType
          + 4 // NegotiateFlags
          + Payload.FIELD_SIZE // DomainNameFields
          + Payload.FIELD_SIZE; // WorkstationFields

  public NegotiateMessage {
    Objects.requireNonNull(negotiateFlags, "negotiateFlags");
    Objects.requireNonNull(domainName, "domainName");
    Objects.requireNonNull(workstation, "workstation");
    if (!Payload.encodable(domainName, false) || !Payload.encodable(workstation, false)) {
      throw new IllegalArgumentException("DomainName and Workstation are OEM text, at most 65535");
    }
    if (version == null && negotiateFlags.has(NegotiateFlags.NEGOTIATE_VERSION)) {
      throw new IllegalArgumentException("NTLMSSP_NEGOTIATE_VERSION set but no Version");
    }
    emptyFieldOffsets =
        Payload.normalize(emptyFieldOffsets, domainName.length(), workstation.length());
  }

  /**
   * The NEGOTIATE_MESSAGE a Windows client sends: flags {@code 0xe20882b7}, no names, empty fields
   * pointing at 0, and the given version.
   */
  public static NegotiateMessage windowsClient(NtlmVersion version) {
    return new NegotiateMessage(
        NegotiateFlags.WINDOWS_CLIENT_NEGOTIATE, "", "", version, EmptyFieldOffsets.ZERO);
  }

  /** Reads a whole NEGOTIATE_MESSAGE: every readable byte. */
  public static NegotiateMessage decode(ByteBuf in) {
    int start = Payload.open(in, NTLMSSP_NEGOTIATE, FIXED_PART_SIZE, NAME);
    int flags = in.getIntLE(start + 12);
    Payload.Field domain = Payload.field(in, start, 16, FIXED_PART_SIZE, NAME, "DomainName");
    Payload.Field ws = Payload.field(in, start, 24, FIXED_PART_SIZE, NAME, "Workstation");
    int payloadStart = Payload.payloadStart(in, start, domain, ws);
    NtlmVersion version =
        Payload.version(
            in,
            start,
            FIXED_PART_SIZE,
            payloadStart,
            flags,
            !domain.isEmpty() || !ws.isEmpty(),
            NAME);
    String domainName = Payload.text(in, start, domain, false, NAME);
    String workstation = Payload.text(in, start, ws, false, NAME);
    in.readerIndex(in.writerIndex());
    return new NegotiateMessage(
        new NegotiateFlags(flags),
        domainName,
        workstation,
        version,
        Payload.emptyFieldOffsets(domain, ws));
  }

  @Override
  public int messageType() {
    return NTLMSSP_NEGOTIATE;
  }

  @Override
  public String name() {
    return NAME;
  }

  private int headerSize() {
    return FIXED_PART_SIZE + (version == null ? 0 : NtlmVersion.FIXED_PART_SIZE);
  }

  @Override
  public int size() {
    return headerSize() + domainName.length() + workstation.length();
  }

  @Override
  public void encode(ByteBuf out) {
    int[] offsets =
        Payload.offsets(headerSize(), emptyFieldOffsets, domainName.length(), workstation.length());
    Payload.writeHeader(out, NTLMSSP_NEGOTIATE);
    out.writeIntLE(negotiateFlags.bits());
    Payload.writeField(out, domainName.length(), offsets[0]);
    Payload.writeField(out, workstation.length(), offsets[1]);
    if (version != null) {
      version.encode(out);
    }
    Payload.writeText(out, domainName, false);
    Payload.writeText(out, workstation, false);
  }

  @Override
  public String summary() {
    return "flags="
        + negotiateFlags
        + (domainName.isEmpty() ? "" : ", domain=" + domainName)
        + (workstation.isEmpty() ? "" : ", workstation=" + workstation)
        + (version == null ? "" : ", version=" + version.productVersion());
  }
}
