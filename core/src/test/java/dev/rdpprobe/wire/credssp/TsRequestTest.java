package dev.rdpprobe.wire.credssp;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.assertVector;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.WireVectors.Vector;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** TSRequest (MS-CSSP 2.2.1): vectors, round trips, truncation, errors and the framing hint. */
class TsRequestTest {

  /** The raw NTLM NEGOTIATE_MESSAGE nmap sends (nmap rdp-ntlm-info.nse). */
  static final Octets NMAP_NEGOTIATE =
      Octets.fromHex(
          "4e544c4d53535000 01000000 b78208e2 0000 0000 00000000 0000 0000 00000000"
              + " 0a 00 6345 000000 0f");

  static final Octets NONCE =
      Octets.fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

  static Stream<Vector<TsRequest>> vectors() {
    return Stream.of(
        vector(
            "nmap rdp-ntlm-info NEGOTIATE",
            TsRequest.of(0x60).withNegoToken(NMAP_NEGOTIATE),
            testdata("credssp/nmap-rdp-ntlm-info-tsrequest-negotiate.hex"),
            TsRequest::decode),
        vector(
            "Windows 10 (19041) NEGOTIATE as public tools replay it",
            TsRequest.of(6)
                .withNegoToken(
                    Octets.fromHex(
                        "4e544c4d5353500001000000b78208e2000000000000000000000000000000000a00614a"
                            + "0000000f")),
            testdata("credssp/windows-19041-tsrequest-negotiate.hex"),
            TsRequest::decode),
        real("redemption-client-tsrequest-negotiate.hex"),
        real("redemption-server-tsrequest-challenge-v2.hex"),
        real("redemption-client-tsrequest-authenticate-v2.hex"),
        real("redemption-server-tsrequest-pubkeyauth-v2.hex"),
        real("redemption-client-tsrequest-authinfo.hex"),
        real("redemption-server-tsrequest-challenge-v6.hex"),
        real("redemption-client-tsrequest-authenticate-for-v6.hex"),
        vector(
            "by hand (X.690 DER of MS-CSSP 2.2.1): version 6, errorCode STATUS_LOGON_FAILURE",
            TsRequest.of(6).withErrorCode(NtStatus.LOGON_FAILURE),
            "30 0d a0 03 02 01 06 a4 06 02 04 c0 00 00 6d",
            TsRequest::decode),
        vector(
            "by hand: version 6, pubKeyAuth of 3 octets and a clientNonce",
            TsRequest.of(6).withPubKeyAuth(Octets.fromHex("aabbcc")).withClientNonce(NONCE),
            "30 30 a0 03 02 01 06 a3 05 04 03 aa bb cc a5 22 04 20"
                + " 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f"
                + " 10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f",
            TsRequest::decode));
  }

