package dev.rdpprobe.wire.gcc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.fuzz.FuzzOracles;

/**
 * Jazzer fuzz tests, one per decoder of the GCC codec (Conference Create PDUs and data blocks), run
 * like {@code X224FuzzTest}, seeds in {@code GccFuzzTestInputs/<method name>/} (made by {@code
 * testdata/mcs/make-fuzz-seeds.sh}).
 */
class GccFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void conferenceCreateRequestDecode(byte[] input) {
    FuzzOracles.roundTrip(ConferenceCreateRequest::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void conferenceCreateResponseDecode(byte[] input) {
    FuzzOracles.roundTrip(ConferenceCreateResponse::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void clientDataBlocksDecode(byte[] input) {
    // no input is a valid empty list that consumes nothing, which the oracle counts as a failure
    if (input.length > 0) {
      FuzzOracles.roundTrip(ClientDataBlocks::decode, input);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void serverDataBlocksDecode(byte[] input) {
    // no input is a valid empty list that consumes nothing, which the oracle counts as a failure
    if (input.length > 0) {
      FuzzOracles.roundTrip(ServerDataBlocks::decode, input);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void clientDataBlockDecode(byte[] input) {
    FuzzOracles.roundTrip(ClientDataBlock::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void serverDataBlockDecode(byte[] input) {
    FuzzOracles.roundTrip(ServerDataBlock::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void clientCoreDataDecode(byte[] input) {
    FuzzOracles.roundTrip(ClientCoreData::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void clientNetworkDataDecode(byte[] input) {
    FuzzOracles.roundTrip(ClientNetworkData::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void serverCoreDataDecode(byte[] input) {
    FuzzOracles.roundTrip(ServerCoreData::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void serverSecurityDataDecode(byte[] input) {
    FuzzOracles.roundTrip(ServerSecurityData::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void serverNetworkDataDecode(byte[] input) {
    FuzzOracles.roundTrip(ServerNetworkData::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void userDataHeaderDecode(byte[] input) {
    // the header checks that the block it announces is there, so it cannot round-trip alone;
    // the block decoders round-trip it with its block
    FuzzOracles.decodeNeverThrowsOtherThanDecodeException(UserDataHeader::decode, input);
  }

  /**
   * The RSA key of a server certificate (proprietary or X.509 chain): a malformed certificate
   * raises only {@code DecodeException}.
   */
  @FuzzTest(maxDuration = "5m")
  void serverCertificateRsaPublicKey(byte[] input) {
    FuzzOracles.decodeNeverThrowsOtherThanDecodeException(GccFuzzSeedsTest::rsaPublicKey, input);
  }

  @FuzzTest(maxDuration = "5m")
  void clientSecurityDataDecode(byte[] input) {
    FuzzOracles.roundTrip(ClientSecurityData::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void clientClusterDataDecode(byte[] input) {
    FuzzOracles.roundTrip(ClientClusterData::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void clientMonitorDataDecode(byte[] input) {
    FuzzOracles.roundTrip(ClientMonitorData::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void clientMessageChannelDataDecode(byte[] input) {
    FuzzOracles.roundTrip(ClientMessageChannelData::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void clientMultitransportChannelDataDecode(byte[] input) {
    FuzzOracles.roundTrip(ClientMultitransportChannelData::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void serverMessageChannelDataDecode(byte[] input) {
    FuzzOracles.roundTrip(ServerMessageChannelData::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void serverMultitransportChannelDataDecode(byte[] input) {
    FuzzOracles.roundTrip(ServerMultitransportChannelData::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void rawDataBlockDecode(byte[] input) {
    FuzzOracles.roundTrip(RawDataBlock::decode, input);
  }
}
