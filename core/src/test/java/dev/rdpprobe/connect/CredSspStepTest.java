package dev.rdpprobe.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.facts.CredSspFacts;
import dev.rdpprobe.facts.CredentialOutcome;
import dev.rdpprobe.facts.NtlmIdentity;
import dev.rdpprobe.ntlm.CredSspPubKeyAuth;
import dev.rdpprobe.ntlm.NtlmServer;
import dev.rdpprobe.tls.CertificateMaker;
import dev.rdpprobe.tls.ServerIdentity;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.credssp.AuthorizationResult;
import dev.rdpprobe.wire.credssp.NtStatus;
import dev.rdpprobe.wire.credssp.TsRequest;
import dev.rdpprobe.wire.ntlm.AuthenticateMessage;
import dev.rdpprobe.wire.ntlm.NegotiateFlags;
import dev.rdpprobe.wire.ntlm.NegotiateMessage;
import dev.rdpprobe.wire.ntlm.NtlmVersion;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.NegotiationResponseFlags;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CredSSP step alone, against byte sequences: no network, no TLS. */
class CredSspStepTest {
  static final String USER = "alice";
  static final String DOMAIN = "CORP";
  static final String PASSWORD = "S3cret-Pass!";
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  static ServerIdentity certificate;
  static byte[] subjectPublicKey;

  static final NtlmServer.Identity SERVER =
      new NtlmServer.Identity(
          "RDP-HOST",
          "CORP",
          "rdp-host.corp.test",
          "corp.test",
          "corp.test",
          NtlmVersion.of(10, 0, 20348));

  @BeforeAll
  static void makeCertificate() {
    certificate =
        CertificateMaker.builder()
            .subject("CN=rdp-host")
            .dnsNames("rdp-host")
            .rsa(2048)
            .random(new SecureRandom())
            .make(NOW);
    subjectPublicKey =
        CredSspPubKeyAuth.subjectPublicKey(certificate.facts().get(0).der().toByteArray());
  }

  /**
   * A step context after an X.224 negotiation that selected {@code selected}, with the clock at
   * {@link #NOW}.
   */
  static StepHarness recorder(ConnectorConfig config, SecurityProtocols selected) {
    return new StepHarness(config, NOW, new SplittableRandom(1))
        .before(
            Phase.X224_NEGOTIATION,
            Direction.CLIENT_TO_SERVER,
            ClientPlan.of(config).connectionRequest())
        .before(
            Phase.X224_NEGOTIATION,
            Direction.SERVER_TO_CLIENT,
            X224ConnectionConfirm.of(
                new NegotiationResponse(NegotiationResponseFlags.NONE, selected)));
  }

  /** The CredSSP step for the harness's configuration, with its randomness seeded. */
  static CredSspStep step(StepHarness ctx, SecurityProtocols selected, long seed) {
    ctx.random = new SplittableRandom(seed);
    return new CredSspStep(
        selected,
        null,
        certificate.facts().get(0),
        ctx.config.credentials(),
        ctx.config.restrictedAdmin(),
        ctx.config.serverName(),
        CredSspStep.OUR_VERSION);
  }

  static TsRequest sentRequest(StepHarness ctx, int i) {
    return assertInstanceOf(TsRequest.class, ctx.sent.get(i));
  }

  static CredSspFacts credssp(StepHarness ctx) {
    return ctx.facts().credssp();
  }

  private static ConnectorConfig config(Credentials credentials) {
    return ConnectorConfig.of(
            SecurityProtocols.of(
                SecurityProtocols.SSL, SecurityProtocols.HYBRID, SecurityProtocols.HYBRID_EX),
            dev.rdpprobe.wire.x224.NegotiationRequestFlags.NONE,
            null,
            null,
            Phase.CHANNEL_CONNECT)
        .withCredentials(credentials);
  }

  private static Credentials credentials(String password) {
    return Credentials.of(USER, DOMAIN, password.toCharArray());
  }

  private static void feed(CredSspStep step, StepHarness ctx, byte[] bytes) {
    ByteBuf frame = Unpooled.wrappedBuffer(bytes);
    assertEquals(bytes.length, step.hint().frameLength(frame), "one whole frame");
    ctx.feed(step, frame);
  }

