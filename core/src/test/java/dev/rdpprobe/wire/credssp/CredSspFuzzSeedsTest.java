package dev.rdpprobe.wire.credssp;

import dev.rdpprobe.wire.FuzzSeeds;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps {@link CredSspFuzzTest}'s seeds meaningful (see {@link FuzzSeeds}). */
class CredSspFuzzSeedsTest {
  static final Map<String, Function<ByteBuf, ?>> DECODERS =
      Map.ofEntries(
          Map.entry("tsRequestDecode", TsRequest::decode),
          Map.entry("tsRequestFrameLength", CredSspFuzzSeedsTest::frameOrFail),
          Map.entry("earlyUserAuthorizationResultDecode", EarlyUserAuthorizationResult::decode),
          Map.entry("tsCredentialsDecode", TsCredentials::decode),
          Map.entry("tsPasswordCredsDecode", CredSspFuzzSeedsTest::passwordCreds));

  /** The whole input as the octets of a TSPasswordCreds. */
  static TsPasswordCreds passwordCreds(ByteBuf in) {
    return TsPasswordCreds.decode(
        dev.rdpprobe.wire.Wire.readBytes(in, in.readableBytes(), TsPasswordCreds.NAME, "bytes"));
  }

  /** A frame length, or a DecodeException for -1, so that a "broken-" seed means incomplete. */
  private static Integer frameOrFail(ByteBuf in) {
    int n = TsRequest.frameLength(in);
    if (n < 0) {
      throw new dev.rdpprobe.wire.DecodeException(
          dev.rdpprobe.wire.DecodeException.Kind.NOT_ENOUGH_BYTES,
          TsRequest.NAME,
          TsRequest.NAME,
          in.readerIndex(),
          in.readableBytes(),
          "the identifier and length octets");
    }
    in.skipBytes(in.readableBytes());
    return n;
  }

  static Stream<Path> seeds() {
    return FuzzSeeds.seeds(CredSspFuzzTest.class);
  }

  @Test
  void everyFuzzTestHasSeedsAndEverySeedDirectoryAFuzzTest() {
    FuzzSeeds.assertDirectoriesMatch(CredSspFuzzTest.class, DECODERS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void seedDecodesUnlessNamedBroken(Path seed) {
    FuzzSeeds.assertSeed(seed, DECODERS);
  }
}
