package dev.rdpprobe.wire.mcs;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.WireVectors.Vector;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The T.125 domain PDUs of the Channel Connection (MS-RDPBCGR 2.2.1.5 to 2.2.1.9, 2.2.2.3). */
class DomainMcsPduTest {

  /** MCS PDUs alone, from the specification's examples (4.1.5 to 4.1.8) and FreeRDP's tests. */
  static Stream<Vector<?>> vectors() {
    return Stream.of(
        vector(
            "MS-RDPBCGR 4.1.5 Erect Domain Request",
            ErectDomainRequest.of(),
            "04 01 00 01 00",
            ErectDomainRequest::decode),
        vector(
            "MS-RDPBCGR 4.1.6 Attach User Request",
            new AttachUserRequest(),
            "28",
            AttachUserRequest::decode),
        vector(
            "MS-RDPBCGR 4.1.7 Attach User Confirm",
            AttachUserConfirm.success(1007),
            "2e 00 00 06",
            AttachUserConfirm::decode),
        vector(
            "MS-RDPBCGR 4.1.8 Channel Join Request",
            new ChannelJoinRequest(1007, 1007),
            "38 00 06 03 ef",
            ChannelJoinRequest::decode),
        vector(
            "MS-RDPBCGR 4.1.8 Channel Join Confirm",
            new ChannelJoinConfirm(McsResult.RT_SUCCESSFUL, 1007, 1007, 1007),
            "3e 00 00 06 03 ef 03 ef",
            ChannelJoinConfirm::decode),
        vector(
            "T.125 7, DisconnectProviderUltimatum: reason rn-user-requested",
            DisconnectProviderUltimatum.of(DisconnectProviderReason.RN_USER_REQUESTED),
            "21 80",
            DisconnectProviderUltimatum::decode),
        vector(
            "Attach User Confirm failure without initiator: rt-too-many-users (13)",
            new AttachUserConfirm(McsResult.RT_TOO_MANY_USERS, null),
            "2d a0",
            AttachUserConfirm::decode),
        vector(
            "Channel Join Confirm failure: rt-no-such-channel (3), no channelId",
            new ChannelJoinConfirm(McsResult.RT_NO_SUCH_CHANNEL, 1007, 1010, null),
            "3c 60 00 06 03 f2",
            ChannelJoinConfirm::decode),
        vector(
            "Send Data Request (IronRDP mcs.rs prefix), 2 bytes of user data",
            SendDataRequest.of(1007, 1003, Octets.fromHex("ab cd")),
            "64 00 06 03 eb 70 02 ab cd",
            SendDataRequest::decode),
        vector(
            "Send Data Indication with a two-octet length for 2 bytes (FreeRDP's server)",
            new SendDataIndication(
                1002,
                1003,
                DataPriority.HIGH,
                Segmentation.BEGIN_END,
                Octets.fromHex("ab cd"),
                LengthForm.TWO_OCTETS),
            "68 00 01 03 eb 70 80 02 ab cd",
            SendDataIndication::decode));
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
    assertEveryPrefixNeedsMoreBytes(DomainMcsPdu::decode, v.bytes());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void theDispatchersDecodeTheSame(Vector<?> v) {
    assertEquals(v.value(), decodeAll(DomainMcsPdu::decode, v.bytes()));
    assertEquals(v.value(), decodeAll(McsPdu::decode, v.bytes()));
  }

  /** The framed forms of the specification's examples, from testdata. */
  static Stream<Vector<?>> framedVectors() {
    return Stream.of(
        vector(
            "MS-RDPBCGR 4.1.5 (framed)",
            new Framed<>(ErectDomainRequest.of()),
            testdata("x224/ms-rdpbcgr-4.1.5-client-mcs-erect-domain-request.hex"),
            Framed.decoder(ErectDomainRequest::decodeFramed)),
        vector(
            "MS-RDPBCGR 4.1.6 (framed)",
            new Framed<>(new AttachUserRequest()),
            testdata("mcs/ms-rdpbcgr-4.1.6-client-mcs-attach-user-request.hex"),
            Framed.decoder(AttachUserRequest::decodeFramed)),
        vector(
            "MS-RDPBCGR 4.1.7 (framed)",
            new Framed<>(AttachUserConfirm.success(1007)),
            testdata("mcs/ms-rdpbcgr-4.1.7-server-mcs-attach-user-confirm.hex"),
            Framed.decoder(AttachUserConfirm::decodeFramed)),
        vector(
            "MS-RDPBCGR 4.1.8 request (framed)",
            new Framed<>(new ChannelJoinRequest(1007, 1007)),
            testdata("mcs/ms-rdpbcgr-4.1.8-client-mcs-channel-join-request.hex"),
            Framed.decoder(ChannelJoinRequest::decodeFramed)),
        vector(
            "MS-RDPBCGR 4.1.8 confirm (framed)",
            new Framed<>(new ChannelJoinConfirm(McsResult.RT_SUCCESSFUL, 1007, 1007, 1007)),
            testdata("mcs/ms-rdpbcgr-4.1.8-server-mcs-channel-join-confirm.hex"),
            Framed.decoder(ChannelJoinConfirm::decodeFramed)),
        vector(
            "xrdp after RDP_NEG_FAILURE (x224 README): 03 00 00 09 02 f0 80 21 80",
            new Framed<>(
                DisconnectProviderUltimatum.of(DisconnectProviderReason.RN_USER_REQUESTED)),
            "03 00 00 09 02 f0 80 21 80",
            Framed.decoder(DisconnectProviderUltimatum::decodeFramed)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("framedVectors")
  void framedEncodeDecodeSize(Vector<?> v) {
    WireVectors.assertVector(v);
    assertEveryPrefixNeedsMoreBytes(v.decoder(), v.bytes());
    assertEveryPrefixNeedsMoreBytes(McsPdu::decodeFramed, v.bytes());
  }

  // --- Disconnect Provider Ultimatum: the 3-bit reason ---------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
  void everyReasonRoundTrips(int reason) {
    DisconnectProviderUltimatum dpum =
        DisconnectProviderUltimatum.of(new DisconnectProviderReason(reason));
    byte[] encoded = assertRoundTrip(dpum, DisconnectProviderUltimatum::decode);
    // 6 bits of CHOICE 8, then the reason across the octet boundary
    assertEquals(0x20 | reason >> 1, encoded[0] & 0xFF);
    assertEquals((reason & 1) << 7, encoded[1] & 0xFF);
  }

  @Test
  void reasonNamesIncludeChannelPurged() {
    assertEquals(
        DisconnectProviderReason.RN_CHANNEL_PURGED,
        decodeAll(DisconnectProviderUltimatum::decode, bytes("22 00")).reason());
    assertEquals("rn-channel-purged", DisconnectProviderReason.RN_CHANNEL_PURGED.name());
    assertEquals("rn-domain-disconnected", new DisconnectProviderReason(0).name());
    assertEquals("rn-provider-initiated", new DisconnectProviderReason(1).name());
    assertEquals("rn-token-purged", new DisconnectProviderReason(2).name());
    assertEquals("unknown (0x05)", new DisconnectProviderReason(5).name());
    assertEquals(
        "reason=rn-user-requested",
        DisconnectProviderUltimatum.of(DisconnectProviderReason.RN_USER_REQUESTED).summary());
  }

  @Test
  void ultimatumPaddingMustBeZero() {
    DecodeException e = assertDecodeFails(DisconnectProviderUltimatum::decode, "21 81");
    assertError(e, Kind.INVALID_FIELD, DisconnectProviderUltimatum.NAME, "padding bits", 1);
    assertEquals(0x81, e.received());
  }

  // --- results ------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 13, 14, 15})
  void everyResultRoundTripsInBothConfirms(int result) {
    McsResult r = new McsResult(result);
    assertRoundTrip(new AttachUserConfirm(r, 1001), AttachUserConfirm::decode);
    assertRoundTrip(new AttachUserConfirm(r, null), AttachUserConfirm::decode);
    assertRoundTrip(new ChannelJoinConfirm(r, 66536, 0, 65535), ChannelJoinConfirm::decode);
    assertRoundTrip(new ChannelJoinConfirm(r, 1001, 65535, null), ChannelJoinConfirm::decode);
  }

  @Test
  void resultNames() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      names.add(new McsResult(i).name());
    }
    assertEquals("rt-successful", names.get(0));
    assertEquals("rt-parameters-unacceptable", names.get(8));
    assertEquals("rt-user-rejected", names.get(15));
    assertEquals("unknown (0x10)", new McsResult(16).name());
    assertThrows(
        IllegalArgumentException.class, () -> new AttachUserConfirm(new McsResult(16), 1007));
  }

  @Test
  void confirmPaddingMustBeZero() {
    DecodeException e = assertDecodeFails(AttachUserConfirm::decode, "2e 01 00 06");
    assertError(e, Kind.INVALID_FIELD, AttachUserConfirm.NAME, "padding bits", 1);
    e = assertDecodeFails(ChannelJoinConfirm::decode, "3e 10 00 06 03 ef 03 ef");
    assertError(e, Kind.INVALID_FIELD, ChannelJoinConfirm.NAME, "padding bits", 1);
  }

  // --- CHOICE and option bits ---------------------------------------------------------------

  @Test
  void wrongChoiceIsAnUnexpectedMessage() {
    DecodeException e = assertDecodeFails(AttachUserRequest::decode, "2e 00 00 06");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, AttachUserRequest.NAME, "CHOICE", 0);
    assertEquals(11, e.received());
    assertEquals("10", e.expected());
  }

  @Test
  void optionBitsRdpNeverSetsAreRejected() {
    // AttachUserRequest with T.125's nonStandard option bit
    DecodeException e = assertDecodeFails(AttachUserRequest::decode, "2a");
    assertError(e, Kind.INVALID_FIELD, AttachUserRequest.NAME, "padding bits", 0);
    assertDecodeFails(ErectDomainRequest::decode, "05 01 00 01 00");
    assertDecodeFails(ChannelJoinRequest::decode, "39 00 06 03 ef");
    assertDecodeFails(SendDataRequest::decode, "65 00 06 03 eb 70 00");
  }

  @Test
  void unknownDomainPduIsNamed() {
    // CHOICE 9: RejectMCSPDUUltimatum, which RDP never sends
    DecodeException e = assertDecodeFails(DomainMcsPdu::decode, "24 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "MCS DomainMCSPDU", "CHOICE", 0);
    assertEquals(9, e.received());
  }

  // --- Erect Domain Request -----------------------------------------------------------------

  @Test
  void erectDomainIntegers() {
    assertRoundTrip(new ErectDomainRequest(256, 0x7fffffff), ErectDomainRequest::decode);
    DecodeException e = assertDecodeFails(ErectDomainRequest::decode, "04 00 01 00");
    assertError(e, Kind.INVALID_FIELD, ErectDomainRequest.NAME, "subHeight length", 1);
    e = assertDecodeFails(ErectDomainRequest::decode, "04 05 00 00 00 00 00 01 00");
    assertError(e, Kind.TOO_LARGE, ErectDomainRequest.NAME, "subHeight length", 1);
  }

  // --- Send Data ----------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 127, 128, 255, 16383})
  void sendDataRoundTrips(int length) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (i * 7);
    }
    for (LengthForm form : LengthForm.values()) {
      for (DataPriority priority : DataPriority.values()) {
        assertRoundTrip(
            new SendDataRequest(1007, 1003, priority, new Segmentation(1), Octets.of(data), form),
            SendDataRequest::decode);
        assertRoundTrip(
            new SendDataIndication(
                1002, 0, priority, Segmentation.BEGIN_END, Octets.of(data), form),
            SendDataIndication::decode);
      }
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> SendDataRequest.of(1007, 1003, Octets.of(new byte[16384])));
  }

