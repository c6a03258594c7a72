package dev.rdpprobe.ntlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.rdpprobe.wire.ntlm.NtlmV2ClientChallenge;
import dev.rdpprobe.wire.ntlm.NtlmVersion;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Our NTLMv2 client against our server, in memory. */
class NtlmExchangeTest {

  static final Instant NOW = Instant.parse("2025-06-01T12:00:00.1234567Z");
  static final RandomGenerator RANDOM = new SecureRandom();
  static final NtlmServer.Identity IDENTITY =
      new NtlmServer.Identity(
          "RDPHOST",
          "CORP",
          "rdphost.corp.example",
          "corp.example",
          "corp.example",
          NtlmVersion.of(10, 0, 20348));
  static final String PASSWORD = "S3cret-\u00e9\u00df";

  /** The account CORP\alice with {@link #PASSWORD}, names compared without case like Windows. */
  static char[] account(String user, String domain) {
    return user.equalsIgnoreCase("alice") && domain.equalsIgnoreCase("CORP")
        ? PASSWORD.toCharArray()
        : null;
  }

  static NtlmClient client(String user, String domain, String password, NtlmClient.Options o) {
    try (NtlmCredentials c = NtlmCredentials.of(user, domain, password.toCharArray())) {
      return NtlmClient.create(c, o);
    }
  }

  /** The three messages and both outcomes. */
  record Run(
      Octets negotiate,
      Octets challenge,
      NtlmClient.Authentication client,
      NtlmServer.Verification server) {}

  static Run run(String user, String domain, String password, NtlmClient.Options options) {
    NtlmClient client = client(user, domain, password, options);
    NtlmServer server = NtlmServer.create(IDENTITY);
    Octets negotiate = client.negotiate();
    Octets challenge = server.challenge(negotiate, NOW, RANDOM);
    NtlmClient.Authentication auth = client.authenticate(challenge, NOW, RANDOM);
    return new Run(
        negotiate, challenge, auth, server.verify(auth.bytes(), NtlmExchangeTest::account));
  }

  @Test
  void theRightPasswordIsAcceptedAndBothEndsShareTheKeys() {
    Run r =
        run(
            "alice",
            "CORP",
            PASSWORD,
            NtlmClient.Options.windowsLike().withTargetSpn("TERMSRV/rdphost"));
    NtlmServer.Accepted ok = assertInstanceOf(NtlmServer.Accepted.class, r.server());
    assertTrue(ok.micChecked(), "the client promised a MIC and the server checked it");
    try (NtlmSession client = r.client().session();
        NtlmSession server = ok.session()) {
      assertArrayEquals(client.exportedSessionKey(), server.exportedSessionKey());
      // messages in both directions, several each, keep their sequence numbers in step
      for (int i = 0; i < 3; i++) {
        byte[] m = ("client message " + i).getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(m, server.unwrap(client.wrap(m)));
        byte[] n = ("server message " + i).getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(n, client.unwrap(server.wrap(n)));
      }
      byte[] signed = "only signed".getBytes(StandardCharsets.US_ASCII);
      server.verify(signed, client.sign(signed));
      assertEquals("NtlmSession[CLIENT, sent 4, received 3]", client.toString());
    }
  }

  @Test
  void theAuthenticateMessageLooksLikeWindows() {
    Run r =
        run(
            "alice",
            "CORP",
            PASSWORD,
            NtlmClient.Options.windowsLike()
                .withWorkstation("PROBE")
                .withTargetSpn("TERMSRV/rdphost"));
    NegotiateMessage n = NegotiateMessage.decode(r.negotiate().asByteBuf());
    assertEquals(NegotiateMessage.windowsClient(NtlmVersion.of(10, 0, 20348)), n);
    ChallengeMessage c = ChallengeMessage.decode(r.challenge().asByteBuf());
    assertEquals("CORP", c.targetName());
    assertEquals(NOW, c.targetInfo().time().orElseThrow());
    assertEquals(
        "rdphost.corp.example", c.targetInfo().name(AvId.MSV_AV_DNS_COMPUTER_NAME).orElseThrow());

    AuthenticateMessage a = r.client().message();
    assertEquals(AuthenticateMessage.decode(r.client().bytes().asByteBuf()), a);
    assertEquals(88, a.headerSize());
    assertEquals(
        Octets.of(new byte[24]), a.lmChallengeResponse(), "Z(24): the server sent a timestamp");
    assertEquals(16, a.encryptedRandomSessionKey().length());
    assertEquals("PROBE", a.workstation());
    assertEquals(EmptyFieldOffsets.PAYLOAD_POSITION, a.emptyFieldOffsets(), "no field is empty");
    NtlmV2ClientChallenge cc = a.ntlmV2Response().clientChallenge();
    assertEquals(NOW, cc.time(), "the server's timestamp, not the client's clock");
    AvPairs pairs = cc.avPairs();
    assertTrue(pairs.flags().orElseThrow().has(AvFlags.MIC_PROVIDED));
    assertEquals("TERMSRV/rdphost", pairs.name(AvId.MSV_AV_TARGET_NAME).orElseThrow());
    assertEquals(
        new AvPair.Raw(AvId.MSV_AV_CHANNEL_BINDINGS, Octets.of(new byte[16])),
        pairs.get(AvId.MSV_AV_CHANNEL_BINDINGS).orElseThrow());
    assertEquals(Octets.of(new byte[4]), pairs.trailing());
    NegotiateFlags f = a.negotiateFlags();
    assertTrue(f.has(NegotiateFlags.NEGOTIATE_EXTENDED_SESSIONSECURITY));
    assertTrue(f.has(NegotiateFlags.NEGOTIATE_KEY_EXCH));
    assertTrue(f.has(NegotiateFlags.NEGOTIATE_TARGET_INFO));
    assertFalse(f.has(NegotiateFlags.NEGOTIATE_LM_KEY));
    assertFalse(f.has(NegotiateFlags.NEGOTIATE_OEM));
  }

