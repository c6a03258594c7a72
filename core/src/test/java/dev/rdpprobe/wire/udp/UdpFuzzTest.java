package dev.rdpprobe.wire.udp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.fuzz.FuzzOracles;

/**
 * Jazzer fuzz tests, one per decoder of the MS-RDPEUDP codec, run like {@code X224FuzzTest}, seeds
 * in {@code UdpFuzzTestInputs/<method name>/} (made by {@code testdata/mcs/make-fuzz-seeds.py}).
 */
class UdpFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void datagramDecode(byte[] input) {
    FuzzOracles.roundTrip(RdpudpDatagram::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void fecHeaderDecode(byte[] input) {
    FuzzOracles.roundTrip(FecHeader::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void synDataPayloadDecode(byte[] input) {
    FuzzOracles.roundTrip(SynDataPayload::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void correlationIdPayloadDecode(byte[] input) {
    FuzzOracles.roundTrip(CorrelationIdPayload::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void synDataExPayloadDecode(byte[] input) {
    FuzzOracles.roundTrip(SynDataExPayload::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void synDataExPayloadDecodeWithCookieHash(byte[] input) {
    FuzzOracles.roundTrip(SynDataExPayload::decodeWithCookieHash, input);
  }
}
