package dev.rdpprobe.ntlm;

import static dev.rdpprobe.wire.WireVectors.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.ntlm.AvId;
import dev.rdpprobe.wire.ntlm.AvPair;
import dev.rdpprobe.wire.ntlm.AvPairs;
import dev.rdpprobe.wire.ntlm.NegotiateFlags;
import dev.rdpprobe.wire.ntlm.NtlmV2ClientChallenge;
import dev.rdpprobe.wire.ntlm.NtlmVectors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The NTLMv2 example of MS-NLMP 4.2.4: user {@code User}, domain {@code Domain}, password {@code
 * Password}, server {@code Server}, workstation {@code COMPUTER}, random session key {@code 55}×16,
 * time 0, client challenge {@code aa}×8, server challenge {@code 0123456789abcdef}. Every value
 * asserted here is the specification's (4.2.4.1 to 4.2.4.4), as three public NTLM test suites
 * reproduce it.
 */
class NtlmSpecExampleTest {

  static final char[] PASSWORD = "Password".toCharArray();
  static final byte[] SERVER_CHALLENGE = bytes("0123456789abcdef");
  static final byte[] CLIENT_CHALLENGE = bytes("aaaaaaaaaaaaaaaa");
  static final byte[] RANDOM_SESSION_KEY = bytes("55555555555555555555555555555555");

  /** 4.2.4.1.1. */
  static final byte[] RESPONSE_KEY_NT = bytes("0c868a403bfd7a93a3001ef22ef02e3f");

  /** 4.2.4.1.3: temp, with the server's AV pairs (MsvAvNbDomainName, MsvAvNbComputerName). */
  static final byte[] TEMP =
      bytes(
          "01 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 aa aa aa aa aa aa aa aa 00 00 00 00"
              + " 02 00 0c 00 44 00 6f 00 6d 00 61 00 69 00 6e 00"
              + " 01 00 0c 00 53 00 65 00 72 00 76 00 65 00 72 00"
              + " 00 00 00 00 00 00 00 00");

  @Test
  void ntowfV2_4_2_4_1_1() {
    assertArrayEquals(RESPONSE_KEY_NT, Crypto.ntowfV2(PASSWORD, "User", "Domain"));
    assertArrayEquals(RESPONSE_KEY_NT, Crypto.ntowfV2(PASSWORD, "user", "Domain"), "user upcased");
  }

  @Test
  void theClientChallengeIsTheTempOf_4_2_4_1_3() {
    AvPairs serverPairs =
        AvPairs.of(
            new AvPair.Name(AvId.MSV_AV_NB_DOMAIN_NAME, "Domain"),
            new AvPair.Name(AvId.MSV_AV_NB_COMPUTER_NAME, "Server"));
    assertArrayEquals(
        TEMP,
        Octets.encode(NtlmV2ClientChallenge.of(0, Octets.of(CLIENT_CHALLENGE), serverPairs))
            .toByteArray());
  }

  @Test
  void responsesAndKeys_4_2_4_1_2_and_4_2_4_2() {
    byte[] ntProofStr = NtlmV2.ntProofStr(RESPONSE_KEY_NT, SERVER_CHALLENGE, TEMP);
    assertArrayEquals(bytes("68cd0ab851e51c96aabc927bebef6a1c"), ntProofStr, "4.2.4.2.2");
    assertArrayEquals(
        bytes("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa"),
        NtlmV2.lmV2Response(RESPONSE_KEY_NT, SERVER_CHALLENGE, CLIENT_CHALLENGE),
        "4.2.4.2.1");
    byte[] sessionBaseKey = NtlmV2.sessionBaseKey(RESPONSE_KEY_NT, ntProofStr);
    assertArrayEquals(bytes("8de40ccadbc14a82f15cb0ad0de95ca3"), sessionBaseKey, "4.2.4.1.2");
    assertArrayEquals(
        bytes("c5dad2544fc9799094ce1ce90bc9d03e"),
        Crypto.rc4k(sessionBaseKey, RANDOM_SESSION_KEY),
        "4.2.4.2.3");
  }

