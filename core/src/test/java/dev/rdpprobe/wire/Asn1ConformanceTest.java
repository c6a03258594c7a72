package dev.rdpprobe.wire;

import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.encode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rdpprobe.wire.credssp.NtStatus;
import dev.rdpprobe.wire.credssp.TsCredentials;
import dev.rdpprobe.wire.credssp.TsPasswordCreds;
import dev.rdpprobe.wire.credssp.TsRequest;
import dev.rdpprobe.wire.mcs.BerStyle;
import dev.rdpprobe.wire.mcs.DomainParameters;
import dev.rdpprobe.wire.mcs.McsConnectInitial;
import dev.rdpprobe.wire.mcs.McsConnectResponse;
import dev.rdpprobe.wire.mcs.McsResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bouncycastle.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every DER and BER the project writes, read back by its own decoder and by Bouncy Castle's parser
 * ({@link Asn1Oracle}): TSRequest of every version and shape, TSCredentials and TSPasswordCreds
 * (DER, {@code wire/credssp/Der.java}), and the T.125 Connect-Initial and Connect-Response (BER,
 * {@code wire/mcs/Ber.java}) in each {@link BerStyle}. A length that does not add up, as in the
 * Restricted Admin TSCredentials of issue 18, fails both readers.
 */
class Asn1ConformanceTest {

  /** INTEGER values where the minimal two's complement changes size or sign. */
  static final int[] EDGE_INTEGERS = {
    0,
    1,
    2,
    3,
    4,
    5,
    6,
    0x60,
    0x7f,
    0x80,
    0xff,
    0x100,
    0x7fff,
    0x8000,
    0xffff,
    0x7fffff,
    0x800000,
    0x7fffffff,
    -1,
    -0x80,
    -0x81,
    -0x8000,
    -0x8001,
    0xc000006d,
    0x80000000
  };

  /** OCTET STRING lengths where the DER length changes size. */
  static final int[] EDGE_LENGTHS = {0, 1, 2, 32, 127, 128, 255, 256, 65_535, 65_536, 100_000};

  // --- DER: TSRequest -------------------------------------------------------------------------

  static Stream<TsRequest> requests() {
    List<TsRequest> out = new ArrayList<>();
    for (int v : EDGE_INTEGERS) {
      out.add(TsRequest.of(v));
      out.add(TsRequest.of(v).withErrorCode(new NtStatus(v)));
    }
    for (int n : EDGE_LENGTHS) {
      Octets o = filled(n, 0x4e);
      out.add(TsRequest.of(6).withNegoToken(o));
      out.add(TsRequest.of(2).withAuthInfo(o));
      out.add(TsRequest.of(3).withPubKeyAuth(o));
      out.add(TsRequest.of(5).withClientNonce(o));
    }
    // the shapes of the exchange, each version
    Octets nonce = filled(32, 0x11);
    for (int v = 2; v <= 6; v++) {
      out.add(TsRequest.of(v).withNegoToken(filled(40, 1)));
      out.add(TsRequest.of(v).withNegoToken(filled(282, 2)));
      TsRequest authenticate = TsRequest.of(v).withNegoToken(filled(560, 3));
      authenticate = authenticate.withPubKeyAuth(filled(v >= 5 ? 48 : 286, 4));
      out.add(v >= 5 ? authenticate.withClientNonce(nonce) : authenticate);
      out.add(TsRequest.of(v).withPubKeyAuth(filled(v >= 5 ? 48 : 286, 5)));
      out.add(TsRequest.of(v).withAuthInfo(Octets.of(new byte[41])));
      out.add(TsRequest.of(v).withErrorCode(NtStatus.LOGON_FAILURE));
      out.add(
          new TsRequest(
              v,
              List.of(filled(10, 6), Octets.EMPTY, filled(200, 7)),
              Octets.EMPTY,
              Octets.EMPTY,
              NtStatus.PASSWORD_EXPIRED,
              Octets.EMPTY));
    }
    // the redacted form the traces keep goes through the same encoder
    out.add(TsRequest.of(6).withNegoToken(filled(560, 3)).withPubKeyAuth(filled(48, 4)).redacted());
    // random shapes
    SplittableRandom random = new SplittableRandom(18);
    IntStream.range(0, 300).forEach(i -> out.add(randomRequest(random)));
    return out.stream();
  }

