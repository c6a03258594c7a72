package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.FuzzSeeds;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps {@link McsFuzzTest}'s seeds meaningful (see {@link FuzzSeeds}). */
class McsFuzzSeedsTest {
  static final Map<String, Function<ByteBuf, ?>> DECODERS =
      Map.ofEntries(
          Map.entry("mcsPduDecode", McsPdu::decode),
          Map.entry("mcsPduDecodeFramed", McsPdu::decodeFramed),
          Map.entry("connectInitialDecode", McsConnectInitial::decode),
          Map.entry("connectResponseDecode", McsConnectResponse::decode),
          Map.entry("domainMcsPduDecode", DomainMcsPdu::decode),
          Map.entry("erectDomainRequestDecode", ErectDomainRequest::decode),
          Map.entry("attachUserRequestDecode", AttachUserRequest::decode),
          Map.entry("attachUserConfirmDecode", AttachUserConfirm::decode),
          Map.entry("channelJoinRequestDecode", ChannelJoinRequest::decode),
          Map.entry("channelJoinConfirmDecode", ChannelJoinConfirm::decode),
          Map.entry("sendDataRequestDecode", SendDataRequest::decode),
          Map.entry("sendDataIndicationDecode", SendDataIndication::decode),
          Map.entry("disconnectProviderUltimatumDecode", DisconnectProviderUltimatum::decode),
          Map.entry("sendDataHeaderDecodeFramed", SendDataHeader::decodeFramed),
          Map.entry("sendDataHeaderDecode", SendDataHeader::decode));

  static Stream<Path> seeds() {
    return FuzzSeeds.seeds(McsFuzzTest.class);
  }

  @Test
  void everyFuzzTestHasSeedsAndEverySeedDirectoryAFuzzTest() {
    FuzzSeeds.assertDirectoriesMatch(McsFuzzTest.class, DECODERS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void seedDecodesUnlessNamedBroken(Path seed) {
    FuzzSeeds.assertSeed(seed, DECODERS);
  }
}