  @Test
  void lengthFormOnlyMattersBelow128() {
    SendDataRequest two =
        new SendDataRequest(
            1007,
            1003,
            DataPriority.HIGH,
            Segmentation.BEGIN_END,
            Octets.of(new byte[200]),
            LengthForm.TWO_OCTETS);
    assertEquals(LengthForm.SHORTEST, two.lengthForm());
    assertEquals(SendDataRequest.of(1007, 1003, Octets.of(new byte[200])), two);
  }

  @Test
  void sendDataHeaderLeavesTheUserDataInTheBuffer() {
    ByteBuf in = WireVectors.hex("03 00 00 0c 02 f0 80 68 00 01 03 eb 70 02 ab cd");
    try {
      // the TPKT length (0x0c) is two bytes short of the user data: the header sees that
      DecodeException e =
          assertThrows(DecodeException.class, () -> SendDataHeader.decodeFramed(in));
      assertEquals(Kind.NOT_ENOUGH_BYTES, e.kind());
    } finally {
      in.release();
    }
    ByteBuf ok = WireVectors.hex("03 00 00 10 02 f0 80 68 00 01 03 eb 70 02 ab cd");
    try {
      SendDataHeader h = SendDataHeader.decodeFramed(ok);
      assertEquals(
          new SendDataHeader(
              DomainMcsPdu.CHOICE_SEND_DATA_INDICATION,
              1002,
              1003,
              DataPriority.HIGH,
              Segmentation.BEGIN_END,
              2,
              LengthForm.SHORTEST),
          h);
      assertEquals(14, ok.readerIndex());
      assertEquals(0xab, ok.getUnsignedByte(ok.readerIndex()));
    } finally {
      ok.release();
    }
  }

