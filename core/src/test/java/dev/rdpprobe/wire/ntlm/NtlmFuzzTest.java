package dev.rdpprobe.wire.ntlm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.fuzz.FuzzOracles;
import dev.rdpprobe.wire.DecodeException;

/**
 * Jazzer fuzz tests, one per decoder of the NTLM codec, run like {@code X224FuzzTest}; seeds in
 * {@code NtlmFuzzTestInputs/<method name>/} (made by {@code testdata/credssp/make-fuzz-seeds.py}).
 */
class NtlmFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void ntlmMessageDecode(byte[] input) {
    FuzzOracles.roundTrip(NtlmMessage::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void negotiateMessageDecode(byte[] input) {
    FuzzOracles.roundTrip(NegotiateMessage::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void challengeMessageDecode(byte[] input) {
    FuzzOracles.roundTrip(ChallengeMessage::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void authenticateMessageDecode(byte[] input) {
    FuzzOracles.roundTrip(AuthenticateMessage::decode, input);
    AuthenticateMessage a =
        FuzzOracles.decodeNeverThrowsOtherThanDecodeException(AuthenticateMessage::decode, input);
    if (a != null) {
      try {
        a.ntlmV2Response();
      } catch (DecodeException e) {
        // an NTLM v1 or malformed response: fine
      }
    }
  }

  @FuzzTest(maxDuration = "5m")
  void ntlmV2ResponseDecode(byte[] input) {
    FuzzOracles.roundTrip(NtlmV2Response::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void ntlmV2ClientChallengeDecode(byte[] input) {
    FuzzOracles.roundTrip(NtlmV2ClientChallenge::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void ntlmVersionDecode(byte[] input) {
    FuzzOracles.roundTrip(NtlmVersion::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void avPairsDecode(byte[] input) {
    FuzzOracles.roundTrip(AvPairs::decode, input);
  }
}