  private static byte[] encode(Pdu pdu) {
    return Octets.encode(pdu).toByteArray();
  }

  // --- without credentials ------------------------------------------------------------------

  @Test
  void sendsANegotiateInATsRequestVersion6() {
    StepHarness ctx = recorder(config(null), SecurityProtocols.HYBRID);
    CredSspStep step = step(ctx, SecurityProtocols.HYBRID, 1);
    ctx.start(step);
    assertEquals(Phase.CREDSSP, step.phase());
    assertEquals("TSRequest with the NTLM CHALLENGE", step.awaiting());
    TsRequest first = sentRequest(ctx, 0);
    assertEquals(6, first.version());
    assertNull(first.clientNonce());
    NegotiateMessage n = NegotiateMessage.decode(first.negoToken().asByteBuf());
    assertEquals(NegotiateFlags.WINDOWS_CLIENT_NEGOTIATE, n.negotiateFlags());
    assertEquals("", credssp(ctx).account());
  }

  @Test
  void aReplayedClientsVersionIsSentInstead() {
    StepHarness ctx = recorder(config(null), SecurityProtocols.HYBRID);
    ctx.random = new SplittableRandom(1);
    CredSspStep step =
        new CredSspStep(
            SecurityProtocols.HYBRID,
            null,
            certificate.facts().get(0),
            null,
            false,
            ctx.config.serverName(),
            3);
    ctx.start(step);
    assertEquals(3, sentRequest(ctx, 0).version());
    assertThrows(
        IllegalArgumentException.class,
        () -> new CredSspStep(SecurityProtocols.HYBRID, null, null, null, false, null, 7));
  }

  @Test
  void recordsTheIdentityOfARealChallengeAndStopsByChoice() {
    // redemption's server CHALLENGE (testdata/credssp): WIN7, version 6.1.7601, with a timestamp
    byte[] challenge = WireVectors.testdata("credssp/redemption-server-tsrequest-challenge-v6.hex");
    StepHarness ctx = recorder(config(null), SecurityProtocols.HYBRID);
    CredSspStep step = step(ctx, SecurityProtocols.HYBRID, 1);
    ctx.start(step);
    feed(step, ctx, challenge);

    assertEquals(CloseKind.STOP_POINT_REACHED, ctx.finishKind);
    assertTrue(ctx.finishDetail.contains("stopped by choice"), ctx.finishDetail);
    assertTrue(ctx.finishDetail.contains("no credentials"), ctx.finishDetail);
    assertEquals(1, ctx.sent.size(), "nothing more is sent");
    CredSspFacts f = credssp(ctx);
    assertEquals(6, f.serverVersion());
    assertEquals(CredentialOutcome.NOT_ATTEMPTED, f.outcome());
    NtlmIdentity id = f.identity();
    assertEquals("WIN7", id.nbComputerName());
    assertEquals("WIN7", id.nbDomainName());
    assertEquals("win7", id.dnsComputerName());
    assertEquals("win7", id.dnsDomainName());
    assertEquals("", id.dnsTreeName());
    assertEquals("6.1.7601", id.productVersion());
    assertNotNull(id.serverTime());
    assertEquals(Duration.between(NOW, id.serverTime()), id.clockSkew());
    assertTrue(id.negotiateFlags().has(NegotiateFlags.NEGOTIATE_EXTENDED_SESSIONSECURITY));
    assertTrue(
        ctx.notes.get(0).startsWith("NTLM identity: computer WIN7 (win7)"), ctx.notes.get(0));
    assertTrue(ctx.notes.get(0).contains("version 6.1.7601"), ctx.notes.get(0));
  }

  @Test
  void theClockSkewIsTheServersTimeMinusOurs() {
    NtlmServer server = NtlmServer.create(SERVER);
    StepHarness ctx = recorder(config(null), SecurityProtocols.HYBRID);
    CredSspStep step = step(ctx, SecurityProtocols.HYBRID, 1);
    ctx.start(step);
    Instant serverTime = NOW.plusSeconds(125);
    Octets c =
        server.challenge(sentRequest(ctx, 0).negoToken(), serverTime, new SplittableRandom(2));
    ctx.at(NOW.plusMillis(400));
    feed(step, ctx, encode(TsRequest.of(6).withNegoToken(c)));
    NtlmIdentity id = credssp(ctx).identity();
    assertEquals(Duration.ofMillis(124_600), id.clockSkew());
    assertEquals("10.0.20348", id.productVersion());
    assertEquals("corp.test", id.dnsTreeName());
    assertTrue(id.summary().contains("clock skew +2 min 4 s"), id.summary());
  }

