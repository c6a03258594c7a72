package dev.rdpprobe.wire.mcs;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.fuzz.FuzzOracles;
import dev.rdpprobe.wire.Asn1Oracle;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.WireVectors;
import io.netty.buffer.ByteBuf;

/**
 * Jazzer fuzz tests, one per decoder of the MCS codec, run like {@code X224FuzzTest}: in regression
 * mode with the seeds under {@code
 * src/test/resources/dev/rdpprobe/wire/mcs/McsFuzzTestInputs/<method name>/} (made by {@code
 * testdata/mcs/make-fuzz-seeds.sh}), or fuzzing one method with {@code JAZZER_FUZZ=1 ./mvnw -pl
 * core test -Dtest='McsFuzzTest#connectResponseDecode'}.
 */
class McsFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void mcsPduDecode(byte[] input) {
    FuzzOracles.roundTrip(McsPdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void mcsPduDecodeFramed(byte[] input) {
    FuzzOracles.roundTrip(in -> new Framed<>(McsPdu.decodeFramed(in)), input);
  }

  @FuzzTest(maxDuration = "5m")
  void connectInitialDecode(byte[] input) {
    McsConnectInitial ci = FuzzOracles.roundTrip(McsConnectInitial::decode, input);
    if (ci != null && !ci.berStyle().unsignedIntegers()) {
      // what we write in X.690 style is DER; xrdp's long lengths are BER of the same value
      McsConnectInitial x690 =
          new McsConnectInitial(
              ci.callingDomainSelector(),
              ci.calledDomainSelector(),
              ci.upwardFlag(),
              ci.targetParameters(),
              ci.minimumParameters(),
              ci.maximumParameters(),
              ci.userData(),
              BerStyle.X690);
      assertBerOf(FuzzOracles.encode(ci), FuzzOracles.encode(x690));
    }
  }

  @FuzzTest(maxDuration = "5m")
  void connectResponseDecode(byte[] input) {
    McsConnectResponse cr = FuzzOracles.roundTrip(McsConnectResponse::decode, input);
    if (cr != null && !cr.berStyle().unsignedIntegers()) {
      McsConnectResponse x690 =
          new McsConnectResponse(
              cr.result(),
              cr.calledConnectId(),
              cr.domainParameters(),
              cr.userData(),
              BerStyle.X690);
      assertBerOf(FuzzOracles.encode(cr), FuzzOracles.encode(x690));
    }
  }

  /** Bouncy Castle reads {@code ber} and writes {@code der} for it, which is DER itself. */
  private static void assertBerOf(byte[] ber, byte[] der) {
    Asn1Oracle.assertDer(der, "the X.690 encoding");
    byte[] parsed = Asn1Oracle.derOf(Asn1Oracle.parse(ber, "the re-encoded PDU"), "it");
    if (!java.util.Arrays.equals(der, parsed)) {
      throw new AssertionError("BER and DER differ: " + WireVectors.hexDiff(der, parsed));
    }
  }

  @FuzzTest(maxDuration = "5m")
  void domainMcsPduDecode(byte[] input) {
    FuzzOracles.roundTrip(DomainMcsPdu::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void erectDomainRequestDecode(byte[] input) {
    FuzzOracles.roundTrip(ErectDomainRequest::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void attachUserRequestDecode(byte[] input) {
    FuzzOracles.roundTrip(AttachUserRequest::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void attachUserConfirmDecode(byte[] input) {
    FuzzOracles.roundTrip(AttachUserConfirm::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void channelJoinRequestDecode(byte[] input) {
    FuzzOracles.roundTrip(ChannelJoinRequest::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void channelJoinConfirmDecode(byte[] input) {
    FuzzOracles.roundTrip(ChannelJoinConfirm::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void sendDataRequestDecode(byte[] input) {
    FuzzOracles.roundTrip(SendDataRequest::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void sendDataIndicationDecode(byte[] input) {
    FuzzOracles.roundTrip(SendDataIndication::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void disconnectProviderUltimatumDecode(byte[] input) {
    FuzzOracles.roundTrip(DisconnectProviderUltimatum::decode, input);
  }

  /** The header alone, unframed: it leaves the reader at the user data, which must be there. */
  @FuzzTest(maxDuration = "5m")
  void sendDataHeaderDecode(byte[] input) {
    ByteBuf in = WireVectors.buffer(input);
    try {
      SendDataHeader h = SendDataHeader.decode(in);
      if (in.readableBytes() < h.userDataLength()) {
        throw new AssertionError("the header promises more user data than there is: " + h);
      }
      if (in.readerIndex() != h.size()) {
        throw new AssertionError(
            "read " + in.readerIndex() + " bytes of a " + h.size() + "-byte header");
      }
    } catch (DecodeException e) {
      if (e.offset() < 0 || e.offset() > input.length) {
        throw new AssertionError("error offset outside the input: " + e.getMessage(), e);
      }
    } finally {
      in.release();
    }
  }

  @FuzzTest(maxDuration = "5m")
  void sendDataHeaderDecodeFramed(byte[] input) {
    FuzzOracles.decodeNeverThrowsOtherThanDecodeException(SendDataHeader::decodeFramed, input);
    headerAgreesWithTheFullDecode(input);
  }

  /**
   * The hot-path header and the full framed decode accept the same packets, and the header is the
   * record's; the header leaves the reader at the user data.
   */
  private static void headerAgreesWithTheFullDecode(byte[] input) {
    ByteBuf a = WireVectors.buffer(input);
    ByteBuf b = WireVectors.buffer(input);
    try {
      SendDataHeader header = null;
      McsPdu pdu = null;
      try {
        header = SendDataHeader.decodeFramed(a);
      } catch (DecodeException e) {
        // rejected: the full decode must reject it too, unless it is another domain PDU
      }
      try {
        pdu = McsPdu.decodeFramed(b);
      } catch (DecodeException e) {
        // rejected
      }
      if (header == null) {
        if (pdu instanceof SendDataRequest || pdu instanceof SendDataIndication) {
          throw new AssertionError("the full decode accepts what the header rejects: " + pdu);
        }
        return;
      }
      SendDataHeader full =
          pdu instanceof SendDataRequest r
              ? r.header()
              : pdu instanceof SendDataIndication i ? i.header() : null;
      if (!header.equals(full)) {
        throw new AssertionError("header " + header + " but full decode " + pdu);
      }
      if (a.readerIndex() + header.userDataLength() != b.readerIndex()) {
        throw new AssertionError("the header left the reader at " + a.readerIndex());
      }
    } finally {
      a.release();
      b.release();
    }
  }
}
