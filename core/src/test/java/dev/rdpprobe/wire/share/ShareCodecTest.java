package dev.rdpprobe.wire.share;

import static dev.rdpprobe.wire.WireVectors.assertBytes;
import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.encode;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.mcs.SendDataFrame;
import dev.rdpprobe.wire.sec.BasicSecurityHeader;
import dev.rdpprobe.wire.sec.SecurityFlags;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The share codec's errors, factories and round trips (MS-RDPBCGR 2.2.1.13 onwards). */
class ShareCodecTest {
  static final int SHARE = 0x000103ea;
  static final String SYNC = "16 00 17 00 ef 03 ea 03 01 00 00 01 08 00 1f 00 00 00 01 00 ea 03";

  // --- the Share Control Header -----------------------------------------------------------------

  @Test
  void totalLengthIsCheckedBeforeAnyRead() {
    DecodeException e = assertDecodeFails(ShareControlPdu::decode, "03 00 17 00");
    assertError(e, Kind.INVALID_FIELD, ShareControlHeader.NAME, "totalLength", 0);
    e = assertDecodeFails(ShareControlPdu::decode, "05 00 17 00 ea");
    assertError(e, Kind.INVALID_FIELD, ShareControlHeader.NAME, "totalLength", 0);
    e = assertDecodeFails(ShareControlPdu::decode, "16 00 17 00 ef 03 ea 03");
    assertError(e, Kind.NOT_ENOUGH_BYTES, ShareControlHeader.NAME, "totalLength", 0);
    assertEquals(8, e.received());
    assertEquals("22 bytes", e.expected());
  }

  @Test
  void totalLengthBoundsThePduInAStream() {
    byte[] two = bytes(SYNC + " " + SYNC);
    ShareControlPdu first =
        decodeAll(
            b -> {
              ShareControlPdu pdu = ShareControlPdu.decode(b);
              assertEquals(22, b.readableBytes());
              b.skipBytes(22);
              return pdu;
            },
            two);
    assertInstanceOf(SynchronizePdu.class, first);
  }

