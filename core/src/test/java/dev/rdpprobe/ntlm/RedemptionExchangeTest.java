package dev.rdpprobe.ntlm;

import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.credssp.TsCredentials;
import dev.rdpprobe.wire.credssp.TsPasswordCreds;
import dev.rdpprobe.wire.credssp.TsRequest;
import dev.rdpprobe.wire.ntlm.AuthenticateMessage;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A whole CredSSP/NTLM exchange recorded by another implementation (redemption, a FreeRDP-derived
 * RDP proxy; {@code testdata/credssp/redemption-*.hex}), checked end to end with the password its
 * test uses: our server accepts its NTLMv2 response, derives the same session key (its MIC, the
 * client's pubKeyAuth and authInfo all verify under it), and seals the server's pubKeyAuth into
 * exactly the bytes redemption's server sent.
 */
class RedemptionExchangeTest {

  static final String PASSWORD = "P\u00e9n\u00e9lope";
  static final byte[] PUBLIC_KEY = "1245789652325415".getBytes(StandardCharsets.US_ASCII);

  static TsRequest request(String file) {
    return decodeAll(TsRequest::decode, testdata("credssp/" + file));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "redemption-server-tsrequest-challenge-v2.hex, redemption-client-tsrequest-authenticate-v2.hex",
    "redemption-server-tsrequest-challenge-v6.hex,"
        + " redemption-client-tsrequest-authenticate-for-v6.hex"
  })
  void ourServerVerifiesRedemptionsClient(String challengeFile, String authenticateFile) {
    TsRequest negotiate = request("redemption-client-tsrequest-negotiate.hex");
    TsRequest challenge = request(challengeFile);
    TsRequest authenticate = request(authenticateFile);
    NtlmServer server = NtlmServer.afterChallenge(negotiate.negoToken(), challenge.negoToken());
    NtlmServer.Verification v =
        server.verify(
            authenticate.negoToken(),
            (user, domain) ->
                user.equals("Ulysse") && domain.equals("Ithaque") ? PASSWORD.toCharArray() : null);
    NtlmServer.Accepted ok = assertInstanceOf(NtlmServer.Accepted.class, v);
    assertFalse(ok.micChecked(), "redemption promises no MIC in MsvAvFlags");

    try (NtlmSession session = ok.session()) {
      // the MIC it sent anyway covers the three messages under the session key we derived
      AuthenticateMessage a = ok.message();
      byte[] mic =
          NtlmV2.mic(
              session.exportedSessionKey(),
              negotiate.negoToken().toByteArray(),
              challenge.negoToken().toByteArray(),
              authenticate.negoToken().toByteArray());
      assertEquals(a.mic(), Octets.of(mic));

      // pubKeyAuth: in both tests one side speaks version 2, so the public key itself is sealed
      int version = CredSspPubKeyAuth.effectiveVersion(authenticate.version(), challenge.version());
      assertEquals(2, version);
      CredSspPubKeyAuth.verifyClient(session, version, null, PUBLIC_KEY, authenticate.pubKeyAuth());
      Octets ours = CredSspPubKeyAuth.serverPubKeyAuth(session, version, null, PUBLIC_KEY);
      assertEquals(
          request("redemption-server-tsrequest-pubkeyauth-v2.hex").pubKeyAuth(),
          ours,
          "our server's pubKeyAuth is redemption's, byte for byte");

      // authInfo: the delegated credentials, sealed with client sequence number 1
      byte[] plaintext =
          session.unwrap(
              request("redemption-client-tsrequest-authinfo.hex").authInfo().toByteArray());
      ByteBuf in = io.netty.buffer.Unpooled.wrappedBuffer(plaintext);
      try (TsCredentials c = TsCredentials.decode(in);
          TsPasswordCreds p = c.passwordCreds()) {
        assertEquals("Ithaque", p.domainName());
        assertEquals("Ulysse", p.userName());
        char[] password = p.password();
        assertArrayEquals(PASSWORD.toCharArray(), password);
        Arrays.fill(password, '\0');
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"redemption-client-tsrequest-authenticate-v2.hex"})
  void ourClientSessionMatchesRedemptionsOnTheSameKey(String authenticateFile) {
    TsRequest negotiate = request("redemption-client-tsrequest-negotiate.hex");
    TsRequest challenge = request("redemption-server-tsrequest-challenge-v2.hex");
    TsRequest authenticate = request(authenticateFile);
    NtlmServer.Accepted ok =
        (NtlmServer.Accepted)
            NtlmServer.afterChallenge(negotiate.negoToken(), challenge.negoToken())
                .verify(authenticate.negoToken(), (u, d) -> PASSWORD.toCharArray());
    byte[] key = ok.session().exportedSessionKey();
    try (NtlmSession client =
        new NtlmSession(NtlmSession.Side.CLIENT, ok.message().negotiateFlags(), key)) {
      assertEquals(
          authenticate.pubKeyAuth(),
          CredSspPubKeyAuth.clientPubKeyAuth(client, 2, null, PUBLIC_KEY),
          "our client seals the public key into redemption's client pubKeyAuth");
      CredSspPubKeyAuth.verifyServer(
          client,
          2,
          null,
          PUBLIC_KEY,
          request("redemption-server-tsrequest-pubkeyauth-v2.hex").pubKeyAuth());
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({"x\u00e9lope, wrong password", "'', empty password"})
  void aWrongPasswordIsALogonFailure(String password, String what) {
    NtlmServer.Verification v =
        NtlmServer.afterChallenge(
                request("redemption-client-tsrequest-negotiate.hex").negoToken(),
                request("redemption-server-tsrequest-challenge-v2.hex").negoToken())
            .verify(
                request("redemption-client-tsrequest-authenticate-v2.hex").negoToken(),
                (u, d) -> password.toCharArray());
    NtlmServer.Rejected r = assertInstanceOf(NtlmServer.Rejected.class, v, what);
    assertEquals(0xC000006D, r.status().value());
    assertFalse(r.reason().contains(password.isEmpty() ? "\u0000" : password), r.reason());
  }
}
