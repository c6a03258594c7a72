package dev.rdpprobe.wire.mcs;

import static dev.rdpprobe.wire.WireVectors.assertBytes;
import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.encode;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.WireVectors.Vector;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** MCS Connect Initial and Connect Response (MS-RDPBCGR 2.2.1.3, 2.2.1.4; T.125 BER). */
class McsConnectTest {

  static final String SPEC_4_1_3 = "mcs/ms-rdpbcgr-4.1.3-client-mcs-connect-initial.hex";
  static final String SPEC_4_1_4 = "mcs/ms-rdpbcgr-4.1.4-server-mcs-connect-response.hex";

  /** The MCS part of a framed file: after TPKT and DT. */
  static byte[] mcs(String file) {
    byte[] framed = testdata(file);
    return Arrays.copyOfRange(framed, 7, framed.length);
  }

  /** MS-RDPBCGR 4.1.3: mstsc's unsigned INTEGERs, 307 bytes of GCC data. */
  static McsConnectInitial spec413() {
    byte[] mcs = mcs(SPEC_4_1_3);
    return new McsConnectInitial(
        Octets.of((byte) 1),
        Octets.of((byte) 1),
        true,
        new DomainParameters(34, 2, 0, 1, 0, 1, 65535, 2),
        new DomainParameters(1, 1, 1, 1, 0, 1, 1056, 2),
        new DomainParameters(65535, 64535, 65535, 1, 0, 1, 65535, 2),
        Octets.of(Arrays.copyOfRange(mcs, mcs.length - 307, mcs.length)),
        BerStyle.UNSIGNED_INTEGERS);
  }

  /** MS-RDPBCGR 4.1.4: a Windows server, X.690 INTEGERs, 287 bytes of GCC data. */
  static McsConnectResponse spec414() {
    byte[] mcs = mcs(SPEC_4_1_4);
    return new McsConnectResponse(
        McsResult.RT_SUCCESSFUL,
        0,
        DomainParameters.SERVER_WINDOWS,
        Octets.of(Arrays.copyOfRange(mcs, mcs.length - 287, mcs.length)),
        BerStyle.X690);
  }

  static Stream<Vector<?>> vectors() {
    return Stream.of(
        vector(
            "MS-RDPBCGR 4.1.3 Client MCS Connect Initial",
            spec413(),
            mcs(SPEC_4_1_3),
            McsConnectInitial::decode),
        vector(
            "MS-RDPBCGR 4.1.4 Server MCS Connect Response",
            spec414(),
            mcs(SPEC_4_1_4),
            McsConnectResponse::decode),
        vector(
            "MS-RDPBCGR 4.1.3 (framed)",
            new Framed<>(spec413()),
            testdata(SPEC_4_1_3),
            Framed.decoder(McsConnectInitial::decodeFramed)),
        vector(
            "MS-RDPBCGR 4.1.4 (framed)",
            new Framed<>(spec414()),
            testdata(SPEC_4_1_4),
            Framed.decoder(McsConnectResponse::decodeFramed)));
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
  void genericDecodersAgree() {
    assertEquals(spec413(), decodeAll(McsPdu::decode, mcs(SPEC_4_1_3)));
    assertEquals(spec414(), decodeAll(McsPdu::decodeFramed, testdata(SPEC_4_1_4)));
  }

  // --- BER styles -----------------------------------------------------------------------------

  @Test
  void theSpecClientRecodedInX690GrowsByOneOctetPerLargeInteger() {
    McsConnectInitial x690 =
        new McsConnectInitial(
            spec413().callingDomainSelector(),
            spec413().calledDomainSelector(),
            true,
            spec413().targetParameters(),
            spec413().minimumParameters(),
            spec413().maximumParameters(),
            spec413().userData(),
            BerStyle.X690);
    // 65535 in target, 65535, 64535, 65535, 65535 in maximum: five sign octets
    assertEquals(spec413().size() + 5, x690.size());
    assertRoundTrip(x690, McsConnectInitial::decode);
    assertEquals(x690, McsConnectInitial.of(spec413().userData()));
  }

  @ParameterizedTest
  @EnumSource(BerStyle.class)
  void styleIsKeptOnlyWhereItShows(BerStyle style) {
    // all values below 128 and a short user data: every style writes the same bytes
    DomainParameters small = new DomainParameters(1, 2, 3, 4, 5, 6, 7, 8);
    McsConnectInitial ci =
        new McsConnectInitial(
            Octets.of((byte) 1),
            Octets.of((byte) 1),
            true,
            small,
            small,
            small,
            Octets.of(new byte[5]),
            style);
    assertEquals(BerStyle.X690, ci.berStyle());
    McsConnectResponse cr =
        new McsConnectResponse(McsResult.RT_SUCCESSFUL, 0, small, Octets.of(new byte[5]), style);
    assertEquals(BerStyle.X690, cr.berStyle());
  }

  @ParameterizedTest
  @EnumSource(BerStyle.class)
  void everyStyleRoundTrips(BerStyle style) {
    // a user data of 200 bytes (a length of 128 to 255) and values with the top bit set
    McsConnectResponse cr =
        new McsConnectResponse(
            new McsResult(200),
            0x80,
            DomainParameters.SERVER_WINDOWS,
            Octets.of(new byte[200]),
            style);
    assertEquals(style, cr.berStyle());
    assertRoundTrip(cr, McsConnectResponse::decode);
    McsConnectInitial ci =
        new McsConnectInitial(
            Octets.of((byte) 1),
            Octets.of(new byte[130]),
            false,
            DomainParameters.CLIENT_TARGET,
            DomainParameters.CLIENT_MINIMUM,
            DomainParameters.CLIENT_MAXIMUM,
            Octets.of(new byte[1000]),
            style);
    assertEquals(style, ci.berStyle());
    assertRoundTrip(ci, McsConnectInitial::decode);
  }

  @Test
  void xrdpLongLengthIsKept() {
    // userData of 128 bytes as xrdp writes it: 04 82 00 80
    McsConnectResponse cr =
        new McsConnectResponse(
            McsResult.RT_SUCCESSFUL,
            0,
            DomainParameters.SERVER_WINDOWS,
            Octets.of(new byte[128]),
            BerStyle.LONG_LENGTHS);
    byte[] bytes = encode(cr);
    assertEquals("7f 66 82 00 a6", WireVectors.toHex(Arrays.copyOf(bytes, 5)));
    assertEquals(
        "04 82 00 80",
        WireVectors.toHex(Arrays.copyOfRange(bytes, bytes.length - 132, bytes.length - 128)));
    assertEquals(cr, decodeAll(McsConnectResponse::decode, bytes));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 127, 128, 255, 256, 65_000})
  void userDataSizesRoundTrip(int length) {
    assertRoundTrip(McsConnectInitial.of(Octets.of(new byte[length])), McsConnectInitial::decode);
    assertRoundTrip(
        McsConnectResponse.success(Octets.of(new byte[length])), McsConnectResponse::decode);
  }

