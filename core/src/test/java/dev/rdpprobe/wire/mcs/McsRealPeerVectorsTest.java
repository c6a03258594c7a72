package dev.rdpprobe.wire.mcs;

import static dev.rdpprobe.wire.WireVectors.assertBytes;
import static dev.rdpprobe.wire.WireVectors.assertVector;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.encode;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors.Vector;
import dev.rdpprobe.wire.gcc.ChannelDef;
import dev.rdpprobe.wire.gcc.ClientCoreData;
import dev.rdpprobe.wire.gcc.ClientDataBlock;
import dev.rdpprobe.wire.gcc.ClientDataBlocks;
import dev.rdpprobe.wire.gcc.ClientMessageChannelData;
import dev.rdpprobe.wire.gcc.ClientMultitransportChannelData;
import dev.rdpprobe.wire.gcc.ConferenceCreateRequest;
import dev.rdpprobe.wire.gcc.ConferenceCreateResponse;
import dev.rdpprobe.wire.gcc.ConferenceCreateResult;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.gcc.RdpVersion;
import dev.rdpprobe.wire.gcc.ServerCertificate;
import dev.rdpprobe.wire.gcc.ServerCoreData;
import dev.rdpprobe.wire.gcc.ServerDataBlocks;
import dev.rdpprobe.wire.gcc.ServerMessageChannelData;
import dev.rdpprobe.wire.gcc.ServerNetworkData;
import dev.rdpprobe.wire.gcc.ServerSecurityData;
import dev.rdpprobe.wire.sec.AddressFamily;
import dev.rdpprobe.wire.sec.BasicSecurityHeader;
import dev.rdpprobe.wire.sec.ClientInfoPdu;
import dev.rdpprobe.wire.sec.ExtendedInfoPacket;
import dev.rdpprobe.wire.sec.InfoFlags;
import dev.rdpprobe.wire.sec.InfoPacket;
import dev.rdpprobe.wire.sec.SecurityFlags;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bytes real peers sent, captured by {@code testdata/capture/mcs-peers.sh}: FreeRDP's client
 * (xfreerdp 2.11.7 {@code /sec:rdp}), xrdp 0.9.21 and freerdp-shadow-cli with Standard RDP
 * Security, where the Basic Settings Exchange and the Channel Connection travel in the clear. Each
 * decodes to the fields tshark shows in the file's header and re-encodes to the same bytes.
 */
class McsRealPeerVectorsTest {

  static byte[] file(String name) {
    return testdata("mcs/" + name + ".hex");
  }

  private static <T extends McsPdu> Vector<Framed<T>> framed(
      String name, T value, Function<ByteBuf, T> decodeFramed) {
    return vector(name, new Framed<>(value), file(name), Framed.decoder(decodeFramed));
  }