  private static TsRequest randomRequest(SplittableRandom r) {
    List<Octets> tokens = new ArrayList<>();
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      tokens.add(randomOctets(r));
    }
    return new TsRequest(
        r.nextBoolean() ? r.nextInt(8) : r.nextInt(),
        tokens,
        r.nextBoolean() ? randomOctets(r) : null,
        r.nextBoolean() ? randomOctets(r) : null,
        r.nextBoolean() ? new NtStatus(r.nextInt()) : null,
        r.nextBoolean() ? randomOctets(r) : null);
  }

  private static Octets randomOctets(SplittableRandom r) {
    int n = r.nextInt(10) == 0 ? r.nextInt(20_000) : r.nextInt(300);
    byte[] b = new byte[n];
    r.nextBytes(b);
    return Octets.of(b);
  }

  static Octets filled(int n, int value) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) value);
    return Octets.of(b);
  }

  @ParameterizedTest
  @MethodSource("requests")
  void everyTsRequestIsDerForBothParsers(TsRequest request) {
    byte[] der = encode(request);
    assertEquals(request, decodeAll(TsRequest::decode, der));
    io.netty.buffer.ByteBuf framed = WireVectors.buffer(der);
    try {
      assertEquals(der.length, TsRequest.frameLength(framed));
    } finally {
      framed.release();
    }
    Asn1Oracle.assertDer(der, request.summary());
  }

  // --- DER: TSCredentials and TSPasswordCreds ------------------------------------------------

  @Test
  void restrictedAdminTsCredentialsIsDer() {
    Asn1Oracle.assertDer(TsCredentials.RESTRICTED_ADMIN.toByteArray(), "Restricted Admin");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 63, 64, 127, 128, 512})
  void tsCredentialsOfEveryLengthAreDer(int chars) {
    char[] password = new char[chars];
    java.util.Arrays.fill(password, 'p');
    try (TsPasswordCreds creds = TsPasswordCreds.of("D".repeat(chars), "u", password);
        TsCredentials c = TsCredentials.password(creds)) {
      byte[] inner = encode(creds);
      byte[] outer = encode(c);
      Asn1Oracle.assertDer(inner, "TSPasswordCreds of " + chars + " characters");
      Asn1Oracle.assertDer(outer, "TSCredentials of " + chars + " characters");
      assertEquals(c, decodeAll(TsCredentials::decode, outer));
    }
  }

  // --- BER: T.125 Connect-Initial and Connect-Response ---------------------------------------

  static Stream<Integer> userDataLengths() {
    return Stream.of(0, 1, 100, 127, 128, 200, 255, 256, 1000, 65_000);
  }

  @ParameterizedTest
  @MethodSource("userDataLengths")
  void whatTheProbeAndTheEmulatorSendIsDer(int length) {
    Octets userData = filled(length, 0x33);
    McsConnectInitial initial = McsConnectInitial.of(userData);
    byte[] ci = encode(initial);
    assertEquals(initial, decodeAll(McsConnectInitial::decode, ci));
    Asn1Oracle.assertDer(ci, "Connect-Initial with " + length + " bytes of user data");
    for (int result = 0; result <= 15; result++) {
      McsConnectResponse response =
          new McsConnectResponse(
              new McsResult(result), 0, DomainParameters.SERVER_WINDOWS, userData, BerStyle.X690);
      byte[] cr = encode(response);
      assertEquals(response, decodeAll(McsConnectResponse::decode, cr));
      Asn1Oracle.assertDer(cr, "Connect-Response result " + result);
    }
  }

  /**
   * The styles other peers use, kept so a decoded PDU re-encodes to the same bytes: xrdp's long
   * lengths are BER that Bouncy Castle reads as the same value (its DER is our X.690 encoding);
   * mstsc's unsigned INTEGERs are not X.690 (Bouncy Castle refuses {@code 02 02 ff ff} as an
   * INTEGER with a redundant octet and reads {@code 02 02 fc 17} as negative), but every length
   * adds up: with that check relaxed the structure parses and re-encodes byte for byte.
   */
  @ParameterizedTest
  @EnumSource(BerStyle.class)
  void everyBerStyleHasLengthsThatAddUp(BerStyle style) {
    McsConnectInitial ci =
        new McsConnectInitial(
            Octets.of((byte) 1),
            filled(130, 1),
            true,
            DomainParameters.CLIENT_TARGET,
            DomainParameters.CLIENT_MINIMUM,
            DomainParameters.CLIENT_MAXIMUM,
            filled(200, 2),
            style);
    // an unsigned ENUMERATED of 128 or more is negative for any X.690 reader: result 14 there
    McsResult result = new McsResult(style.unsignedIntegers() ? 14 : 200);
    McsConnectResponse cr =
        new McsConnectResponse(
            result, 0x80, DomainParameters.SERVER_WINDOWS, filled(200, 3), style);
    assertEquals(style, ci.berStyle());
    assertEquals(style, cr.berStyle());
    byte[] ciBytes = encode(ci);
    byte[] crBytes = encode(cr);
    byte[] ciX690 = encode(restyled(ci, style.unsignedIntegers()));
    byte[] crX690 = encode(restyled(cr, style.unsignedIntegers()));
    if (style.unsignedIntegers()) {
      assertThrows(AssertionError.class, () -> Asn1Oracle.parse(ciBytes, "mstsc's INTEGERs"));
      Properties.setThreadOverride("org.bouncycastle.asn1.allow_unsafe_integer", true);
    }
    try {
      assertArrayEquals(ciX690, Asn1Oracle.derOf(Asn1Oracle.parse(ciBytes, "CI"), "CI"));
      assertArrayEquals(crX690, Asn1Oracle.derOf(Asn1Oracle.parse(crBytes, "CR"), "CR"));
    } finally {
      Properties.removeThreadOverride("org.bouncycastle.asn1.allow_unsafe_integer");
    }
  }

  /** The same PDU with shortest lengths, its INTEGERs kept in their style. */
  private static McsConnectInitial restyled(McsConnectInitial ci, boolean unsigned) {
    return new McsConnectInitial(
        ci.callingDomainSelector(),
        ci.calledDomainSelector(),
        ci.upwardFlag(),
        ci.targetParameters(),
        ci.minimumParameters(),
        ci.maximumParameters(),
        ci.userData(),
        BerStyle.of(false, unsigned));
  }

  private static McsConnectResponse restyled(McsConnectResponse cr, boolean unsigned) {
    return new McsConnectResponse(
        cr.result(),
        cr.calledConnectId(),
        cr.domainParameters(),
        cr.userData(),
        BerStyle.of(false, unsigned));
  }
}
