package dev.rdpprobe.wire.credssp;

import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.assertVector;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.WireVectors.Vector;
import io.netty.buffer.ByteBuf;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Early User Authorization Result PDU (MS-RDPBCGR 2.2.10.2). */
class EarlyUserAuthorizationResultTest {

  static Stream<Vector<EarlyUserAuthorizationResult>> vectors() {
    return Stream.of(
        vector(
            "MS-RDPBCGR 2.2.10.2 AUTHZ_SUCCESS",
            EarlyUserAuthorizationResult.SUCCESS,
            "00 00 00 00",
            EarlyUserAuthorizationResult::decode),
        vector(
            "MS-RDPBCGR 2.2.10.2 AUTHZ_ACCESS_DENIED",
            EarlyUserAuthorizationResult.ACCESS_DENIED,
            "05 00 00 00",
            EarlyUserAuthorizationResult::decode));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodesDecodesAndSizes(Vector<EarlyUserAuthorizationResult> v) {
    assertVector(v);
    assertEveryPrefixNeedsMoreBytes(EarlyUserAuthorizationResult::decode, v.bytes());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 5, 1, 0x7fffffff, 0x80000000, -1})
  void everyValueRoundTrips(int value) {
    assertRoundTrip(
        new EarlyUserAuthorizationResult(new AuthorizationResult(value)),
        EarlyUserAuthorizationResult::decode);
  }

  @Test
  void unknownValuesAreKeptAndNamed() {
    AuthorizationResult r = new AuthorizationResult(0x0a);
    assertFalse(r.isKnown());
    assertEquals("unknown (0x0a)", r.toString());
    assertEquals("unknown (0xffffffff)", new AuthorizationResult(-1).name());
    assertTrue(AuthorizationResult.AUTHZ_ACCESS_DENIED.isKnown());
    assertEquals("AUTHZ_ACCESS_DENIED", AuthorizationResult.AUTHZ_ACCESS_DENIED.toString());
    assertEquals(
        "authorizationResult=AUTHZ_SUCCESS", EarlyUserAuthorizationResult.SUCCESS.summary());
  }

  @Test
  void frameLengthIsFourOnceFourBytesAreIn() {
    for (int n = 0; n < 4; n++) {
      ByteBuf in = WireVectors.buffer(new byte[n]);
      try {
        assertEquals(-1, EarlyUserAuthorizationResult.frameLength(in));
      } finally {
        in.release();
      }
    }
    ByteBuf in = WireVectors.buffer(bytes("05 00 00 00 03 00"));
    try {
      assertEquals(4, EarlyUserAuthorizationResult.frameLength(in));
    } finally {
      in.release();
    }
  }
}
