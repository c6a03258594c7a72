package dev.rdpprobe.wire.sec;

import dev.rdpprobe.wire.FuzzSeeds;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps {@link SecFuzzTest}'s seeds meaningful (see {@link FuzzSeeds}). */
class SecFuzzSeedsTest {
  static final Map<String, Function<ByteBuf, ?>> DECODERS =
      Map.ofEntries(
          Map.entry("basicSecurityHeaderDecode", BasicSecurityHeader::decode),
          Map.entry("infoPacketDecode", InfoPacket::decode),
          Map.entry("clientInfoPduDecode", ClientInfoPdu::decode),
          Map.entry("securityExchangePduDecode", SecurityExchangePdu::decode),
          Map.entry("nonFipsSecurityHeaderDecode", NonFipsSecurityHeader::decode),
          Map.entry("fipsSecurityHeaderDecode", FipsSecurityHeader::decode),
          Map.entry("rawSecurityPduDecode", RawSecurityPdu::decode));

  static Stream<Path> seeds() {
    return FuzzSeeds.seeds(SecFuzzTest.class);
  }

  @Test
  void everyFuzzTestHasSeedsAndEverySeedDirectoryAFuzzTest() {
    FuzzSeeds.assertDirectoriesMatch(SecFuzzTest.class, DECODERS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void seedDecodesUnlessNamedBroken(Path seed) {
    FuzzSeeds.assertSeed(seed, DECODERS);
  }
}
