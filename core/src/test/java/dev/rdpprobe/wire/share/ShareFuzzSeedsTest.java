package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.FuzzSeeds;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps {@link ShareFuzzTest}'s seeds meaningful (see {@link FuzzSeeds}). */
class ShareFuzzSeedsTest {
  static final Map<String, Function<ByteBuf, ?>> DECODERS =
      Map.ofEntries(
          Map.entry("shareControlPduDecode", ShareControlPdu::decode),
          Map.entry("shareDataPduDecode", ShareDataPdu::decode),
          Map.entry("slowPathPduDecode", SlowPathPdu::decode),
          Map.entry("slowPathPduDecodeWithSecurityHeader", SlowPathPdu::decodeWithSecurityHeader),
          Map.entry("slowPathPduDecodeFramed", SlowPathPdu::decodeFramed),
          Map.entry(
              "slowPathPduDecodeFramedWithSecurityHeader",
              SlowPathPdu::decodeFramedWithSecurityHeader),
          Map.entry("demandActivePduDecode", DemandActivePdu::decode),
          Map.entry("confirmActivePduDecode", ConfirmActivePdu::decode),
          Map.entry("deactivateAllPduDecode", DeactivateAllPdu::decode),
          Map.entry("flowPduDecode", FlowPdu::decode),
          Map.entry("capabilitySetDecode", CapabilitySet::decode),
          Map.entry("synchronizePduDecode", SynchronizePdu::decode),
          Map.entry("controlPduDecode", ControlPdu::decode),
          Map.entry("fontListPduDecode", FontListPdu::decode),
          Map.entry("fontMapPduDecode", FontMapPdu::decode),
          Map.entry("setErrorInfoPduDecode", SetErrorInfoPdu::decode),
          Map.entry("saveSessionInfoPduDecode", SaveSessionInfoPdu::decode),
          Map.entry("logonInfoExtendedDecode", LogonInfoExtended::decode));

  static Stream<Path> seeds() {
    return FuzzSeeds.seeds(ShareFuzzTest.class);
  }

  @Test
  void everyFuzzTestHasSeedsAndEverySeedDirectoryAFuzzTest() {
    FuzzSeeds.assertDirectoriesMatch(ShareFuzzTest.class, DECODERS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void seedDecodesUnlessNamedBroken(Path seed) {
    FuzzSeeds.assertSeed(seed, DECODERS);
  }
}
