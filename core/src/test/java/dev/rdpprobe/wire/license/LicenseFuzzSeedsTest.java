package dev.rdpprobe.wire.license;

import dev.rdpprobe.wire.FuzzSeeds;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps {@link LicenseFuzzTest}'s seeds meaningful (see {@link FuzzSeeds}). */
class LicenseFuzzSeedsTest {
  static final Map<String, Function<ByteBuf, ?>> DECODERS =
      Map.ofEntries(
          Map.entry("licensePduDecode", LicensePdu::decode),
          Map.entry("licensePduDecodeFramed", LicensePdu::decodeFramed),
          Map.entry("licensePreambleDecode", LicensePreamble::decode),
          Map.entry("licenseErrorMessageDecode", LicenseErrorMessage::decode),
          Map.entry("licenseBinaryBlobDecode", LicenseBinaryBlob::decode),
          Map.entry("newLicenseRequestDecode", NewLicenseRequest::decode),
          Map.entry("serverLicenseRequestContents", LicenseFuzzSeedsTest::contents),
          Map.entry("serverLicenseRequestDecode", ServerLicenseRequest::decode),
          Map.entry("serverPlatformChallengeDecode", ServerPlatformChallenge::decode));

  /** Reads the whole input as a License Request's body, then its fields. */
  static ServerLicenseRequest.Contents contents(ByteBuf in) {
    return ServerLicenseRequest.decode(in).contents();
  }

  static Stream<Path> seeds() {
    return FuzzSeeds.seeds(LicenseFuzzTest.class);
  }

  @Test
  void everyFuzzTestHasSeedsAndEverySeedDirectoryAFuzzTest() {
    FuzzSeeds.assertDirectoriesMatch(LicenseFuzzTest.class, DECODERS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void seedDecodesUnlessNamedBroken(Path seed) {
    FuzzSeeds.assertSeed(seed, DECODERS);
  }
}