  @Test
  void anErrorCodeInsteadOfAChallengeIsARefusalNamed() {
    StepHarness ctx = recorder(config(credentials(PASSWORD)), SecurityProtocols.HYBRID);
    CredSspStep step = step(ctx, SecurityProtocols.HYBRID, 1);
    ctx.start(step);
    // version 6, errorCode STATUS_NOT_SUPPORTED (0xc00000bb)
    feed(step, ctx, WireVectors.bytes("30 0d a0 03 02 01 06 a4 06 02 04 c0 00 00 bb"));
    assertEquals(CloseKind.REFUSED_BY_SERVER, ctx.finishKind);
    assertTrue(ctx.finishDetail.contains("STATUS_NOT_SUPPORTED"), ctx.finishDetail);
    assertEquals(NtStatus.NOT_SUPPORTED, credssp(ctx).errorCode());
    assertEquals(CredentialOutcome.NOT_SENT, credssp(ctx).outcome());
    assertEquals(1, ctx.received.size(), "the TSRequest is recorded, so the diagnosis sees it");
  }

  @Test
  void aTsRequestWithoutNegoTokenIsAViolation() {
    StepHarness ctx = recorder(config(null), SecurityProtocols.HYBRID);
    CredSspStep step = step(ctx, SecurityProtocols.HYBRID, 1);
    ctx.start(step);
    feed(step, ctx, WireVectors.bytes("30 05 a0 03 02 01 06"));
    assertEquals(CloseKind.PROTOCOL_VIOLATION, ctx.finishKind);
  }

  @Test
  void aBrokenChallengeIsMalformed() {
    StepHarness ctx = recorder(config(null), SecurityProtocols.HYBRID);
    CredSspStep step = step(ctx, SecurityProtocols.HYBRID, 1);
    ctx.start(step);
    // a negoToken of 12 octets: NTLMSSP, type 2, then nothing
    feed(
        step,
        ctx,
        WireVectors.bytes(
            "30 1a a0 03 02 01 06 a1 13 30 11 30 0f a0 0d 04 0b 4e 54 4c 4d 53 53 50 00 02 00 00"));
    assertEquals(CloseKind.MALFORMED_PDU, ctx.finishKind);
    assertNotNull(ctx.malformed);
    assertTrue(ctx.received.isEmpty());
  }

  @Test
  void aBrokenTsRequestIsMalformed() {
    StepHarness ctx = recorder(config(null), SecurityProtocols.HYBRID);
    CredSspStep step = step(ctx, SecurityProtocols.HYBRID, 1);
    ctx.start(step);
    // a SEQUENCE whose first field is [1], not the version
    feed(step, ctx, WireVectors.bytes("30 05 a1 03 02 01 06"));
    assertEquals(CloseKind.MALFORMED_PDU, ctx.finishKind);
    assertEquals("", step.awaiting());
  }

  @Test
  void aCloseAfterTheNegotiateSaysSo() {
    StepHarness ctx = recorder(config(credentials(PASSWORD)), SecurityProtocols.HYBRID);
    CredSspStep step = step(ctx, SecurityProtocols.HYBRID, 1);
    ctx.start(step);
    String detail = step.onPeerClosed(true, ctx);
    assertEquals("RST after our NTLM NEGOTIATE, before any CHALLENGE", detail);
    assertEquals(CredentialOutcome.NOT_SENT, credssp(ctx).outcome());
  }

  // --- with credentials ---------------------------------------------------------------------

  /** The server side of one exchange, in the test. */
  private static final class Exchange {
    final NtlmServer server = NtlmServer.create(SERVER);
    final StepHarness ctx;
    final CredSspStep step;
    final int serverVersion;
    NtlmServer.Verification verification;
    TsRequest authenticate;

