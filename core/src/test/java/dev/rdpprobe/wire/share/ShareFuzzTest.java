package dev.rdpprobe.wire.share;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.fuzz.FuzzOracles;

/**
 * Jazzer fuzz tests, one per decoder of the share codec, run like {@code X224FuzzTest}: in
 * regression mode with the seeds under {@code
 * src/test/resources/dev/rdpprobe/wire/share/ShareFuzzTestInputs/<method name>/} (made by {@code
 * testdata/mcs/make-fuzz-seeds.py}), or fuzzing one method with {@code JAZZER_FUZZ=1 ./mvnw -pl
 * core test -Dtest='ShareFuzzTest#shareControlPduDecode'}.
 */
class ShareFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void shareControlPduDecode(byte[] input) {
    FuzzOracles.roundTrip(ShareControlPdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void shareDataPduDecode(byte[] input) {
    FuzzOracles.roundTrip(ShareDataPdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void slowPathPduDecode(byte[] input) {
    FuzzOracles.roundTrip(SlowPathPdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void slowPathPduDecodeWithSecurityHeader(byte[] input) {
    FuzzOracles.roundTrip(SlowPathPdu::decodeWithSecurityHeader, input);
  }

  @FuzzTest(maxDuration = "5m")
  void slowPathPduDecodeFramed(byte[] input) {
    FuzzOracles.roundTrip(SlowPathPdu::decodeFramed, input);
  }

  @FuzzTest(maxDuration = "5m")
  void slowPathPduDecodeFramedWithSecurityHeader(byte[] input) {
    FuzzOracles.roundTrip(SlowPathPdu::decodeFramedWithSecurityHeader, input);
  }

  @FuzzTest(maxDuration = "5m")
  void demandActivePduDecode(byte[] input) {
    FuzzOracles.roundTrip(DemandActivePdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void confirmActivePduDecode(byte[] input) {
    FuzzOracles.roundTrip(ConfirmActivePdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void deactivateAllPduDecode(byte[] input) {
    FuzzOracles.roundTrip(DeactivateAllPdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void flowPduDecode(byte[] input) {
    FuzzOracles.roundTrip(FlowPdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void capabilitySetDecode(byte[] input) {
    FuzzOracles.roundTrip(CapabilitySet::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void synchronizePduDecode(byte[] input) {
    FuzzOracles.roundTrip(SynchronizePdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void controlPduDecode(byte[] input) {
    FuzzOracles.roundTrip(ControlPdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void fontListPduDecode(byte[] input) {
    FuzzOracles.roundTrip(FontListPdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void fontMapPduDecode(byte[] input) {
    FuzzOracles.roundTrip(FontMapPdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void setErrorInfoPduDecode(byte[] input) {
    FuzzOracles.roundTrip(SetErrorInfoPdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void saveSessionInfoPduDecode(byte[] input) {
    FuzzOracles.roundTrip(SaveSessionInfoPdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void logonInfoExtendedDecode(byte[] input) {
    FuzzOracles.roundTrip(LogonInfoExtended::decode, input);
  }
}
