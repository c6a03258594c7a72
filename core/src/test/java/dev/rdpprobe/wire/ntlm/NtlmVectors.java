package dev.rdpprobe.wire.ntlm;

import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.testdata;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.credssp.TsRequest;

/** The NTLM messages of {@code testdata/credssp/}, raw. */
public final class NtlmVectors {
  private NtlmVectors() {}

  /** The negoToken of a TSRequest file. */
  public static byte[] token(String file) {
    return decodeAll(TsRequest::decode, testdata("credssp/" + file)).negoToken().toByteArray();
  }

  /** A raw NTLM message file. */
  public static byte[] raw(String file) {
    return testdata("credssp/" + file);
  }

  public static byte[] specChallenge() {
    return raw("ms-nlmp-4.2.4.3-challenge.hex");
  }

  public static byte[] specAuthenticate() {
    return raw("ms-nlmp-4.2.4.3-authenticate.hex");
  }

  public static byte[] nmapNegotiate() {
    return token("nmap-rdp-ntlm-info-tsrequest-negotiate.hex");
  }

  public static byte[] windowsNegotiate() {
    return token("windows-19041-tsrequest-negotiate.hex");
  }

  public static byte[] redemptionNegotiate() {
    return token("redemption-client-tsrequest-negotiate.hex");
  }

  public static byte[] redemptionChallengeV2() {
    return token("redemption-server-tsrequest-challenge-v2.hex");
  }

  public static byte[] redemptionAuthenticateV2() {
    return token("redemption-client-tsrequest-authenticate-v2.hex");
  }

  public static byte[] redemptionChallengeV6() {
    return token("redemption-server-tsrequest-challenge-v6.hex");
  }

  public static byte[] redemptionAuthenticateForV6() {
    return token("redemption-client-tsrequest-authenticate-for-v6.hex");
  }

  /** The MS-NLMP 4.2.4 NTLMv2 response (4.2.4.2.2): NTProofStr and the temp of 4.2.4.1.3. */
  public static final Octets SPEC_NT_RESPONSE =
      Octets.fromHex(
          "68cd0ab851e51c96aabc927bebef6a1c"
              + "0101000000000000 0000000000000000 aaaaaaaaaaaaaaaa 00000000"
              + "02000c0044006f006d00610069006e00 01000c005300650072007600650072000000 0000"
              + "00000000");
}