    Exchange(String password, int serverVersion, SecurityProtocols selected) {
      this.ctx = recorder(config(credentials(password)), selected);
      this.step = step(ctx, selected, 7);
      this.serverVersion = serverVersion;
      ctx.start(step);
      Octets c = server.challenge(sentRequest(ctx, 0).negoToken(), NOW, new SplittableRandom(3));
      feed(step, ctx, encode(TsRequest.of(serverVersion).withNegoToken(c)));
      authenticate = sentRequest(ctx, 1);
      verification =
          server.verify(
              authenticate.negoToken(),
              (user, domain) -> user.equalsIgnoreCase(USER) ? PASSWORD.toCharArray() : null);
    }

    int effectiveVersion() {
      return Math.min(6, serverVersion);
    }

    /** The server's pubKeyAuth, as it would answer an accepted AUTHENTICATE. */
    byte[] serverAnswer() {
      NtlmServer.Accepted ok = assertInstanceOf(NtlmServer.Accepted.class, verification);
      CredSspPubKeyAuth.verifyClient(
          ok.session(),
          effectiveVersion(),
          authenticate.clientNonce(),
          subjectPublicKey,
          authenticate.pubKeyAuth());
      Octets auth =
          CredSspPubKeyAuth.serverPubKeyAuth(
              ok.session(), effectiveVersion(), authenticate.clientNonce(), subjectPublicKey);
      return encode(TsRequest.of(serverVersion).withPubKeyAuth(auth));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 5, 6, 7})
  void theRightPasswordIsAcceptedAndTheServerProvesItsKey(int serverVersion) {
    Exchange x = new Exchange(PASSWORD, serverVersion, SecurityProtocols.HYBRID);
    assertEquals("TSRequest with the server's pubKeyAuth", x.step.awaiting());
    TsRequest auth = x.authenticate;
    assertEquals(6, auth.version(), "our version stays 6 in every message");
    assertEquals(x.effectiveVersion() >= 5, auth.clientNonce() != null);
    if (auth.clientNonce() != null) {
      assertEquals(32, auth.clientNonce().length());
    }
    AuthenticateMessage m = AuthenticateMessage.decode(auth.negoToken().asByteBuf());
    assertEquals(USER, m.userName());
    assertEquals(DOMAIN, m.domainName());
    assertNotNull(m.mic(), "a MIC, since the server sent a timestamp");
    NtlmServer.Accepted ok = assertInstanceOf(NtlmServer.Accepted.class, x.verification);
    assertTrue(ok.micChecked());

    feed(x.step, x.ctx, x.serverAnswer());
    assertNull(x.ctx.finishKind, x.ctx.finishDetail);
    assertTrue(x.ctx.completed);
    assertInstanceOf(BasicSettingsStep.class, x.ctx.next);
    assertEquals(CredentialOutcome.ACCEPTED, credssp(x.ctx).outcome());
    assertEquals("CORP\\alice", credssp(x.ctx).account());
    assertEquals(serverVersion, credssp(x.ctx).serverVersion());
    assertFalse(
        x.ctx.sent.stream().anyMatch(p -> p instanceof TsRequest t && t.authInfo() != null),
        "never TSCredentials");
  }

  @Test
  void hybridExGoesOnToTheEarlyUserAuthorizationResult() {
    Exchange x = new Exchange(PASSWORD, 6, SecurityProtocols.HYBRID_EX);
    feed(x.step, x.ctx, x.serverAnswer());
    EarlyUserAuthStep early = assertInstanceOf(EarlyUserAuthStep.class, x.ctx.next);

    StepHarness ctx = x.ctx;
    ctx.completed = false;
    ctx.start(early);
    assertEquals(Phase.EARLY_USER_AUTH, early.phase());
    ByteBuf four = Unpooled.wrappedBuffer(WireVectors.bytes("00 00 00 00"));
    assertEquals(-1, early.hint().frameLength(four.slice(0, 3)));
    assertEquals(4, early.hint().frameLength(four));
    ctx.feed(early, four);
    assertTrue(ctx.completed);
    assertInstanceOf(BasicSettingsStep.class, ctx.next);
    assertEquals(AuthorizationResult.AUTHZ_SUCCESS, credssp(ctx).earlyAuthorization());
  }

