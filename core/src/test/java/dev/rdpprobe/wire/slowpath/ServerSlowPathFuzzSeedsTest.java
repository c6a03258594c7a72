package dev.rdpprobe.wire.slowpath;

import dev.rdpprobe.wire.FuzzSeeds;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps {@link ServerSlowPathFuzzTest}'s seeds meaningful (see {@link FuzzSeeds}). */
class ServerSlowPathFuzzSeedsTest {
  static final Map<String, Function<ByteBuf, ?>> DECODERS =
      Map.ofEntries(
          Map.entry("decode", ServerSlowPath::decode),
          Map.entry("decodeFramed", ServerSlowPath::decodeFramed));

  static Stream<Path> seeds() {
    return FuzzSeeds.seeds(ServerSlowPathFuzzTest.class);
  }

  @Test
  void everyFuzzTestHasSeedsAndEverySeedDirectoryAFuzzTest() {
    FuzzSeeds.assertDirectoriesMatch(ServerSlowPathFuzzTest.class, DECODERS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void seedDecodesUnlessNamedBroken(Path seed) {
    FuzzSeeds.assertSeed(seed, DECODERS);
  }
}
