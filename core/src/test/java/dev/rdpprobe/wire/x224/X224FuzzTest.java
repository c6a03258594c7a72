package dev.rdpprobe.wire.x224;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.fuzz.FuzzOracles;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.WireVectors;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Jazzer fuzz tests, one per decoder of the X.224 connection-initiation codec.
 *
 * <p>In the normal test run ({@code ./mvnw -pl core test}, {@code JAZZER_FUZZ} unset) each method
 * runs in regression mode: once with an empty input and once per seed file in {@code
 * src/test/resources/dev/rdpprobe/wire/x224/X224FuzzTestInputs/<method name>/} (spec vectors, nmap
 * probes and broken variants; inputs that once crashed a decoder go there too).
 *
 * <p>To fuzz one method, set {@code JAZZER_FUZZ=1} and select exactly that method (Jazzer fuzzes
 * only one per JVM):
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl core test -Dtest='X224FuzzTest#x224TpduDecode' -Djazzer.max_duration=60s
 * </pre>
 *
 * Without {@code jazzer.max_duration} a run stops after the {@code maxDuration} below. A finding is
 * written as {@code crash-<sha1>} into the method's seed directory, so it becomes a regression seed
 * once committed; the corpus Jazzer grows meanwhile goes to {@code core/.cifuzz-corpus/}, which is
 * not committed.
 */
class X224FuzzTest {

  @FuzzTest(maxDuration = "5m")
  void tpktHeaderDecode(byte[] input) {
    FuzzOracles.roundTrip(TpktHeader::decode, X224FuzzTest::encodeTpkt, input);
  }

  @FuzzTest(maxDuration = "5m")
  void tpktFrameLength(byte[] input) {
    FuzzOracles.decodeNeverThrowsOtherThanDecodeException(TpktHeader::frameLength, input);
    frameLengthAgreesWithDecode(input);
  }

  @FuzzTest(maxDuration = "5m")
  void x224TpduDecode(byte[] input) {
    FuzzOracles.roundTrip(X224Tpdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void connectionRequestDecode(byte[] input) {
    FuzzOracles.roundTrip(X224ConnectionRequest::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void connectionConfirmDecode(byte[] input) {
    FuzzOracles.roundTrip(X224ConnectionConfirm::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void dataDecode(byte[] input) {
    FuzzOracles.roundTrip(X224Data::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void disconnectRequestDecode(byte[] input) {
    FuzzOracles.roundTrip(X224DisconnectRequest::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void errorDecode(byte[] input) {
    FuzzOracles.roundTrip(X224Error::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void negotiationRequestDecode(byte[] input) {
    FuzzOracles.roundTrip(NegotiationRequest::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void negotiationResultDecode(byte[] input) {
    FuzzOracles.roundTrip(NegotiationResult::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void negotiationResponseDecode(byte[] input) {
    FuzzOracles.roundTrip(NegotiationResponse::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void negotiationFailureDecode(byte[] input) {
    FuzzOracles.roundTrip(NegotiationFailure::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void correlationInfoDecode(byte[] input) {
    FuzzOracles.roundTrip(CorrelationInfo::decode, input);
  }

  private static byte[] encodeTpkt(TpktHeader header) {
    ByteBuf out = WireVectors.ALLOC.buffer(header.size());
    try {
      header.encode(out);
      byte[] bytes = new byte[out.readableBytes()];
      out.readBytes(bytes);
      if (bytes.length != header.size()) {
        throw new AssertionError("TPKT size() " + header.size() + ", wrote " + bytes.length);
      }
      return bytes;
    } finally {
      out.release();
    }
  }

  /**
   * {@link TpktHeader#frameLength} consumes nothing, answers -1 exactly when fewer than 4 bytes are
   * there, and otherwise agrees with {@link TpktHeader#decode}: the same length, or the same error.
   */
  private static void frameLengthAgreesWithDecode(byte[] input) {
    ByteBuf framed = WireVectors.buffer(input);
    ByteBuf decoded = WireVectors.buffer(input);
    try {
      Integer length = null;
      DecodeException frameError = null;
      try {
        length = TpktHeader.frameLength(framed);
      } catch (DecodeException e) {
        frameError = e;
      }
      if (framed.readerIndex() != 0) {
        throw new AssertionError("frameLength consumed " + framed.readerIndex() + " bytes");
      }
      if (length != null && length == -1) {
        if (input.length >= TpktHeader.FIXED_PART_SIZE) {
          throw new AssertionError("frameLength -1 with " + input.length + " bytes");
        }
        return;
      }
      if (input.length < TpktHeader.FIXED_PART_SIZE) {
        throw new AssertionError("frameLength answered with " + input.length + " bytes");
      }
      DecodeException decodeError = null;
      TpktHeader header = null;
      try {
        header = TpktHeader.decode(decoded);
      } catch (DecodeException e) {
        decodeError = e;
      }
      if (frameError != null || decodeError != null) {
        if (frameError == null
            || decodeError == null
            || !Objects.equals(frameError.getMessage(), decodeError.getMessage())
            || frameError.kind() != decodeError.kind()) {
          throw new AssertionError(
              "frameLength and decode disagree: "
                  + (frameError == null ? length : frameError.getMessage())
                  + " / "
                  + (decodeError == null ? header : decodeError.getMessage()));
        }
        return;
      }
      int declared = ((input[2] & 0xFF) << 8) | (input[3] & 0xFF);
      if (length != declared || header.length() != declared || declared < TpktHeader.MIN_LENGTH) {
        throw new AssertionError(
            "frameLength " + length + ", decode " + header + ", header says " + declared);
      }
    } finally {
      framed.release();
      decoded.release();
    }
  }
}
