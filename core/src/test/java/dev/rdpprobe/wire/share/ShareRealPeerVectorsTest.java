package dev.rdpprobe.wire.share;

import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertVector;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors.Vector;
import dev.rdpprobe.wire.mcs.DataPriority;
import dev.rdpprobe.wire.mcs.LengthForm;
import dev.rdpprobe.wire.mcs.Segmentation;
import dev.rdpprobe.wire.mcs.SendDataFrame;
import dev.rdpprobe.wire.mcs.SendDataHeader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Share Control PDUs on real bytes: testdata/mcs, cut by testdata/capture/mcs-peers.sh from xrdp
 * (crypt_level=none), freerdp-shadow and xfreerdp talking Standard RDP Security at encryption level
 * NONE, where neither side puts a security header in front of them.
 */
class ShareRealPeerVectorsTest {
  static final int XRDP_SHARE = 0x000103ea;
  static final int SHADOW_SHARE = 0x000103f1;

  static byte[] file(String name) {
    return testdata("mcs/" + name + ".hex");
  }

  static SendDataFrame<SlowPathPdu> framed(String name) {
    return decodeAll(SlowPathPdu::decodeFramed, file(name));
  }

  private static SendDataHeader sd(int choice, int initiator, int length, LengthForm form) {
    return new SendDataHeader(
        choice, initiator, 1003, DataPriority.HIGH, Segmentation.BEGIN_END, length, form);
  }

  /** A PDU in the envelope the peer wrote: its Send Data choice, initiator and length form. */
  private static SendDataFrame<SlowPathPdu> frame(
      boolean fromServer, int initiator, LengthForm form, ShareControlPdu pdu) {
    return new SendDataFrame<>(
        sd(fromServer ? 26 : 25, initiator, pdu.size(), form), SlowPathPdu.of(pdu));
  }

  private static ShareDataHeader header(
      int source, int share, int stream, int uncompressed, int type2, int compressedLength) {
    return new ShareDataHeader(
        ShareControlHeader.of(ShareControlPduType.PDUTYPE_DATAPDU, source),
        share,
        0,
        new StreamId(stream),
        uncompressed,
        new ShareDataPduType(type2),
        CompressedType.NONE,
        compressedLength);
  }

