package dev.rdpprobe.connect;

import dev.rdpprobe.facts.CredentialCheck;
import dev.rdpprobe.facts.CredentialOutcome;
import dev.rdpprobe.facts.NtlmIdentity;
import dev.rdpprobe.ntlm.CredSspPubKeyAuth;
import dev.rdpprobe.ntlm.NtlmClient;
import dev.rdpprobe.ntlm.NtlmCredentials;
import dev.rdpprobe.ntlm.NtlmException;
import dev.rdpprobe.ntlm.NtlmSession;
import dev.rdpprobe.tls.CertificateFacts;
import dev.rdpprobe.tls.TlsSession;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.credssp.NtStatus;
import dev.rdpprobe.wire.credssp.TsCredentials;
import dev.rdpprobe.wire.credssp.TsRequest;
import dev.rdpprobe.wire.ntlm.ChallengeMessage;
import dev.rdpprobe.wire.ntlm.EmptyFieldOffsets;
import dev.rdpprobe.wire.ntlm.NegotiateMessage;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import io.netty.buffer.ByteBuf;

/**
 * CredSSP (MS-CSSP 3.1.5) with NTLM, after the TLS handshake of a connection that selected HYBRID
 * or HYBRID_EX. The probe sends a TSRequest (version 6) with an NTLM NEGOTIATE_MESSAGE and records
 * the server's CHALLENGE_MESSAGE: its CredSSP version and the NTLM identity the server shows to
 * anyone (names, Windows version, clock).
 *
 * <p>Without credentials the probe stops there by choice, closing TLS in an orderly way. With
 * credentials it answers with an NTLMv2 AUTHENTICATE_MESSAGE (with MIC and session key) and
 * pubKeyAuth as the server's version requires (2 to 4: the sealed SubjectPublicKey; 5 and later:
 * the sealed SHA-256 binding hash with a clientNonce), and checks the server's answer: an errorCode
 * is a rejection, named; a pubKeyAuth must bind the public key of the certificate the probe saw.
 * The probe never sends TSCredentials: the password is proved, never delegated. After an accepted
 * proof the sequence goes on with the Early User Authorization Result (HYBRID_EX) or the Basic
 * Settings Exchange.
 *
 * <p>The trace keeps the AUTHENTICATE with its NTLMv2 and LM responses, encrypted session key, MIC
 * and pubKeyAuth zeroed: those would let anyone holding the trace test passwords offline.
 */
final class CredSspStep implements Step {
  /** The TSRequest version the probe sends, in every message (FreeRDP drops a changing peer). */
  static final int OUR_VERSION = TsRequest.CURRENT_VERSION;

  /** The version sent: {@link #OUR_VERSION}, or a replayed client's. */
  private final int ourVersion;

  private enum State {
    AWAIT_CHALLENGE,
    AWAIT_PUB_KEY_AUTH,
    DONE
  }

  private final SecurityProtocols selected;
  private final TlsSession tls;
  private final CertificateFacts leaf;
  private final Credentials credentials;
  private final boolean restrictedAdmin;
  private final NtlmClient.Options options;
  private final String account;
  private State state = State.AWAIT_CHALLENGE;
  private Octets negotiate;
  private NtlmSession session;
  private int version;
  private int serverVersion;
  private boolean concluded;
  private Octets clientNonce;
  private byte[] subjectPublicKey;

  /**
   * @param selected HYBRID or HYBRID_EX
   * @param tls the TLS session underneath, closed in an orderly way when the probe stops here; may
   *     be null (a test without TLS)
   * @param leaf the server's certificate, whose public key pubKeyAuth binds; may be null
   * @param credentials the account to prove, or {@code null} to stop after the CHALLENGE
   * @param restrictedAdmin after an accepted proof, send the TSCredentials of Restricted Admin mode
   * @param serverName the server's name as the user gave it (the NTLM target), or {@code null}
   * @param version the TSRequest version sent, 2 to {@link TsRequest#CURRENT_VERSION}: {@link
   *     #OUR_VERSION}, or a replay's captured client's
   */
  CredSspStep(
      SecurityProtocols selected,
      TlsSession tls,
      CertificateFacts leaf,
      Credentials credentials,
      boolean restrictedAdmin,
      String serverName,
      int version) {
    if (version < 2 || version > TsRequest.CURRENT_VERSION) {
      throw new IllegalArgumentException(
          "CredSSP version " + version + " is outside 2.." + TsRequest.CURRENT_VERSION);
    }
    this.ourVersion = version;
    this.selected = selected;
    this.tls = tls;
    this.leaf = leaf;
    this.credentials = credentials;
    this.restrictedAdmin = restrictedAdmin;
    this.options = options(serverName);
    this.account = credentials == null ? "" : credentials.account();
  }