  /** The small PDUs, compared whole. */
  static Stream<Vector<?>> domainPdus() {
    return Stream.of(
        framed(
            "xfreerdp-erect-domain-request",
            ErectDomainRequest.of(),
            ErectDomainRequest::decodeFramed),
        framed(
            "xfreerdp-attach-user-request",
            new AttachUserRequest(),
            AttachUserRequest::decodeFramed),
        // xrdp 0.9.21 gives user id 1002 without static channels, 1007 with three
        framed(
            "xrdp-attach-user-confirm",
            AttachUserConfirm.success(1002),
            AttachUserConfirm::decodeFramed),
        framed(
            "freerdp-shadow-attach-user-confirm",
            AttachUserConfirm.success(1009),
            AttachUserConfirm::decodeFramed),
        framed(
            "xfreerdp-channel-join-request-user",
            new ChannelJoinRequest(1002, 1002),
            ChannelJoinRequest::decodeFramed),
        framed(
            "xfreerdp-channel-join-request-unallocated",
            new ChannelJoinRequest(1002, 0),
            ChannelJoinRequest::decodeFramed),
        framed(
            "xfreerdp-channel-join-request-static",
            new ChannelJoinRequest(1007, 1004),
            ChannelJoinRequest::decodeFramed),
        framed(
            "xrdp-channel-join-confirm-user",
            new ChannelJoinConfirm(McsResult.RT_SUCCESSFUL, 1002, 1002, 1002),
            ChannelJoinConfirm::decodeFramed),
        framed(
            "xrdp-channel-join-confirm-io",
            new ChannelJoinConfirm(McsResult.RT_SUCCESSFUL, 1002, 1003, 1003),
            ChannelJoinConfirm::decodeFramed),
        framed(
            "xrdp-channel-join-confirm-unallocated",
            new ChannelJoinConfirm(McsResult.RT_SUCCESSFUL, 1002, 0, 0),
            ChannelJoinConfirm::decodeFramed),
        framed(
            "xrdp-disconnect-provider-ultimatum",
            DisconnectProviderUltimatum.of(DisconnectProviderReason.RN_USER_REQUESTED),
            DisconnectProviderUltimatum::decodeFramed));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("domainPdus")
  void domainPduDecodesToTheCapturedFieldsAndReencodesTheSameBytes(Vector<?> v) {
    assertVector(v);
  }

  /** Every file of testdata/mcs decodes through the generic framed decoder and re-encodes. */
  static Stream<String> allFiles() throws java.io.IOException {
    try (Stream<java.nio.file.Path> files =
        java.nio.file.Files.list(dev.rdpprobe.wire.WireVectors.TESTDATA.resolve("mcs"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".hex") && !n.startsWith("ms-rdpbcgr-4.1.10"))
          .map(n -> n.substring(0, n.length() - 4))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allFiles")
  void everyFileDecodesAndReencodesByteForByte(String name) {
    byte[] bytes = file(name);
    McsPdu pdu = decodeAll(McsPdu::decodeFramed, bytes);
    assertBytes(bytes, encode(new Framed<>(pdu)), name);
    if (pdu instanceof McsConnectInitial ci) {
      assertBytes(ci.userData().toByteArray(), encode(ConferenceCreateRequest.from(ci)), name);
    } else if (pdu instanceof McsConnectResponse cr) {
      assertBytes(cr.userData().toByteArray(), encode(ConferenceCreateResponse.from(cr)), name);
    }
  }

  // --- Basic Settings Exchange ------------------------------------------------------------------

  private static McsConnectInitial connectInitial(String name) {
    return decodeAll(McsConnectInitial::decodeFramed, file(name));
  }

  private static McsConnectResponse connectResponse(String name) {
    return decodeAll(McsConnectResponse::decodeFramed, file(name));
  }

  /** What all three xfreerdp Connect Initials share, as tshark shows them. */
  private static ClientDataBlocks checkXfreerdpConnectInitial(McsConnectInitial ci) {
    assertEquals(McsConnectInitial.DOMAIN_SELECTOR, ci.callingDomainSelector());
    assertEquals(McsConnectInitial.DOMAIN_SELECTOR, ci.calledDomainSelector());
    assertTrue(ci.upwardFlag());
    assertEquals(DomainParameters.CLIENT_TARGET, ci.targetParameters());
    assertEquals(DomainParameters.CLIENT_MINIMUM, ci.minimumParameters());
    assertEquals(DomainParameters.CLIENT_MAXIMUM, ci.maximumParameters());
    // FreeRDP writes 65535 as 02 03 00 ff ff: X.690's form
    assertEquals(BerStyle.X690, ci.berStyle());
    ConferenceCreateRequest gcc = ConferenceCreateRequest.from(ci);
    assertEquals("1", gcc.conferenceName());
    assertNull(gcc.connectPduLength(), "FreeRDP declares the true connectPDU length");
    ClientDataBlocks blocks = gcc.userData();
    ClientCoreData core = blocks.core().orElseThrow();
    assertEquals(RdpVersion.RDP_10_7, core.version());
    assertEquals("RDP 10.7", core.version().name());
    assertEquals(1024, core.desktopWidth());
    assertEquals(768, core.desktopHeight());
    assertEquals(0xCA01, core.colorDepth());
    assertEquals(0xAA03, core.sasSequence());
    assertEquals(0x409, core.keyboardLayout());
    assertEquals(18363, core.clientBuild());
    assertEquals("rdpprobe", core.clientName());
    assertEquals(4, core.keyboardType());
    assertEquals(12, core.keyboardFunctionKey());
    assertEquals(24, core.highColorDepth());
    assertEquals(0x0F, core.supportedColorDepths());
    assertEquals(1507, core.earlyCapabilityFlags().bits());
    assertEquals(
        "RNS_UD_CS_SUPPORT_ERRINFO_PDU|RNS_UD_CS_WANT_32BPP_SESSION"
            + "|RNS_UD_CS_VALID_CONNECTION_TYPE|RNS_UD_CS_SUPPORT_MONITOR_LAYOUT_PDU"
            + "|RNS_UD_CS_SUPPORT_NETCHAR_AUTODETECT|RNS_UD_CS_SUPPORT_DYNVC_GFX_PROTOCOL"
            + "|RNS_UD_CS_SUPPORT_HEARTBEAT_PDU",
        core.earlyCapabilityFlags().toString());
    assertEquals(7, core.connectionType());
    assertEquals(SecurityProtocols.RDP, core.serverSelectedProtocol());
    // all fifteen optional fields: 234 bytes
    assertEquals(234, core.size());
    assertEquals(0, core.deviceScaleFactor());
    assertEquals(0x0d, blocks.cluster().orElseThrow().flags().bits());
    assertEquals(0x1b, blocks.security().orElseThrow().encryptionMethods().bits());
    return blocks;
  }

  private static List<String> channelNames(ClientDataBlocks blocks) {
    return blocks.network().orElseThrow().channelDefArray().stream()
        .map(ChannelDef::name)
        .collect(Collectors.toList());
  }

  @Test
  void xfreerdpConnectInitial() {
    ClientDataBlocks blocks =
        checkXfreerdpConnectInitial(connectInitial("xfreerdp-connect-initial"));
    assertEquals(
        List.of(
            ClientDataBlock.CS_CORE,
            ClientDataBlock.CS_CLUSTER,
            ClientDataBlock.CS_SECURITY,
            ClientDataBlock.CS_NET),
        blocks.blocks().stream().map(ClientDataBlock::type).collect(Collectors.toList()));
    assertEquals(List.of("rdpdr", "rdpsnd", "cliprdr", "drdynvc"), channelNames(blocks));
    List<ChannelDef> channels = blocks.network().orElseThrow().channelDefArray();
    assertEquals(0xc0800000, channels.get(0).options().bits());
    assertEquals(0xc0000000, channels.get(1).options().bits());
    assertEquals(0xc0a00000, channels.get(2).options().bits());
    assertEquals(
        "CHANNEL_OPTION_INITIALIZED|CHANNEL_OPTION_ENCRYPT_RDP|CHANNEL_OPTION_COMPRESS_RDP"
            + "|CHANNEL_OPTION_SHOW_PROTOCOL",
        channels.get(2).options().toString());
  }

  @Test
  void xfreerdpConnectInitialWithThreeChannels() {
    ClientDataBlocks blocks =
        checkXfreerdpConnectInitial(connectInitial("xfreerdp-connect-initial-three-channels"));
    assertEquals(List.of("rdpdr", "rdpsnd", "drdynvc"), channelNames(blocks));
  }

  @Test
  void xfreerdpConnectInitialWithExtendedClientData() {
    ClientDataBlocks blocks =
        checkXfreerdpConnectInitial(connectInitial("xfreerdp-connect-initial-extended"));
    assertEquals(List.of("rdpdr", "rdpsnd", "cliprdr", "drdynvc"), channelNames(blocks));
    assertEquals(new ClientMessageChannelData(0), blocks.messageChannel().orElseThrow());
    ClientMultitransportChannelData mt = blocks.multitransport().orElseThrow();
    assertEquals(0, mt.flags().bits());
    assertEquals(6, blocks.blocks().size());
  }

  @Test
  void xrdpConnectResponseAtHighLevel() {
    McsConnectResponse cr = connectResponse("xrdp-connect-response-high");
    assertEquals(McsResult.RT_SUCCESSFUL, cr.result());
    assertEquals(0, cr.calledConnectId());
    assertEquals(new DomainParameters(22, 3, 0, 1, 0, 1, 65528, 2), cr.domainParameters());
    // userData is 468 bytes, its length 82 01 d3: every length is above 255 or below 128
    assertEquals(BerStyle.X690, cr.berStyle());
    ConferenceCreateResponse gcc = ConferenceCreateResponse.from(cr);
    assertEquals(31219, gcc.nodeId());
    assertEquals(1, gcc.tag());
    assertEquals(ConferenceCreateResult.SUCCESS, gcc.result());
    assertEquals(42, gcc.connectPduLength(), "xrdp declares 42 whatever follows");
    ServerDataBlocks blocks = gcc.userData();
    assertEquals(
        new ServerCoreData(RdpVersion.RDP_5_0_TO_8_1, null, null, Octets.EMPTY),
        blocks.core().orElseThrow());
    assertEquals(new ServerNetworkData(1003, List.of(), null), blocks.network().orElseThrow());
    ServerSecurityData sec = blocks.security().orElseThrow();
    assertEquals(
        new EncryptionMethods(EncryptionMethods.ENCRYPTION_METHOD_128BIT), sec.encryptionMethod());
    assertEquals(EncryptionLevel.HIGH, sec.encryptionLevel());
    assertEquals(32, sec.serverRandom().length());
    ServerCertificate cert = sec.serverCertificate();
    assertEquals(376, cert.bytes().length());
    assertEquals(ServerCertificate.CERT_CHAIN_VERSION_1, cert.dwVersion());
    assertEquals(false, cert.isTemporary());
    assertEquals("CERT_CHAIN_VERSION_1", cert.versionName());
  }

  @Test
  void xrdpConnectResponseWithoutEncryption() {
    McsConnectResponse cr = connectResponse("xrdp-connect-response-none");
    assertEquals(new DomainParameters(22, 3, 0, 1, 0, 1, 65528, 2), cr.domainParameters());
    ConferenceCreateResponse gcc = ConferenceCreateResponse.from(cr);
    // xrdp always writes the GCC user data length in two octets: 80 24 for 36
    assertEquals(LengthForm.TWO_OCTETS, gcc.userDataLengthForm());
    ServerDataBlocks blocks = gcc.userData();
    assertEquals(
        new ServerNetworkData(1003, List.of(1004, 1005, 1006), 0), blocks.network().orElseThrow());
    assertEquals(ServerSecurityData.none(), blocks.security().orElseThrow());
  }

  @Test
  void freerdpShadowConnectResponse() {
    McsConnectResponse cr = connectResponse("freerdp-shadow-connect-response");
    assertEquals(new DomainParameters(34, 3, 0, 1, 0, 1, 65528, 2), cr.domainParameters());
    ConferenceCreateResponse gcc = ConferenceCreateResponse.from(cr);
    assertEquals(LengthForm.SHORTEST, gcc.userDataLengthForm());
    ServerDataBlocks blocks = gcc.userData();
    ServerCoreData core = blocks.core().orElseThrow();
    assertEquals(RdpVersion.RDP_10_7, core.version());
    assertEquals(SecurityProtocols.RDP, core.clientRequestedProtocols());
    assertEquals(0, core.earlyCapabilityFlags().bits());
    assertEquals(
        new ServerNetworkData(1003, List.of(1004, 1005, 1006, 1007), null),
        blocks.network().orElseThrow());
    assertEquals(ServerSecurityData.none(), blocks.security().orElseThrow());
    assertEquals(new ServerMessageChannelData(1008), blocks.messageChannel().orElseThrow());
  }

  // --- after the channel joins ----------------------------------------------------------------

  @Test
  void xfreerdpSecurityExchange() {
    SendDataRequest sd =
        decodeAll(SendDataRequest::decodeFramed, file("xfreerdp-security-exchange"));
    assertEquals(1002, sd.initiator());
    assertEquals(1003, sd.channelId());
    assertEquals(DataPriority.HIGH, sd.dataPriority());
    assertEquals(Segmentation.BEGIN_END, sd.segmentation());
    assertEquals(272, sd.userData().length());
    BasicSecurityHeader header =
        decodeAll(
            in -> {
              BasicSecurityHeader h = BasicSecurityHeader.decode(in);
              in.skipBytes(in.readableBytes());
              return h;
            },
            sd.userData().toByteArray());
    assertEquals(0x0201, header.flags().bits());
    assertEquals("SEC_EXCHANGE_PKT|SEC_LICENSE_ENCRYPT_CS/SC", header.flags().toString());
  }

  @Test
  void xfreerdpClientInfoInTheClear() {
    SendDataRequest sd = decodeAll(SendDataRequest::decodeFramed, file("xfreerdp-client-info"));
    assertEquals(1007, sd.initiator());
    assertEquals(1003, sd.channelId());
    ClientInfoPdu info = decodeAll(ClientInfoPdu::decode, sd.userData().toByteArray());
    assertEquals(
        new BasicSecurityHeader(new SecurityFlags(SecurityFlags.SEC_INFO_PKT), 0),
        info.securityHeader());
    InfoPacket p = info.infoPacket();
    assertEquals(0, p.codePage());
    assertEquals(0x000b47f3, p.flags().bits());
    assertTrue(p.flags().has(InfoFlags.INFO_UNICODE));
    assertEquals(false, p.flags().has(InfoFlags.INFO_AUTOLOGON), "no password given");
    assertEquals("PACKET_COMPR_TYPE_RDP61", p.flags().compressionTypeName());
    assertEquals("", p.domain());
    assertEquals("rdpprobe", p.userName());
    assertEquals("", p.password());
    ExtendedInfoPacket x = p.extraInfo();
    assertEquals(AddressFamily.AF_INET, x.clientAddressFamily());
    assertEquals("127.0.0.1", x.clientAddress());
    assertEquals("C:\\Windows\\System32\\mstscax.dll", x.clientDir());
    assertEquals(ExtendedInfoPacket.TIME_ZONE_SIZE, x.clientTimeZone().length());
    assertEquals(0, x.clientSessionId());
    assertEquals(0x180, x.performanceFlags().bits());
    assertEquals(Octets.EMPTY, x.autoReconnectCookie());
    // FreeRDP stops after cbAutoReconnectCookie; tshark wants reserved1 and calls it malformed
    assertNull(x.reserved1());
    assertBytes(sd.userData().toByteArray(), encode(info), "Client Info PDU");
    assertBytes(
        file("xfreerdp-client-info"),
        encode(new Framed<>(info.toSendDataRequest(1007, 1003))),
        "framed");
  }

  @Test
  void xrdpLicenseRequestCarriesItsLengthInFlagsHi() {
    SendDataIndication sd =
        decodeAll(SendDataIndication::decodeFramed, file("xrdp-license-request"));
    assertEquals(1007, sd.initiator());
    assertEquals(1003, sd.channelId());
    assertEquals(LengthForm.SHORTEST, sd.lengthForm());
    BasicSecurityHeader header = BasicSecurityHeader.decode(sd.userData().asByteBuf());
    assertEquals("SEC_LICENSE_PKT", header.flags().toString());
    // the preamble's wMsgSize (0x013e) again: xrdp fills flagsHi with it
    assertEquals(0x013e, header.flagsHi());
    assertEquals(0x013e, sd.userData().get(6) | sd.userData().get(7) << 8);
  }

  @Test
  void freerdpShadowWritesShortSendDataLengthsInTwoOctets() {
    byte[] bytes = file("freerdp-shadow-license-error-alert");
    SendDataIndication sd = decodeAll(SendDataIndication::decodeFramed, bytes);
    assertEquals(1009, sd.initiator());
    assertEquals(20, sd.userData().length());
    assertEquals(LengthForm.TWO_OCTETS, sd.lengthForm());
    // the hot path sees the same header without copying the user data
    ByteBuf in = dev.rdpprobe.wire.WireVectors.buffer(bytes);
    try {
      SendDataHeader header = SendDataHeader.decodeFramed(in);
      assertEquals(sd.header(), header);
      assertTrue(header.isIndication());
      assertEquals(15, in.readerIndex());
    } finally {
      in.release();
    }
    assertInstanceOf(SendDataIndication.class, decodeAll(McsPdu::decodeFramed, bytes));
  }
}