  @Test
  void aWrongPasswordAnUnknownUserAndAnotherDomainAreLogonFailures() {
    for (String[] c :
        new String[][] {
          {"alice", "CORP", "S3cret"}, {"bob", "CORP", PASSWORD}, {"alice", "OTHER", PASSWORD}
        }) {
      Run r = run(c[0], c[1], c[2], NtlmClient.Options.windowsLike());
      NtlmServer.Rejected no = assertInstanceOf(NtlmServer.Rejected.class, r.server(), c[0]);
      assertEquals(NtStatus.LOGON_FAILURE, no.status());
      assertFalse(no.reason().contains("S3cret"), no.reason());
    }
    Run upper = run("ALICE", "corp", PASSWORD, NtlmClient.Options.windowsLike());
    assertInstanceOf(
        NtlmServer.Accepted.class,
        upper.server(),
        "NTOWFv2 upcases the user, uses the domain as sent");
  }

  @Test
  void aTamperedMessageFailsTheMic() {
    NtlmClient client = client("alice", "CORP", PASSWORD, NtlmClient.Options.windowsLike());
    NtlmServer server = NtlmServer.create(IDENTITY);
    Octets negotiate = client.negotiate();
    Octets challenge = server.challenge(negotiate, NOW, RANDOM);
    // a man in the middle strips NTLMSSP_NEGOTIATE_SEAL from what the client sees
    byte[] altered = challenge.toByteArray();
    altered[20] &= ~NegotiateFlags.NEGOTIATE_SEAL;
    NtlmClient.Authentication auth = client.authenticate(Octets.of(altered), NOW, RANDOM);
    NtlmServer.Rejected no =
        assertInstanceOf(
            NtlmServer.Rejected.class, server.verify(auth.bytes(), NtlmExchangeTest::account));
    assertTrue(no.reason().contains("MIC"), no.reason());
  }

  @Test
  void aMissingMicIsRejectedWhenPromised() {
    NtlmClient client = client("alice", "CORP", PASSWORD, NtlmClient.Options.windowsLike());
    NtlmServer server = NtlmServer.create(IDENTITY);
    Octets challenge = server.challenge(client.negotiate(), NOW, RANDOM);
    AuthenticateMessage a = client.authenticate(challenge, NOW, RANDOM).message();
    Octets withoutMic = Octets.encode(a.withMic(Octets.of(new byte[16])));
    NtlmServer.Rejected no =
        assertInstanceOf(
            NtlmServer.Rejected.class, server.verify(withoutMic, NtlmExchangeTest::account));
    assertTrue(no.reason().contains("MIC"), no.reason());
  }

