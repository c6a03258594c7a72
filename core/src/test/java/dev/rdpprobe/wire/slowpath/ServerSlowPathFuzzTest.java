package dev.rdpprobe.wire.slowpath;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.fuzz.FuzzOracles;

/**
 * Jazzer fuzz tests of the server slow-path dispatcher, run like {@code X224FuzzTest}, seeds in
 * {@code ServerSlowPathFuzzTestInputs/<method name>/} (made by {@code
 * testdata/mcs/make-fuzz-seeds.py}).
 */
class ServerSlowPathFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void decode(byte[] input) {
    FuzzOracles.roundTrip(ServerSlowPath::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void decodeFramed(byte[] input) {
    FuzzOracles.roundTrip(ServerSlowPath::decodeFramed, input);
  }
}
