package dev.rdpprobe.wire.ntlm;

import dev.rdpprobe.wire.FuzzSeeds;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps {@link NtlmFuzzTest}'s seeds meaningful (see {@link FuzzSeeds}). */
class NtlmFuzzSeedsTest {
  static final Map<String, Function<ByteBuf, ?>> DECODERS =
      Map.ofEntries(
          Map.entry("ntlmMessageDecode", NtlmMessage::decode),
          Map.entry("negotiateMessageDecode", NegotiateMessage::decode),
          Map.entry("challengeMessageDecode", ChallengeMessage::decode),
          Map.entry("authenticateMessageDecode", AuthenticateMessage::decode),
          Map.entry("ntlmV2ResponseDecode", NtlmV2Response::decode),
          Map.entry("ntlmV2ClientChallengeDecode", NtlmV2ClientChallenge::decode),
          Map.entry("ntlmVersionDecode", NtlmVersion::decode),
          Map.entry("avPairsDecode", AvPairs::decode));

  static Stream<Path> seeds() {
    return FuzzSeeds.seeds(NtlmFuzzTest.class);
  }

  @Test
  void everyFuzzTestHasSeedsAndEverySeedDirectoryAFuzzTest() {
    FuzzSeeds.assertDirectoriesMatch(NtlmFuzzTest.class, DECODERS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void seedDecodesUnlessNamedBroken(Path seed) {
    FuzzSeeds.assertSeed(seed, DECODERS);
  }
}
