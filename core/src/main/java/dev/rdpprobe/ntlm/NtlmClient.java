package dev.rdpprobe.ntlm;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.ntlm.AuthenticateMessage;
import dev.rdpprobe.wire.ntlm.AvFlags;
import dev.rdpprobe.wire.ntlm.AvId;
import dev.rdpprobe.wire.ntlm.AvPair;
import dev.rdpprobe.wire.ntlm.AvPairs;
import dev.rdpprobe.wire.ntlm.ChallengeMessage;
import dev.rdpprobe.wire.ntlm.EmptyFieldOffsets;
import dev.rdpprobe.wire.ntlm.NegotiateFlags;
import dev.rdpprobe.wire.ntlm.NegotiateMessage;
import dev.rdpprobe.wire.ntlm.NtlmV2ClientChallenge;
import dev.rdpprobe.wire.ntlm.NtlmVersion;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The client side of NTLMv2 (MS-NLMP 3.1.5 and 3.3.2), sans-I/O: {@link #negotiate()} gives the
 * NEGOTIATE_MESSAGE, {@link #authenticate} turns the server's CHALLENGE_MESSAGE into the
 * AUTHENTICATE_MESSAGE and the {@link NtlmSession} that seals CredSSP's pubKeyAuth.
 *
 * <p>What it sends, as a Windows client does: the NEGOTIATE flags {@code 0xe20882b7} with empty
 * fields pointing at 0; an NTLMv2 response over the server's AV pairs plus MsvAvFlags (MIC
 * provided, when the server sent MsvAvTimestamp), MsvAvChannelBindings of zeros (CredSSP binds
 * through pubKeyAuth, not channel bindings) and, if given, MsvAvTargetName; the server's timestamp
 * as the response's time, else the caller's clock; an LmChallengeResponse of 24 zeros when the
 * server sent a timestamp (3.1.5.1.2), else the LMv2 response; a random exported session key with
 * NTLMSSP_NEGOTIATE_KEY_EXCH; and a MIC over the three messages as they were sent.
 *
 * <p>The password is used once, when the client is created, to compute NTOWFv2; that key is zeroed
 * after {@link #authenticate}. Time and randomness come from the caller. One client serves one
 * exchange.
 */
public final class NtlmClient {
  /**
   * What the client says about itself.
   *
   * @param workstation the Workstation of the AUTHENTICATE_MESSAGE (may be empty)
   * @param version the VERSION to send, or null for none (and no NTLMSSP_NEGOTIATE_VERSION)
   * @param targetSpn the MsvAvTargetName to add, e.g. {@code TERMSRV/host}, or null
   * @param negotiateFlags the flags of the NEGOTIATE_MESSAGE
   */
  public record Options(
      String workstation, NtlmVersion version, String targetSpn, NegotiateFlags negotiateFlags) {
    public Options {
      Objects.requireNonNull(workstation, "workstation");
      Objects.requireNonNull(negotiateFlags, "negotiateFlags");
      negotiateFlags =
          version == null
              ? negotiateFlags.without(NegotiateFlags.NEGOTIATE_VERSION)
              : negotiateFlags.with(NegotiateFlags.NEGOTIATE_VERSION);
    }

    /** A Windows Server 2022 (10.0.20348) client's flags and version, no workstation, no SPN. */
    public static Options windowsLike() {
      return new Options(
          "", NtlmVersion.of(10, 0, 20348), null, NegotiateFlags.WINDOWS_CLIENT_NEGOTIATE);
    }

    public Options withWorkstation(String value) {
      return new Options(value, version, targetSpn, negotiateFlags);
    }

    public Options withVersion(NtlmVersion value) {
      return new Options(workstation, value, targetSpn, negotiateFlags);
    }

    public Options withTargetSpn(String value) {
      return new Options(workstation, version, value, negotiateFlags);
    }

    public Options withNegotiateFlags(NegotiateFlags value) {
      return new Options(workstation, version, targetSpn, value);
    }
  }

  /**
   * The result of {@link #authenticate}.
   *
   * @param bytes the AUTHENTICATE_MESSAGE to send
   * @param message the same, decoded
   * @param session the session security, for pubKeyAuth and authInfo
   */
  public record Authentication(Octets bytes, AuthenticateMessage message, NtlmSession session) {
    /** The message's own redacted form; never the bytes, which hold the NTLMv2 response. */
    @Override
    public String toString() {
      return "Authentication[" + message + "]";
    }
  }

  private final String userName;
  private final String domainName;
  private final Options options;
  private byte[] responseKeyNt;
  private Octets negotiate;

  private NtlmClient(String userName, String domainName, byte[] responseKeyNt, Options options) {
    this.userName = userName;
    this.domainName = domainName;
    this.responseKeyNt = responseKeyNt;
    this.options = options;
  }

  /**
   * A client for these credentials. The password is turned into NTOWFv2 now; the caller may close
   * the credentials as soon as this returns.
   */
  public static NtlmClient create(NtlmCredentials credentials, Options options) {
    Objects.requireNonNull(options, "options");
    return new NtlmClient(
        credentials.userName(), credentials.domainName(), credentials.responseKeyNt(), options);
  }

  /** The NEGOTIATE_MESSAGE; the same bytes on every call. */
  public Octets negotiate() {
    if (negotiate == null) {
      negotiate =
          Octets.encode(
              new NegotiateMessage(
                  options.negotiateFlags(), "", "", options.version(), EmptyFieldOffsets.ZERO));
    }
    return negotiate;
  }

  /**
   * Answers the server's CHALLENGE_MESSAGE.
   *
   * @param challenge the CHALLENGE_MESSAGE exactly as received
   * @param now the time for the response when the server sends no MsvAvTimestamp
   * @param random the source of the client challenge and the exported session key
   * @throws dev.rdpprobe.wire.DecodeException if the challenge is malformed
   * @throws NtlmException if the server did not negotiate extended session security, or this is
   *     called before {@link #negotiate()} or twice
   */
  public Authentication authenticate(Octets challenge, Instant now, RandomGenerator random) {
    if (negotiate == null || responseKeyNt == null) {
      throw new NtlmException(
          NtlmException.Kind.OUT_OF_ORDER,
          negotiate == null ? "authenticate before negotiate" : "authenticate called twice");
    }
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(random, "random");
    ChallengeMessage c = ChallengeMessage.decode(challenge.asByteBuf());
    NegotiateFlags flags = authenticateFlags(c);
    boolean unicode = flags.has(NegotiateFlags.NEGOTIATE_UNICODE);
    byte[] serverChallenge = c.serverChallenge().toByteArray();

    AvPairs serverPairs = c.targetInfoOrEmpty().withTrailing(Octets.EMPTY);
    Optional<AvPair.Timestamp> timestamp = serverPairs.timestamp();
    long time =
        timestamp
            .map(AvPair.Timestamp::fileTime)
            .orElseGet(() -> AvPair.Timestamp.of(now).fileTime());
    boolean withMic = timestamp.isPresent() && options.version() != null;
    AvPairs pairs = serverPairs;
    if (withMic) {
      AvFlags avFlags = pairs.flags().orElse(new AvFlags(0)).with(AvFlags.MIC_PROVIDED);
      pairs = pairs.with(new AvPair.Flags(avFlags));
    }
    pairs = pairs.with(new AvPair.Raw(AvId.MSV_AV_CHANNEL_BINDINGS, Octets.of(new byte[16])));
    if (options.targetSpn() != null) {
      pairs = pairs.with(new AvPair.Name(AvId.MSV_AV_TARGET_NAME, options.targetSpn()));
    }

    byte[] clientChallenge = new byte[8];
    random.nextBytes(clientChallenge);
    byte[] temp =
        Octets.encode(NtlmV2ClientChallenge.of(time, Octets.of(clientChallenge), pairs))
            .toByteArray();
    byte[] ntProofStr = NtlmV2.ntProofStr(responseKeyNt, serverChallenge, temp);
    byte[] lmResponse =
        timestamp.isPresent()
            ? new byte[24]
            : NtlmV2.lmV2Response(responseKeyNt, serverChallenge, clientChallenge);
    byte[] sessionBaseKey = NtlmV2.sessionBaseKey(responseKeyNt, ntProofStr);
    Crypto.zero(responseKeyNt);
    responseKeyNt = null;

    byte[] exportedSessionKey;
    Octets encryptedKey;
    if (flags.has(NegotiateFlags.NEGOTIATE_KEY_EXCH)) {
      exportedSessionKey = new byte[16];
      random.nextBytes(exportedSessionKey);
      encryptedKey = Octets.of(Crypto.rc4k(sessionBaseKey, exportedSessionKey));
    } else {
      exportedSessionKey = sessionBaseKey.clone();
      encryptedKey = Octets.EMPTY;
    }
    Crypto.zero(sessionBaseKey);

    try {
      AuthenticateMessage message;
      try {
        message =
            new AuthenticateMessage(
                Octets.of(lmResponse),
                Octets.of(Crypto.concat(ntProofStr, temp)),
                domainName,
                userName,
                options.workstation(),
                encryptedKey,
                flags,
                options.version(),
                withMic ? Octets.of(new byte[AuthenticateMessage.MIC_LENGTH]) : null,
                AuthenticateMessage.PayloadOrder.NAMES_FIRST,
                EmptyFieldOffsets.ZERO);
      } catch (IllegalArgumentException e) {
        throw new NtlmException(
            NtlmException.Kind.UNSUPPORTED,
            (unicode ? "" : "the server did not negotiate Unicode: ") + e.getMessage());
      }
      Octets bytes = Octets.encode(message);
      if (withMic) {
        byte[] mic =
            NtlmV2.mic(
                exportedSessionKey,
                negotiate.toByteArray(),
                challenge.toByteArray(),
                bytes.toByteArray());
        message = message.withMic(Octets.of(mic));
        bytes = Octets.encode(message);
      }
      NtlmSession session = new NtlmSession(NtlmSession.Side.CLIENT, flags, exportedSessionKey);
      return new Authentication(bytes, message, session);
    } finally {
      Crypto.zero(exportedSessionKey);
    }
  }

  /**
   * The AUTHENTICATE_MESSAGE's flags: what both ends support, without LM_KEY (superseded by
   * extended session security) and OEM when Unicode is agreed, with TARGET_INFO when the server
   * sent one and VERSION when the client sends one.
   */
  private NegotiateFlags authenticateFlags(ChallengeMessage c) {
    NegotiateFlags server = c.negotiateFlags();
    if (!server.has(NegotiateFlags.NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
      throw new NtlmException(
          NtlmException.Kind.UNSUPPORTED,
          "the server did not negotiate NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY (flags "
              + server
              + ")");
    }
    NegotiateFlags flags =
        new NegotiateFlags(options.negotiateFlags().bits() & server.bits())
            .without(NegotiateFlags.NEGOTIATE_LM_KEY)
            .without(NegotiateFlags.NEGOTIATE_VERSION);
    if (flags.has(NegotiateFlags.NEGOTIATE_UNICODE)) {
      flags = flags.without(NegotiateFlags.NEGOTIATE_OEM);
    }
    if (c.targetInfo() != null) {
      flags = flags.with(NegotiateFlags.NEGOTIATE_TARGET_INFO);
    }
    if (options.version() != null) {
      flags = flags.with(NegotiateFlags.NEGOTIATE_VERSION);
    }
    return flags;
  }

  @Override
  public String toString() {
    return "NtlmClient[" + (domainName.isEmpty() ? "" : domainName + "\\") + userName + "]";
  }
}
