package dev.rdpprobe.wire.gcc;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.encode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client and server data blocks (MS-RDPBCGR 2.2.1.3.1 to 2.2.1.4.6). */
class DataBlocksTest {

  /** Client core data with the first {@code optional} optional fields present. */
  static ClientCoreData core(int optional, Octets extra) {
    Object[] o = {
      0xCA01,
      1,
      0,
      24,
      7,
      new ClientEarlyCapabilityFlags(0x0fff),
      "69712-783-0357974-42714",
      6,
      0,
      SecurityProtocols.of(SecurityProtocols.SSL, SecurityProtocols.HYBRID),
      300,
      200,
      90,
      150,
      140
    };
    Object[] v = new Object[15];
    System.arraycopy(o, 0, v, 0, optional);
    return new ClientCoreData(
        RdpVersion.RDP_10_12,
        1920,
        1080,
        0xCA01,
        0xAA03,
        0x409,
        22621,
        "rdpprobe",
        4,
        0,
        12,
        "ime.dll",
        (Integer) v[0],
        (Integer) v[1],
        (Integer) v[2],
        (Integer) v[3],
        (Integer) v[4],
        (ClientEarlyCapabilityFlags) v[5],
        (String) v[6],
        (Integer) v[7],
        (Integer) v[8],
        (SecurityProtocols) v[9],
        (Integer) v[10],
        (Integer) v[11],
        (Integer) v[12],
        (Integer) v[13],
        (Integer) v[14],
        extra);
  }

  static final int[] CORE_SIZES = {
    132, 134, 136, 140, 142, 144, 146, 210, 211, 212, 216, 220, 224, 226, 230, 234
  };

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
  void clientCoreDataOptionalTail(int optional) {
    ClientCoreData core = core(optional, Octets.EMPTY);
    assertEquals(optional, core.optionalFieldCount());
    byte[] bytes = assertRoundTrip(core, ClientCoreData::decode);
    assertEquals(CORE_SIZES[optional], bytes.length);
    assertEquals(CORE_SIZES[optional], bytes[2] & 0xFF | (bytes[3] & 0xFF) << 8);
    assertEveryPrefixNeedsMoreBytes(ClientCoreData::decode, bytes);
  }

  @Test
  void clientCoreDataKeepsBytesOfLaterFields() {
    ClientCoreData core = core(15, Octets.fromHex("01 02 03"));
    assertEquals(237, assertRoundTrip(core, ClientCoreData::decode).length);
    assertThrows(IllegalArgumentException.class, () -> core(14, Octets.fromHex("01")));
  }

  @Test
  void clientCoreDataEndingInsideAFieldIsMalformed() {
    byte[] bytes = encode(core(3, Octets.EMPTY)); // 140 bytes, serialNumber complete
    // cut the block after one byte of highColorDepth: length 141
    byte[] cut = Arrays.copyOf(encode(core(4, Octets.EMPTY)), 141);
    cut[2] = (byte) 141;
    DecodeException e = assertDecodeFails(ClientCoreData::decode, cut, "141 bytes");
    assertError(e, Kind.INVALID_FIELD, ClientCoreData.NAME, "highColorDepth", 140);
    assertEquals(1, e.received());
    assertEquals(140, bytes.length);
  }

