package dev.rdpprobe.wire.sec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.fuzz.FuzzOracles;

/**
 * Jazzer fuzz tests, one per decoder of the security-layer codec (Basic Security Header, Info
 * Packet, Client Info PDU, Client Security Exchange PDU, the Non-FIPS and FIPS security headers),
 * run like {@code X224FuzzTest}, seeds in {@code SecFuzzTestInputs/<method name>/} (made by {@code
 * testdata/mcs/make-fuzz-seeds.sh}).
 */
class SecFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void basicSecurityHeaderDecode(byte[] input) {
    FuzzOracles.roundTrip(BasicSecurityHeader::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void infoPacketDecode(byte[] input) {
    FuzzOracles.roundTrip(InfoPacket::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void clientInfoPduDecode(byte[] input) {
    FuzzOracles.roundTrip(ClientInfoPdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void securityExchangePduDecode(byte[] input) {
    FuzzOracles.roundTrip(SecurityExchangePdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void nonFipsSecurityHeaderDecode(byte[] input) {
    FuzzOracles.roundTrip(NonFipsSecurityHeader::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void fipsSecurityHeaderDecode(byte[] input) {
    FuzzOracles.roundTrip(FipsSecurityHeader::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void rawSecurityPduDecode(byte[] input) {
    FuzzOracles.roundTrip(RawSecurityPdu::decode, input);
  }
}
