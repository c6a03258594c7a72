package dev.rdpprobe.emulate;

import dev.rdpprobe.connect.FrameHint;
import dev.rdpprobe.ntlm.CredSspPubKeyAuth;
import dev.rdpprobe.ntlm.NtlmException;
import dev.rdpprobe.ntlm.NtlmServer;
import dev.rdpprobe.ntlm.NtlmSession;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.credssp.EarlyUserAuthorizationResult;
import dev.rdpprobe.wire.credssp.NtStatus;
import dev.rdpprobe.wire.credssp.TsCredentials;
import dev.rdpprobe.wire.credssp.TsPasswordCreds;
import dev.rdpprobe.wire.credssp.TsRequest;
import dev.rdpprobe.wire.ntlm.NtlmVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The emulator's side of CredSSP (MS-CSSP 3.1.5) with NTLM, for the {@code NLA*} scenarios: it
 * answers the client's NEGOTIATE with a CHALLENGE that shows a chosen identity, checks the
 * AUTHENTICATE against the one account it knows ({@value #USER} with the password {@value
 * #PASSWORD}, in any domain), checks the client's pubKeyAuth and answers with its own, and sends
 * the Early User Authorization Result when HYBRID_EX was selected. A rejection carries the NTSTATUS
 * in the TSRequest errorCode where the version has one (3, 4 and 6), as Windows does; otherwise the
 * emulator closes.
 *
 * <p>Unlike Windows it does not wait for the client's TSCredentials (the probe sends them only in
 * Restricted Admin mode): the Early User Authorization Result follows its pubKeyAuth at once, and
 * whatever comes next, the client's authInfo or the MCS Connect Initial, is taken. An authInfo is
 * unwrapped with the NTLM session and decoded with the project's own {@link TsCredentials} decoder
 * (MS-CSSP 2.2.1.2); one that does not verify or is not well-formed DER, with nothing after it,
 * ends the connection as a strict server would: a FIN and no errorCode, the close recorded as
 * {@link CloseKind#MALFORMED_PDU} with a note that says why. The trace names the account delegated,
 * or Restricted Admin mode, and never holds the password or the decrypted bytes.
 */
final class CredSspServer {
  /** The account the emulator knows. */
  static final String USER = "rdpprobe";

  /** Its password. */
  static final String PASSWORD = "rdpprobe-Pass1";

  /** The identity the emulator's CHALLENGE shows unless told otherwise. */
  static final NtlmServer.Identity IDENTITY =
      new NtlmServer.Identity(
          "RDP-EMULATOR",
          "RDPPROBE",
          "rdp-emulator.rdpprobe.test",
          "rdpprobe.test",
          "rdpprobe.test",
          NtlmVersion.of(10, 0, 20348));

  private enum State {
    AWAIT_NEGOTIATE,
    AWAIT_AUTHENTICATE,
    DONE
  }

  private final ServerConnector endpoint;
  private final Scenario scenario;
  private final NtlmServer ntlm;
  private final byte[] subjectPublicKey;
  private final boolean early;
  private final RandomGenerator random = new SecureRandom();
  private State state = State.AWAIT_NEGOTIATE;
  private int clientVersion;

  /** The accepted client's session, kept to unwrap its TSCredentials; null before and after. */
  private NtlmSession session;

  /**
   * @param early whether HYBRID_EX was selected, so the Early User Authorization Result follows
   */
  CredSspServer(
      ServerConnector endpoint, Scenario scenario, NtlmServer.Identity identity, boolean early) {
    this.endpoint = endpoint;
    this.scenario = scenario;
    this.ntlm = NtlmServer.create(identity);
    this.early = early;
    try {
      this.subjectPublicKey =
          CredSspPubKeyAuth.subjectPublicKey(endpoint.identity().leaf().getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the exchange is over (what follows is MCS, or a client's authInfo). */
  boolean done() {
    return state == State.DONE;
  }

  FrameHint hint() {
    return FrameHint.TS_REQUEST;
  }

  String awaiting() {
    return state == State.AWAIT_NEGOTIATE
        ? "TSRequest with the NTLM NEGOTIATE"
        : "TSRequest with the NTLM AUTHENTICATE";
  }

  /** The server's TSRequest version in this scenario. */
  private int version() {
    return scenario.credSspVersion();
  }

  /** The version both sides use: the lower of the two. */
  private int effectiveVersion() {
    return CredSspPubKeyAuth.effectiveVersion(version(), clientVersion);
  }

  void onFrame(ByteBuf frame) {
    TsRequest request;
    try {
      request = TsRequest.decode(frame.duplicate());
    } catch (DecodeException e) {
      endpoint.malformedFrame(frame, e);
      return;
    }
    // a client's AUTHENTICATE and authInfo stay out of the emulator's trace, as out of the probe's
    endpoint.receivedPduRedacted(request.redacted(), frame);
    switch (state) {
      case AWAIT_NEGOTIATE -> onNegotiate(request, frame);
      case AWAIT_AUTHENTICATE -> onAuthenticate(request, frame);
      case DONE -> {
        if (request.authInfo() != null && session != null) {
          onCredentials(request.authInfo());
        } else {
          endpoint.noteFact("a TSRequest after the exchange: " + request.summary());
        }
      }
    }
  }

  /** The client's TSCredentials: unwrapped, decoded, checked; the connection ends if malformed. */
  private void onCredentials(Octets authInfo) {
    byte[] plain;
    try {
      plain = session.unwrap(authInfo.toByteArray());
    } catch (NtlmException e) {
      endpoint.refuse(
          ServerConnector.CloseAction.FIN,
          CloseKind.PROTOCOL_VIOLATION,
          "the client's authInfo ("
              + authInfo.length()
              + " bytes) does not verify: "
              + e.getMessage());
      return;
    } finally {
      release(); // one TSCredentials per exchange
    }
    try {
      endpoint.noteFact(
          "CredSSP: the client's TSCredentials ("
              + plain.length
              + " bytes): "
              + describeCredentials(plain));
    } catch (DecodeException e) {
      // kind, field and offset only: the values read may be bytes of a password
      String why =
          "the client's TSCredentials ("
              + plain.length
              + " bytes, decrypted) is not well-formed DER: "
              + e.kind()
              + " in "
              + e.pdu()
              + " "
              + e.field()
              + " at offset "
              + e.offset();
      endpoint.noteFact("CredSSP: " + why + "; the connection ends");
      endpoint.refuse(ServerConnector.CloseAction.FIN, CloseKind.MALFORMED_PDU, why);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * Decodes a TSCredentials, all of {@code plain}, and its TSPasswordCreds when credType is 1.
   *
   * @return what it delegates, without the password
   */
  static String describeCredentials(byte[] plain) {
    ByteBuf in = Unpooled.wrappedBuffer(plain);
    try (TsCredentials c = TsCredentials.decode(in)) {
      Wire.ensureEnd(in, TsCredentials.NAME);
      if (c.credType() != TsCredentials.CRED_TYPE_PASSWORD) {
        return "credType "
            + c.credType()
            + " with "
            + c.credentialsLength()
            + " bytes of credentials (not examined)";
      }
      try (TsPasswordCreds p = c.passwordCreds()) {
        if (p.domainName().isEmpty() && p.userName().isEmpty() && !p.hasPassword()) {
          return "Restricted Admin mode (empty domain, user and password): nothing delegated";
        }
        return "a password delegated for "
            + (p.domainName().isEmpty() ? "" : p.domainName() + "\\")
            + p.userName()
            + (p.hasPassword() ? "" : " (empty password)");
      }
    }
  }

  /** Overwrites the session keys; called once the TSCredentials came or the connection ended. */
  void release() {
    if (session != null) {
      session.close();
      session = null;
    }
  }

  private void onNegotiate(TsRequest request, ByteBuf frame) {
    clientVersion = request.version();
    if (scenario == Scenario.NLA_RST_AFTER_NEGOTIATE) {
      endpoint.closeNow(ServerConnector.CloseAction.RST, "scenario: RST after the NTLM NEGOTIATE");
      return;
    }
    if (request.negoToken() == null) {
      endpoint.closeNow(ServerConnector.CloseAction.FIN, "the client's TSRequest has no negoToken");
      return;
    }
    Octets challenge;
    try {
      challenge = ntlm.challenge(request.negoToken(), endpoint.wallClock(), random);
    } catch (DecodeException e) {
      endpoint.malformedFrame(frame, e);
      return;
    }
    endpoint.sendPdu(TsRequest.of(version()).withNegoToken(challenge));
    state = State.AWAIT_AUTHENTICATE;
  }

  private void onAuthenticate(TsRequest request, ByteBuf frame) {
    if (scenario == Scenario.NLA_RST_AFTER_AUTHENTICATE) {
      endpoint.closeNow(
          ServerConnector.CloseAction.RST, "scenario: RST after the NTLM AUTHENTICATE");
      return;
    }
    if (request.negoToken() == null || request.pubKeyAuth() == null) {
      reject(NtStatus.INVALID_PARAMETER, "the AUTHENTICATE lacks its negoToken or pubKeyAuth");
      return;
    }
    NtlmServer.Verification v;
    try {
      v =
          ntlm.verify(
              request.negoToken(),
              (user, domain) -> USER.equalsIgnoreCase(user) ? PASSWORD.toCharArray() : null);
    } catch (DecodeException e) {
      endpoint.malformedFrame(frame, e);
      return;
    }
    if (v instanceof NtlmServer.Rejected r) {
      reject(r.status(), r.reason());
      return;
    }
    NtlmServer.Accepted ok = (NtlmServer.Accepted) v;
    NtlmSession accepted = ok.session();
    int version = effectiveVersion();
    // a version 5 or 6 pubKeyAuth needs its clientNonce
    boolean verified = version < TsRequest.CLIENT_NONCE_VERSION || request.clientNonce() != null;
    try {
      if (verified) {
        CredSspPubKeyAuth.verifyClient(
            accepted, version, request.clientNonce(), subjectPublicKey, request.pubKeyAuth());
      }
    } catch (NtlmException e) {
      verified = false;
    }
    if (!verified || scenario == Scenario.NLA_PASSWORD_EXPIRED) {
      accepted.close();
      if (!verified) {
        reject(NtStatus.MUTUAL_AUTHENTICATION_FAILED, "the client's pubKeyAuth does not verify");
      } else {
        reject(NtStatus.PASSWORD_EXPIRED, "scenario: the account's password has expired");
      }
      return;
    }
    endpoint.sendPdu(
        TsRequest.of(version())
            .withPubKeyAuth(
                CredSspPubKeyAuth.serverPubKeyAuth(
                    accepted, version, request.clientNonce(), subjectPublicKey)));
    this.session = accepted; // for the TSCredentials that may follow
    endpoint.noteFact("CredSSP: accepted " + ok.message().userName() + "; pubKeyAuth verified");
    state = State.DONE;
    if (!early) {
      endpoint.enter(Phase.BASIC_SETTINGS);
      return;
    }
    endpoint.enter(Phase.EARLY_USER_AUTH);
    if (scenario == Scenario.NLA_EARLY_AUTH_DENIED) {
      endpoint.sendPdu(EarlyUserAuthorizationResult.ACCESS_DENIED);
      endpoint.closeNow(
          ServerConnector.CloseAction.FIN, "scenario: early user authorization denied");
      return;
    }
    endpoint.sendPdu(EarlyUserAuthorizationResult.SUCCESS);
    endpoint.enter(Phase.BASIC_SETTINGS);
  }

  /** Refuses the logon: the errorCode where the version has one, then a FIN. */
  private void reject(NtStatus status, String reason) {
    state = State.DONE;
    int version = effectiveVersion();
    boolean errorCode =
        version >= TsRequest.ERROR_CODE_VERSION && version != TsRequest.CLIENT_NONCE_VERSION;
    endpoint.noteFact("CredSSP: logon refused with " + status + ": " + reason);
    if (errorCode) {
      endpoint.sendPdu(TsRequest.of(version()).withErrorCode(status));
    }
    endpoint.closeNow(
        ServerConnector.CloseAction.FIN,
        "CredSSP logon refused"
            + (errorCode
                ? " with errorCode " + status
                : " (version " + version + ": no errorCode)"));
  }
}