  @Override
  public Phase phase() {
    return Phase.CREDSSP;
  }

  @Override
  public FrameHint hint() {
    return FrameHint.TS_REQUEST;
  }

  @Override
  public String awaiting() {
    return switch (state) {
      case AWAIT_CHALLENGE -> "TSRequest with the NTLM CHALLENGE";
      case AWAIT_PUB_KEY_AUTH -> "TSRequest with the server's pubKeyAuth";
      case DONE -> "";
    };
  }

  /** What the probe's NTLM client says about itself: a current Windows client's flags. */
  static NtlmClient.Options options(String serverName) {
    NtlmClient.Options o = NtlmClient.Options.windowsLike();
    return serverName == null || serverName.isEmpty()
        ? o
        : o.withTargetSpn("TERMSRV/" + serverName);
  }

  @Override
  public Transition start(StepContext ctx) {
    this.negotiate =
        Octets.encode(
            new NegotiateMessage(
                options.negotiateFlags(), "", "", options.version(), EmptyFieldOffsets.ZERO));
    ctx.send(TsRequest.of(ourVersion).withNegoToken(negotiate));
    return Transition.STAY;
  }

  @Override
  public Transition onFrame(ByteBuf frame, StepContext ctx) {
    TsRequest request;
    try {
      request = TsRequest.decode(frame.duplicate());
    } catch (DecodeException e) {
      Transition end = ctx.malformed(frame, e);
      end();
      return end;
    }
    return switch (state) {
      case AWAIT_CHALLENGE -> onChallenge(request, frame, ctx);
      case AWAIT_PUB_KEY_AUTH -> onAnswer(request, frame, ctx);
      case DONE -> {
        ctx.received(request, frame);
        yield Transition.STAY;
      }
    };
  }

  /** Records what became of the credentials; the first conclusion stands. */
  private void conclude(CredentialOutcome outcome, String detail, StepContext ctx) {
    if (concluded) {
      return;
    }
    concluded = true;
    ctx.note(
        "credentials " + outcome.name().toLowerCase(java.util.Locale.ROOT) + ": " + detail,
        new CredentialCheck(account, outcome, detail));
  }

  // --- the CHALLENGE --------------------------------------------------------------------------