  @Test
  void sendDataHeaderRejectsTrailingBytesInThePacket() {
    ByteBuf in = WireVectors.hex("03 00 00 11 02 f0 80 64 00 06 03 eb 70 02 ab cd ef");
    try {
      DecodeException e =
          assertThrows(DecodeException.class, () -> SendDataHeader.decodeFramed(in));
      assertError(e, Kind.TRAILING_BYTES, SendDataRequest.NAME, "end of X.224 Data", 16);
    } finally {
      in.release();
    }
    assertDecodeFails(SendDataHeader::decode, "28");
  }

  @Test
  void sendDataFragmentedLengthIsRejected() {
    DecodeException e = assertDecodeFails(SendDataRequest::decode, "64 00 06 03 eb 70 c1");
    assertError(e, Kind.INVALID_FIELD, SendDataRequest.NAME, "userData length", 6);
  }

  @Test
  void sendDataPaddingBitsMustBeZero() {
    DecodeException e = assertDecodeFails(SendDataRequest::decode, "64 00 06 03 eb 71 00");
    assertError(e, Kind.INVALID_FIELD, SendDataRequest.NAME, "padding bits", 5);
  }

  // --- framing ------------------------------------------------------------------------------

  @Test
  void framedPduMustFillThePacket() {
    DecodeException e =
        assertDecodeFails(AttachUserRequest::decodeFramed, "03 00 00 09 02 f0 80 28 00");
    assertError(e, Kind.TRAILING_BYTES, AttachUserRequest.NAME, "end of X.224 Data", 8);
  }