  @Test
  void anEarlyAuthorizationDenialIsARefusalNamed() {
    Exchange x = new Exchange(PASSWORD, 6, SecurityProtocols.HYBRID_EX);
    feed(x.step, x.ctx, x.serverAnswer());
    EarlyUserAuthStep early = assertInstanceOf(EarlyUserAuthStep.class, x.ctx.next);
    x.ctx.start(early);
    x.ctx.feed(early, Unpooled.wrappedBuffer(WireVectors.bytes("05 00 00 00")));
    assertEquals(CloseKind.REFUSED_BY_SERVER, x.ctx.finishKind);
    assertTrue(x.ctx.finishDetail.contains("AUTHZ_ACCESS_DENIED"), x.ctx.finishDetail);
    assertEquals(AuthorizationResult.AUTHZ_ACCESS_DENIED, credssp(x.ctx).earlyAuthorization());
  }

  @Test
  void theTraceNeverHoldsWhatCouldTestAPassword() {
    Exchange x = new Exchange(PASSWORD, 6, SecurityProtocols.HYBRID);
    TsRequest wire = sentRequest(x.ctx, 1);
    TsRequest shown = assertInstanceOf(TsRequest.class, x.ctx.recorded.get(1));
    assertEquals(wire.size(), shown.size());
    AuthenticateMessage real = AuthenticateMessage.decode(wire.negoToken().asByteBuf());
    AuthenticateMessage redacted = AuthenticateMessage.decode(shown.negoToken().asByteBuf());
    assertEquals(real.userName(), redacted.userName());
    assertArrayEquals(
        new byte[real.ntChallengeResponse().length()],
        redacted.ntChallengeResponse().toByteArray());
    assertArrayEquals(
        new byte[real.lmChallengeResponse().length()],
        redacted.lmChallengeResponse().toByteArray());
    assertArrayEquals(new byte[16], redacted.mic().toByteArray());
    assertArrayEquals(
        new byte[real.encryptedRandomSessionKey().length()],
        redacted.encryptedRandomSessionKey().toByteArray());
    assertArrayEquals(new byte[wire.pubKeyAuth().length()], shown.pubKeyAuth().toByteArray());
    byte[] recorded = encode(shown);
    byte[] password = PASSWORD.getBytes(StandardCharsets.UTF_16LE);
    assertFalse(contains(recorded, password));
    byte[] proof = java.util.Arrays.copyOf(real.ntChallengeResponse().toByteArray(), 16);
    assertFalse(contains(recorded, proof));
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Test
  void aWrongPasswordAnsweredWithAnErrorCodeIsARejectionNamed() {
    Exchange x = new Exchange("wrong-password", 6, SecurityProtocols.HYBRID);
    NtlmServer.Rejected no = assertInstanceOf(NtlmServer.Rejected.class, x.verification);
    assertEquals(NtStatus.LOGON_FAILURE, no.status());
    // the bytes Windows sends: version 6, errorCode 0xc000006d
    byte[] answer = WireVectors.bytes("30 0d a0 03 02 01 06 a4 06 02 04 c0 00 00 6d");
    assertArrayEquals(
        answer, encode(TsRequest.of(6).withErrorCode(NtStatus.LOGON_FAILURE)), "as we encode it");
    feed(x.step, x.ctx, answer);
    assertEquals(CloseKind.REFUSED_BY_SERVER, x.ctx.finishKind);
    assertTrue(
        x.ctx.finishDetail.contains("STATUS_LOGON_FAILURE (0xc000006d)"), x.ctx.finishDetail);
    assertEquals(CredentialOutcome.REJECTED, credssp(x.ctx).outcome());
    assertEquals(NtStatus.LOGON_FAILURE, credssp(x.ctx).errorCode());
    TsRequest received = assertInstanceOf(TsRequest.class, x.ctx.received.get(1));
    assertEquals(0xC000006D, received.ntStatus().getAsInt(), "the diagnosis reads it from here");
  }

  @Test
  void aCloseAfterTheAuthenticateIsRecordedAsSuch() {
    Exchange x = new Exchange("wrong-password", 2, SecurityProtocols.HYBRID);
    String detail = x.step.onPeerClosed(false, x.ctx);
    assertTrue(detail.startsWith("FIN after our AUTHENTICATE"), detail);
    assertEquals(CredentialOutcome.CLOSED_BY_SERVER, credssp(x.ctx).outcome());
    Exchange y = new Exchange("wrong-password", 6, SecurityProtocols.HYBRID);
    assertTrue(y.step.onPeerClosed(true, y.ctx).startsWith("RST after our AUTHENTICATE"));
    assertEquals(CredentialOutcome.RESET_BY_SERVER, credssp(y.ctx).outcome());
  }

  @Test
  void aPubKeyAuthForAnotherKeyIsNotAccepted() {
    Exchange x = new Exchange(PASSWORD, 6, SecurityProtocols.HYBRID);
    NtlmServer.Accepted ok = assertInstanceOf(NtlmServer.Accepted.class, x.verification);
    byte[] otherKey = subjectPublicKey.clone();
    otherKey[otherKey.length - 5] ^= 1;
    Octets auth =
        CredSspPubKeyAuth.serverPubKeyAuth(ok.session(), 6, x.authenticate.clientNonce(), otherKey);
    feed(x.step, x.ctx, encode(TsRequest.of(6).withPubKeyAuth(auth)));
    assertEquals(CloseKind.PROTOCOL_VIOLATION, x.ctx.finishKind);
    assertEquals(CredentialOutcome.SERVER_NOT_VERIFIED, credssp(x.ctx).outcome());
    assertFalse(x.ctx.completed);
  }

  @Test
  void anAnswerWithNeitherPubKeyAuthNorErrorCodeIsAViolation() {
    Exchange x = new Exchange(PASSWORD, 6, SecurityProtocols.HYBRID);
    feed(x.step, x.ctx, WireVectors.bytes("30 05 a0 03 02 01 06"));
    assertEquals(CloseKind.PROTOCOL_VIOLATION, x.ctx.finishKind);
  }

  @Test
  void aFailingPasswordSupplierEndsLocallyWithoutItsMessage() {
    Credentials broken =
        Credentials.of(
            USER,
            DOMAIN,
            () -> {
              throw new IllegalStateException("the secret was hunter2");
            });
    StepHarness ctx = recorder(config(broken), SecurityProtocols.HYBRID);
    CredSspStep step = step(ctx, SecurityProtocols.HYBRID, 1);
    ctx.start(step);
    Octets c =
        NtlmServer.create(SERVER)
            .challenge(sentRequest(ctx, 0).negoToken(), NOW, new SplittableRandom(2));
    feed(step, ctx, encode(TsRequest.of(6).withNegoToken(c)));
    assertEquals(CloseKind.LOCAL_ERROR, ctx.finishKind);
    assertFalse(ctx.finishDetail.contains("hunter2"), ctx.finishDetail);
  }

  /** Mutated CHALLENGEs never escape the step as an exception: each ends in a recorded way. */
  @Test
  void mutatedChallengesEndCleanly() {
    NtlmServer server = NtlmServer.create(SERVER);
    StepHarness first = recorder(config(credentials(PASSWORD)), SecurityProtocols.HYBRID);
    CredSspStep probe = step(first, SecurityProtocols.HYBRID, 1);
    first.start(probe);
    byte[] good =
        encode(
            TsRequest.of(6)
                .withNegoToken(
                    server.challenge(
                        sentRequest(first, 0).negoToken(), NOW, new SplittableRandom(2))));
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < 3000; i++) {
      byte[] bad = good.clone();
      int flips = 1 + r.nextInt(4);
      for (int f = 0; f < flips; f++) {
        bad[r.nextInt(bad.length)] = (byte) r.nextInt(256);
      }
      if (r.nextInt(8) == 0) {
        bad = java.util.Arrays.copyOf(bad, r.nextInt(bad.length));
      }
      StepHarness ctx = recorder(config(credentials(PASSWORD)), SecurityProtocols.HYBRID);
      CredSspStep step = step(ctx, SecurityProtocols.HYBRID, i);
      ctx.start(step);
      ctx.feed(step, Unpooled.wrappedBuffer(bad));
      assertTrue(
          ctx.finishKind != null || ctx.sent.size() == 2,
          "mutation " + i + " neither ended nor answered");
    }
  }

  @Test
  void credentialsNeverShowTheirPassword() {
    Credentials c = credentials(PASSWORD);
    assertFalse(c.toString().contains(PASSWORD));
    ConnectorConfig config = config(c);
    assertFalse(config.toString().contains(PASSWORD), config.toString());
    assertTrue(config.toString().contains("CORP\\alice"), config.toString());
  }
}
