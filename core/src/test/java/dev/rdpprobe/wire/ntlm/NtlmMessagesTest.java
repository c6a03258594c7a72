package dev.rdpprobe.wire.ntlm;

import static dev.rdpprobe.wire.WireVectors.assertBytes;
import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertDecodes;
import static dev.rdpprobe.wire.WireVectors.assertEncodes;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.assertSize;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.encode;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors.Vector;
import dev.rdpprobe.wire.ntlm.AuthenticateMessage.PayloadOrder;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** NEGOTIATE, CHALLENGE and AUTHENTICATE messages (MS-NLMP 2.2.1) on spec and peer bytes. */
class NtlmMessagesTest {

  static final AvPairs REDEMPTION_TARGET_INFO =
      AvPairs.of(
          new AvPair.Name(AvId.MSV_AV_NB_COMPUTER_NAME, "WIN7"),
          new AvPair.Name(AvId.MSV_AV_NB_DOMAIN_NAME, "WIN7"),
          new AvPair.Name(AvId.MSV_AV_DNS_COMPUTER_NAME, "win7"),
          new AvPair.Name(AvId.MSV_AV_DNS_DOMAIN_NAME, "win7"),
          new AvPair.Timestamp(0xd676564e5a0e9567L));

  static Stream<Vector<NtlmMessage>> vectors() {
    return Stream.of(
        vector(
            "MS-NLMP 4.2.4.3 CHALLENGE_MESSAGE",
            new ChallengeMessage(
                "Server",
                new NegotiateFlags(0xe28a8233),
                Octets.fromHex("0123456789abcdef"),
                0,
                AvPairs.of(
                    new AvPair.Name(AvId.MSV_AV_NB_DOMAIN_NAME, "Domain"),
                    new AvPair.Name(AvId.MSV_AV_NB_COMPUTER_NAME, "Server")),
                NtlmVersion.of(6, 0, 6000),
                EmptyFieldOffsets.PAYLOAD_POSITION),
            NtlmVectors.specChallenge(),
            NtlmMessage::decode),
        vector(
            "MS-NLMP 4.2.4.3 AUTHENTICATE_MESSAGE",
            new AuthenticateMessage(
                Octets.fromHex("86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa"),
                NtlmVectors.SPEC_NT_RESPONSE,
                "Domain",
                "User",
                "COMPUTER",
                Octets.fromHex("c5dad2544fc9799094ce1ce90bc9d03e"),
                new NegotiateFlags(0xe2888235),
                NtlmVersion.of(5, 1, 2600),
                null,
                PayloadOrder.NAMES_FIRST,
                EmptyFieldOffsets.PAYLOAD_POSITION),
            NtlmVectors.specAuthenticate(),
            NtlmMessage::decode),
        vector(
            "nmap rdp-ntlm-info NEGOTIATE_MESSAGE",
            NegotiateMessage.windowsClient(NtlmVersion.WINDOWS_10_17763),
            NtlmVectors.nmapNegotiate(),
            NtlmMessage::decode),
        vector(
            "Windows 10 19041 NEGOTIATE_MESSAGE",
            NegotiateMessage.windowsClient(NtlmVersion.of(10, 0, 19041)),
            NtlmVectors.windowsNegotiate(),
            NtlmMessage::decode),
        vector(
            "redemption NEGOTIATE_MESSAGE (FreeRDP style offsets)",
            new NegotiateMessage(
                new NegotiateFlags(0xe20882b7),
                "",
                "",
                NtlmVersion.of(6, 1, 7601),
                EmptyFieldOffsets.PAYLOAD_POSITION),
            NtlmVectors.redemptionNegotiate(),
            NtlmMessage::decode),
        vector(
            "redemption CHALLENGE_MESSAGE (v2 test)",
            redemptionChallenge(NtlmVersion.of(5, 1, 2600)),
            NtlmVectors.redemptionChallengeV2(),
            NtlmMessage::decode),
        vector(
            "redemption CHALLENGE_MESSAGE (v6 test)",
            redemptionChallenge(NtlmVersion.of(6, 1, 7601)),
            NtlmVectors.redemptionChallengeV6(),
            NtlmMessage::decode),
        vector(
            "redemption AUTHENTICATE_MESSAGE (v2 test)",
            redemptionAuthenticate("9d98e130dc7ace81a97a11147d5d73d0"),
            NtlmVectors.redemptionAuthenticateV2(),
            NtlmMessage::decode),
        vector(
            "redemption AUTHENTICATE_MESSAGE (v6 test)",
            redemptionAuthenticate("2e5be21f572079a85c702d3db646819a"),
            NtlmVectors.redemptionAuthenticateForV6(),
            NtlmMessage::decode));
  }

