package dev.rdpprobe.wire.credssp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.fuzz.FuzzOracles;
import dev.rdpprobe.wire.Asn1Oracle;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.WireVectors;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Jazzer fuzz tests, one per decoder of the CredSSP codec, run like {@code X224FuzzTest}; seeds in
 * {@code CredSspFuzzTestInputs/<method name>/} (made by {@code
 * testdata/credssp/make-fuzz-seeds.py}).
 */
class CredSspFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void tsRequestDecode(byte[] input) {
    TsRequest request = FuzzOracles.roundTrip(TsRequest::decode, input);
    if (request != null) {
      Asn1Oracle.assertDer(FuzzOracles.encode(request), "the re-encoded TSRequest");
    }
  }

  @FuzzTest(maxDuration = "5m")
  void tsRequestFrameLength(byte[] input) {
    FuzzOracles.decodeNeverThrowsOtherThanDecodeException(TsRequest::frameLength, input);
    frameLengthAgreesWithDecode(input);
  }

  @FuzzTest(maxDuration = "5m")
  void earlyUserAuthorizationResultDecode(byte[] input) {
    FuzzOracles.roundTrip(EarlyUserAuthorizationResult::decode, input);
  }

  /**
   * TSCredentials round-trip, and so do the TSPasswordCreds inside when credType is 1; what the
   * encoders write is DER for Bouncy Castle too.
   */
  @FuzzTest(maxDuration = "5m")
  void tsCredentialsDecode(byte[] input) {
    TsCredentials c = FuzzOracles.roundTrip(TsCredentials::decode, input);
    if (c == null) {
      return;
    }
    Asn1Oracle.assertDer(FuzzOracles.encode(c), "the re-encoded TSCredentials");
    try (TsPasswordCreds p = c.passwordCreds()) {
      byte[] again = FuzzOracles.encode(p);
      Asn1Oracle.assertDer(again, "the re-encoded TSPasswordCreds");
      try (TsPasswordCreds back = TsPasswordCreds.decode(again)) {
        if (!p.equals(back)) {
          throw new AssertionError("TSPasswordCreds: decode(encode(x)) != x: " + p);
        }
      }
      if (p.toString().isEmpty() || p.summary().isEmpty()) {
        throw new AssertionError("empty toString or summary");
      }
    } catch (DecodeException e) {
      // the credentials are not a TSPasswordCreds: fine
    } finally {
      c.close();
    }
  }

  /** TSPasswordCreds alone: round trip, DER for Bouncy Castle, and the password never shown. */
  @FuzzTest(maxDuration = "5m")
  void tsPasswordCredsDecode(byte[] input) {
    TsPasswordCreds p = FuzzOracles.roundTrip(CredSspFuzzSeedsTest::passwordCreds, input);
    if (p == null) {
      return;
    }
    try {
      Asn1Oracle.assertDer(FuzzOracles.encode(p), "the re-encoded TSPasswordCreds");
      if (p.hasPassword() && p.toString().contains(new String(p.password()))) {
        throw new AssertionError("toString shows the password");
      }
    } finally {
      p.close();
    }
  }

  /**
   * {@link TsRequest#frameLength} consumes nothing, answers -1 only while the identifier and length
   * octets are incomplete, and agrees with {@link TsRequest#decode}: a decoded request is exactly
   * the frame, and an error in the header is the same error.
   */
  private static void frameLengthAgreesWithDecode(byte[] input) {
    ByteBuf framed = WireVectors.buffer(input);
    ByteBuf decoded = WireVectors.buffer(input);
    try {
      Integer length = null;
      DecodeException frameError = null;
      try {
        length = TsRequest.frameLength(framed);
      } catch (DecodeException e) {
        frameError = e;
      }
      if (framed.readerIndex() != 0) {
        throw new AssertionError("frameLength consumed " + framed.readerIndex() + " bytes");
      }
      DecodeException decodeError = null;
      TsRequest request = null;
      try {
        request = TsRequest.decode(decoded);
      } catch (DecodeException e) {
        decodeError = e;
      }
      if (frameError != null) {
        if (decodeError == null
            || frameError.kind() != decodeError.kind()
            || !Objects.equals(frameError.getMessage(), decodeError.getMessage())) {
          throw new AssertionError(
              "frameLength failed ("
                  + frameError.getMessage()
                  + ") but decode gave "
                  + (decodeError == null ? request : decodeError.getMessage()));
        }
        return;
      }
      if (length == -1) {
        if (decodeError == null || decodeError.kind() != DecodeException.Kind.NOT_ENOUGH_BYTES) {
          throw new AssertionError("frameLength -1 but decode gave " + request);
        }
        return;
      }
      if (request != null && decoded.readerIndex() != length) {
        throw new AssertionError(
            "frameLength " + length + " but decode consumed " + decoded.readerIndex());
      }
      if (input.length < length
          && (decodeError == null || decodeError.kind() != DecodeException.Kind.NOT_ENOUGH_BYTES)) {
        throw new AssertionError(
            "frameLength "
                + length
                + " of "
                + input.length
                + " bytes, but decode gave "
                + (decodeError == null ? request : decodeError.getMessage()));
      }
    } finally {
      framed.release();
      decoded.release();
    }
  }
}