  @Test
  void tooLongForOneTpktIsRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> McsConnectInitial.of(Octets.of(new byte[65_400])));
  }

  // --- malformed input ------------------------------------------------------------------------

  @Test
  void connectResponseIsNotAConnectInitial() {
    DecodeException e = assertDecodeFails(McsConnectInitial::decode, mcs(SPEC_4_1_4), "4.1.4");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, McsConnectInitial.NAME, "identifier", 0);
    assertEquals(0x7f66, e.received());
  }

  @Test
  void anotherMcsConnectPduIsNamed() {
    // Connect-Additional [APPLICATION 103]
    DecodeException e = assertDecodeFails(McsPdu::decode, "7f 67 00");
    assertError(e, Kind.UNEXPECTED_MESSAGE_TYPE, "MCS", "identifier", 0);
  }

  @Test
  void domainParametersMustFillTheirSequence() {
    byte[] bytes = mcs(SPEC_4_1_4);
    // domainParameters length 0x1a -> 0x1b: one more byte claimed than the eight INTEGERs take
    bytes[12] = 0x1b;
    DecodeException e = assertDecodeFails(McsConnectResponse::decode, bytes, "long sequence");
    assertError(e, Kind.TRAILING_BYTES, McsConnectResponse.NAME, "domainParameters", 39);
  }

  @Test
  void trailingBytesInsideTheConnectPdu() {
    // outer length one more than the content, and one byte more to hold it
    byte[] spec = mcs(SPEC_4_1_4);
    byte[] bytes = Arrays.copyOf(spec, spec.length + 1);
    bytes[4] = (byte) (bytes[4] + 1);
    DecodeException e = assertDecodeFails(McsConnectResponse::decode, bytes, "trailing");
    assertError(
        e, Kind.TRAILING_BYTES, McsConnectResponse.NAME, "end of Connect-Response", spec.length);
  }

  @Test
  void userDataBeyondTheOuterLength() {
    byte[] bytes = mcs(SPEC_4_1_4);
    bytes[4] = (byte) (bytes[4] - 1); // outer length one short
    DecodeException e = assertDecodeFails(McsConnectResponse::decode, bytes, "short outer");
    assertError(e, Kind.INVALID_FIELD, McsConnectResponse.NAME, "userData length", 40);
    assertEquals("at most 286 (the enclosing value)", e.expected());
  }

  @Test
  void selectorsAreCapped() {
    String selector = "04 82 01 00 " + "01 ".repeat(256);
    DecodeException e = assertDecodeFails(McsConnectInitial::decode, "7f 65 82 01 04 " + selector);
    assertError(e, Kind.TOO_LARGE, McsConnectInitial.NAME, "callingDomainSelector length", 6);
  }

  @Test
  void summaries() {
    assertEquals(
        "targetParameters.maxMCSPDUsize=65535, 307 bytes of GCC user data", spec413().summary());
    assertEquals("result=rt-successful, 287 bytes of GCC user data", spec414().summary());
    assertBytes(testdata(SPEC_4_1_4), encode(new Framed<>(spec414())), "framed 4.1.4");
  }
}