  /** A redemption vector: its value is what decoding gives, checked field by field elsewhere. */
  private static Vector<TsRequest> real(String file) {
    byte[] bytes = testdata("credssp/" + file);
    return vector(file, decodeAll(TsRequest::decode, bytes), bytes, TsRequest::decode);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodesDecodesAndSizes(Vector<TsRequest> v) {
    assertVector(v);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyPrefixNeedsMoreBytes(Vector<TsRequest> v) {
    assertEveryPrefixNeedsMoreBytes(TsRequest::decode, v.bytes());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void frameLengthIsTheWholeRequest(Vector<TsRequest> v) {
    byte[] bytes = v.bytes();
    ByteBuf in = WireVectors.buffer(WireVectors.concat(bytes, WireVectors.NEXT_PACKET));
    try {
      assertEquals(bytes.length, TsRequest.frameLength(in));
      assertEquals(0, in.readerIndex());
    } finally {
      in.release();
    }
  }

  @Test
  void redemptionFieldsAreWhereTheSourceSaysTheyAre() {
    TsRequest challenge =
        decodeAll(
            TsRequest::decode, testdata("credssp/redemption-server-tsrequest-challenge-v2.hex"));
    assertEquals(2, challenge.version());
    assertEquals(1, challenge.negoTokens().size());
    assertEquals(0x78, challenge.negoToken().length());
    assertTrue(challenge.summary().contains("NTLM CHALLENGE_MESSAGE (120 bytes)"));

    TsRequest auth =
        decodeAll(
            TsRequest::decode, testdata("credssp/redemption-client-tsrequest-authenticate-v2.hex"));
    assertEquals(6, auth.version());
    assertEquals(0x11c, auth.negoToken().length());
    assertEquals(32, auth.pubKeyAuth().length());
    assertEquals(
        "version=6, negoToken=NTLM AUTHENTICATE_MESSAGE (284 bytes), pubKeyAuth 32 bytes",
        auth.summary());

    TsRequest info =
        decodeAll(TsRequest::decode, testdata("credssp/redemption-client-tsrequest-authinfo.hex"));
    assertEquals(List.of(), info.negoTokens());
    assertEquals(0x53, info.authInfo().length());
    assertNull(info.pubKeyAuth());
    assertEquals(OptionalInt.empty(), info.ntStatus());
  }

  @Test
  void toStringShowsSizesNotTokens() {
    TsRequest auth =
        decodeAll(
            TsRequest::decode, testdata("credssp/redemption-client-tsrequest-authenticate-v2.hex"));
    String text = auth.toString();
    assertEquals(
        "TsRequest[version=6, negoToken=NTLM AUTHENTICATE_MESSAGE (284 bytes), pubKeyAuth 32"
            + " bytes]",
        text);
  }

  @Test
  void errorCodeReachesTheDiagnosisThroughCarriesNtStatus() {
    CarriesNtStatus c =
        decodeAll(TsRequest::decode, bytes("30 0d a0 03 02 01 06 a4 06 02 04 c0 00 00 6d"));
    assertEquals(OptionalInt.of(0xC000006D), c.ntStatus());
    assertEquals(
        "version=6, errorCode=STATUS_LOGON_FAILURE (0xc000006d)", ((TsRequest) c).summary());
  }

  // --- round trips ----------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 0x60, 127, 128, 255, 256, 65535, 0x7fffffff, -1})
  void everyVersionRoundTrips(int version) {
    assertRoundTrip(TsRequest.of(version), TsRequest::decode);
    assertRoundTrip(
        TsRequest.of(version).withNegoToken(NMAP_NEGOTIATE).withClientNonce(NONCE),
        TsRequest::decode);
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        0,
        1,
        0x7f,
        0x80,
        0xff,
        0x100,
        0x7fff,
        0x8000,
        0xC000006D,
        0x80000005,
        -128,
        -129,
        0xFFFF8000,
        0x7fffffff,
        0x80000000
      })
  void everyErrorCodeRoundTrips(int status) {
    byte[] encoded =
        assertRoundTrip(TsRequest.of(6).withErrorCode(new NtStatus(status)), TsRequest::decode);
    assertEquals(
        encoded.length, TsRequest.of(6).withErrorCode(new NtStatus(status)).size(), "size");
  }

  @Test
  void everyFieldTogetherAndLargeValuesRoundTrip() {
    byte[] big = new byte[70_000];
    Arrays.fill(big, (byte) 0x5a);
    TsRequest all =
        new TsRequest(
            6,
            List.of(NMAP_NEGOTIATE, Octets.EMPTY, Octets.of(big)),
            Octets.fromHex("01"),
            Octets.EMPTY,
            NtStatus.ACCOUNT_LOCKED_OUT,
            NONCE);
    byte[] encoded = assertRoundTrip(all, TsRequest::decode);
    assertEquals(0x30, encoded[0] & 0xFF);
    assertEquals(0x83, encoded[1] & 0xFF, "a three-octet length for 70 000 octets of content");
    assertRoundTrip(TsRequest.of(6).withAuthInfo(Octets.of(new byte[200])), TsRequest::decode);
    assertRoundTrip(TsRequest.of(6).withPubKeyAuth(Octets.of(new byte[300])), TsRequest::decode);
  }

  @Test
  void presentButEmptyOctetStringsStayPresent() {
    TsRequest r = TsRequest.of(2).withPubKeyAuth(Octets.EMPTY);
    byte[] encoded = assertRoundTrip(r, TsRequest::decode);
    WireVectors.assertBytes(bytes("30 09 a0 03 02 01 02 a3 02 04 00"), encoded, "encoding");
  }

  // --- what the decoder accepts beyond DER ----------------------------------------------------

  @Test
  void longerLengthFormsAndPaddedIntegersAreAccepted() {
    TsRequest r =
        decodeAll(
            TsRequest::decode,
            bytes("30 82 00 10 a0 81 04 02 02 00 06 a4 07 02 05 00 c0 00 00 6d"));
    assertEquals(TsRequest.of(6).withErrorCode(NtStatus.LOGON_FAILURE), r);
  }

  // --- errors ---------------------------------------------------------------------------------

  @Test
  void notASequence() {
    DecodeException e = assertDecodeFails(TsRequest::decode, "03 00 00 13 0e e0");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "TSRequest", "TSRequest", 0);
    assertThrows(DecodeException.class, () -> frame("03 00 00 13"));
  }

  @Test
  void fieldsOutOfOrderOrUnknownAreRejected() {
    // pubKeyAuth [3] before negoTokens [1]
    DecodeException e =
        assertDecodeFails(
            TsRequest::decode, "30 13 a0 03 02 01 06 a3 04 04 02 aa bb a1 06 30 04 30 02 a0 00");
    assertError(e, Kind.INVALID_FIELD, "TSRequest", "field tag", 13);
    // a field [6]
    e = assertDecodeFails(TsRequest::decode, "30 09 a0 03 02 01 06 a6 02 04 00");
    assertError(e, Kind.INVALID_FIELD, "TSRequest", "field tag", 7);
    // version missing
    e = assertDecodeFails(TsRequest::decode, "30 04 a3 02 04 00");
    assertError(e, Kind.INVALID_FIELD, "TSRequest", "version", 2);
  }

  @Test
  void emptyNegoDataIsMalformed() {
    DecodeException e = assertDecodeFails(TsRequest::decode, "30 09 a0 03 02 01 06 a1 02 30 00");
    assertError(e, Kind.INVALID_FIELD, "TSRequest", "negoTokens", 9);
  }

  @Test
  void lengthsAreCheckedAgainstTheEnclosingValue() {
    // the version's [0] claims 4 octets of the 3 left in the SEQUENCE
    DecodeException e = assertDecodeFails(TsRequest::decode, "30 05 a0 04 02 01 06 00 00");
    assertError(e, Kind.INVALID_FIELD, "TSRequest", "version length", 3);
    // an octet left inside [0] after the INTEGER
    e = assertDecodeFails(TsRequest::decode, "30 06 a0 04 02 01 06 00");
    assertError(e, Kind.TRAILING_BYTES, "TSRequest", "version", 7);
  }

  @Test
  void indefiniteAndOversizedLengthsAreRejected() {
    DecodeException e = assertDecodeFails(TsRequest::decode, "30 80 a0 03 02 01 06 00 00");
    assertError(e, Kind.INVALID_FIELD, "TSRequest", "TSRequest length", 1);
    e = assertDecodeFails(TsRequest::decode, "30 85 00 00 00 00 05");
    assertError(e, Kind.INVALID_FIELD, "TSRequest", "TSRequest length", 1);
    e = assertDecodeFails(TsRequest::decode, "30 83 02 00 00");
    assertError(e, Kind.TOO_LARGE, "TSRequest", "TSRequest length", 1);
    e = assertThrows(DecodeException.class, () -> frame("30 84 7f ff ff ff"));
    assertError(e, Kind.TOO_LARGE, "TSRequest", "TSRequest length", 1);
  }

  @Test
  void integersOfMoreThan32BitsAreRejected() {
    DecodeException e = assertDecodeFails(TsRequest::decode, "30 0a a0 08 02 06 00 00 00 00 00 06");
    assertError(e, Kind.TOO_LARGE, "TSRequest", "version length", 5);
    e = assertDecodeFails(TsRequest::decode, "30 09 a0 07 02 05 01 00 00 00 06");
    assertError(e, Kind.TOO_LARGE, "TSRequest", "version length", 5);
    e = assertDecodeFails(TsRequest::decode, "30 04 a0 02 02 00");
    assertError(e, Kind.INVALID_FIELD, "TSRequest", "version length", 5);
  }

  @Test
  void tooManyNegoTokens() {
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i <= TsRequest.MAX_NEGO_TOKENS; i++) {
      entries.append(" 30 04 a0 02 04 00");
    }
    int n = (TsRequest.MAX_NEGO_TOKENS + 1) * 6;
    String hex = String.format("30 %02x a0 03 02 01 06 a1 %02x 30 %02x", n + 9, n + 2, n) + entries;
    DecodeException e = assertDecodeFails(TsRequest::decode, hex);
    assertEquals(Kind.TOO_LARGE, e.kind(), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new TsRequest(
                6,
                java.util.Collections.nCopies(TsRequest.MAX_NEGO_TOKENS + 1, Octets.EMPTY),
                null,
                null,
                null,
                null));
  }

  // --- framing hint ---------------------------------------------------------------------------

  @Test
  void frameLengthNeedsTheIdentifierAndTheWholeLength() {
    assertEquals(-1, frame(""));
    assertEquals(-1, frame("30"));
    assertEquals(2, frame("30 00"));
    assertEquals(0x39, frame("30 37"));
    assertEquals(-1, frame("30 82 01"));
    assertEquals(0x15d, frame("30 82 01 59"));
    assertEquals(0x8b, frame("30 81 88"));
    DecodeException e = assertThrows(DecodeException.class, () -> frame("30 80"));
    assertError(e, Kind.INVALID_FIELD, "TSRequest", "TSRequest length", 1);
  }

  private static int frame(String hex) {
    ByteBuf in = WireVectors.hex(hex);
    try {
      return TsRequest.frameLength(in);
    } finally {
      in.release();
    }
  }
}
