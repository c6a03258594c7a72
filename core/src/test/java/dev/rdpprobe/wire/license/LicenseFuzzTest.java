package dev.rdpprobe.wire.license;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.fuzz.FuzzOracles;
import java.util.Arrays;

/**
 * Jazzer fuzz tests, one per decoder of the licensing codec, run like {@code X224FuzzTest}: in
 * regression mode with the seeds under {@code
 * src/test/resources/dev/rdpprobe/wire/license/LicenseFuzzTestInputs/<method name>/} (made by
 * {@code testdata/mcs/make-fuzz-seeds.py}), or fuzzing one method with {@code JAZZER_FUZZ=1 ./mvnw
 * -pl core test -Dtest='LicenseFuzzTest#licensePduDecode'}.
 */
class LicenseFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void licensePduDecode(byte[] input) {
    FuzzOracles.roundTrip(LicensePdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void licensePduDecodeFramed(byte[] input) {
    FuzzOracles.roundTrip(LicensePdu::decodeFramed, input);
  }

  /**
   * The preamble is a header: its encoding alone does not decode (the message it announces is
   * missing), so the property is that a decoded preamble re-encodes to the input's first bytes.
   */
  @FuzzTest(maxDuration = "5m")
  void licensePreambleDecode(byte[] input) {
    LicensePreamble p =
        FuzzOracles.decodeNeverThrowsOtherThanDecodeException(LicensePreamble::decode, input);
    if (p != null
        && !Arrays.equals(
            FuzzOracles.encode(p), Arrays.copyOf(input, LicensePreamble.FIXED_PART_SIZE))) {
      throw new AssertionError("the preamble re-encodes differently: " + p);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void licenseErrorMessageDecode(byte[] input) {
    FuzzOracles.roundTrip(LicenseErrorMessage::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void licenseBinaryBlobDecode(byte[] input) {
    FuzzOracles.roundTrip(LicenseBinaryBlob::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void newLicenseRequestDecode(byte[] input) {
    FuzzOracles.roundTrip(NewLicenseRequest::decode, input);
  }

  /**
   * The License Request's fields, read on demand: a malformed message raises only {@code
   * DecodeException}, and fields that decode write a message whose fields are the same.
   */
  @FuzzTest(maxDuration = "5m")
  void serverLicenseRequestContents(byte[] input) {
    ServerLicenseRequest.Contents c =
        FuzzOracles.decodeNeverThrowsOtherThanDecodeException(
            LicenseFuzzSeedsTest::contents, input);
    if (c != null && !c.equals(ServerLicenseRequest.of(c).contents())) {
      throw new AssertionError("the fields write a message that reads differently: " + c);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void serverLicenseRequestDecode(byte[] input) {
    // the body is read whole and decoded on demand: no input is an empty body that consumes
    // nothing, which the oracle counts as a failure
    if (input.length > 0) {
      FuzzOracles.roundTrip(ServerLicenseRequest::decode, input);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void serverPlatformChallengeDecode(byte[] input) {
    // the body is read whole and decoded on demand: no input is an empty body that consumes
    // nothing, which the oracle counts as a failure
    if (input.length > 0) {
      FuzzOracles.roundTrip(ServerPlatformChallenge::decode, input);
    }
  }
}