  @Test
  void sealingKeysAndTheSealedPlaintext_4_2_4_4() {
    NegotiateFlags flags = new NegotiateFlags(0xe2888235);
    try (NtlmSession client = new NtlmSession(NtlmSession.Side.CLIENT, flags, RANDOM_SESSION_KEY)) {
      assertArrayEquals(
          bytes("59f600973cc4960a25480a7c196e4c58"), client.sealingKey(NtlmSession.Side.CLIENT));
      assertArrayEquals(
          bytes("4788dc861b4782f35d43fd98fe1a2d39"), client.signingKey(NtlmSession.Side.CLIENT));
      NtlmSession.Sealed sealed = client.seal("Plaintext".getBytes(StandardCharsets.UTF_16LE));
      assertEquals(Octets.fromHex("54e50165bf1936dc996020c1811b0f06fb5f"), sealed.message());
      assertEquals(Octets.fromHex("010000007fb38ec5c55d497600000000"), sealed.signature());
    }
  }

  @Test
  void theServerVerifiesTheSpecAuthenticateAndUnsealsThePlaintext() {
    // a server that sent a challenge with the spec's ServerChallenge
    NtlmServer server =
        NtlmServer.afterChallenge(Octets.EMPTY, Octets.of(NtlmVectors.specChallenge()));
    NtlmServer.Verification v =
        server.verify(
            Octets.of(NtlmVectors.specAuthenticate()),
            (user, domain) ->
                user.equals("User") && domain.equals("Domain") ? PASSWORD.clone() : null);
    NtlmServer.Accepted ok = assertInstanceOf(NtlmServer.Accepted.class, v);
    assertEquals(false, ok.micChecked(), "the example promises no MIC");
    try (NtlmSession session = ok.session()) {
      assertArrayEquals(RANDOM_SESSION_KEY, session.exportedSessionKey());
      byte[] plain =
          session.unseal(
              bytes("54e50165bf1936dc996020c1811b0f06fb5f"),
              bytes("010000007fb38ec5c55d497600000000"));
      assertEquals("Plaintext", new String(plain, StandardCharsets.UTF_16LE));
    }
  }

  /**
   * The server's direction of 4.2.4.4, which the specification does not print: the values of a
   * third-party NTLM library's test (ntlmlib, {@code Ntlm2SealingTestCase}), which agrees with us
   * on the client direction above. Not a specification vector.
   */
  @Test
  void serverDirectionAgreesWithAnotherImplementation() {
    NegotiateFlags flags = new NegotiateFlags(0xe2888235);
    byte[] plaintext = "Plaintext".getBytes(StandardCharsets.UTF_16LE);
    try (NtlmSession server = new NtlmSession(NtlmSession.Side.SERVER, flags, RANDOM_SESSION_KEY);
        NtlmSession client = new NtlmSession(NtlmSession.Side.CLIENT, flags, RANDOM_SESSION_KEY)) {
      NtlmSession.Sealed sealed = server.seal(plaintext);
      assertEquals(Octets.fromHex("160871b730ba74e946c453d7465b54278dd0"), sealed.message());
      assertEquals(Octets.fromHex("01000000b298b847ce7c580700000000"), sealed.signature());
      assertArrayEquals(
          plaintext,
          client.unseal(sealed.message().toByteArray(), sealed.signature().toByteArray()));
    }
  }

  @Test
  void aReplayedOrAlteredMessageDoesNotVerify() {
    NegotiateFlags flags = new NegotiateFlags(0xe2888235);
    byte[] sealed = bytes("54e50165bf1936dc996020c1811b0f06fb5f");
    byte[] signature = bytes("010000007fb38ec5c55d497600000000");
    try (NtlmSession server = new NtlmSession(NtlmSession.Side.SERVER, flags, RANDOM_SESSION_KEY)) {
      server.unseal(sealed, signature);
      NtlmException e = assertThrows(NtlmException.class, () -> server.unseal(sealed, signature));
      assertEquals(NtlmException.Kind.SIGNATURE_MISMATCH, e.kind());
    }
    try (NtlmSession server = new NtlmSession(NtlmSession.Side.SERVER, flags, RANDOM_SESSION_KEY)) {
      byte[] altered = sealed.clone();
      altered[0] ^= 1;
      NtlmException e = assertThrows(NtlmException.class, () -> server.unseal(altered, signature));
      assertEquals(NtlmException.Kind.SIGNATURE_MISMATCH, e.kind());
    }
  }
}
