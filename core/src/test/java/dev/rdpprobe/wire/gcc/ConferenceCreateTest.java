package dev.rdpprobe.wire.gcc;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.encode;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.WireVectors.Vector;
import dev.rdpprobe.wire.mcs.LengthForm;
import dev.rdpprobe.wire.mcs.McsConnectInitial;
import dev.rdpprobe.wire.mcs.McsConnectResponse;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GCC Conference Create Request and Response (MS-RDPBCGR 2.2.1.3, 2.2.1.4; T.124 PER). */
class ConferenceCreateTest {

  static byte[] gcc413() {
    McsConnectInitial ci =
        decodeAll(
            McsConnectInitial::decodeFramed,
            testdata("mcs/ms-rdpbcgr-4.1.3-client-mcs-connect-initial.hex"));
    return ci.userData().toByteArray();
  }

  static byte[] gcc414() {
    McsConnectResponse cr =
        decodeAll(
            McsConnectResponse::decodeFramed,
            testdata("mcs/ms-rdpbcgr-4.1.4-server-mcs-connect-response.hex"));
    return cr.userData().toByteArray();
  }

  /** The client data blocks of MS-RDPBCGR 4.1.3, field by field from the annotation. */
  static ClientDataBlocks blocks413() {
    ClientCoreData core =
        new ClientCoreData(
            RdpVersion.RDP_5_0_TO_8_1,
            1280,
            1024,
            0xCA01,
            0xAA03,
            0x409,
            3790,
            "ELTONS-DEV2",
            4,
            0,
            12,
            "",
            0xCA01,
            1,
            0,
            24,
            7,
            new ClientEarlyCapabilityFlags(1),
            "69712-783-0357974-42714",
            0,
            0,
            SecurityProtocols.RDP,
            null,
            null,
            null,
            null,
            null,
            Octets.EMPTY);
    return ClientDataBlocks.of(
        core,
        new ClientClusterData(new ClusterFlags(0x0d), 0),
        new ClientSecurityData(new EncryptionMethods(0x1b), EncryptionMethods.NONE),
        new ClientNetworkData(
            List.of(
                new ChannelDef("rdpdr", new ChannelOptions(0x80800000)),
                new ChannelDef("cliprdr", new ChannelOptions(0xc0a00000)),
                new ChannelDef("rdpsnd", new ChannelOptions(0xc0000000)))));
  }

