package dev.rdpprobe.wire.multitransport;

import dev.rdpprobe.wire.FuzzSeeds;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps {@link MultitransportFuzzTest}'s seeds meaningful (see {@link FuzzSeeds}). */
class MultitransportFuzzSeedsTest {
  static final Map<String, Function<ByteBuf, ?>> DECODERS =
      Map.ofEntries(
          Map.entry("requestDecode", InitiateMultitransportRequest::decode),
          Map.entry("requestDecodeFramed", InitiateMultitransportRequest::decodeFramed),
          Map.entry("responseDecode", InitiateMultitransportResponse::decode),
          Map.entry("responseDecodeFramed", InitiateMultitransportResponse::decodeFramed));

  static Stream<Path> seeds() {
    return FuzzSeeds.seeds(MultitransportFuzzTest.class);
  }

  @Test
  void everyFuzzTestHasSeedsAndEverySeedDirectoryAFuzzTest() {
    FuzzSeeds.assertDirectoriesMatch(MultitransportFuzzTest.class, DECODERS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void seedDecodesUnlessNamedBroken(Path seed) {
    FuzzSeeds.assertSeed(seed, DECODERS);
  }
}
