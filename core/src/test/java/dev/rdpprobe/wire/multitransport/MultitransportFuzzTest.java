package dev.rdpprobe.wire.multitransport;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.fuzz.FuzzOracles;

/**
 * Jazzer fuzz tests, one per decoder of the multitransport codec, run like {@code X224FuzzTest},
 * seeds in {@code MultitransportFuzzTestInputs/<method name>/} (made by {@code
 * testdata/mcs/make-fuzz-seeds.py}).
 */
class MultitransportFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void requestDecode(byte[] input) {
    FuzzOracles.roundTrip(InitiateMultitransportRequest::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void requestDecodeFramed(byte[] input) {
    FuzzOracles.roundTrip(InitiateMultitransportRequest::decodeFramed, input);
  }

  @FuzzTest(maxDuration = "5m")
  void responseDecode(byte[] input) {
    FuzzOracles.roundTrip(InitiateMultitransportResponse::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void responseDecodeFramed(byte[] input) {
    FuzzOracles.roundTrip(InitiateMultitransportResponse::decodeFramed, input);
  }
}
