package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.FuzzSeeds;
import dev.rdpprobe.wire.Octets;
import io.netty.buffer.ByteBuf;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps {@link GccFuzzTest}'s seeds meaningful (see {@link FuzzSeeds}). */
class GccFuzzSeedsTest {
  static final Map<String, Function<ByteBuf, ?>> DECODERS =
      Map.ofEntries(
          Map.entry("conferenceCreateRequestDecode", ConferenceCreateRequest::decode),
          Map.entry("conferenceCreateResponseDecode", ConferenceCreateResponse::decode),
          Map.entry("clientDataBlocksDecode", ClientDataBlocks::decode),
          Map.entry("serverDataBlocksDecode", ServerDataBlocks::decode),
          Map.entry("clientDataBlockDecode", ClientDataBlock::decode),
          Map.entry("serverDataBlockDecode", ServerDataBlock::decode),
          Map.entry("clientCoreDataDecode", ClientCoreData::decode),
          Map.entry("clientNetworkDataDecode", ClientNetworkData::decode),
          Map.entry("serverCoreDataDecode", ServerCoreData::decode),
          Map.entry("serverSecurityDataDecode", ServerSecurityData::decode),
          Map.entry("serverNetworkDataDecode", ServerNetworkData::decode),
          Map.entry("userDataHeaderDecode", UserDataHeader::decode),
          Map.entry("serverCertificateRsaPublicKey", GccFuzzSeedsTest::rsaPublicKey),
          Map.entry("clientSecurityDataDecode", ClientSecurityData::decode),
          Map.entry("clientClusterDataDecode", ClientClusterData::decode),
          Map.entry("clientMonitorDataDecode", ClientMonitorData::decode),
          Map.entry("clientMessageChannelDataDecode", ClientMessageChannelData::decode),
          Map.entry(
              "clientMultitransportChannelDataDecode", ClientMultitransportChannelData::decode),
          Map.entry("serverMessageChannelDataDecode", ServerMessageChannelData::decode),
          Map.entry(
              "serverMultitransportChannelDataDecode", ServerMultitransportChannelData::decode),
          Map.entry("rawDataBlockDecode", RawDataBlock::decode));

  /** Reads the whole input as a server certificate, then its RSA key (or empty). */
  static Optional<RsaPublicKey> rsaPublicKey(ByteBuf in) {
    return new ServerCertificate(Octets.read(in, in.readableBytes(), "SERVER_CERTIFICATE", "bytes"))
        .rsaPublicKey();
  }

  static Stream<Path> seeds() {
    return FuzzSeeds.seeds(GccFuzzTest.class);
  }

  @Test
  void everyFuzzTestHasSeedsAndEverySeedDirectoryAFuzzTest() {
    FuzzSeeds.assertDirectoriesMatch(GccFuzzTest.class, DECODERS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("seeds")
  void seedDecodesUnlessNamedBroken(Path seed) {
    FuzzSeeds.assertSeed(seed, DECODERS);
  }
}
