package dev.rdpprobe.wire.share;

import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertVector;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.WireVectors.Vector;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Share Control PDUs on the bytes of MS-RDPBCGR's annotated examples (section 4.1, decrypted) and
 * on the finalization PDUs IronRDP's test suite builds from them: testdata/share.
 */
class ShareSpecVectorsTest {
  static final int SHARE_ID = 0x000103ea;

  static byte[] file(String name) {
    return testdata("share/" + name + ".hex");
  }

  static Stream<Vector<?>> finalization() {
    return Stream.of(
        vector(
            "MS-RDPBCGR 4.1.15 Client Synchronize",
            SynchronizePdu.of(1007, SHARE_ID, StreamId.STREAM_LOW, 1002),
            file("ms-rdpbcgr-4.1.15-client-synchronize"),
            SynchronizePdu::decode),
        vector(
            "MS-RDPBCGR 4.1.16 Client Control Cooperate",
            ControlPdu.of(
                1007, SHARE_ID, StreamId.STREAM_LOW, ControlAction.CTRLACTION_COOPERATE, 0, 0),
            file("ms-rdpbcgr-4.1.16-client-control-cooperate"),
            ControlPdu::decode),
        vector(
            "IronRDP Client Control Request Control",
            ControlPdu.of(
                1007,
                SHARE_ID,
                StreamId.STREAM_LOW,
                ControlAction.CTRLACTION_REQUEST_CONTROL,
                0,
                0),
            file("ironrdp-client-control-request-control"),
            ControlPdu::decode),
        vector(
            "IronRDP Client Font List",
            FontListPdu.of(1007, SHARE_ID, StreamId.STREAM_LOW),
            file("ironrdp-client-font-list"),
            FontListPdu::decode),
        vector(
            "IronRDP Server Control Granted Control",
            ControlPdu.of(
                1002,
                SHARE_ID,
                StreamId.STREAM_MED,
                ControlAction.CTRLACTION_GRANTED_CONTROL,
                1007,
                1002),
            file("ironrdp-server-control-granted-control"),
            ControlPdu::decode),
        vector(
            "IronRDP Server Font Map",
            FontMapPdu.of(1002, SHARE_ID, StreamId.STREAM_MED),
            file("ironrdp-server-font-map"),
            FontMapPdu::decode));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("finalization")
  void finalizationPdus(Vector<?> v) {
    assertVector(v);
    // the dispatcher gives the same record, and every prefix needs more bytes
    assertEquals(v.value(), decodeAll(ShareControlPdu::decode, v.bytes()));
    assertEquals(v.value(), decodeAll(ShareDataPdu::decode, v.bytes()));
    @SuppressWarnings("unchecked")
    Function<ByteBuf, ?> decoder = (Function<ByteBuf, ?>) v.decoder();
    assertEveryPrefixNeedsMoreBytes(decoder, v.bytes());
    assertEveryPrefixNeedsMoreBytes(ShareControlPdu::decode, v.bytes());
  }

  @Test
  void windowsCountsUncompressedLengthFromPduType2() {
    SynchronizePdu sync =
        decodeAll(SynchronizePdu::decode, file("ms-rdpbcgr-4.1.15-client-synchronize"));
    assertEquals(8, sync.header().uncompressedLength(), "4 bytes of data, counted from pduType2");
    assertEquals(SynchronizePdu.SYNCMSGTYPE_SYNC, sync.messageType());
    assertEquals(1002, sync.targetUser());
    assertEquals("pduSource=1007, targetUser=1002", sync.summary());
    FontListPdu fonts = decodeAll(FontListPdu::decode, file("ironrdp-client-font-list"));
    assertEquals("FONTLIST_FIRST|FONTLIST_LAST", fonts.listFlagsNames());
    assertEquals(50, fonts.entrySize());
  }

  @Test
  void serverDemandActive() {
    byte[] bytes = file("ms-rdpbcgr-4.1.13-server-demand-active");
    DemandActivePdu pdu = decodeAll(DemandActivePdu::decode, bytes);
    assertVector(vector("MS-RDPBCGR 4.1.13", pdu, bytes, DemandActivePdu::decode));
    assertEquals(pdu, decodeAll(ShareControlPdu::decode, bytes));
    assertEquals(
        ShareControlHeader.of(ShareControlPduType.PDUTYPE_DEMANDACTIVEPDU, 1002), pdu.header());
    assertEquals("PDUTYPE_DEMANDACTIVEPDU", pdu.header().pduType().toString());
    assertEquals(SHARE_ID, pdu.shareId());
    assertEquals("RDP", pdu.sourceDescriptorText());
    assertEquals(DemandActivePdu.RDP_SOURCE_DESCRIPTOR, pdu.sourceDescriptor());
    assertEquals(0, pdu.sessionId());
    CapabilitySets sets = pdu.capabilitySets();
    assertEquals(337, sets.size(), "lengthCombinedCapabilities");
    assertEquals(
        List.of(
            "CAPSTYPE_SHARE",
            "CAPSTYPE_GENERAL",
            "CAPSTYPE_VIRTUALCHANNEL",
            "CAPSTYPE_DRAWGDIPLUS",
            "CAPSTYPE_FONT",
            "CAPSTYPE_BITMAP",
            "CAPSTYPE_ORDER",
            "CAPSTYPE_COLORCACHE",
            "CAPSTYPE_BITMAPCACHE_HOSTSUPPORT",
            "CAPSTYPE_POINTER",
            "CAPSTYPE_INPUT",
            "CAPSTYPE_RAIL",
            "CAPSTYPE_WINDOW"),
        sets.typeNames());
    GeneralCapabilitySet general = sets.general().orElseThrow();
    assertEquals("OSMAJORTYPE_WINDOWS", general.osMajorTypeName());
    assertEquals("OSMINORTYPE_WINDOWS_NT", general.osMinorTypeName());
    assertEquals(GeneralCapabilitySet.TS_CAPS_PROTOCOLVERSION, general.protocolVersion());
    assertEquals(0x041d, general.extraFlags());
    assertEquals(
        "FASTPATH_OUTPUT_SUPPORTED|LONG_CREDENTIALS_SUPPORTED|AUTORECONNECT_SUPPORTED"
            + "|ENC_SALTED_CHECKSUM|NO_BITMAP_COMPRESSION_HDR",
        general.extraFlagsNames());
    assertEquals(1, general.refreshRectSupport());
    assertEquals(1, general.suppressOutputSupport());
    BitmapCapabilitySet bitmap = sets.bitmap().orElseThrow();
    assertEquals(24, bitmap.preferredBitsPerPixel());
    assertEquals(1280, bitmap.desktopWidth());
    assertEquals(1024, bitmap.desktopHeight());
    assertEquals(1, bitmap.desktopResizeFlag());
    assertEquals("none", bitmap.drawingFlagsNames());
    assertEquals("24 bpp, 1280x1024, drawingFlags=none", bitmap.summary());
    OrderCapabilitySet order = sets.order().orElseThrow();
    assertEquals(0x0022, order.orderFlags());
    assertEquals("NEGOTIATEORDERSUPPORT|COLORINDEXSUPPORT", order.orderFlagsNames());
    assertEquals(1000000, order.desktopSaveSize());
    assertEquals(0x06a1, order.textFlags());
    assertEquals(0x000f4240, order.pad4octetsA(), "Windows leaves stack bytes in the padding");
    assertEquals(
        List.of(
            "TS_NEG_DSTBLT_INDEX",
            "TS_NEG_PATBLT_INDEX",
            "TS_NEG_SCRBLT_INDEX",
            "TS_NEG_MEMBLT_INDEX",
            "TS_NEG_MEM3BLT_INDEX",
            "TS_NEG_DRAWNINEGRID_INDEX",
            "TS_NEG_LINETO_INDEX",
            "TS_NEG_MULTI_DRAWNINEGRID_INDEX",
            "index 10",
            "TS_NEG_SAVEBITMAP_INDEX",
            "TS_NEG_MULTIDSTBLT_INDEX",
            "TS_NEG_MULTIPATBLT_INDEX",
            "TS_NEG_MULTISCRBLT_INDEX",
            "TS_NEG_MULTIOPAQUERECT_INDEX",
            "TS_NEG_FAST_INDEX_INDEX",
            "TS_NEG_POLYGON_SC_INDEX",
            "TS_NEG_POLYGON_CB_INDEX",
            "TS_NEG_POLYLINE_INDEX",
            "TS_NEG_FAST_GLYPH_INDEX",
            "TS_NEG_ELLIPSE_SC_INDEX",
            "TS_NEG_ELLIPSE_CB_INDEX",
            "TS_NEG_GLYPH_INDEX_INDEX"),
        order.supportedOrders());
    // the Font set is 4 bytes long: the section's note on a server bug; kept raw
    RawCapabilitySet font =
        assertInstanceOf(
            RawCapabilitySet.class, sets.get(CapabilitySetType.CAPSTYPE_FONT).orElseThrow());
    assertEquals(4, font.size());
    assertEquals("TS_CAPS_SET CAPSTYPE_FONT", font.name());
    assertTrue(
        pdu.summary().startsWith("shareId=0x103ea, pduSource=1002, sourceDescriptor=RDP, 13"));
    assertEveryPrefixNeedsMoreBytes(DemandActivePdu::decode, bytes);
  }

  @Test
  void clientConfirmActive() {
    byte[] bytes = file("ms-rdpbcgr-4.1.14-client-confirm-active");
    ConfirmActivePdu pdu = decodeAll(ConfirmActivePdu::decode, bytes);
    assertVector(vector("MS-RDPBCGR 4.1.14", pdu, bytes, ConfirmActivePdu::decode));
    assertEquals(pdu, decodeAll(ShareControlPdu::decode, bytes));
    assertEquals(1007, pdu.header().pduSource());
    assertEquals(SHARE_ID, pdu.shareId());
    assertEquals(ConfirmActivePdu.ORIGINATOR_ID, pdu.originatorId());
    assertEquals(ConfirmActivePdu.MSTSC_SOURCE_DESCRIPTOR, pdu.sourceDescriptor());
    assertEquals("MSTSC", pdu.sourceDescriptorText());
    CapabilitySets sets = pdu.capabilitySets();
    assertEquals(18, sets.sets().size());
    assertEquals(470, sets.size(), "lengthCombinedCapabilities");
    assertEquals(
        List.of(
            "CAPSTYPE_GENERAL",
            "CAPSTYPE_BITMAP",
            "CAPSTYPE_ORDER",
            "CAPSTYPE_BITMAPCACHE_REV2",
            "CAPSTYPE_COLORCACHE",
            "CAPSTYPE_ACTIVATION",
            "CAPSTYPE_CONTROL",
            "CAPSTYPE_POINTER",
            "CAPSTYPE_SHARE",
            "CAPSTYPE_INPUT",
            "CAPSTYPE_SOUND",
            "CAPSTYPE_FONT",
            "CAPSTYPE_GLYPHCACHE",
            "CAPSTYPE_BRUSH",
            "CAPSTYPE_OFFSCREENCACHE",
            "CAPSTYPE_VIRTUALCHANNEL",
            "CAPSTYPE_DRAWNINEGRIDCACHE",
            "CAPSTYPE_DRAWGDIPLUS"),
        sets.typeNames());
    OrderCapabilitySet order = sets.order().orElseThrow();
    assertEquals(0x04e4, order.textAnsiCodePage(), "1252");
    assertEquals(0x038400, order.desktopSaveSize(), "480 * 480");
    assertEquals(0x002a, order.orderFlags());
    assertEveryPrefixNeedsMoreBytes(ConfirmActivePdu::decode, bytes);
  }
}
