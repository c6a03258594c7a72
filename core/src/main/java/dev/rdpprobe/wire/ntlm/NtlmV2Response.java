package dev.rdpprobe.wire.ntlm;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * NTLMv2_RESPONSE (MS-NLMP 2.2.2.8): the NtChallengeResponse of NTLMv2, the proof ({@code
 * NTProofStr}, 16 octets) followed by the client challenge it covers.
 *
 * @param response Response: NTProofStr
 * @param clientChallenge the NTLMv2_CLIENT_CHALLENGE
 */
public record NtlmV2Response(Octets response, NtlmV2ClientChallenge clientChallenge)
    implements Pdu {
  public static final String NAME = "NTLMv2_RESPONSE";

  /** The length of Response. */
  public static final int RESPONSE_LENGTH = 16;

  public NtlmV2Response {
    Objects.requireNonNull(response, "response");
    if (response.length() != RESPONSE_LENGTH) {
      throw new IllegalArgumentException("Response must be 16 octets");
    }
    Objects.requireNonNull(clientChallenge, "clientChallenge");
  }

  /** Reads the structure to the end of the readable bytes. */
  public static NtlmV2Response decode(ByteBuf in) {
    Octets response = Octets.read(in, RESPONSE_LENGTH, NAME, "Response");
    return new NtlmV2Response(response, NtlmV2ClientChallenge.decode(in));
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The sizes only: NTProofStr with its client challenge and the server's challenge is enough to
   * guess the password offline.
   */
  @Override
  public String toString() {
    return "NtlmV2Response[response=<16 bytes>, clientChallenge=<"
        + clientChallenge.size()
        + " bytes>]";
  }

  @Override
  public int size() {
    return RESPONSE_LENGTH + clientChallenge.size();
  }

  @Override
  public void encode(ByteBuf out) {
    response.writeTo(out);
    clientChallenge.encode(out);
  }
}