  static ChallengeMessage redemptionChallenge(NtlmVersion version) {
    return new ChallengeMessage(
        "",
        new NegotiateFlags(0xe20882b7),
        Octets.fromHex("b86cdaa6f0f6308d"),
        0,
        REDEMPTION_TARGET_INFO,
        version,
        EmptyFieldOffsets.PAYLOAD_POSITION);
  }

  static AuthenticateMessage redemptionAuthenticate(String mic) {
    return new AuthenticateMessage(
        Octets.fromHex("34beb56eceec0a502d29637fcc5ee718b86cdaa6f0f6308d"),
        Octets.fromHex(
            "a641cc7a528e7ab3067d0be000d5f613 0101000000000000 67950e5a4e5676d6"
                + " b86cdaa6f0f6308d 00000000"
                + Octets.encode(REDEMPTION_TARGET_INFO).toHex()
                + "00000000"),
        "Ithaque",
        "Ulysse",
        "T\u00e9l\u00e9maque",
        Octets.fromHex("44bc4d7a133f6b81db1d2b7bbf1e180f"),
        new NegotiateFlags(0xe288a235),
        NtlmVersion.of(6, 1, 7601),
        Octets.fromHex(mic),
        PayloadOrder.RESPONSES_FIRST,
        EmptyFieldOffsets.PAYLOAD_POSITION);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodesDecodesAndSizes(Vector<NtlmMessage> v) {
    assertEncodes(v);
    assertDecodes(v);
    assertSize(v);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyPrefixNeedsMoreBytes(Vector<NtlmMessage> v) {
    assertEveryPrefixNeedsMoreBytes(NtlmMessage::decode, v.bytes());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void eachMessageDecoderTakesItsOwnType(Vector<NtlmMessage> v) {
    byte[] bytes = v.bytes();
    NtlmMessage m = v.value();
    assertEquals(m, decodeAll(decoderOf(m.messageType()), bytes));
    for (int type = 1; type <= 3; type++) {
      if (type != m.messageType()) {
        DecodeException e = assertDecodeFails(decoderOf(type), bytes, "type " + type);
        assertEquals(Kind.UNEXPECTED_MESSAGE_TYPE, e.kind());
        assertEquals("MessageType", e.field());
        assertEquals(8, e.offset());
      }
    }
  }

  private static java.util.function.Function<io.netty.buffer.ByteBuf, NtlmMessage> decoderOf(
      int type) {
    return switch (type) {
      case 1 -> NegotiateMessage::decode;
      case 2 -> ChallengeMessage::decode;
      default -> AuthenticateMessage::decode;
    };
  }

  // --- what the vectors say -------------------------------------------------------------------

  @Test
  void specChallengeFields() {
    ChallengeMessage c =
        (ChallengeMessage) decodeAll(NtlmMessage::decode, NtlmVectors.specChallenge());
    assertEquals("Server", c.targetName());
    assertEquals(
        "NEGOTIATE_UNICODE|NEGOTIATE_OEM|NEGOTIATE_SIGN|NEGOTIATE_SEAL|NEGOTIATE_NTLM"
            + "|NEGOTIATE_ALWAYS_SIGN|TARGET_TYPE_SERVER|NEGOTIATE_EXTENDED_SESSIONSECURITY"
            + "|NEGOTIATE_TARGET_INFO|NEGOTIATE_VERSION|NEGOTIATE_128|NEGOTIATE_KEY_EXCH"
            + "|NEGOTIATE_56",
        c.negotiateFlags().toString());
    assertEquals("Domain", c.targetInfo().name(AvId.MSV_AV_NB_DOMAIN_NAME).orElseThrow());
    assertEquals("Server", c.targetInfo().name(AvId.MSV_AV_NB_COMPUTER_NAME).orElseThrow());
    assertTrue(c.targetInfo().timestamp().isEmpty());
    assertEquals("6.0.6000", c.version().productVersion());
  }

  @Test
  void specAuthenticateCarriesTheNtlmV2ResponseOf4242() {
    AuthenticateMessage a =
        (AuthenticateMessage) decodeAll(NtlmMessage::decode, NtlmVectors.specAuthenticate());
    assertNull(a.mic(), "the 72-byte header has no MIC");
    assertEquals(72, a.headerSize());
    NtlmV2Response r = a.ntlmV2Response();
    assertEquals(Octets.fromHex("68cd0ab851e51c96aabc927bebef6a1c"), r.response());
    NtlmV2ClientChallenge cc = r.clientChallenge();
    assertEquals(0, cc.timeStamp());
    assertEquals(Instant.parse("1601-01-01T00:00:00Z"), cc.time());
    assertEquals(Octets.fromHex("aaaaaaaaaaaaaaaa"), cc.challengeFromClient());
    assertEquals(2, cc.avPairs().pairs().size());
    assertEquals(Octets.fromHex("00000000"), cc.avPairs().trailing(), "the Z(4) of 3.3.2");
    assertBytes(NtlmVectors.SPEC_NT_RESPONSE.toByteArray(), encode(r), "exact re-encoding");
  }

  @Test
  void redemptionAuthenticateHasAMicAndResponsesFirst() {
    AuthenticateMessage a =
        (AuthenticateMessage)
            decodeAll(NtlmMessage::decode, NtlmVectors.redemptionAuthenticateV2());
    assertEquals(88, a.headerSize());
    assertEquals(PayloadOrder.RESPONSES_FIRST, a.payloadOrder());
    assertEquals("T\u00e9l\u00e9maque", a.workstation());
    NtlmV2ClientChallenge cc = a.ntlmV2Response().clientChallenge();
    assertEquals(REDEMPTION_TARGET_INFO.withTrailing(Octets.fromHex("00000000")), cc.avPairs());
    assertTrue(cc.avPairs().flags().isEmpty(), "redemption sends a MIC without MsvAvFlags");
    assertEquals(
        "user=Ithaque\\Ulysse, workstation=T\u00e9l\u00e9maque, flags=NEGOTIATE_UNICODE"
            + "|REQUEST_TARGET|NEGOTIATE_SIGN|NEGOTIATE_SEAL|NEGOTIATE_NTLM"
            + "|NEGOTIATE_OEM_WORKSTATION_SUPPLIED|NEGOTIATE_ALWAYS_SIGN"
            + "|NEGOTIATE_EXTENDED_SESSIONSECURITY|NEGOTIATE_TARGET_INFO|NEGOTIATE_VERSION"
            + "|NEGOTIATE_128|NEGOTIATE_KEY_EXCH|NEGOTIATE_56, ntChallengeResponse 112 bytes,"
            + " MIC, version=6.1.7601",
        a.summary());
  }

  @Test
  void nmapReadsTheseChallengeFields() {
    ChallengeMessage c =
        (ChallengeMessage) decodeAll(NtlmMessage::decode, NtlmVectors.redemptionChallengeV2());
    assertEquals(
        "targetName=, nb=WIN7/WIN7, dns=win7/win7",
        "targetName="
            + c.targetName()
            + ", nb="
            + c.targetInfo().name(AvId.MSV_AV_NB_DOMAIN_NAME).orElseThrow()
            + "/"
            + c.targetInfo().name(AvId.MSV_AV_NB_COMPUTER_NAME).orElseThrow()
            + ", dns="
            + c.targetInfo().name(AvId.MSV_AV_DNS_DOMAIN_NAME).orElseThrow()
            + "/"
            + c.targetInfo().name(AvId.MSV_AV_DNS_COMPUTER_NAME).orElseThrow());
    assertEquals("5.1.2600", c.version().productVersion());
    assertTrue(c.targetInfo().time().isPresent());
  }

  @Test
  void ntlmV2ResponsesKeepEveryOctetTheProofCovers() {
    NtlmV2Response odd =
        new NtlmV2Response(
            Octets.of(new byte[16]),
            new NtlmV2ClientChallenge(
                2,
                3,
                0xffff,
                -1,
                -1L,
                Octets.fromHex("0102030405060708"),
                7,
                AvPairs.of(new AvPair.Raw(new AvId(0x0b), Octets.fromHex("ff")))
                    .withTrailing(Octets.fromHex("0000000000"))));
    assertRoundTrip(odd, NtlmV2Response::decode);
    assertRoundTrip(odd.clientChallenge(), NtlmV2ClientChallenge::decode);
    // a prefix is short until the fixed part is in, then lacks its MsvAvEOL, then (within the
    // Z(4) after MsvAvEOL) is a response with fewer trailing octets: never anything else
    byte[] bytes = NtlmVectors.SPEC_NT_RESPONSE.toByteArray();
    int eolEnd = bytes.length - 4;
    for (int n = 0; n < bytes.length; n++) {
      byte[] prefix = java.util.Arrays.copyOf(bytes, n);
      if (n >= eolEnd) {
        assertEquals(
            n - eolEnd,
            decodeAll(NtlmV2Response::decode, prefix)
                .clientChallenge()
                .avPairs()
                .trailing()
                .length());
        continue;
      }
      DecodeException e = assertDecodeFails(NtlmV2Response::decode, prefix, "prefix of " + n);
      assertEquals(
          n < 16 + NtlmV2ClientChallenge.FIXED_PART_SIZE
              ? Kind.NOT_ENOUGH_BYTES
              : Kind.INVALID_FIELD,
          e.kind(),
          e.getMessage());
    }
  }

  @Test
  void responsesAndKeysAreNeverPrinted() {
    AuthenticateMessage a =
        (AuthenticateMessage)
            decodeAll(NtlmMessage::decode, NtlmVectors.redemptionAuthenticateV2());
    String text = a.toString() + a.summary();
    for (Octets secret :
        new Octets[] {
          a.ntChallengeResponse(), a.lmChallengeResponse(), a.encryptedRandomSessionKey(), a.mic()
        }) {
      assertTrue(!text.contains(secret.toHex().substring(0, 16)), text);
    }
    assertTrue(text.contains("ntChallengeResponse=<112 bytes>"), text);
  }

  // --- layout freedom -------------------------------------------------------------------------

  @Test
  void offsetsMayComeInAnyOrder() {
    // the spec's CHALLENGE with TargetInfo (36 octets) first and TargetName (12) after it
    byte[] spec = NtlmVectors.specChallenge();
    byte[] swapped = spec.clone();
    swapped[16] = 0x38 + 36; // TargetNameBufferOffset
    swapped[44] = 0x38; // TargetInfoBufferOffset
    System.arraycopy(spec, 0x44, swapped, 0x38, 36);
    System.arraycopy(spec, 0x38, swapped, 0x38 + 36, 12);
    assertEquals(
        decodeAll(ChallengeMessage::decode, spec), decodeAll(ChallengeMessage::decode, swapped));
  }

  @Test
  void emptyFieldStylesAndOrdersRoundTrip() {
    for (EmptyFieldOffsets style : EmptyFieldOffsets.values()) {
      for (PayloadOrder order : PayloadOrder.values()) {
        AuthenticateMessage a =
            new AuthenticateMessage(
                Octets.of(new byte[24]),
                NtlmVectors.SPEC_NT_RESPONSE,
                "",
                "user",
                "",
                Octets.EMPTY,
                new NegotiateFlags(0xe2888235),
                NtlmVersion.of(10, 0, 20348),
                Octets.of(new byte[16]),
                order,
                style);
        assertEquals(style, a.emptyFieldOffsets());
        assertRoundTrip(a, AuthenticateMessage::decode);
      }
    }
    NegotiateMessage full =
        new NegotiateMessage(
            NegotiateFlags.of(
                NegotiateFlags.NEGOTIATE_OEM_DOMAIN_SUPPLIED,
                NegotiateFlags.NEGOTIATE_OEM_WORKSTATION_SUPPLIED),
            "CORP\u00e9",
            "WS",
            null,
            EmptyFieldOffsets.ZERO);
    assertEquals(EmptyFieldOffsets.PAYLOAD_POSITION, full.emptyFieldOffsets(), "nothing empty");
    byte[] b = assertRoundTrip(full, NegotiateMessage::decode);
    assertEquals(32 + 5 + 2, b.length, "no Version: a 32-byte header");
  }

  @Test
  void oemAndUnicodeTextRoundTrip() {
    ChallengeMessage oem =
        new ChallengeMessage(
            "SERVER\u00ff",
            new NegotiateFlags(NegotiateFlags.NEGOTIATE_OEM),
            Octets.of(new byte[8]),
            -1L,
            null,
            null,
            EmptyFieldOffsets.ZERO);
    assertEquals(48 + 7, assertRoundTrip(oem, ChallengeMessage::decode).length);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ChallengeMessage(
                "\u0100",
                new NegotiateFlags(0),
                Octets.of(new byte[8]),
                0,
                null,
                null,
                EmptyFieldOffsets.ZERO));
    ChallengeMessage unicode =
        new ChallengeMessage(
            "\ud800x",
            NegotiateFlags.of(NegotiateFlags.NEGOTIATE_UNICODE, NegotiateFlags.NEGOTIATE_VERSION),
            Octets.of(new byte[8]),
            0,
            AvPairs.EMPTY,
            NtlmVersion.of(10, 0, 1),
            EmptyFieldOffsets.ZERO);
    assertRoundTrip(unicode, ChallengeMessage::decode);
  }

  // --- errors ---------------------------------------------------------------------------------

  @Test
  void notNtlm() {
    DecodeException e = assertDecodeFails(NtlmMessage::decode, "4e544c4d535350ff 01000000");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "NTLM message", "Signature", 0);
    e = assertDecodeFails(NtlmMessage::decode, "4e544c4d53535000 04000000");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "NTLM message", "MessageType", 8);
    e = assertDecodeFails(ChallengeMessage::decode, "4e544c4d53535001 02000000");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "CHALLENGE_MESSAGE", "Signature", 0);
  }

  @Test
  void fieldsMustLieInThePayload() {
    byte[] spec = NtlmVectors.specChallenge();
    byte[] inHeader = spec.clone();
    inHeader[16] = 0x10; // TargetNameBufferOffset into the fixed part
    DecodeException e = assertDecodeFails(ChallengeMessage::decode, inHeader, "offset 0x10");
    assertError(e, Kind.INVALID_FIELD, "CHALLENGE_MESSAGE", "TargetNameBufferOffset", 16);

    byte[] past = spec.clone();
    past[44] = (byte) 0xf0; // TargetInfoBufferOffset past the end
    e = assertDecodeFails(ChallengeMessage::decode, past, "offset 0xf0");
    assertError(e, Kind.NOT_ENOUGH_BYTES, "CHALLENGE_MESSAGE", "TargetInfo", spec.length);

    byte[] huge = spec.clone();
    huge[47] = (byte) 0xff; // TargetInfoBufferOffset 0xff000044
    e = assertDecodeFails(ChallengeMessage::decode, huge, "offset 0xff000044");
    assertEquals(Kind.NOT_ENOUGH_BYTES, e.kind());
    assertTrue(e.offset() <= spec.length);

    byte[] odd = spec.clone();
    odd[12] = 11; // TargetNameLen odd with NTLMSSP_NEGOTIATE_UNICODE
    e = assertDecodeFails(ChallengeMessage::decode, odd, "odd length");
    assertError(e, Kind.INVALID_FIELD, "CHALLENGE_MESSAGE", "TargetNameLen", 12);

    byte[] overlap = spec.clone();
    overlap[16] = 0x34; // TargetName over the Version of a NTLMSSP_NEGOTIATE_VERSION message
    e = assertDecodeFails(ChallengeMessage::decode, overlap, "overlap");
    assertError(e, Kind.INVALID_FIELD, "CHALLENGE_MESSAGE", "Version", 0x34);
  }

  @Test
  void targetInfoMustEndWithMsvAvEol() {
    byte[] spec = NtlmVectors.specChallenge();
    byte[] noEol = spec.clone();
    noEol[40] = 32; // TargetInfoLen without the four octets of MsvAvEOL
    DecodeException e = assertDecodeFails(ChallengeMessage::decode, noEol, "no EOL");
    assertError(e, Kind.INVALID_FIELD, "CHALLENGE_MESSAGE", "MsvAvEOL", 0x44 + 32);

    byte[] eolWithValue = spec.clone();
    eolWithValue[0x44 + 34] = 1; // MsvAvEOL AvLen 1
    e = assertDecodeFails(ChallengeMessage::decode, eolWithValue, "EOL with a value");
    assertError(e, Kind.INVALID_FIELD, "CHALLENGE_MESSAGE", "MsvAvEOL AvLen", 0x44 + 34);

    byte[] overrun = spec.clone();
    overrun[0x44 + 2] = 0x7f; // the first AvLen runs past TargetInfo
    e = assertDecodeFails(ChallengeMessage::decode, overrun, "AvLen overrun");
    assertError(e, Kind.INVALID_FIELD, "CHALLENGE_MESSAGE", "AvLen", 0x44 + 2);
  }

  @Test
  void recordsRejectInconsistentLayouts() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new NegotiateMessage(
                NegotiateFlags.WINDOWS_CLIENT_NEGOTIATE, "", "", null, EmptyFieldOffsets.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new AuthenticateMessage(
                Octets.EMPTY,
                Octets.EMPTY,
                "",
                "",
                "",
                Octets.EMPTY,
                new NegotiateFlags(0),
                null,
                Octets.of(new byte[16]),
                PayloadOrder.NAMES_FIRST,
                EmptyFieldOffsets.ZERO));
  }

  // --- flags and version ----------------------------------------------------------------------

  @Test
  void everyFlagOfTheSpecificationIsNamedAndReservedBitsAreKept() {
    assertEquals(22, new NegotiateFlags(-1).names().size() - 1);
    assertEquals(
        "unknown (0x1d244508)",
        new NegotiateFlags(-1).names().get(22),
        "r1 to r10: 0x10000000 0x08000000 0x04000000 0x01000000 0x00200000 0x00040000"
            + " 0x00004000 0x00000400 0x00000100 0x00000008");
    assertEquals(
        "NEGOTIATE_UNICODE|NEGOTIATE_OEM|REQUEST_TARGET|NEGOTIATE_SIGN|NEGOTIATE_SEAL"
            + "|NEGOTIATE_LM_KEY|NEGOTIATE_NTLM|NEGOTIATE_ALWAYS_SIGN"
            + "|NEGOTIATE_EXTENDED_SESSIONSECURITY|NEGOTIATE_VERSION|NEGOTIATE_128"
            + "|NEGOTIATE_KEY_EXCH|NEGOTIATE_56",
        NegotiateFlags.WINDOWS_CLIENT_NEGOTIATE.toString());
    assertEquals("none", new NegotiateFlags(0).toString());
  }

  @Test
  void versionKeepsEveryOctet() {
    NtlmVersion v = decodeAll(NtlmVersion::decode, bytes("0a 00 63 45 01 02 03 0f"));
    assertEquals(0x030201, v.reserved());
    assertEquals("10.0.17763 (NTLM revision 0x0f, reserved 0x30201)", v.toString());
    assertRoundTrip(v, NtlmVersion::decode);
    assertEveryPrefixNeedsMoreBytes(NtlmVersion::decode, bytes("0a 00 63 45 00 00 00 0f"));
  }

  @Test
  void messageDecodeNamesTheMessage() {
    NtlmMessage m = decodeAll(NtlmMessage::decode, NtlmVectors.nmapNegotiate());
    assertInstanceOf(NegotiateMessage.class, m);
    assertEquals(
        "flags=NEGOTIATE_UNICODE|NEGOTIATE_OEM|REQUEST_TARGET|NEGOTIATE_SIGN|NEGOTIATE_SEAL"
            + "|NEGOTIATE_LM_KEY|NEGOTIATE_NTLM|NEGOTIATE_ALWAYS_SIGN"
            + "|NEGOTIATE_EXTENDED_SESSIONSECURITY|NEGOTIATE_VERSION|NEGOTIATE_128"
            + "|NEGOTIATE_KEY_EXCH|NEGOTIATE_56, version=10.0.17763",
        m.summary());
  }
}
