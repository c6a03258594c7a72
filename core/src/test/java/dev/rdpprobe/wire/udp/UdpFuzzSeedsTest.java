package dev.rdpprobe.wire.udp;

import dev.rdpprobe.wire.FuzzSeeds;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps {@link UdpFuzzTest}'s seeds meaningful (see {@link FuzzSeeds}). */
class UdpFuzzSeedsTest {
  static final Map<String, Function<ByteBuf, ?>> DECODERS =
      Map.ofEntries(
          Map.entry("datagramDecode", RdpudpDatagram::decode),
          Map.entry("fecHeaderDecode", FecHeader::decode),
          Map.entry("synDataPayloadDecode", SynDataPayload::decode),
          Map.entry("correlationIdPayloadDecode", CorrelationIdPayload::decode),
          Map.entry("synDataExPayloadDecode", SynDataExPayload::decode),
          Map.entry(
              "synDataExPayloadDecodeWithCookieHash", SynDataExPayload::decodeWithCookieHash));

  static Stream<Path> seeds() {
    return FuzzSeeds.seeds(UdpFuzzTest.class);
  }

  @Test
  void everyFuzzTestHasSeedsAndEverySeedDirectoryAFuzzTest() {
    FuzzSeeds.assertDirectoriesMatch(UdpFuzzTest.class, DECODERS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void seedDecodesUnlessNamedBroken(Path seed) {
    FuzzSeeds.assertSeed(seed, DECODERS);
  }
}
