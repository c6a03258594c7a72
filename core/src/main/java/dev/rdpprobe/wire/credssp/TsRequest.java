package dev.rdpprobe.wire.credssp;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.ntlm.AuthenticateMessage;
import dev.rdpprobe.wire.ntlm.NtlmMessage;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * TSRequest (MS-CSSP 2.2.1): every message of the CredSSP exchange, DER-encoded.
 *
 * <pre>
 * TSRequest ::= SEQUENCE {
 *   version     [0] INTEGER,
 *   negoTokens  [1] NegoData OPTIONAL,      -- SEQUENCE OF SEQUENCE { negoToken [0] OCTET STRING }
 *   authInfo    [2] OCTET STRING OPTIONAL,  -- the encrypted TSCredentials
 *   pubKeyAuth  [3] OCTET STRING OPTIONAL,
 *   errorCode   [4] INTEGER OPTIONAL,       -- an NTSTATUS; versions 3, 4 and 6
 *   clientNonce [5] OCTET STRING OPTIONAL   -- 32 octets; versions 5 and 6
 * }
 * </pre>
 *
 * <p>Versions 2 to 6 are defined; a peer may announce a higher one (nmap's probe says 0x60), which
 * the receiver treats as its own highest, so any version decodes. Fields are kept whatever the
 * version (an errorCode in a version 2 request is reported, not dropped). Absent fields are {@code
 * null} ({@code negoTokens}: empty); an OCTET STRING that is present but empty is {@link
 * Octets#EMPTY}. A NegoData with no token is malformed.
 *
 * <p>{@link #toString()} is the {@link #summary()}: field sizes, not contents, because a negoToken
 * may hold an NTLMv2 response (enough to guess a password offline) and authInfo the sealed
 * credentials.
 *
 * <p>{@link #encode} writes DER as Windows and FreeRDP do (minimal definite lengths, the NTSTATUS
 * as a negative four-octet INTEGER); see {@link Der} for what the decoder accepts beyond that. A
 * whole TSRequest is at most {@link #MAX_LENGTH} octets: room for a Kerberos token of the largest
 * MaxTokenSize (65535) with everything around it.
 *
 * @param version version
 * @param negoTokens the negoToken of each NegoData entry, in order; empty when negoTokens is absent
 * @param authInfo authInfo, or null
 * @param pubKeyAuth pubKeyAuth, or null
 * @param errorCode errorCode, or null
 * @param clientNonce clientNonce, or null
 */
public record TsRequest(
    int version,
    List<Octets> negoTokens,
    Octets authInfo,
    Octets pubKeyAuth,
    NtStatus errorCode,
    Octets clientNonce)
    implements Pdu, CarriesNtStatus {
  public static final String NAME = "TSRequest";

  /** The highest version MS-CSSP defines, the one Windows 10 and later and FreeRDP 2 send. */
  public static final int CURRENT_VERSION = 6;

  /** The first version with errorCode. */
  public static final int ERROR_CODE_VERSION = 3;

  /** The first version with clientNonce and the hashed pubKeyAuth. */
  public static final int CLIENT_NONCE_VERSION = 5;

  /** The length of a clientNonce: 32 random octets. */
  public static final int NONCE_LENGTH = 32;

  /** The largest TSRequest, identifier and length octets included. */
  public static final int MAX_LENGTH = 128 * 1024;

  /** The most negoTokens one NegoData may hold (Windows and FreeRDP send one). */
  public static final int MAX_NEGO_TOKENS = 16;

  private static final String F_VERSION = "version";
  private static final String F_NEGO_TOKENS = "negoTokens";
  private static final String F_NEGO_DATA_ENTRY = "NegoData entry";
  private static final String F_NEGO_TOKEN = "negoToken";
  private static final String F_AUTH_INFO = "authInfo";
  private static final String F_PUB_KEY_AUTH = "pubKeyAuth";
  private static final String F_ERROR_CODE = "errorCode";
  private static final String F_CLIENT_NONCE = "clientNonce";

  public TsRequest {
    negoTokens = List.copyOf(negoTokens);
    if (negoTokens.size() > MAX_NEGO_TOKENS) {
      throw new IllegalArgumentException("more than " + MAX_NEGO_TOKENS + " negoTokens");
    }
  }

  /** A request with only the version. */
  public static TsRequest of(int version) {
    return new TsRequest(version, List.of(), null, null, null, null);
  }

  /** This request with one negoToken (replacing any). */
  public TsRequest withNegoToken(Octets token) {
    Objects.requireNonNull(token, "token");
    return new TsRequest(version, List.of(token), authInfo, pubKeyAuth, errorCode, clientNonce);
  }

  /** This request with authInfo. */
  public TsRequest withAuthInfo(Octets value) {
    return new TsRequest(version, negoTokens, value, pubKeyAuth, errorCode, clientNonce);
  }

  /** This request with pubKeyAuth. */
  public TsRequest withPubKeyAuth(Octets value) {
    return new TsRequest(version, negoTokens, authInfo, value, errorCode, clientNonce);
  }

  /** This request with errorCode. */
  public TsRequest withErrorCode(NtStatus value) {
    return new TsRequest(version, negoTokens, authInfo, pubKeyAuth, value, clientNonce);
  }

  /** This request with clientNonce. */
  public TsRequest withClientNonce(Octets value) {
    return new TsRequest(version, negoTokens, authInfo, pubKeyAuth, errorCode, value);
  }

  /**
   * This request as a trace may keep it, encoding to as many bytes: an NTLM AUTHENTICATE token with
   * its proofs zeroed ({@link AuthenticateMessage#withProofsZeroed}), authInfo and pubKeyAuth
   * zeroed; names, flags, versions and the clientNonce kept.
   */
  public TsRequest redacted() {
    List<Octets> tokens = new ArrayList<>();
    for (Octets token : negoTokens) {
      tokens.add(redactedToken(token));
    }
    return new TsRequest(
        version,
        tokens,
        authInfo == null ? null : Octets.zeros(authInfo.length()),
        pubKeyAuth == null ? null : Octets.zeros(pubKeyAuth.length()),
        errorCode,
        clientNonce);
  }

  private static Octets redactedToken(Octets token) {
    if (token.length() < 12 || !isNtlmSignature(token) || token.get(8) != 3) {
      return token; // not an AUTHENTICATE_MESSAGE: no proof in it
    }
    try {
      Octets shown =
          Octets.encode(
              ((AuthenticateMessage) NtlmMessage.decode(token.asByteBuf())).withProofsZeroed());
      return shown.length() == token.length() ? shown : Octets.zeros(token.length());
    } catch (DecodeException | ClassCastException e) {
      return Octets.zeros(token.length());
    }
  }

  /** The first negoToken, or null. */
  public Octets negoToken() {
    return negoTokens.isEmpty() ? null : negoTokens.get(0);
  }

  @Override
  public OptionalInt ntStatus() {
    return errorCode == null ? OptionalInt.empty() : OptionalInt.of(errorCode.value());
  }

  // --- framing --------------------------------------------------------------------------------

  /**
   * The length of the TSRequest at the reader index, identifier and length octets included, for the
   * connector's framing hint; reads nothing.
   *
   * @return the frame length, or -1 if more bytes are needed to tell
   * @throws DecodeException if the bytes cannot start a TSRequest ({@code 30} and a definite length
   *     of at most {@link #MAX_LENGTH})
   */
  public static int frameLength(ByteBuf in) {
    int start = in.readerIndex();
    int readable = in.readableBytes();
    if (readable < 2) {
      return -1;
    }
    int tag = in.getUnsignedByte(start);
    if (tag != Der.TAG_SEQUENCE) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE, NAME, NAME, start, tag, "0x30");
    }
    int first = in.getUnsignedByte(start + 1);
    long length;
    int header;
    if (first < 0x80) {
      length = first;
      header = 2;
    } else if (first == 0x80 || first > 0x84) {
      throw Wire.invalid(
          NAME, NAME + " length", start + 1, first, "a definite length of at most 4 octets");
    } else {
      int n = first & 0x7F;
      header = 2 + n;
      if (readable < header) {
        return -1;
      }
      length = 0;
      for (int i = 0; i < n; i++) {
        length = length << 8 | in.getUnsignedByte(start + 2 + i);
      }
    }
    if (header + length > MAX_LENGTH) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LARGE,
          NAME,
          NAME + " length",
          start + 1,
          header + length,
          "at most " + MAX_LENGTH + " bytes in all");
    }
    return (int) (header + length);
  }

  // --- decoding -------------------------------------------------------------------------------

  /** Reads one TSRequest; bytes after it are left alone. */
  public static TsRequest decode(ByteBuf in) {
    int framed = frameLength(in);
    if (framed < 0) {
      Wire.ensure(in, 2, NAME, NAME);
    }
    Der.Reader r = new Der.Reader(in, NAME);
    r.enter(Der.TAG_SEQUENCE, NAME, DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE);

    r.enter(Der.context(0), F_VERSION, DecodeException.Kind.INVALID_FIELD);
    int version = r.readInteger(F_VERSION);
    r.leave(F_VERSION);

    List<Octets> tokens = List.of();
    Octets authInfo = null;
    Octets pubKeyAuth = null;
    NtStatus errorCode = null;
    Octets clientNonce = null;
    int next = 1;
    while (!r.atEnd()) {
      int offset = r.offset();
      int tag = r.peekTag();
      int n = tag & 0x1F;
      if ((tag & 0xE0) != 0xA0 || n < next || n > 5) {
        throw Wire.invalid(
            NAME,
            "field tag",
            offset,
            tag,
            next > 5
                ? "the end of the TSRequest"
                : "[" + next + "] to [5] in order (" + Wire.hex(Der.context(next)) + " to 0xa5)");
      }
      switch (n) {
        case 1 -> tokens = readNegoData(r);
        case 2 -> authInfo = readOctets(r, 2, F_AUTH_INFO);
        case 3 -> pubKeyAuth = readOctets(r, 3, F_PUB_KEY_AUTH);
        case 4 -> {
          r.enter(Der.context(4), F_ERROR_CODE, DecodeException.Kind.INVALID_FIELD);
          errorCode = new NtStatus(r.readInteger(F_ERROR_CODE));
          r.leave(F_ERROR_CODE);
        }
        default -> clientNonce = readOctets(r, 5, F_CLIENT_NONCE);
      }
      next = n + 1;
    }
    r.leave(NAME);
    return new TsRequest(version, tokens, authInfo, pubKeyAuth, errorCode, clientNonce);
  }

  private static List<Octets> readNegoData(Der.Reader r) {
    r.enter(Der.context(1), F_NEGO_TOKENS, DecodeException.Kind.INVALID_FIELD);
    int offset = r.offset();
    r.enter(Der.TAG_SEQUENCE, F_NEGO_TOKENS, DecodeException.Kind.INVALID_FIELD);
    List<Octets> tokens = new ArrayList<>(1);
    while (!r.atEnd()) {
      if (tokens.size() == MAX_NEGO_TOKENS) {
        throw new DecodeException(
            DecodeException.Kind.TOO_LARGE,
            NAME,
            F_NEGO_TOKENS,
            r.offset(),
            tokens.size() + 1,
            "at most " + MAX_NEGO_TOKENS + " negoTokens");
      }
      r.enter(Der.TAG_SEQUENCE, F_NEGO_DATA_ENTRY, DecodeException.Kind.INVALID_FIELD);
      r.enter(Der.context(0), F_NEGO_TOKEN, DecodeException.Kind.INVALID_FIELD);
      tokens.add(r.readOctetString(F_NEGO_TOKEN, MAX_LENGTH));
      r.leave(F_NEGO_TOKEN);
      r.leave(F_NEGO_DATA_ENTRY);
    }
    if (tokens.isEmpty()) {
      throw Wire.invalid(NAME, F_NEGO_TOKENS, offset, 0, "at least one negoToken");
    }
    r.leave(F_NEGO_TOKENS);
    r.leave(F_NEGO_TOKENS);
    return tokens;
  }

  private static Octets readOctets(Der.Reader r, int tagNumber, String field) {
    r.enter(Der.context(tagNumber), field, DecodeException.Kind.INVALID_FIELD);
    Octets value = r.readOctetString(field, MAX_LENGTH);
    r.leave(field);
    return value;
  }

  // --- encoding -------------------------------------------------------------------------------

  private int contentSize() {
    int size = Der.tlvSize(Der.integerSize(version));
    if (!negoTokens.isEmpty()) {
      size += Der.tlvSize(negoDataSize());
    }
    size += explicitOctetsSize(authInfo);
    size += explicitOctetsSize(pubKeyAuth);
    if (errorCode != null) {
      size += Der.tlvSize(Der.integerSize(errorCode.value()));
    }
    size += explicitOctetsSize(clientNonce);
    return size;
  }

  /** The size of the NegoData SEQUENCE OF, the content of {@code [1]}. */
  private int negoDataSize() {
    return Der.tlvSize(negoEntriesSize());
  }

  /** The content of the NegoData SEQUENCE OF: one SEQUENCE per token. */
  private int negoEntriesSize() {
    int content = 0;
    for (Octets token : negoTokens) {
      content += Der.tlvSize(Der.tlvSize(Der.octetStringSize(token)));
    }
    return content;
  }

  private static int explicitOctetsSize(Octets value) {
    return value == null ? 0 : Der.tlvSize(Der.octetStringSize(value));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return Der.tlvSize(contentSize());
  }

  @Override
  public void encode(ByteBuf out) {
    Der.writeHeader(out, Der.TAG_SEQUENCE, contentSize());
    Der.writeHeader(out, Der.context(0), Der.integerSize(version));
    Der.writeInteger(out, version);
    if (!negoTokens.isEmpty()) {
      Der.writeHeader(out, Der.context(1), negoDataSize());
      Der.writeHeader(out, Der.TAG_SEQUENCE, negoEntriesSize());
      for (Octets token : negoTokens) {
        int inner = Der.octetStringSize(token);
        Der.writeHeader(out, Der.TAG_SEQUENCE, Der.tlvSize(inner));
        Der.writeHeader(out, Der.context(0), inner);
        Der.writeOctetString(out, token);
      }
    }
    writeExplicitOctets(out, 2, authInfo);
    writeExplicitOctets(out, 3, pubKeyAuth);
    if (errorCode != null) {
      Der.writeHeader(out, Der.context(4), Der.integerSize(errorCode.value()));
      Der.writeInteger(out, errorCode.value());
    }
    writeExplicitOctets(out, 5, clientNonce);
  }

  private static void writeExplicitOctets(ByteBuf out, int tagNumber, Octets value) {
    if (value != null) {
      Der.writeHeader(out, Der.context(tagNumber), Der.octetStringSize(value));
      Der.writeOctetString(out, value);
    }
  }

  @Override
  public String summary() {
    StringBuilder sb = new StringBuilder("version=").append(version);
    for (Octets token : negoTokens) {
      sb.append(", negoToken=").append(describeToken(token));
    }
    if (authInfo != null) {
      sb.append(", authInfo ").append(authInfo.length()).append(" bytes");
    }
    if (pubKeyAuth != null) {
      sb.append(", pubKeyAuth ").append(pubKeyAuth.length()).append(" bytes");
    }
    if (errorCode != null) {
      sb.append(", errorCode=").append(errorCode);
    }
    if (clientNonce != null) {
      sb.append(", clientNonce ").append(clientNonce.length()).append(" bytes");
    }
    return sb.toString();
  }

  /** The summary: sizes, never the octets of a token, authInfo or pubKeyAuth. */
  @Override
  public String toString() {
    return "TsRequest[" + summary() + "]";
  }

  /** {@code NTLM CHALLENGE_MESSAGE (282 bytes)} for raw NTLMSSP, else the size. */
  private static String describeToken(Octets token) {
    String kind = "";
    if (token.length() >= 12 && isNtlmSignature(token)) {
      int type = token.getIntLE(8);
      kind =
          switch (type) {
            case 1 -> "NTLM NEGOTIATE_MESSAGE ";
            case 2 -> "NTLM CHALLENGE_MESSAGE ";
            case 3 -> "NTLM AUTHENTICATE_MESSAGE ";
            default -> "NTLM message type " + Wire.hex(type & 0xFFFFFFFFL) + " ";
          };
    } else if (token.length() > 0 && (token.get(0) == 0x60 || token.get(0) == 0xA1)) {
      kind = "SPNEGO ";
    }
    return kind + "(" + token.length() + " bytes)";
  }

  private static boolean isNtlmSignature(Octets token) {
    byte[] sig = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};
    for (int i = 0; i < sig.length; i++) {
      if (token.get(i) != sig[i]) {
        return false;
      }
    }
    return true;
  }
}
