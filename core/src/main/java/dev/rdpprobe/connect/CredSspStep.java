package dev.rdpprobe.connect;

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
import java.util.Optional;
import java.util.random.RandomGenerator;

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

  private enum State {
    AWAIT_CHALLENGE,
    AWAIT_PUB_KEY_AUTH,
    DONE
  }

  private final TlsSession tls;
  private final RandomGenerator random;
  private StepContext ctx;
  private State state = State.AWAIT_CHALLENGE;
  private NtlmClient.Options options;
  private Octets negotiate;
  private NtlmSession session;
  private int version;
  private Octets clientNonce;
  private byte[] subjectPublicKey;

  /**
   * @param tls the TLS session underneath, to close it in an orderly way and to say how it ended;
   *     may be null
   * @param random the connector's randomness, for the client challenge and nonce
   */
  CredSspStep(TlsSession tls, RandomGenerator random) {
    this.tls = tls;
    this.random = random;
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
  static NtlmClient.Options options(ConnectorConfig config) {
    NtlmClient.Options o = NtlmClient.Options.windowsLike();
    String name = config.serverName();
    return name == null || name.isEmpty() ? o : o.withTargetSpn("TERMSRV/" + name);
  }

  @Override
  public void start(StepContext ctx) {
    this.ctx = ctx;
    this.options = options(ctx.config());
    this.negotiate =
        Octets.encode(
            new NegotiateMessage(
                options.negotiateFlags(), "", "", options.version(), EmptyFieldOffsets.ZERO));
    Credentials c = ctx.config().credentials();
    CredSspFacts facts =
        Optional.ofNullable(ctx.facts().credssp())
            .orElse(CredSspFacts.of(NlaPolicy.SUPPORTED))
            .withAccount(c == null ? "" : c.account());
    ctx.facts(ctx.facts().withCredssp(facts));
    ctx.send(TsRequest.of(OUR_VERSION).withNegoToken(negotiate));
  }

  @Override
  public void onFrame(ByteBuf frame, StepContext ctx) {
    TsRequest request;
    try {
      request = TsRequest.decode(frame.duplicate());
    } catch (DecodeException e) {
      ctx.malformed(frame, e);
      end();
      return;
    }
    switch (state) {
      case AWAIT_CHALLENGE -> onChallenge(request, frame);
      case AWAIT_PUB_KEY_AUTH -> onAnswer(request, frame);
      case DONE -> ctx.received(request, frame);
    }
  }

  private CredSspFacts facts() {
    return ctx.facts().credssp();
  }

  private void facts(CredSspFacts facts) {
    ctx.facts(ctx.facts().withCredssp(facts));
  }

  private boolean withCredentials() {
    return ctx.config().credentials() != null;
  }

  // --- the CHALLENGE --------------------------------------------------------------------------

  private void onChallenge(TsRequest request, ByteBuf frame) {
    ChallengeMessage challenge = null;
    boolean failed = request.errorCode() != null && request.errorCode().value() != 0;
    if (!failed && request.negoToken() != null) {
      try {
        challenge = ChallengeMessage.decode(request.negoToken().asByteBuf());
      } catch (DecodeException e) {
        ctx.malformed(frame, e);
        notSent("the server's CHALLENGE did not decode");
        end();
        return;
      }
    }
    ctx.received(request, frame);
    facts(facts().withServerVersion(request.version()));
    if (failed) {
      NtStatus status = request.errorCode();
      facts(facts().withErrorCode(status));
      notSent("the server answered the NEGOTIATE with errorCode " + status);
      end();
      ctx.finish(
          CloseKind.REFUSED_BY_SERVER,
          "the server answered our NTLM NEGOTIATE with errorCode "
              + status
              + ": "
              + status.meaning());
      return;
    }
    if (challenge == null) {
      notSent("the server sent no CHALLENGE");
      end();
      ctx.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server's TSRequest has no negoToken where the NTLM CHALLENGE was due ("
              + request.summary()
              + ")");
      return;
    }
    NtlmIdentity identity = NtlmIdentity.of(challenge, ctx.now());
    facts(facts().withIdentity(identity));
    ctx.note(
        "NTLM identity: "
            + identity.summary()
            + "; the server's CredSSP version is "
            + request.version());
    if (!withCredentials()) {
      facts(
          facts()
              .withOutcome(
                  CredentialOutcome.NOT_ATTEMPTED,
                  "no credentials were given: the probe stopped after the server's CHALLENGE"));
      end();
      closeTls();
      ctx.finish(
          CloseKind.STOP_POINT_REACHED,
          "stopped by choice after the server's NTLM CHALLENGE: no credentials were given, so the"
              + " probe does not authenticate");
      return;
    }
    authenticate(request, challenge);
  }

  // --- the AUTHENTICATE -----------------------------------------------------------------------

  private void authenticate(TsRequest request, ChallengeMessage challenge) {
    CertificateFacts leaf =
        ctx.facts().tls() == null ? null : ctx.facts().tls().leaf().orElse(null);
    if (leaf == null) {
      notSent("the server presented no certificate");
      end();
      ctx.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server presented no TLS certificate whose public key pubKeyAuth could bind");
      return;
    }
    try {
      subjectPublicKey = CredSspPubKeyAuth.subjectPublicKey(leaf.der().toByteArray());
    } catch (IllegalArgumentException e) {
      notSent("the server's certificate has no usable public key");
      end();
      ctx.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server's certificate has no public key pubKeyAuth could bind: " + e.getMessage());
      return;
    }
    NtlmClient client = client();
    if (client == null) {
      return;
    }
    NtlmClient.Authentication auth;
    try {
      auth = client.authenticate(request.negoToken(), ctx.now(), random);
    } catch (NtlmException | DecodeException e) {
      notSent("the probe cannot answer this CHALLENGE");
      end();
      ctx.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the probe cannot answer the server's NTLM CHALLENGE: " + e.getMessage());
      return;
    }
    session = auth.session();
    version = CredSspPubKeyAuth.effectiveVersion(OUR_VERSION, request.version());
    if (version >= TsRequest.CLIENT_NONCE_VERSION) {
      byte[] nonce = new byte[TsRequest.NONCE_LENGTH];
      random.nextBytes(nonce);
      clientNonce = Octets.of(nonce);
    }
    Octets pubKeyAuth =
        CredSspPubKeyAuth.clientPubKeyAuth(session, version, clientNonce, subjectPublicKey);
    TsRequest answer =
        TsRequest.of(OUR_VERSION)
            .withNegoToken(auth.bytes())
            .withPubKeyAuth(pubKeyAuth)
            .withClientNonce(clientNonce);
    ctx.sendRedacted(answer, answer.redacted());
    state = State.AWAIT_PUB_KEY_AUTH;
    ctx.note(
        "sent the NTLMv2 AUTHENTICATE for "
            + facts().account()
            + " with a MIC and pubKeyAuth for CredSSP version "
            + version
            + (version >= TsRequest.CLIENT_NONCE_VERSION
                ? " (the SHA-256 binding hash with a clientNonce)"
                : " (the sealed public key)")
            + "; the trace shows its responses, session key, MIC and pubKeyAuth zeroed");
  }

  /** The NTLM client for the configured account; the password is overwritten before return. */
  private NtlmClient client() {
    Credentials c = ctx.config().credentials();
    char[] password = null;
    NtlmClient client;
    try {
      password = c.password();
      try (NtlmCredentials credentials =
          NtlmCredentials.of(c.userName(), c.domainName(), password)) {
        client = NtlmClient.create(credentials, options);
      }
    } catch (RuntimeException e) {
      // never the message: a supplier's exception might quote what it read
      notSent("the password could not be read");
      end();
      ctx.finish(
          CloseKind.LOCAL_ERROR,
          "the password supplier failed (" + e.getClass().getSimpleName() + ")");
      return null;
    } finally {
      Credentials.clear(password);
    }
    if (!client.negotiate().equals(negotiate)) {
      end();
      ctx.finish(CloseKind.LOCAL_ERROR, "the NTLM client's NEGOTIATE differs from the one sent");
      return null;
    }
    return client;
  }

  // --- the server's answer --------------------------------------------------------------------

  private void onAnswer(TsRequest request, ByteBuf frame) {
    ctx.received(request, frame);
    if (request.version() != facts().serverVersion()) {
      ctx.note(
          "the server's TSRequest version changed from "
              + facts().serverVersion()
              + " to "
              + request.version());
    }
    NtStatus status = request.errorCode();
    if (status != null && status.value() != 0) {
      facts(facts().withErrorCode(status));
      String why =
          "the server rejected the credentials for "
              + facts().account()
              + " with errorCode "
              + status
              + ": "
              + status.meaning();
      facts(facts().withOutcome(CredentialOutcome.REJECTED, why));
      end();
      ctx.finish(CloseKind.REFUSED_BY_SERVER, why);
      return;
    }
    if (request.pubKeyAuth() == null) {
      facts(
          facts()
              .withOutcome(
                  CredentialOutcome.SERVER_NOT_VERIFIED,
                  "the server answered the AUTHENTICATE with neither pubKeyAuth nor errorCode"));
      end();
      ctx.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server's answer to our AUTHENTICATE has neither pubKeyAuth nor errorCode ("
              + request.summary()
              + ")");
      return;
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
      facts(facts().withOutcome(CredentialOutcome.SERVER_NOT_VERIFIED, why));
      end();
      ctx.finish(CloseKind.PROTOCOL_VIOLATION, why);
      return;
    }
    facts(
        facts()
            .withOutcome(
                CredentialOutcome.ACCEPTED,
                "the server accepted the credentials for "
                    + facts().account()
                    + " and proved it knows them: its pubKeyAuth binds the certificate's public"
                    + " key"));
    boolean ex = SecurityProtocols.HYBRID_EX.equals(ctx.facts().negotiation().selectedProtocol());
    if (ctx.config().restrictedAdmin()) {
      // Restricted Admin mode: the server logs on with the proof alone, nothing is delegated
      ctx.send(
          TsRequest.of(OUR_VERSION)
              .withAuthInfo(Octets.of(session.wrap(TsCredentials.RESTRICTED_ADMIN.toByteArray()))));
      ctx.note(
          "credentials accepted for "
              + facts().account()
              + "; sent the TSCredentials of Restricted Admin mode (empty user, domain and"
              + " password): nothing delegated");
    } else {
      ctx.note(
          "credentials accepted for "
              + facts().account()
              + "; the probe never sends TSCredentials (the delegated password), so a server that"
              + " waits for them "
              + (ex ? "sends no Early User Authorization Result and " : "")
              + "does not answer what follows");
    }
    end();
    ctx.phaseComplete(ex ? new EarlyUserAuthStep() : new BasicSettingsStep());
  }

  // --- endings --------------------------------------------------------------------------------

  private void notSent(String why) {
    if (withCredentials() && facts().outcome() == null) {
      facts(facts().withOutcome(CredentialOutcome.NOT_SENT, why));
    }
  }

  /** The exchange is over: the session keys are overwritten. */
  private void end() {
    state = State.DONE;
    if (session != null) {
      session.close();
      session = null;
    }
    if (subjectPublicKey != null) {
      subjectPublicKey = null;
    }
  }

  /** Ends TLS in an orderly way: close_notify before the connection closes. */
  private void closeTls() {
    if (tls == null) {
      return;
    }
    tls.close();
    byte[] out = tls.takeOutput();
    if (out.length > 0) {
      ctx.sendRaw(out);
    }
  }

  @Override
  public String onPeerClosed(boolean reset) {
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
        notSent("the server closed before its CHALLENGE");
        yield how + " after our NTLM NEGOTIATE, before any CHALLENGE" + tlsEnding;
      }
      case AWAIT_PUB_KEY_AUTH -> {
        String why =
            how
                + " after our AUTHENTICATE, with no errorCode and no pubKeyAuth"
                + tlsEnding
                + ": servers that send no errorCode (FreeRDP's; any server of CredSSP version 2"
                + " or 5) end the connection this way when they reject the credentials";
        facts(
            facts()
                .withOutcome(
                    reset ? CredentialOutcome.RESET_BY_SERVER : CredentialOutcome.CLOSED_BY_SERVER,
                    "the server ended the connection with a " + why));
        yield why;
      }
      case DONE -> "";
    };
  }
}