  @Test
  void framedPduCannotReadIntoTheNextPacket() {
    // TPKT length 8 frames only the CHOICE of a Channel Join Request; the next packet follows
    byte[] bytes = bytes("03 00 00 08 02 f0 80 38 00 06 03 ef");
    DecodeException e =
        WireVectors.assertDecodeFails(ChannelJoinRequest::decodeFramed, bytes, "short packet");
    assertError(e, Kind.NOT_ENOUGH_BYTES, ChannelJoinRequest.NAME, "initiator", 8);
  }

  @Test
  void framedEncodeWritesTheHeader() {
    ChannelJoinRequest cj = new ChannelJoinRequest(1007, 1003);
    assertEquals(12, cj.framedSize());
    assertEquals(
        "03 00 00 0c 02 f0 80 38 00 06 03 eb",
        WireVectors.toHex(WireVectors.encode(new Framed<>(cj))));
    assertFalse(cj.summary().isEmpty());
  }

  @Test
  void rdesktopsErectDomainRequestIsRecognisedOnlyAfterItFailsToDecode() {
    // rdesktop 1.9 writes subHeight and subInterval as two 16-bit fields: a PER length of 0 first
    String rdesktop = "03 00 00 0c 02 f0 80 04 00 01 00 01";
    DecodeException e = assertDecodeFails(ErectDomainRequest::decodeFramed, rdesktop);
    assertError(e, Kind.INVALID_FIELD, ErectDomainRequest.NAME, "subHeight length", 8);
    ByteBuf frame = Unpooled.wrappedBuffer(bytes(rdesktop));
    assertTrue(ErectDomainRequest.isFixedFieldForm(frame));
    // another size, or another CHOICE, is not it
    assertFalse(
        ErectDomainRequest.isFixedFieldForm(
            Unpooled.wrappedBuffer(bytes("03 00 00 0d 02 f0 80 04 00 01 00 01 00"))));
    assertFalse(
        ErectDomainRequest.isFixedFieldForm(
            Unpooled.wrappedBuffer(bytes("03 00 00 0c 02 f0 80 28 00 01 00 01"))));
  }
}
