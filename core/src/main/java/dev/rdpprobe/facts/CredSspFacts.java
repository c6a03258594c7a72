package dev.rdpprobe.facts;

import dev.rdpprobe.wire.credssp.AuthorizationResult;
import dev.rdpprobe.wire.credssp.NtStatus;
import java.util.Objects;

/**
 * What the probe learned about Network Level Authentication: whether the server requires it, the
 * server's CredSSP version, the NTLM identity it shows to anyone, what became of the credentials
 * (if any were given), and the Early User Authorization Result (HYBRID_EX). A part is {@code null}
 * (or 0) until the message that carries it arrived.
 *
 * @param nla what the X.224 negotiation said about NLA
 * @param serverVersion the version of the server's first TSRequest, or 0 before it
 * @param identity the NTLM identity in the server's CHALLENGE_MESSAGE, or null
 * @param account the account the probe tried ({@code DOMAIN\\user}), or empty
 * @param outcome what became of the credentials, or null before the CredSSP exchange
 * @param outcomeDetail the outcome in a sentence, or empty
 * @param errorCode the NTSTATUS of the server's TSRequest errorCode, or null
 * @param earlyAuthorization the Early User Authorization Result, or null
 */
public record CredSspFacts(
    NlaPolicy nla,
    int serverVersion,
    NtlmIdentity identity,
    String account,
    CredentialOutcome outcome,
    String outcomeDetail,
    NtStatus errorCode,
    AuthorizationResult earlyAuthorization) {
  public CredSspFacts {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(outcomeDetail, "outcomeDetail");
  }

  /** Facts with only the NLA policy known (after the X.224 negotiation). */
  public static CredSspFacts of(NlaPolicy nla) {
    return new CredSspFacts(nla, 0, null, "", null, "", null, null);
  }
}