  @Test
  void withoutAServerTimestampTheClientSendsLmV2AndNoMic() {
    NtlmClient client = client("alice", "CORP", PASSWORD, NtlmClient.Options.windowsLike());
    Octets negotiate = client.negotiate();
    ChallengeMessage c =
        new ChallengeMessage(
            "CORP",
            new NegotiateFlags(0xe28a8215),
            Octets.fromHex("0102030405060708"),
            0,
            AvPairs.of(new AvPair.Name(AvId.MSV_AV_NB_DOMAIN_NAME, "CORP")),
            NtlmVersion.of(6, 1, 7601),
            EmptyFieldOffsets.PAYLOAD_POSITION);
    Octets challenge = Octets.encode(c);
    NtlmClient.Authentication auth =
        client.authenticate(
            challenge, NOW, new FixedRandom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, new byte[16]));
    AuthenticateMessage a = auth.message();
    assertNull(a.mic());
    assertEquals(72, a.headerSize());
    assertEquals(NOW, a.ntlmV2Response().clientChallenge().time(), "the caller's clock");
    assertEquals(
        Octets.fromHex("0102030405060708"),
        Octets.of(Arrays.copyOfRange(a.lmChallengeResponse().toByteArray(), 16, 24)));
    assertTrue(a.ntlmV2Response().clientChallenge().avPairs().flags().isEmpty());
    NtlmServer.Accepted ok =
        assertInstanceOf(
            NtlmServer.Accepted.class,
            NtlmServer.afterChallenge(negotiate, challenge)
                .verify(auth.bytes(), NtlmExchangeTest::account));
    assertFalse(ok.micChecked());
  }

  @Test
  void sessionSecurityWithoutKeyExchangeAndWithShorterKeys() {
    for (int drop :
        new int[] {
          NegotiateFlags.NEGOTIATE_KEY_EXCH,
          NegotiateFlags.NEGOTIATE_128,
          NegotiateFlags.NEGOTIATE_128 | NegotiateFlags.NEGOTIATE_56
        }) {
      NtlmClient.Options o =
          NtlmClient.Options.windowsLike()
              .withNegotiateFlags(NegotiateFlags.WINDOWS_CLIENT_NEGOTIATE.without(drop));
      Run r = run("alice", "CORP", PASSWORD, o);
      NtlmServer.Accepted ok = assertInstanceOf(NtlmServer.Accepted.class, r.server());
      assertFalse(ok.message().negotiateFlags().has(drop));
      if (drop == NegotiateFlags.NEGOTIATE_KEY_EXCH) {
        assertEquals(0, ok.message().encryptedRandomSessionKey().length());
      }
      byte[] m = {1, 2, 3};
      assertArrayEquals(m, ok.session().unwrap(r.client().session().wrap(m)));
    }
  }

  @Test
  void extendedSessionSecurityIsRequired() {
    NtlmClient client = client("alice", "CORP", PASSWORD, NtlmClient.Options.windowsLike());
    client.negotiate();
    Octets challenge =
        Octets.encode(
            new ChallengeMessage(
                "",
                new NegotiateFlags(0xe2028235),
                Octets.of(new byte[8]),
                0,
                null,
                NtlmVersion.of(5, 1, 2600),
                EmptyFieldOffsets.PAYLOAD_POSITION));
    NtlmException e =
        assertThrows(NtlmException.class, () -> client.authenticate(challenge, NOW, RANDOM));
    assertEquals(NtlmException.Kind.UNSUPPORTED, e.kind());
  }

  @Test
  void anOemOnlyServerAndANameBeyondLatin1() {
    NtlmClient client = client("\u0430lice", "CORP", PASSWORD, NtlmClient.Options.windowsLike());
    client.negotiate();
    Octets challenge =
        Octets.encode(
            new ChallengeMessage(
                "",
                new NegotiateFlags(0xe20a8236),
                Octets.of(new byte[8]),
                0,
                AvPairs.EMPTY,
                NtlmVersion.of(5, 1, 2600),
                EmptyFieldOffsets.PAYLOAD_POSITION));
    NtlmException e =
        assertThrows(NtlmException.class, () -> client.authenticate(challenge, NOW, RANDOM));
    assertEquals(NtlmException.Kind.UNSUPPORTED, e.kind());
    assertTrue(e.getMessage().contains("Unicode"), e.getMessage());
  }

  @Test
  void callsInTheWrongOrder() {
    NtlmClient client = client("alice", "CORP", PASSWORD, NtlmClient.Options.windowsLike());
    assertEquals(
        NtlmException.Kind.OUT_OF_ORDER,
        assertThrows(NtlmException.class, () -> client.authenticate(Octets.EMPTY, NOW, RANDOM))
            .kind());
    NtlmServer server = NtlmServer.create(IDENTITY);
    assertEquals(
        NtlmException.Kind.OUT_OF_ORDER,
        assertThrows(NtlmException.class, () -> server.verify(Octets.EMPTY, (u, d) -> null))
            .kind());
    Octets challenge = server.challenge(client.negotiate(), NOW, RANDOM);
    NtlmClient.Authentication auth = client.authenticate(challenge, NOW, RANDOM);
    assertThrows(NtlmException.class, () -> client.authenticate(challenge, NOW, RANDOM));
    assertInstanceOf(
        NtlmServer.Accepted.class, server.verify(auth.bytes(), NtlmExchangeTest::account));
    assertThrows(NtlmException.class, () -> server.verify(auth.bytes(), NtlmExchangeTest::account));
    assertThrows(NtlmException.class, () -> server.challenge(client.negotiate(), NOW, RANDOM));
  }

  @Test
  void secretsAreNeverShownAndAreDroppedAfterUse() {
    NtlmCredentials c = NtlmCredentials.of("alice", "CORP", PASSWORD.toCharArray());
    assertEquals("NtlmCredentials[CORP\\alice, password=<redacted>]", c.toString());
    NtlmClient client = NtlmClient.create(c, NtlmClient.Options.windowsLike());
    c.close();
    assertEquals(
        NtlmException.Kind.OUT_OF_ORDER,
        assertThrows(
                NtlmException.class, () -> NtlmClient.create(c, NtlmClient.Options.windowsLike()))
            .kind());
    assertEquals("NtlmClient[CORP\\alice]", client.toString());
    Run r = run("alice", "CORP", PASSWORD, NtlmClient.Options.windowsLike());
    String all = r.client().toString() + r.server();
    assertFalse(all.contains("S3cret"), all);
    NtlmSession s = r.client().session();
    s.close();
    assertArrayEquals(new byte[16], s.exportedSessionKey(), "close overwrites the keys");
  }
}