  static Stream<Vector<?>> finalization() {
    LengthForm one = LengthForm.SHORTEST;
    LengthForm two = LengthForm.TWO_OCTETS;
    int sync = ShareDataPduType.PDUTYPE2_SYNCHRONIZE;
    int control = ShareDataPduType.PDUTYPE2_CONTROL;
    return Stream.of(
        // xfreerdp to xrdp: uncompressedLength is the data's length, targetUser its own channel
        vector(
            "xfreerdp Synchronize",
            frame(
                false,
                1007,
                two,
                new SynchronizePdu(header(1007, XRDP_SHARE, 1, 4, sync, 0), 1, 1007)),
            file("xfreerdp-synchronize"),
            SlowPathPdu::decodeFramed),
        vector(
            "xfreerdp Control Cooperate",
            frame(
                false,
                1007,
                two,
                new ControlPdu(
                    header(1007, XRDP_SHARE, 1, 8, control, 0),
                    ControlAction.CTRLACTION_COOPERATE,
                    0,
                    0)),
            file("xfreerdp-control-cooperate"),
            SlowPathPdu::decodeFramed),
        vector(
            "xfreerdp Control Request Control",
            frame(
                false,
                1007,
                two,
                new ControlPdu(
                    header(1007, XRDP_SHARE, 1, 8, control, 0),
                    ControlAction.CTRLACTION_REQUEST_CONTROL,
                    0,
                    0)),
            file("xfreerdp-control-request-control"),
            SlowPathPdu::decodeFramed),
        vector(
            "xfreerdp Font List",
            frame(
                false,
                1007,
                two,
                new FontListPdu(
                    header(1007, XRDP_SHARE, 1, 8, ShareDataPduType.PDUTYPE2_FONTLIST, 0),
                    0,
                    0,
                    3,
                    50)),
            file("xfreerdp-font-list"),
            SlowPathPdu::decodeFramed),
        // xrdp: uncompressedLength is the whole PDU's, copied into compressedLength
        vector(
            "xrdp Synchronize",
            frame(
                true,
                1007,
                one,
                new SynchronizePdu(header(1007, XRDP_SHARE, 1, 22, sync, 22), 1, 1002)),
            file("xrdp-synchronize"),
            SlowPathPdu::decodeFramed),
        vector(
            "xrdp Control Cooperate",
            frame(
                true,
                1007,
                one,
                new ControlPdu(
                    header(1007, XRDP_SHARE, 1, 26, control, 26),
                    ControlAction.CTRLACTION_COOPERATE,
                    0,
                    1002)),
            file("xrdp-control-cooperate"),
            SlowPathPdu::decodeFramed),
        vector(
            "xrdp Control Granted Control",
            frame(
                true,
                1007,
                one,
                new ControlPdu(
                    header(1007, XRDP_SHARE, 1, 26, control, 26),
                    ControlAction.CTRLACTION_GRANTED_CONTROL,
                    0,
                    1002)),
            file("xrdp-control-granted-control"),
            SlowPathPdu::decodeFramed),
        vector(
            "xrdp Font Map",
            frame(
                true,
                1007,
                one,
                new FontMapPdu(
                    header(1007, XRDP_SHARE, 1, 26, ShareDataPduType.PDUTYPE2_FONTMAP, 26),
                    0,
                    0,
                    3,
                    4)),
            file("xrdp-font-map"),
            SlowPathPdu::decodeFramed),
        vector(
            "xrdp Update (kept raw)",
            frame(
                true,
                1007,
                one,
                new RawShareDataPdu(
                    header(1007, XRDP_SHARE, 1, 22, ShareDataPduType.PDUTYPE2_UPDATE, 22),
                    Octets.fromHex("03 00 00 00"))),
            file("xrdp-update"),
            SlowPathPdu::decodeFramed),
        // freerdp-shadow: the client's user channel as pduSource and as Synchronize target
        vector(
            "freerdp-shadow Synchronize",
            frame(
                true,
                1009,
                two,
                new SynchronizePdu(header(1009, SHADOW_SHARE, 1, 4, sync, 0), 1, 1009)),
            file("freerdp-shadow-synchronize"),
            SlowPathPdu::decodeFramed),
        vector(
            "freerdp-shadow Control Cooperate",
            frame(
                true,
                1009,
                two,
                new ControlPdu(
                    header(1009, SHADOW_SHARE, 1, 8, control, 0),
                    ControlAction.CTRLACTION_COOPERATE,
                    0,
                    0)),
            file("freerdp-shadow-control-cooperate"),
            SlowPathPdu::decodeFramed),
        vector(
            "freerdp-shadow Control Granted Control",
            frame(
                true,
                1009,
                two,
                new ControlPdu(
                    header(1009, SHADOW_SHARE, 1, 8, control, 0),
                    ControlAction.CTRLACTION_GRANTED_CONTROL,
                    1009,
                    1002)),
            file("freerdp-shadow-control-granted-control"),
            SlowPathPdu::decodeFramed),
        vector(
            "freerdp-shadow Font Map",
            frame(
                true,
                1009,
                two,
                new FontMapPdu(
                    header(1009, SHADOW_SHARE, 1, 8, ShareDataPduType.PDUTYPE2_FONTMAP, 0),
                    0,
                    0,
                    3,
                    4)),
            file("freerdp-shadow-font-map"),
            SlowPathPdu::decodeFramed));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("finalization")
  void finalizationPdus(Vector<?> v) {
    assertVector(v);
    assertEveryPrefixNeedsMoreBytes(SlowPathPdu::decodeFramed, v.bytes());
  }

  static Stream<String> activePdus() {
    return Stream.of(
        "xrdp-demand-active",
        "freerdp-shadow-demand-active",
        "xfreerdp-confirm-active",
        "xfreerdp-confirm-active-to-shadow");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("activePdus")
  void activePdusDecodeAndReencode(String name) {
    byte[] bytes = file(name);
    SendDataFrame<SlowPathPdu> frame = framed(name);
    assertVector(vector(name, frame, bytes, SlowPathPdu::decodeFramed));
    assertEveryPrefixNeedsMoreBytes(SlowPathPdu::decodeFramed, bytes);
  }

  @Test
  void xrdpDemandActive() {
    SendDataFrame<SlowPathPdu> frame = framed("xrdp-demand-active");
    assertNull(frame.pdu().securityHeader(), "no security header at encryption level NONE");
    DemandActivePdu pdu = assertInstanceOf(DemandActivePdu.class, frame.pdu().pdu());
    assertEquals(1007, pdu.header().pduSource(), "xrdp names the client's user channel");
    assertEquals(XRDP_SHARE, pdu.shareId());
    assertEquals("RDP", pdu.sourceDescriptorText());
    assertEquals(0, pdu.sessionId());
    CapabilitySets sets = pdu.capabilitySets();
    assertEquals(
        List.of(
            "CAPSTYPE_SHARE",
            "CAPSTYPE_GENERAL",
            "CAPSTYPE_BITMAP",
            "CAPSTYPE_FONT",
            "CAPSTYPE_ORDER",
            "CAPSETTYPE_BITMAP_CODECS",
            "CAPSTYPE_COLORCACHE",
            "CAPSTYPE_POINTER",
            "CAPSTYPE_INPUT",
            "unknown (0x06)"),
        sets.typeNames());
    RawCapabilitySet six = (RawCapabilitySet) sets.get(6).orElseThrow();
    assertEquals(Octets.of((byte) 0), six.data(), "type 6, five bytes: xrdp's own");
    assertEquals(4, sets.get(CapabilitySetType.CAPSTYPE_FONT).orElseThrow().size());
    BitmapCapabilitySet bitmap = sets.bitmap().orElseThrow();
    assertEquals(32, bitmap.preferredBitsPerPixel());
    assertEquals(1024, bitmap.desktopWidth());
    assertEquals(768, bitmap.desktopHeight());
    GeneralCapabilitySet general = sets.general().orElseThrow();
    assertEquals("OSMAJORTYPE_WINDOWS", general.osMajorTypeName());
    assertEquals("NO_BITMAP_COMPRESSION_HDR", general.extraFlagsNames(), "no fast-path output");
    assertEquals(
        "shareId=0x103ea, pduSource=1007, sourceDescriptor=RDP, 10 capability sets: CAPSTYPE_SHARE(8),"
            + " CAPSTYPE_GENERAL(24), CAPSTYPE_BITMAP(28), CAPSTYPE_FONT(4), CAPSTYPE_ORDER(88),"
            + " CAPSETTYPE_BITMAP_CODECS(93), CAPSTYPE_COLORCACHE(8), CAPSTYPE_POINTER(10),"
            + " CAPSTYPE_INPUT(88), unknown (0x06)(5)",
        pdu.summary());
  }

  @Test
  void freerdpShadowDemandActive() {
    DemandActivePdu pdu = (DemandActivePdu) framed("freerdp-shadow-demand-active").pdu().pdu();
    assertEquals(1009, pdu.header().pduSource());
    assertEquals(14, pdu.capabilitySets().sets().size());
    GeneralCapabilitySet general = pdu.capabilitySets().general().orElseThrow();
    assertEquals("OSMAJORTYPE_UNSPECIFIED", general.osMajorTypeName());
    assertEquals(
        "FASTPATH_OUTPUT_SUPPORTED|LONG_CREDENTIALS_SUPPORTED|ENC_SALTED_CHECKSUM"
            + "|NO_BITMAP_COMPRESSION_HDR",
        general.extraFlagsNames());
    BitmapCapabilitySet bitmap = pdu.capabilitySets().bitmap().orElseThrow();
    assertEquals(0x0e, bitmap.drawingFlags());
    assertEquals(
        "DRAW_ALLOW_DYNAMIC_COLOR_FIDELITY|DRAW_ALLOW_COLOR_SUBSAMPLING|DRAW_ALLOW_SKIP_ALPHA",
        bitmap.drawingFlagsNames());
    assertEquals(
        "CAPSSETTYPE_FRAME_ACKNOWLEDGE", pdu.capabilitySets().sets().get(13).type().name());
  }

  @Test
  void xfreerdpConfirmActive() {
    SendDataFrame<SlowPathPdu> frame = framed("xfreerdp-confirm-active");
    assertFalse(frame.header().isIndication());
    ConfirmActivePdu pdu = (ConfirmActivePdu) frame.pdu().pdu();
    assertEquals("FREERDP", pdu.sourceDescriptorText(), "FreeRDP 2 does not say MSTSC");
    assertEquals(8, pdu.sourceDescriptor().length());
    assertEquals(ConfirmActivePdu.ORIGINATOR_ID, pdu.originatorId());
    assertEquals(1007, pdu.header().pduSource());
    assertEquals(16, pdu.capabilitySets().sets().size());
    GeneralCapabilitySet general = pdu.capabilitySets().general().orElseThrow();
    assertEquals("OSMAJORTYPE_UNIX", general.osMajorTypeName());
    assertEquals("OSMINORTYPE_NATIVE_XSERVER", general.osMinorTypeName());
    assertEquals("CAPSTYPE_BITMAPCACHE_REV2", pdu.capabilitySets().sets().get(3).type().name());
  }
}