  @Test
  void aTypedDecoderNamesTheTypeItGot() {
    DecodeException e = assertDecodeFails(ControlPdu::decode, SYNC);
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, ControlPdu.NAME, "pduType2", 14);
    assertEquals(0x1f, e.received());
    byte[] confirm = testdata("share/ms-rdpbcgr-4.1.14-client-confirm-active.hex");
    e = assertDecodeFails(DemandActivePdu::decode, confirm, "confirm active");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, DemandActivePdu.NAME, "pduType", 2);
    assertEquals(0x13, e.received());
    e = assertDecodeFails(DemandActivePdu::decode, "00 80 41 00 01 02 ea 03");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, DemandActivePdu.NAME, "totalLength", 0);
    e = assertDecodeFails(ShareDataPdu::decode, "06 00 16 00 ea 03");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, ShareDataPdu.NAME, "pduType", 2);
  }

  @Test
  void bytesLeftInsideTotalLengthNameThePdu() {
    // totalLength 23: the Synchronize PDU and one byte more
    DecodeException e =
        assertDecodeFails(ShareControlPdu::decode, "17" + SYNC.substring(2) + " ee");
    assertError(e, Kind.TRAILING_BYTES, SynchronizePdu.NAME, "end of PDU", 22);
    e = assertDecodeFails(SynchronizePdu::decode, "17" + SYNC.substring(2) + " ee");
    assertError(e, Kind.TRAILING_BYTES, SynchronizePdu.NAME, "end of PDU", 22);
  }

  // --- the capability sets ----------------------------------------------------------------------

  private static byte[] demandActive() {
    return testdata("share/ms-rdpbcgr-4.1.13-server-demand-active.hex");
  }

  @Test
  void capabilityLengthsAreChecked() {
    byte[] b = demandActive();
    // lengthCombinedCapabilities (offset 12) one more than the PDU holds
    byte[] longer = b.clone();
    longer[12] = (byte) 0x5e;
    longer[13] = (byte) 0x01;
    DecodeException e = assertDecodeFails(DemandActivePdu::decode, longer, "long");
    assertError(e, Kind.NOT_ENOUGH_BYTES, DemandActivePdu.NAME, "capabilitySets", 18);
    // numberCapabilities (offset 18) 12 of 13: the last set is left over
    byte[] fewer = b.clone();
    fewer[18] = 12;
    e = assertDecodeFails(DemandActivePdu::decode, fewer, "fewer");
    assertError(e, Kind.TRAILING_BYTES, DemandActivePdu.NAME, "lengthCombinedCapabilities", 344);
    // 14 of 13: the sets run out
    byte[] more = b.clone();
    more[18] = 14;
    e = assertDecodeFails(DemandActivePdu::decode, more, "more");
    assertError(e, Kind.NOT_ENOUGH_BYTES, CapabilitySet.NAME, "capabilitySetType", 355);
    byte[] many = b.clone();
    many[18] = 65;
    e = assertDecodeFails(DemandActivePdu::decode, many, "many");
    assertError(e, Kind.TOO_LARGE, DemandActivePdu.NAME, "numberCapabilities", 18);
    // the Share set's lengthCapability (offset 24) 3
    byte[] small = b.clone();
    small[24] = 3;
    e = assertDecodeFails(DemandActivePdu::decode, small, "small");
    assertError(e, Kind.INVALID_FIELD, CapabilitySet.NAME, "lengthCapability", 24);
    // sessionId cut to two bytes inside a shorter totalLength
    byte[] cut = Arrays.copyOf(b, b.length - 2);
    cut[0] = (byte) (cut.length & 0xff);
    e = assertDecodeFails(DemandActivePdu::decode, cut, "cut");
    assertError(e, Kind.NOT_ENOUGH_BYTES, DemandActivePdu.NAME, "sessionId", 355);
  }

  @Test
  void aKnownSetOfAnotherLengthStaysRaw() {
    RawCapabilitySet shortGeneral = new RawCapabilitySet(1, Octets.of(new byte[18]));
    assertEquals(shortGeneral, decodeAll(CapabilitySet::decode, encode(shortGeneral)));
    assertThrows(
        IllegalArgumentException.class, () -> new RawCapabilitySet(1, Octets.of(new byte[20])));
    assertEquals(
        "TS_GENERAL_CAPABILITYSET",
        decodeAll(CapabilitySet::decode, encode(DefaultCapabilities.general())).name());
    assertEquals("CAPSTYPE_BITMAP (0x02)", new CapabilitySetType(2).toString());
    assertEquals("unknown (0x1f)", new CapabilitySetType(0x1f).toString());
  }

  @Test
  void everyCapabilitySetTypeAndPduType2IsNamed() {
    int named = 0;
    for (int t = 0; t <= 0x20; t++) {
      if (new CapabilitySetType(t).isKnown()) {
        named++;
      }
    }
    assertEquals(28, named, "MS-RDPBCGR 2.2.7: the capability set types");
    named = 0;
    for (int t = 0; t <= 0xff; t++) {
      if (new ShareDataPduType(t).isKnown()) {
        named++;
      }
    }
    assertEquals(25, named, "MS-RDPBCGR 2.2.7: the capability set types");
    assertEquals("CAPSSETTYPE_FRAME_ACKNOWLEDGE", new CapabilitySetType(0x1e).name());
    assertEquals("PDUTYPE2_SET_ERROR_INFO_PDU (0x2f)", new ShareDataPduType(0x2f).toString());
    assertEquals("PDUTYPE_DATAPDU (version 0x02)", new ShareControlPduType(0x27).toString());
    assertEquals("unknown (0x0b)", new ShareControlPduType(0x1b).toString());
  }

  // --- the probe's Confirm Active and the emulator's Demand Active -------------------------------

  @Test
  void theProbesConfirmActiveHasEveryMandatorySet() {
    ConfirmActivePdu pdu = ConfirmActivePdu.probe(SHARE, 1007, 1024, 768, 16);
    assertRoundTrip(pdu, ConfirmActivePdu::decode);
    assertEquals("MSTSC", pdu.sourceDescriptorText());
    assertEquals(1002, pdu.originatorId());
    assertEquals(1007, pdu.header().pduSource());
    List<String> types = pdu.capabilitySets().typeNames();
    for (String mandatory :
        List.of(
            "CAPSTYPE_GENERAL",
            "CAPSTYPE_BITMAP",
            "CAPSTYPE_ORDER",
            "CAPSTYPE_BITMAPCACHE",
            "CAPSTYPE_POINTER",
            "CAPSTYPE_INPUT",
            "CAPSTYPE_BRUSH",
            "CAPSTYPE_GLYPHCACHE",
            "CAPSTYPE_OFFSCREENCACHE",
            "CAPSTYPE_VIRTUALCHANNEL",
            "CAPSTYPE_SOUND")) {
      assertTrue(types.contains(mandatory), mandatory);
    }
    BitmapCapabilitySet bitmap = pdu.capabilitySets().bitmap().orElseThrow();
    assertEquals(16, bitmap.preferredBitsPerPixel());
    assertEquals(1024, bitmap.desktopWidth());
    assertEquals(1, bitmap.bitmapCompressionFlag());
    assertEquals(1, bitmap.multipleRectangleSupport());
    GeneralCapabilitySet general = pdu.capabilitySets().general().orElseThrow();
    assertFalse(general.hasExtraFlag(GeneralCapabilitySet.FASTPATH_OUTPUT_SUPPORTED));
    assertEquals(List.of(), pdu.capabilitySets().order().orElseThrow().supportedOrders());
    // each set's length is the one the specification gives
    int[] lengths = pdu.capabilitySets().sets().stream().mapToInt(CapabilitySet::size).toArray();
    assertEquals(
        Arrays.toString(new int[] {24, 28, 88, 40, 10, 88, 8, 52, 12, 12, 8, 12, 12, 8, 8, 8}),
        Arrays.toString(lengths));
    SendDataFrame<SlowPathPdu> frame = SendDataFrame.request(1007, 1003, SlowPathPdu.of(pdu));
    assertRoundTrip(frame, SlowPathPdu::decodeFramed);
  }

  @Test
  void theEmulatorsDemandActiveRoundTrips() {
    DemandActivePdu pdu =
        DemandActivePdu.of(1002, SHARE, DefaultCapabilities.server(1280, 1024, 32));
    assertRoundTrip(pdu, DemandActivePdu::decode);
    assertEquals(0, pdu.sessionId());
    assertEquals("CAPSTYPE_SHARE", pdu.capabilitySets().typeNames().get(0));
    DemandActivePdu withoutSession =
        new DemandActivePdu(
            pdu.header(), SHARE, pdu.sourceDescriptor(), pdu.capabilitySets(), null);
    assertEquals(pdu.size() - 4, withoutSession.size());
    assertRoundTrip(withoutSession, ShareControlPdu::decode);
  }

  // --- Set Error Info, Save Session Info, Deactivate All, Flow, raw PDUs -------------------------

  @Test
  void setErrorInfoCarriesTheCode() {
    SetErrorInfoPdu pdu = SetErrorInfoPdu.of(1002, SHARE, ErrorInfo.SERVER_DENIED_CONNECTION);
    assertBytes(
        bytes("16 00 17 00 ea 03 ea 03 01 00 00 01 08 00 2f 00 00 00 07 00 00 00"),
        encode(pdu),
        "Set Error Info PDU");
    CarriesErrorInfo carrier =
        assertInstanceOf(CarriesErrorInfo.class, decodeAll(ShareControlPdu::decode, encode(pdu)));
    assertEquals(ErrorInfo.SERVER_DENIED_CONNECTION, carrier.errorInfo());
    assertEquals("errorInfo=ERRINFO_SERVER_DENIED_CONNECTION (0x07)", pdu.summary());
    SetErrorInfoPdu unknown = SetErrorInfoPdu.of(1002, SHARE, new ErrorInfo(0xdead));
    assertRoundTrip(unknown, SetErrorInfoPdu::decode);
    assertRoundTrip(
        SendDataFrame.indication(1002, 1003, SlowPathPdu.of(unknown)), SlowPathPdu::decodeFramed);
    assertEveryPrefixNeedsMoreBytes(SetErrorInfoPdu::decode, encode(pdu));
  }

  @Test
  void compressedDataIsKeptRaw() {
    // a Set Error Info PDU with PACKET_COMPRESSED|PACKET_COMPR_TYPE_64K
    byte[] b = bytes("16 00 17 00 ea 03 ea 03 01 00 00 01 08 00 2f 21 04 00 07 00 00 00");
    RawShareDataPdu raw =
        assertInstanceOf(RawShareDataPdu.class, decodeAll(ShareControlPdu::decode, b));
    assertEquals(
        "PACKET_COMPRESSED|PACKET_COMPR_TYPE_64K", raw.header().compressedType().toString());
    assertEquals("Data PDU PDUTYPE2_SET_ERROR_INFO_PDU", raw.name());
    assertRoundTrip(raw, ShareDataPdu::decode);
    DecodeException e = assertDecodeFails(SetErrorInfoPdu::decode, b, "compressed");
    assertError(e, Kind.INVALID_FIELD, SetErrorInfoPdu.NAME, "compressedType", 15);
  }

  @Test
  void saveSessionInfoNamesTheLogonError() {
    SaveSessionInfoPdu pdu =
        SaveSessionInfoPdu.logonError(
            1002,
            SHARE,
            new LogonErrorsInfo(
                LogonErrorNotificationType.LOGON_MSG_SESSION_BUSY_OPTIONS,
                LogonErrorNotificationData.LOGON_FAILED_OTHER));
    byte[] encoded = assertRoundTrip(pdu, SaveSessionInfoPdu::decode);
    assertEquals(18 + 4 + 2 + 4 + 4 + 8 + 570, encoded.length);
    assertEquals(
        "infoType=INFOTYPE_LOGON_EXTENDED_INFO, fieldsPresent=LOGON_EX_LOGONERRORS,"
            + " logonErrors=LOGON_MSG_SESSION_BUSY_OPTIONS/LOGON_FAILED_OTHER",
        pdu.summary());
    assertEquals(18, pdu.extendedInfo().length());
    SaveSessionInfoPdu decoded =
        assertInstanceOf(SaveSessionInfoPdu.class, decodeAll(ShareControlPdu::decode, encoded));
    assertEquals(
        LogonErrorNotificationType.LOGON_MSG_SESSION_BUSY_OPTIONS,
        decoded.logonErrors().orElseThrow().errorNotificationType());
    assertEquals(
        "LOGON_MSG_SESSION_TERMINATE (0xfffffffd)",
        LogonErrorNotificationType.LOGON_MSG_SESSION_TERMINATE.toString());
    assertEquals("unknown (0x05)", new LogonErrorNotificationData(5).toString());
    // a cookie, an error, and an unknown field whose data stays in the padding
    LogonInfoExtended all =
        new LogonInfoExtended(
            0x1234,
            0x7,
            Octets.fromHex("1c 00 00 00 01 00 00 00 aa bb"),
            new LogonErrorsInfo(
                new LogonErrorNotificationType(1), new LogonErrorNotificationData(-1)),
            Octets.fromHex("ff ff"));
    SaveSessionInfoPdu withAll =
        new SaveSessionInfoPdu(
            pdu.header(), SessionInfoType.INFOTYPE_LOGON_EXTENDED_INFO, all, Octets.EMPTY);
    assertRoundTrip(withAll, SaveSessionInfoPdu::decode);
    assertEquals(
        "LOGON_EX_AUTORECONNECTCOOKIE|LOGON_EX_LOGONERRORS|unknown (0x04)",
        all.fieldsPresentNames());
    // INFOTYPE_LOGON keeps its 576 bytes raw
    SaveSessionInfoPdu logon =
        new SaveSessionInfoPdu(
            pdu.header(), SessionInfoType.INFOTYPE_LOGON, null, Octets.of(new byte[576]));
    assertRoundTrip(logon, ShareControlPdu::decode);
    assertEquals("infoType=INFOTYPE_LOGON, 576 bytes", logon.summary());
    assertEquals("unknown (0x09)", new SessionInfoType(9).toString());
  }

  @Test
  void logonErrorsFieldMustBeEightBytes() {
    SaveSessionInfoPdu pdu =
        SaveSessionInfoPdu.logonError(
            1002,
            SHARE,
            new LogonErrorsInfo(
                LogonErrorNotificationType.LOGON_MSG_NO_PERMISSION,
                LogonErrorNotificationData.LOGON_FAILED_OTHER));
    byte[] b = encode(pdu);
    // infoType at 18, Length at 22, FieldsPresent at 24, cbFieldData at 28
    b[28] = 9;
    DecodeException e = assertDecodeFails(ShareControlPdu::decode, b, "cbFieldData 9");
    assertError(e, Kind.INVALID_FIELD, LogonInfoExtended.NAME, "cbFieldData (logon errors)", 28);
    b[28] = (byte) 0xff;
    b[29] = (byte) 0xff;
    e = assertDecodeFails(ShareControlPdu::decode, b, "cbFieldData 65535");
    assertError(e, Kind.INVALID_FIELD, LogonInfoExtended.NAME, "cbFieldData (logon errors)", 28);
  }

  @Test
  void deactivateAllInItsThreeForms() {
    DeactivateAllPdu full = DeactivateAllPdu.of(1002, SHARE);
    assertBytes(bytes("0d 00 16 00 ea 03 ea 03 01 00 01 00 00"), encode(full), "Deactivate All");
    assertRoundTrip(full, DeactivateAllPdu::decode);
    // Windows XP: totalLength 4, no pduSource
    DeactivateAllPdu xp = decodeAll(DeactivateAllPdu::decode, bytes("04 00 16 00"));
    assertNull(xp.header().pduSource());
    assertNull(xp.shareId());
    assertEquals("short form, no shareId", xp.summary());
    assertEquals(xp, decodeAll(ShareControlPdu::decode, bytes("04 00 16 00")));
    DeactivateAllPdu shareOnly =
        decodeAll(DeactivateAllPdu::decode, bytes("0a 00 16 00 ea 03 ea 03 01 00"));
    assertEquals(SHARE, shareOnly.shareId());
    assertNull(shareOnly.sourceDescriptor());
    assertRoundTrip(shareOnly, DeactivateAllPdu::decode);
    DecodeException e = assertDecodeFails(DeactivateAllPdu::decode, "08 00 16 00 ea 03 ea 03");
    assertError(e, Kind.NOT_ENOUGH_BYTES, DeactivateAllPdu.NAME, "shareId", 6);
  }

  @Test
  void flowPdusAndUnknownTypesAreKept() {
    FlowPdu flow =
        assertInstanceOf(
            FlowPdu.class, decodeAll(ShareControlPdu::decode, bytes("00 80 41 00 01 02 ea 03")));
    assertEquals("FLOW_TEST", flow.pduTypeFlowName());
    assertEquals(1002, flow.pduSource());
    assertRoundTrip(flow, FlowPdu::decode);
    assertEveryPrefixNeedsMoreBytes(ShareControlPdu::decode, bytes("00 80 41 00 01 02 ea 03"));
    RawShareControlPdu redirect =
        new RawShareControlPdu(
            ShareControlHeader.of(ShareControlPduType.PDUTYPE_SERVER_REDIR_PKT, 1002),
            Octets.fromHex("00 00 0e 04 08 00"));
    assertRoundTrip(redirect, ShareControlPdu::decode);
    assertEquals("Share Control PDU PDUTYPE_SERVER_REDIR_PKT", redirect.name());
    assertThrows(
        IllegalArgumentException.class,
        () -> new RawShareControlPdu(ShareControlHeader.of(7, 1002), Octets.EMPTY));
    RawShareDataPdu monitor =
        new RawShareDataPdu(
            ShareDataHeader.of(1007, SHARE, StreamId.STREAM_LOW, 0x37, 4),
            Octets.fromHex("00 00 00 00"));
    assertRoundTrip(monitor, ShareControlPdu::decode);
    assertEquals("pduType2=PDUTYPE2_MONITOR_LAYOUT_PDU, 4 bytes, not decoded", monitor.summary());
  }

  // --- the security header in front
  // ---------------------------------------------------------------

  @Test
  void anOptionalSecurityHeader() {
    byte[] withHeader = bytes("20 00 00 00 " + SYNC);
    SlowPathPdu pdu = decodeAll(SlowPathPdu::decodeWithSecurityHeader, withHeader);
    assertEquals(new SecurityFlags(SecurityFlags.SEC_IGNORE_SEQNO), pdu.securityHeader().flags());
    assertEquals("Synchronize PDU", pdu.name());
    assertRoundTrip(pdu, SlowPathPdu::decodeWithSecurityHeader);
    assertRoundTrip(
        SendDataFrame.request(1007, 1003, pdu), SlowPathPdu::decodeFramedWithSecurityHeader);
    DecodeException e =
        assertDecodeFails(SlowPathPdu::decodeWithSecurityHeader, "08 00 00 00 " + SYNC);
    assertError(e, Kind.INVALID_FIELD, SlowPathPdu.NAME, "flags", 0);
    e = assertDecodeFails(SlowPathPdu::decodeWithSecurityHeader, "80 00 00 00 " + SYNC);
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, SlowPathPdu.NAME, "flags", 0);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SlowPathPdu(
                BasicSecurityHeader.of(SecurityFlags.SEC_LICENSE_PKT),
                decodeAll(ShareControlPdu::decode, bytes(SYNC))));
    assertEveryPrefixNeedsMoreBytes(SlowPathPdu::decodeWithSecurityHeader, withHeader);
  }
}
