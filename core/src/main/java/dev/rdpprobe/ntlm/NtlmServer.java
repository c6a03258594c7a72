package dev.rdpprobe.ntlm;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.credssp.NtStatus;
import dev.rdpprobe.wire.ntlm.AuthenticateMessage;
import dev.rdpprobe.wire.ntlm.AvFlags;
import dev.rdpprobe.wire.ntlm.AvId;
import dev.rdpprobe.wire.ntlm.AvPair;
import dev.rdpprobe.wire.ntlm.AvPairs;
import dev.rdpprobe.wire.ntlm.ChallengeMessage;
import dev.rdpprobe.wire.ntlm.EmptyFieldOffsets;
import dev.rdpprobe.wire.ntlm.NegotiateFlags;
import dev.rdpprobe.wire.ntlm.NegotiateMessage;
import dev.rdpprobe.wire.ntlm.NtlmV2Response;
import dev.rdpprobe.wire.ntlm.NtlmVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The server side of NTLMv2 (MS-NLMP 3.2.5), for the emulator: {@link #challenge} answers a
 * NEGOTIATE_MESSAGE with a CHALLENGE_MESSAGE shaped like a Windows server's, and {@link #verify}
 * checks the AUTHENTICATE_MESSAGE against the password of the account it names (NTProofStr, the
 * encrypted session key and, when the client's MsvAvFlags promise one, the MIC over the three
 * messages as they crossed the wire).
 *
 * <p>Only NTLMv2 with extended session security is accepted; anonymous and NTLM v1 logons are
 * rejected. Rejections carry the NTSTATUS a Windows server sends in the TSRequest errorCode:
 * STATUS_LOGON_FAILURE for an unknown user and for a wrong password alike. One server serves one
 * exchange; time and randomness come from the caller.
 */
public final class NtlmServer {
  /**
   * The names the server gives in its CHALLENGE_MESSAGE (TargetName is the NetBIOS domain name).
   *
   * @param nbComputerName MsvAvNbComputerName
   * @param nbDomainName MsvAvNbDomainName, and the TargetName
   * @param dnsComputerName MsvAvDnsComputerName
   * @param dnsDomainName MsvAvDnsDomainName
   * @param dnsTreeName MsvAvDnsTreeName, or empty for none
   * @param version the VERSION, or null for none
   */
  public record Identity(
      String nbComputerName,
      String nbDomainName,
      String dnsComputerName,
      String dnsDomainName,
      String dnsTreeName,
      NtlmVersion version) {
    public Identity {
      Objects.requireNonNull(nbComputerName, "nbComputerName");
      Objects.requireNonNull(nbDomainName, "nbDomainName");
      Objects.requireNonNull(dnsComputerName, "dnsComputerName");
      Objects.requireNonNull(dnsDomainName, "dnsDomainName");
      Objects.requireNonNull(dnsTreeName, "dnsTreeName");
    }
  }

  /** The accounts the server knows. */
  @FunctionalInterface
  public interface Accounts {
    /**
     * The password of the account {@code userName} of {@code domainName} in a new array (the server
     * overwrites it after use), or null if there is no such account. Matching is the
     * implementation's business; Windows compares names without regard to case.
     */
    char[] password(String userName, String domainName);
  }

  /** The outcome of {@link #verify}. */
  public sealed interface Verification permits Accepted, Rejected {}

  /**
   * The client proved the password.
   *
   * @param message the AUTHENTICATE_MESSAGE
   * @param micChecked whether the client promised a MIC and it verified
   * @param session the session security, for pubKeyAuth and authInfo
   */
  public record Accepted(AuthenticateMessage message, boolean micChecked, NtlmSession session)
      implements Verification {}

  /**
   * The logon failed.
   *
   * @param status the NTSTATUS for the TSRequest errorCode
   * @param reason why, in words (never a secret)
   */
  public record Rejected(NtStatus status, String reason) implements Verification {}

  /** What the server supports; the CHALLENGE_MESSAGE offers these that the client asked for. */
  private static final int SUPPORTED =
      NegotiateFlags.NEGOTIATE_UNICODE
          | NegotiateFlags.NEGOTIATE_OEM
          | NegotiateFlags.REQUEST_TARGET
          | NegotiateFlags.NEGOTIATE_SIGN
          | NegotiateFlags.NEGOTIATE_SEAL
          | NegotiateFlags.NEGOTIATE_NTLM
          | NegotiateFlags.NEGOTIATE_ALWAYS_SIGN
          | NegotiateFlags.NEGOTIATE_EXTENDED_SESSIONSECURITY
          | NegotiateFlags.NEGOTIATE_128
          | NegotiateFlags.NEGOTIATE_KEY_EXCH
          | NegotiateFlags.NEGOTIATE_56;

  private final Identity identity;
  private Octets negotiate;
  private Octets challenge;
  private byte[] serverChallenge;
  private boolean verified;

  private NtlmServer(Identity identity) {
    this.identity = identity;
  }

  /** A server with these names. */
  public static NtlmServer create(Identity identity) {
    return new NtlmServer(Objects.requireNonNull(identity, "identity"));
  }

  /**
   * A server that has already exchanged these two messages, ready to {@link #verify} the answer:
   * for checking a recorded exchange (a capture, another implementation's test vector) against a
   * known password.
   *
   * @param negotiate the NEGOTIATE_MESSAGE as it was sent
   * @param challenge the CHALLENGE_MESSAGE as it was sent
   * @throws DecodeException if the CHALLENGE_MESSAGE is malformed
   */
  public static NtlmServer afterChallenge(Octets negotiate, Octets challenge) {
    ChallengeMessage c = ChallengeMessage.decode(challenge.asByteBuf());
    NtlmServer server =
        new NtlmServer(new Identity(c.targetName(), c.targetName(), "", "", "", c.version()));
    server.negotiate = Objects.requireNonNull(negotiate, "negotiate");
    server.challenge = challenge;
    server.serverChallenge = c.serverChallenge().toByteArray();
    return server;
  }

  /**
   * Answers a NEGOTIATE_MESSAGE.
   *
   * @param negotiate the NEGOTIATE_MESSAGE exactly as received
   * @param now the server time for MsvAvTimestamp
   * @param random the source of the server challenge
   * @return the CHALLENGE_MESSAGE to send
   * @throws DecodeException if the NEGOTIATE_MESSAGE is malformed
   */
  public Octets challenge(Octets negotiate, Instant now, RandomGenerator random) {
    if (this.challenge != null) {
      throw new NtlmException(NtlmException.Kind.OUT_OF_ORDER, "challenge called twice");
    }
    NegotiateMessage n = NegotiateMessage.decode(negotiate.asByteBuf());
    NegotiateFlags flags = new NegotiateFlags(n.negotiateFlags().bits() & SUPPORTED);
    if (flags.has(NegotiateFlags.NEGOTIATE_UNICODE)) {
      flags = flags.without(NegotiateFlags.NEGOTIATE_OEM);
    }
    flags =
        flags
            .with(NegotiateFlags.NEGOTIATE_TARGET_INFO)
            .with(
                identity.dnsDomainName().isEmpty()
                    ? NegotiateFlags.TARGET_TYPE_SERVER
                    : NegotiateFlags.TARGET_TYPE_DOMAIN);
    if (identity.version() != null) {
      flags = flags.with(NegotiateFlags.NEGOTIATE_VERSION);
    }
    List<AvPair> pairs = new ArrayList<>();
    pairs.add(new AvPair.Name(AvId.MSV_AV_NB_DOMAIN_NAME, identity.nbDomainName()));
    pairs.add(new AvPair.Name(AvId.MSV_AV_NB_COMPUTER_NAME, identity.nbComputerName()));
    pairs.add(new AvPair.Name(AvId.MSV_AV_DNS_DOMAIN_NAME, identity.dnsDomainName()));
    pairs.add(new AvPair.Name(AvId.MSV_AV_DNS_COMPUTER_NAME, identity.dnsComputerName()));
    if (!identity.dnsTreeName().isEmpty()) {
      pairs.add(new AvPair.Name(AvId.MSV_AV_DNS_TREE_NAME, identity.dnsTreeName()));
    }
    pairs.add(AvPair.Timestamp.of(now));
    byte[] challengeBytes = new byte[ChallengeMessage.CHALLENGE_LENGTH];
    random.nextBytes(challengeBytes);
    String targetName = flags.has(NegotiateFlags.REQUEST_TARGET) ? identity.nbDomainName() : "";
    if (!flags.has(NegotiateFlags.NEGOTIATE_UNICODE)) {
      targetName = targetName.chars().allMatch(ch -> ch <= 0xFF) ? targetName : "";
    }
    ChallengeMessage c =
        new ChallengeMessage(
            targetName,
            flags,
            Octets.of(challengeBytes),
            0,
            new AvPairs(pairs, Octets.EMPTY),
            identity.version(),
            EmptyFieldOffsets.PAYLOAD_POSITION);
    this.negotiate = negotiate;
    this.serverChallenge = challengeBytes;
    this.challenge = Octets.encode(c);
    return challenge;
  }

  /**
   * Checks an AUTHENTICATE_MESSAGE.
   *
   * @param authenticate the AUTHENTICATE_MESSAGE exactly as received
   * @param accounts where to find the password of the account it names
   * @throws DecodeException if the message is malformed
   * @throws NtlmException if called before {@link #challenge} or twice
   */
  public Verification verify(Octets authenticate, Accounts accounts) {
    if (challenge == null || verified) {
      throw new NtlmException(
          NtlmException.Kind.OUT_OF_ORDER,
          challenge == null ? "verify before challenge" : "verify called twice");
    }
    verified = true;
    AuthenticateMessage a = AuthenticateMessage.decode(authenticate.asByteBuf());
    if (a.userName().isEmpty() && a.ntChallengeResponse().length() == 0) {
      return new Rejected(NtStatus.LOGON_FAILURE, "anonymous logons are not accepted");
    }
    if (a.ntChallengeResponse().length() <= 24) {
      return new Rejected(
          NtStatus.LOGON_FAILURE,
          "an NTLM v1 response ("
              + a.ntChallengeResponse().length()
              + " octets); only NTLMv2 is"
              + " accepted");
    }
    NtlmV2Response response;
    try {
      response = a.ntlmV2Response();
    } catch (DecodeException e) {
      return new Rejected(NtStatus.LOGON_FAILURE, "malformed NTLMv2 response: " + e.getMessage());
    }
    char[] password = accounts.password(a.userName(), a.domainName());
    if (password == null) {
      return new Rejected(NtStatus.LOGON_FAILURE, "no such account: " + account(a));
    }
    byte[] responseKeyNt;
    try {
      responseKeyNt = Crypto.ntowfV2(password, a.userName(), a.domainName());
    } finally {
      Arrays.fill(password, '\0');
    }
    byte[] nt = a.ntChallengeResponse().toByteArray();
    byte[] proof = Arrays.copyOf(nt, 16);
    byte[] temp = Arrays.copyOfRange(nt, 16, nt.length);
    byte[] expected = NtlmV2.ntProofStr(responseKeyNt, serverChallenge, temp);
    if (!Crypto.same(expected, proof)) {
      Crypto.zero(responseKeyNt);
      return new Rejected(
          NtStatus.LOGON_FAILURE,
          "the NTLMv2 response does not match the password of " + account(a));
    }
    byte[] sessionBaseKey = NtlmV2.sessionBaseKey(responseKeyNt, proof);
    Crypto.zero(responseKeyNt);
    NegotiateFlags flags = a.negotiateFlags();
    byte[] exportedSessionKey;
    if (flags.has(NegotiateFlags.NEGOTIATE_KEY_EXCH)) {
      if (a.encryptedRandomSessionKey().length() != 16) {
        Crypto.zero(sessionBaseKey);
        return new Rejected(
            NtStatus.LOGON_FAILURE,
            "NTLMSSP_NEGOTIATE_KEY_EXCH with an EncryptedRandomSessionKey of "
                + a.encryptedRandomSessionKey().length()
                + " octets");
      }
      exportedSessionKey = Crypto.rc4k(sessionBaseKey, a.encryptedRandomSessionKey().toByteArray());
    } else {
      exportedSessionKey = sessionBaseKey.clone();
    }
    Crypto.zero(sessionBaseKey);
    try {
      AvPairs pairs = response.clientChallenge().avPairs();
      boolean micPromised = pairs.flags().map(f -> f.has(AvFlags.MIC_PROVIDED)).orElse(false);
      if (micPromised) {
        if (a.mic() == null) {
          return new Rejected(
              NtStatus.LOGON_FAILURE, "MsvAvFlags promise a MIC but the message has none");
        }
        byte[] mic =
            NtlmV2.mic(
                exportedSessionKey,
                negotiate.toByteArray(),
                challenge.toByteArray(),
                authenticate.toByteArray());
        if (!Crypto.same(mic, a.mic().toByteArray())) {
          return new Rejected(
              NtStatus.LOGON_FAILURE, "the MIC does not verify: the messages were altered");
        }
      }
      if (!flags.has(NegotiateFlags.NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
        return new Rejected(
            NtStatus.NOT_SUPPORTED, "the client did not negotiate extended session security");
      }
      NtlmSession session = new NtlmSession(NtlmSession.Side.SERVER, flags, exportedSessionKey);
      return new Accepted(a, micPromised, session);
    } finally {
      Crypto.zero(exportedSessionKey);
    }
  }

  private static String account(AuthenticateMessage a) {
    return (a.domainName().isEmpty() ? "" : a.domainName() + "\\") + a.userName();
  }

  /** The CHALLENGE_MESSAGE sent, or null before {@link #challenge}. */
  public Octets challengeMessage() {
    return challenge;
  }

  @Override
  public String toString() {
    return "NtlmServer[" + identity.nbDomainName() + "\\" + identity.nbComputerName() + "]";
  }
}