  private Transition onChallenge(TsRequest request, ByteBuf frame, StepContext ctx) {
    ChallengeMessage challenge = null;
    boolean failed = request.errorCode() != null && request.errorCode().value() != 0;
    if (!failed && request.negoToken() != null) {
      try {
        challenge = ChallengeMessage.decode(request.negoToken().asByteBuf());
      } catch (DecodeException e) {
        Transition end = ctx.malformed(frame, e);
        notSent("the server's CHALLENGE did not decode", ctx);
        end();
        return end;
      }
    }
    ctx.received(request, frame);
    serverVersion = request.version();
    if (failed) {
      NtStatus status = request.errorCode();
      notSent("the server answered the NEGOTIATE with errorCode " + status, ctx);
      end();
      return Transition.finish(
          CloseKind.REFUSED_BY_SERVER,
          "the server answered our NTLM NEGOTIATE with errorCode "
              + status
              + ": "
              + status.meaning());
    }
    if (challenge == null) {
      notSent("the server sent no CHALLENGE", ctx);
      end();
      return Transition.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server's TSRequest has no negoToken where the NTLM CHALLENGE was due ("
              + request.summary()
              + ")");
    }
    NtlmIdentity identity = NtlmIdentity.of(challenge, ctx.now());
    ctx.note(
        "NTLM identity: "
            + identity.summary()
            + "; the server's CredSSP version is "
            + request.version());
    if (credentials == null) {
      conclude(
          CredentialOutcome.NOT_ATTEMPTED,
          "no credentials were given: the probe stopped after the server's CHALLENGE",
          ctx);
      end();
      closeTls(ctx);
      return Transition.finish(
          CloseKind.STOP_POINT_REACHED,
          "stopped by choice after the server's NTLM CHALLENGE: no credentials were given, so the"
              + " probe does not authenticate");
    }
    return authenticate(request, ctx);
  }

  // --- the AUTHENTICATE -----------------------------------------------------------------------

  private Transition authenticate(TsRequest request, StepContext ctx) {
    if (leaf == null) {
      notSent("the server presented no certificate", ctx);
      end();
      return Transition.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server presented no TLS certificate whose public key pubKeyAuth could bind");
    }
    try {
      subjectPublicKey = CredSspPubKeyAuth.subjectPublicKey(leaf.der().toByteArray());
    } catch (IllegalArgumentException e) {
      notSent("the server's certificate has no usable public key", ctx);
      end();
      return Transition.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server's certificate has no public key pubKeyAuth could bind: " + e.getMessage());
    }
    NtlmClient client;
    try {
      client = client();
    } catch (RuntimeException e) {
      // never the message: a supplier's exception might quote what it read
      notSent("the password could not be read", ctx);
      end();
      return Transition.finish(
          CloseKind.LOCAL_ERROR,
          "the password supplier failed (" + e.getClass().getSimpleName() + ")");
    }
    if (!client.negotiate().equals(negotiate)) {
      end();
      return Transition.finish(
          CloseKind.LOCAL_ERROR, "the NTLM client's NEGOTIATE differs from the one sent");
    }
    NtlmClient.Authentication auth;
    try {
      auth = client.authenticate(request.negoToken(), ctx.now(), ctx.random());
    } catch (NtlmException | DecodeException e) {
      notSent("the probe cannot answer this CHALLENGE", ctx);
      end();
      return Transition.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the probe cannot answer the server's NTLM CHALLENGE: " + e.getMessage());
    }
    session = auth.session();
    version = CredSspPubKeyAuth.effectiveVersion(ourVersion, request.version());
    if (version >= TsRequest.CLIENT_NONCE_VERSION) {
      byte[] nonce = new byte[TsRequest.NONCE_LENGTH];
      ctx.random().nextBytes(nonce);
      clientNonce = Octets.of(nonce);
    }
    Octets pubKeyAuth =
        CredSspPubKeyAuth.clientPubKeyAuth(session, version, clientNonce, subjectPublicKey);
    TsRequest answer =
        TsRequest.of(ourVersion)
            .withNegoToken(auth.bytes())
            .withPubKeyAuth(pubKeyAuth)
            .withClientNonce(clientNonce);
    ctx.sendRedacted(answer, answer.redacted());
    state = State.AWAIT_PUB_KEY_AUTH;
    ctx.note(
        "sent the NTLMv2 AUTHENTICATE for "
            + account
            + " with a MIC and pubKeyAuth for CredSSP version "
            + version
            + (version >= TsRequest.CLIENT_NONCE_VERSION
                ? " (the SHA-256 binding hash with a clientNonce)"
                : " (the sealed public key)")
            + "; the trace shows its responses, session key, MIC and pubKeyAuth zeroed");
    return Transition.STAY;
  }

  /** The NTLM client for the configured account; the password is overwritten before return. */
  private NtlmClient client() {
    char[] password = null;
    try {
      password = credentials.password();
      try (NtlmCredentials c =
          NtlmCredentials.of(credentials.userName(), credentials.domainName(), password)) {
        return NtlmClient.create(c, options);
      }
    } finally {
      Credentials.clear(password);
    }
  }

  // --- the server's answer --------------------------------------------------------------------

  private Transition onAnswer(TsRequest request, ByteBuf frame, StepContext ctx) {
    ctx.received(request, frame);
    if (request.version() != serverVersion) {
      ctx.note(
          "the server's TSRequest version changed from "
              + serverVersion
              + " to "
              + request.version());
    }
    NtStatus status = request.errorCode();
    if (status != null && status.value() != 0) {
      String why =
          "the server rejected the credentials for "
              + account
              + " with errorCode "
              + status
              + ": "
              + status.meaning();
      conclude(CredentialOutcome.REJECTED, why, ctx);
      end();
      return Transition.finish(CloseKind.REFUSED_BY_SERVER, why);
    }
    if (request.pubKeyAuth() == null) {
      conclude(
          CredentialOutcome.SERVER_NOT_VERIFIED,
          "the server answered the AUTHENTICATE with neither pubKeyAuth nor errorCode",
          ctx);
      end();
      return Transition.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server's answer to our AUTHENTICATE has neither pubKeyAuth nor errorCode ("
              + request.summary()
              + ")");
    }
    try {
      CredSspPubKeyAuth.verifyServer(
          session, version, clientNonce, subjectPublicKey, request.pubKeyAuth());
    } catch (NtlmException e) {
      String why =
          "the server's pubKeyAuth does not bind the public key of the certificate we saw ("
              + e.getMessage()
              + "): a TLS-intercepting middlebox, or a server answering for another CredSSP"
              + " version";
      conclude(CredentialOutcome.SERVER_NOT_VERIFIED, why, ctx);
      end();
      return Transition.finish(CloseKind.PROTOCOL_VIOLATION, why);
    }
    conclude(
        CredentialOutcome.ACCEPTED,
        "the server accepted the credentials for "
            + account
            + " and proved it knows them: its pubKeyAuth binds the certificate's public key",
        ctx);
    boolean ex = SecurityProtocols.HYBRID_EX.equals(selected);
    if (restrictedAdmin) {
      // Restricted Admin mode: the server logs on with the proof alone, nothing is delegated
      ctx.send(
          TsRequest.of(ourVersion)
              .withAuthInfo(Octets.of(session.wrap(TsCredentials.RESTRICTED_ADMIN.toByteArray()))));
      ctx.note(
          "credentials accepted for "
              + account
              + "; sent the TSCredentials of Restricted Admin mode (empty user, domain and"
              + " password): nothing delegated");
    } else {
      ctx.note(
          "credentials accepted for "
              + account
              + "; the probe never sends TSCredentials (the delegated password), so a server that"
              + " waits for them "
              + (ex ? "sends no Early User Authorization Result and " : "")
              + "does not answer what follows");
    }
    end();
    return Transition.complete(new SequenceState.Authenticated(selected));
  }

  // --- endings --------------------------------------------------------------------------------

  private void notSent(String why, StepContext ctx) {
    if (credentials != null) {
      conclude(CredentialOutcome.NOT_SENT, why, ctx);
    }
  }

  /** The exchange is over: the session keys are overwritten. */
  private void end() {
    state = State.DONE;
    if (session != null) {
      session.close();
      session = null;
    }
    subjectPublicKey = null;
  }

  /** Ends TLS in an orderly way: close_notify before the connection closes. */
  private void closeTls(StepContext ctx) {
    if (tls == null) {
      return;
    }
    tls.close();
    byte[] out = tls.takeOutput();
    if (out.length > 0) {
      ctx.sendRecords(out);
    }
  }

  @Override
  public String onPeerClosed(boolean reset, StepContext ctx) {
    // the state stays: the close event still says what we awaited
    State was = state;
    if (session != null) {
      session.close();
      session = null;
    }
    String how = reset ? "RST" : "FIN";
    String tlsEnding = reset || tls == null ? "" : " (" + tls.peerClosed().detail() + ")";
    return switch (was) {
      case AWAIT_CHALLENGE -> {
        notSent("the server closed before its CHALLENGE", ctx);
        yield how + " after our NTLM NEGOTIATE, before any CHALLENGE" + tlsEnding;
      }
      case AWAIT_PUB_KEY_AUTH -> {
        String why =
            how
                + " after our AUTHENTICATE, with no errorCode and no pubKeyAuth"
                + tlsEnding
                + ": servers that send no errorCode (FreeRDP's; any server of CredSSP version 2"
                + " or 5) end the connection this way when they reject the credentials";
        conclude(
            reset ? CredentialOutcome.RESET_BY_SERVER : CredentialOutcome.CLOSED_BY_SERVER,
            "the server ended the connection with a " + why,
            ctx);
        yield why;
      }
      case DONE -> "";
    };
  }
}