  @Test
  void clientCoreDataOptionalFieldsArePrefixes() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ClientCoreData(
                RdpVersion.RDP_10_0,
                1,
                1,
                0,
                0,
                0,
                0,
                "",
                0,
                0,
                0,
                "",
                null,
                1,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Octets.EMPTY));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ClientCoreData(
                RdpVersion.RDP_10_0,
                1,
                1,
                0,
                0,
                0,
                0,
                "sixteen-chars-ok!",
                0,
                0,
                0,
                "",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Octets.EMPTY));
  }

  @Test
  void clientCoreDataNames() {
    ClientCoreData core = core(15, Octets.EMPTY);
    assertEquals("RDP 10.12", core.version().name());
    assertEquals("RNS_UD_COLOR_8BPP", core.colorDepthName());
    assertEquals("HIGH_COLOR_24BPP", core.highColorDepthName());
    assertEquals(
        "RNS_UD_24BPP_SUPPORT|RNS_UD_16BPP_SUPPORT|RNS_UD_15BPP_SUPPORT",
        core.supportedColorDepthsNames());
    assertEquals("CONNECTION_TYPE_LAN", core.connectionTypeName());
    assertTrue(
        core.earlyCapabilityFlags().toString().endsWith("RNS_UD_CS_SUPPORT_SKIP_CHANNELJOIN"));
    assertEquals("unknown (0x1000)", new ClientEarlyCapabilityFlags(0x1000).toString());
    assertEquals(
        "version=RDP 10.12, 1920x1080, clientName=rdpprobe, earlyCapabilityFlags="
            + core.earlyCapabilityFlags()
            + ", serverSelectedProtocol=SSL|HYBRID",
        core.summary());
  }

  @Test
  void rdpVersionNames() {
    assertEquals("RDP 4.0", RdpVersion.RDP_4_0.name());
    assertEquals("RDP 5.0 to 8.1", RdpVersion.RDP_5_0_TO_8_1.name());
    assertEquals("RDP 10.0", new RdpVersion(0x00080005).name());
    assertEquals("RDP 10.7", RdpVersion.RDP_10_7.name());
    assertEquals("RDP 10.12", new RdpVersion(0x00080011).name());
    assertEquals("unknown (0x00080012)", new RdpVersion(0x00080012).name());
  }

  @Test
  void forProbeIsWhatTheProbeSends() {
    ClientCoreData core = ClientCoreData.forProbe("rdp-probe", SecurityProtocols.SSL);
    assertEquals(216, assertRoundTrip(core, ClientCoreData::decode).length);
    assertTrue(
        core.earlyCapabilityFlags().has(ClientEarlyCapabilityFlags.RNS_UD_CS_SUPPORT_ERRINFO_PDU));
  }

  // --- the other blocks -----------------------------------------------------------------------

  static Stream<Pdu> blocks() {
    List<ChannelDef> channels = new ArrayList<>();
    for (int i = 0; i < 31; i++) {
      channels.add(new ChannelDef("chan" + i, new ChannelOptions(0x80000000 | i)));
    }
    return Stream.of(
        ClientSecurityData.allMethods(),
        new ClientSecurityData(EncryptionMethods.NONE, new EncryptionMethods(0x1b)),
        new ClientNetworkData(List.of()),
        new ClientNetworkData(List.of(new ChannelDef("12345678", new ChannelOptions(0)))),
        new ClientNetworkData(channels),
        new ClientClusterData(new ClusterFlags(0x3f), 7),
        new ClientMonitorData(0, List.of()),
        new ClientMonitorData(
            0,
            Collections.nCopies(
                16, new MonitorDef(-1920, 0, -1, 1079, MonitorDef.TS_MONITOR_PRIMARY))),
        new ClientMessageChannelData(0),
        new ClientMultitransportChannelData(new MultitransportFlags(0x305)),
        new ServerCoreData(RdpVersion.RDP_10_12, null, null, Octets.EMPTY),
        new ServerCoreData(RdpVersion.RDP_10_12, SecurityProtocols.HYBRID_EX, null, Octets.EMPTY),
        new ServerCoreData(
            RdpVersion.RDP_10_12,
            SecurityProtocols.SSL,
            new ServerEarlyCapabilityFlags(0xf),
            Octets.EMPTY),
        new ServerCoreData(
            RdpVersion.RDP_10_12,
            SecurityProtocols.SSL,
            new ServerEarlyCapabilityFlags(0x10),
            Octets.fromHex("aa bb")),
        ServerSecurityData.none(),
        new ServerSecurityData(
            new EncryptionMethods(2),
            EncryptionLevel.HIGH,
            Octets.of(new byte[32]),
            new ServerCertificate(Octets.fromHex("02 00 00 80 01 00 00 00"))),
        new ServerSecurityData(
            new EncryptionMethods(2),
            EncryptionLevel.FIPS,
            Octets.EMPTY,
            new ServerCertificate(Octets.EMPTY)),
        ServerNetworkData.of(1003, List.of()),
        ServerNetworkData.of(1003, List.of(1004)),
        new ServerNetworkData(1003, List.of(1004), null),
        new ServerNetworkData(1003, List.of(1004, 1005, 1006), 0xffff),
        ServerNetworkData.of(1003, IntStream.range(0, 31).map(i -> 1004 + i).boxed().toList()),
        new ServerMessageChannelData(1008),
        new ServerMultitransportChannelData(new MultitransportFlags(0x101)),
        new RawDataBlock(
            ClientDataBlock.CS_MONITOR_EX, Octets.fromHex("00 00 00 00 14 00 00 00 00 00 00 00")),
        new RawDataBlock(0xffff, Octets.EMPTY));
  }

  @SuppressWarnings("unchecked")
  private static Function<ByteBuf, Pdu> decoderOf(Pdu block) {
    if (block instanceof ClientDataBlock) {
      return in -> ClientDataBlock.decode(in);
    }
    return in -> ServerDataBlock.decode(in);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blocks")
  void everyBlockRoundTripsAndDispatches(Pdu block) {
    byte[] bytes = assertRoundTrip(block, decoderOf(block));
    assertEquals(block.size(), bytes[2] & 0xFF | (bytes[3] & 0xFF) << 8, "TS_UD_HEADER length");
    assertEveryPrefixNeedsMoreBytes(decoderOf(block), bytes);
    if (!(block instanceof RawDataBlock)) {
      // any block decodes as a raw block too, and re-encodes the same
      RawDataBlock raw = decodeAll(RawDataBlock::decode, bytes);
      WireVectors.assertBytes(bytes, encode(raw), "raw " + block.name());
    }
  }

  @Test
  void unknownBlockTypesStayRaw() {
    // a server block in client data, and CS_MONITOR_EX which is not decoded
    ClientDataBlock b =
        decodeAll(ClientDataBlock::decode, WireVectors.bytes("01 0c 08 00 04 00 08 00"));
    assertEquals(new RawDataBlock(0x0c01, Octets.fromHex("04 00 08 00")), b);
    assertEquals("type=0x0c01, 4 bytes", b.summary());
  }

  @Test
  void blockTypeIsChecked() {
    DecodeException e =
        assertDecodeFails(ClientSecurityData::decode, "03 c0 0c 00 00 00 00 00 00 00 00 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, ClientSecurityData.NAME, "type", 0);
    assertEquals("0xc002", e.expected());
  }

  @Test
  void blockLengthBelowTheFixedPart() {
    DecodeException e = assertDecodeFails(ClientSecurityData::decode, "02 c0 08 00 00 00 00 00");
    assertError(e, Kind.INVALID_FIELD, ClientSecurityData.NAME, "length", 2);
    e = assertDecodeFails(ClientDataBlock::decode, "02 c0 03 00");
    assertError(e, Kind.INVALID_FIELD, UserDataHeader.NAME, "length", 2);
  }

  @Test
  void trailingBytesInABlock() {
    DecodeException e =
        assertDecodeFails(ClientClusterData::decode, "04 c0 0d 00 0d 00 00 00 00 00 00 00 ff");
    assertError(e, Kind.TRAILING_BYTES, ClientClusterData.NAME, "end of PDU", 12);
  }

  @Test
  void channelAndMonitorCountsAreCapped() {
    DecodeException e = assertDecodeFails(ClientNetworkData::decode, "03 c0 08 00 20 00 00 00");
    assertError(e, Kind.TOO_LARGE, ClientNetworkData.NAME, "channelCount", 4);
    e = assertDecodeFails(ClientMonitorData::decode, "05 c0 0c 00 00 00 00 00 11 00 00 00");
    assertError(e, Kind.TOO_LARGE, ClientMonitorData.NAME, "monitorCount", 8);
    e = assertDecodeFails(ServerNetworkData::decode, "03 0c 08 00 eb 03 20 00");
    assertError(e, Kind.TOO_LARGE, ServerNetworkData.NAME, "channelCount", 6);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ClientNetworkData(
                Collections.nCopies(32, new ChannelDef("x", new ChannelOptions(0)))));
  }

  @Test
  void channelCountBeyondTheBlock() {
    DecodeException e = assertDecodeFails(ClientNetworkData::decode, "03 c0 08 00 01 00 00 00");
    assertEquals(ClientNetworkData.NAME, e.pdu());
    e = assertDecodeFails(ServerNetworkData::decode, "03 0c 0a 00 eb 03 02 00 ec 03");
    assertError(e, Kind.INVALID_FIELD, ServerNetworkData.NAME, "channelCount", 6);
  }

  @Test
  void serverSecurityLengthsMustFillTheBlock() {
    DecodeException e =
        assertDecodeFails(
            ServerSecurityData::decode,
            "02 0c 18 00 02 00 00 00 03 00 00 00 20 00 00 00 00 00 00 00 00 00 00 00");
    assertError(e, Kind.INVALID_FIELD, ServerSecurityData.NAME, "serverRandomLen", 12);
    e =
        assertDecodeFails(
            ServerSecurityData::decode,
            "02 0c 18 00 02 00 00 00 03 00 00 00 02 00 00 00 05 00 00 00 00 00 00 00");
    assertError(e, Kind.INVALID_FIELD, ServerSecurityData.NAME, "serverCertLen", 16);
    e =
        assertDecodeFails(
            ServerSecurityData::decode, "02 0c 10 00 02 00 00 00 03 00 00 00 20 00 00 00");
    assertError(e, Kind.INVALID_FIELD, ServerSecurityData.NAME, "serverRandomLen", 12);
  }

  @Test
  void serverCertificateVersion() {
    assertEquals(
        "CERT_CHAIN_VERSION_2", new ServerCertificate(Octets.fromHex("02 00 00 00")).versionName());
    ServerCertificate temporary = new ServerCertificate(Octets.fromHex("01 00 00 80 00"));
    assertTrue(temporary.isTemporary());
    assertEquals("CERT_CHAIN_VERSION_1", temporary.versionName());
    assertEquals(
        "unknown (0x03)", new ServerCertificate(Octets.fromHex("03 00 00 00")).versionName());
    assertNull(new ServerCertificate(Octets.fromHex("01 00")).versionName());
  }

  @Test
  void serverCoreDataEndingInsideAField() {
    DecodeException e = assertDecodeFails(ServerCoreData::decode, "01 0c 0a 00 04 00 08 00 00 00");
    assertError(e, Kind.INVALID_FIELD, ServerCoreData.NAME, "clientRequestedProtocols", 8);
  }

  @Test
  void serverNetworkDataWithoutPad() {
    ServerNetworkData n =
        decodeAll(ServerNetworkData::decode, WireVectors.bytes("03 0c 0a 00 eb 03 01 00 ec 03"));
    assertNull(n.pad());
    assertEquals(List.of(1004), n.channelIdArray());
    assertThrows(IllegalArgumentException.class, () -> new ServerNetworkData(1003, List.of(), 0));
  }

  @Test
  void namesOfFlagsAndCodes() {
    assertEquals(
        "CHANNEL_OPTION_INITIALIZED|CHANNEL_OPTION_ENCRYPT_RDP|unknown (0x01)",
        new ChannelOptions(0xc0000001).toString());
    assertEquals("REDIRECTION_SUPPORTED|REDIRECTION_VERSION4", new ClusterFlags(0x0d).toString());
    assertEquals("ENCRYPTION_LEVEL_CLIENT_COMPATIBLE", EncryptionLevel.CLIENT_COMPATIBLE.name());
    assertEquals("unknown (0x05)", new EncryptionLevel(5).name());
    assertEquals(
        "TRANSPORTTYPE_UDPFECR|TRANSPORTTYPE_UDP_PREFERRED",
        new MultitransportFlags(0x101).toString());
    assertEquals(
        "RNS_UD_SC_SKIP_CHANNELJOIN_SUPPORTED", new ServerEarlyCapabilityFlags(0x8).toString());
  }

  // --- the block lists ------------------------------------------------------------------------

  @Test
  void lookupsByTypeAndClass() {
    ClientDataBlocks blocks =
        ClientDataBlocks.of(
            core(9, Octets.EMPTY),
            ClientSecurityData.allMethods(),
            new RawDataBlock(0xc00c, Octets.EMPTY),
            new ClientSecurityData(EncryptionMethods.NONE, EncryptionMethods.NONE));
    assertEquals(ClientSecurityData.allMethods(), blocks.security().orElseThrow());
    assertInstanceOf(RawDataBlock.class, blocks.get(0xc00c).orElseThrow());
    assertTrue(blocks.network().isEmpty());
    assertEquals(blocks, decodeAll(ClientDataBlocks::decode, encode(blocks)));
    assertEquals(ClientDataBlocks.of(), decodeAll(ClientDataBlocks::decode, new byte[0]));
  }

  @Test
  void blockCountIsCapped() {
    byte[] many = new byte[4 * (ClientDataBlocks.MAX_BLOCKS + 1)];
    for (int i = 0; i < many.length; i += 4) {
      many[i] = (byte) 0xff;
      many[i + 2] = 4;
    }
    DecodeException e = WireVectors.assertDecodeFails(ClientDataBlocks::decode, many, "many");
    assertEquals(Kind.TOO_LARGE, e.kind());
    assertEquals(4 * ClientDataBlocks.MAX_BLOCKS, e.offset());
  }
}