  static Stream<Vector<?>> vectors() {
    byte[] gcc414 = gcc414();
    byte[] blocks414 = Arrays.copyOfRange(gcc414, gcc414.length - 264, gcc414.length);
    ServerDataBlocks serverBlocks = decodeAll(ServerDataBlocks::decode, blocks414);
    return Stream.of(
        vector(
            "MS-RDPBCGR 4.1.3 Conference Create Request",
            ConferenceCreateRequest.of(blocks413()),
            gcc413(),
            ConferenceCreateRequest::decode),
        vector(
            "MS-RDPBCGR 4.1.4 Conference Create Response",
            new ConferenceCreateResponse(
                31219, 1, ConferenceCreateResult.SUCCESS, serverBlocks, 42, LengthForm.SHORTEST),
            gcc414,
            ConferenceCreateResponse::decode));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodeDecodeSize(Vector<?> v) {
    WireVectors.assertVector(v);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyTruncationNeedsMoreBytes(Vector<?> v) {
    assertEveryPrefixNeedsMoreBytes(v.decoder(), v.bytes());
  }

  @Test
  void spec414ServerBlocks() {
    ConferenceCreateResponse r = decodeAll(ConferenceCreateResponse::decode, gcc414());
    ServerDataBlocks b = r.userData();
    assertEquals(
        new ServerCoreData(RdpVersion.RDP_5_0_TO_8_1, SecurityProtocols.RDP, null, Octets.EMPTY),
        b.core().orElseThrow());
    assertEquals(ServerNetworkData.of(1003, List.of(1004, 1005, 1006)), b.network().orElseThrow());
    ServerSecurityData sec = b.security().orElseThrow();
    assertEquals("ENCRYPTION_METHOD_128BIT", sec.encryptionMethod().toString());
    assertEquals(EncryptionLevel.CLIENT_COMPATIBLE, sec.encryptionLevel());
    assertEquals(32, sec.serverRandom().length());
    assertEquals(184, sec.serverCertificate().bytes().length());
    assertEquals("CERT_CHAIN_VERSION_1", sec.serverCertificate().versionName());
    assertEquals(42, r.connectPduLength());
    assertEquals(true, r.actualConnectPduLength() > 42, "Windows declares 42 for 287 bytes");
  }

  @Test
  void connectPduLengthIsKeptOnlyWhenItIsWrong() {
    ConferenceCreateRequest r = decodeAll(ConferenceCreateRequest::decode, gcc413());
    assertNull(r.connectPduLength(), "4.1.3 declares the true length, 0x12a");
    assertEquals(0x12a, r.actualConnectPduLength());
    ConferenceCreateResponse of = ConferenceCreateResponse.of(ServerDataBlocks.of());
    assertEquals(42, of.connectPduLength());
    // a declared length that happens to be the true one reads back as null
    ConferenceCreateResponse exact =
        new ConferenceCreateResponse(
            31219,
            1,
            ConferenceCreateResult.SUCCESS,
            ServerDataBlocks.of(),
            null,
            LengthForm.SHORTEST);
    assertRoundTrip(exact, ConferenceCreateResponse::decode);
  }

  @Test
  void xrdpTwoOctetUserDataLengthRoundTrips() {
    ServerDataBlocks blocks =
        ServerDataBlocks.of(
            new ServerCoreData(RdpVersion.RDP_5_0_TO_8_1, null, null, Octets.EMPTY),
            ServerNetworkData.of(1003, List.of()),
            ServerSecurityData.none());
    ConferenceCreateResponse r =
        new ConferenceCreateResponse(
            31219, 1, ConferenceCreateResult.SUCCESS, blocks, 42, LengthForm.TWO_OCTETS);
    byte[] bytes = assertRoundTrip(r, ConferenceCreateResponse::decode);
    assertEquals("80 1c", WireVectors.toHex(Arrays.copyOfRange(bytes, 21, 23)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 7})
  void everyResultRoundTrips(int result) {
    assertRoundTrip(
        new ConferenceCreateResponse(
            1001,
            0x123456,
            new ConferenceCreateResult(result),
            ServerDataBlocks.of(),
            0,
            LengthForm.SHORTEST),
        ConferenceCreateResponse::decode);
    assertEquals(
        List.of(
            "success",
            "userRejected",
            "resourcesNotAvailable",
            "rejectedForSymmetryBreaking",
            "lockedConferenceNotSupported"),
        Stream.of(0, 1, 2, 3, 4).map(i -> new ConferenceCreateResult(i).name()).toList());
  }

  @Test
  void connectInitialAndResponseCarryTheGcc() {
    ConferenceCreateRequest request = ConferenceCreateRequest.of(blocks413());
    McsConnectInitial ci = request.toConnectInitial();
    assertEquals(request, ConferenceCreateRequest.from(ci));
    ConferenceCreateResponse response =
        ConferenceCreateResponse.of(ServerDataBlocks.of(ServerSecurityData.none()));
    McsConnectResponse cr = response.toConnectResponse();
    assertEquals(response, ConferenceCreateResponse.from(cr));
  }

  // --- malformed input ------------------------------------------------------------------------

  private static byte[] with(byte[] bytes, int index, int value) {
    byte[] copy = bytes.clone();
    copy[index] = (byte) value;
    return copy;
  }

  @Test
  void anotherObjectIdentifierIsAnotherProtocol() {
    DecodeException e =
        assertDecodeFails(ConferenceCreateRequest::decode, with(gcc413(), 3, 0x15), "oid");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, ConferenceCreateRequest.NAME, "t124Identifier", 1);
  }

  @Test
  void aResponseIsNotARequest() {
    DecodeException e = assertDecodeFails(ConferenceCreateRequest::decode, gcc414(), "4.1.4");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, ConferenceCreateRequest.NAME, "ConnectGCCPDU", 8);
    e = assertDecodeFails(ConferenceCreateResponse::decode, gcc413(), "4.1.3");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, ConferenceCreateResponse.NAME, "ConnectGCCPDU", 9);
  }

  @Test
  void optionsRdpDoesNotUseAreRejected() {
    // 4.1.3 byte 10 is the options octet 0x08; 0x0c also announces a conference description
    DecodeException e =
        assertDecodeFails(ConferenceCreateRequest::decode, with(gcc413(), 10, 0x0c), "options");
    assertError(e, Kind.INVALID_FIELD, ConferenceCreateRequest.NAME, "options", 10);
  }

  @Test
  void wrongH221KeyIsNamed() {
    // "Duca" -> "Duck"
    DecodeException e =
        assertDecodeFails(ConferenceCreateRequest::decode, with(gcc413(), 19, 'k'), "key");
    assertError(e, Kind.INVALID_FIELD, ConferenceCreateRequest.NAME, "h221NonStandard", 16);
  }

  @Test
  void blocksMustFillTheUserData() {
    // the user data length 0x11c -> 0x11b: the last block overruns it
    DecodeException e =
        assertDecodeFails(ConferenceCreateRequest::decode, with(gcc413(), 22, 0x1b), "length");
    assertEquals(Kind.NOT_ENOUGH_BYTES, e.kind());
  }

  @Test
  void responseResultExtensionBitIsRejected() {
    DecodeException e =
        assertDecodeFails(ConferenceCreateResponse::decode, with(gcc414(), 13, 0x80), "result");
    assertError(e, Kind.INVALID_FIELD, ConferenceCreateResponse.NAME, "result", 13);
  }

  @Test
  void constructorsCheckTheirValues() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ConferenceCreateRequest("1a", ClientDataBlocks.of(), null, LengthForm.SHORTEST));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ConferenceCreateResponse(
                1000,
                1,
                ConferenceCreateResult.SUCCESS,
                ServerDataBlocks.of(),
                null,
                LengthForm.SHORTEST));
    assertEquals(
        encode(ConferenceCreateRequest.of(blocks413())).length,
        ConferenceCreateRequest.of(blocks413()).size());
  }
}
