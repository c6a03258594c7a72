package dev.rdpprobe.ntlm;

import dev.rdpprobe.wire.ntlm.AuthenticateMessage;
import java.util.Arrays;

/**
 * The NTLMv2 computations both ends share (MS-NLMP 3.3.2 and 3.1.5.1.2). NTLMv2 uses one key for
 * both responses: ResponseKeyLM = ResponseKeyNT = NTOWFv2, and KeyExchangeKey = SessionBaseKey.
 */
final class NtlmV2 {
  private NtlmV2() {}

  /** NTProofStr = HMAC_MD5(ResponseKeyNT, ServerChallenge || temp). */
  static byte[] ntProofStr(byte[] responseKeyNt, byte[] serverChallenge, byte[] temp) {
    return Crypto.hmacMd5(responseKeyNt, serverChallenge, temp);
  }

  /**
   * LmChallengeResponse = HMAC_MD5(ResponseKeyLM, ServerChallenge || ClientChallenge) ||
   * ClientChallenge (LMv2_RESPONSE, 2.2.2.4).
   */
  static byte[] lmV2Response(byte[] responseKeyLm, byte[] serverChallenge, byte[] clientChallenge) {
    return Crypto.concat(
        Crypto.hmacMd5(responseKeyLm, serverChallenge, clientChallenge), clientChallenge);
  }

  /** SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr). */
  static byte[] sessionBaseKey(byte[] responseKeyNt, byte[] ntProofStr) {
    return Crypto.hmacMd5(responseKeyNt, ntProofStr);
  }

  /** MIC = HMAC_MD5(ExportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE with MIC 0). */
  static byte[] mic(byte[] exportedSessionKey, byte[] negotiate, byte[] challenge, byte[] auth) {
    return Crypto.hmacMd5(exportedSessionKey, negotiate, challenge, zeroMic(auth));
  }

  /** A copy of an AUTHENTICATE_MESSAGE with its 16 MIC octets (at offset 72) set to zero. */
  static byte[] zeroMic(byte[] authenticate) {
    byte[] copy = authenticate.clone();
    int from = AuthenticateMessage.MIC_OFFSET;
    Arrays.fill(copy, from, Math.min(copy.length, from + AuthenticateMessage.MIC_LENGTH), (byte) 0);
    return copy;
  }
}
