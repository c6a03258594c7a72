package dev.rdpprobe.tls;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;

/**
 * Jazzer fuzz tests for the TLS decoders and the passive record observer.
 *
 * <p>In the normal test run ({@code JAZZER_FUZZ} unset) each method runs in regression mode: once
 * with an empty input and once per seed file in {@code
 * src/test/resources/dev/rdpprobe/tls/TlsFuzzTestInputs/<method name>/} (the real handshakes of
 * {@code testdata/tls/} and broken variants; inputs that once crashed go there too). To fuzz one
 * method:
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl core test -Dtest='TlsFuzzTest#recordObserver' -Djazzer.max_duration=60s
 * </pre>
 */
class TlsFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void recordObserver(byte[] input) {
    TlsOracles.observe(input);
  }

  @FuzzTest(maxDuration = "5m")
  void recordHeaderFrameLength(byte[] input) {
    ByteBuf in = TlsOracles.buffer(input);
    try {
      TlsRecordHeader.frameLength(in);
      if (in.readerIndex() != 0) {
        throw new AssertionError("frameLength consumed bytes");
      }
    } catch (dev.rdpprobe.wire.DecodeException e) {
      if (e.offset() < 0 || e.offset() >= Math.max(1, input.length)) {
        throw new AssertionError("offset outside the header: " + e.getMessage(), e);
      }
    } finally {
      in.release();
    }
  }

  @FuzzTest(maxDuration = "5m")
  void recordHeaderDecode(byte[] input) {
    TlsOracles.roundTrip(TlsRecordHeader::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void clientHelloDecode(byte[] input) {
    TlsOracles.roundTrip(TlsClientHello::decode, input);
    TlsClientHello ch = TlsOracles.decode(TlsClientHello::decode, input);
    if (ch != null) {
      try {
        ch.offeredVersions();
        ch.serverName();
      } catch (dev.rdpprobe.wire.DecodeException expected) {
        // malformed extension contents are reported this way
      }
    }
  }

  @FuzzTest(maxDuration = "5m")
  void serverHelloDecode(byte[] input) {
    TlsOracles.roundTrip(TlsServerHello::decode, input);
  }

  @FuzzTest(maxDuration = "5m")
  void certificateTls12Decode(byte[] input) {
    TlsOracles.roundTrip(TlsCertificateMessage::decodeTls12, input);
  }

  @FuzzTest(maxDuration = "5m")
  void certificateTls13Decode(byte[] input) {
    TlsOracles.roundTrip(TlsCertificateMessage::decodeTls13, input);
  }

  @FuzzTest(maxDuration = "5m")
  void certificateFactsParse(byte[] input) {
    try {
      CertificateFacts f = CertificateFacts.parse(input);
      f.objections(TestIdentities.NOW, "rdp.example.test");
      f.summary();
    } catch (dev.rdpprobe.wire.DecodeException expected) {
      // not one DER certificate
    }
  }

  /**
   * A server's Certificate message (TLS 1.2 form) judged like a client: whatever certificates it
   * holds, the path building and every check end without an exception other than the parse's own
   * {@code DecodeException}, against a trust store and without one.
   */
  @FuzzTest(maxDuration = "5m")
  void certificateCheck(byte[] input) {
    TlsCertificateMessage m;
    try {
      m = TlsOracles.decode(TlsCertificateMessage::decodeTls12, input);
    } catch (dev.rdpprobe.wire.DecodeException e) {
      return;
    }
    if (m == null) {
      return;
    }
    java.util.List<CertificateFacts> chain = new java.util.ArrayList<>();
    for (dev.rdpprobe.wire.Octets der : m.certificates()) {
      try {
        chain.add(CertificateFacts.parse(der));
      } catch (dev.rdpprobe.wire.DecodeException e) {
        break; // as far as it parses, as the session keeps it
      }
    }
    for (TrustAnchors anchors : new TrustAnchors[] {TrustAnchors.none(), ANCHORS}) {
      CertificateCheck c = CertificateCheck.of(chain, TestIdentities.NOW, "localhost", anchors);
      for (CertificateObjection o : c.objections()) {
        if (o.detail().isEmpty()) {
          throw new AssertionError("an objection without a detail: " + o);
        }
      }
    }
  }

  /** The JDK's trust store, read once for {@link #certificateCheck}. */
  private static final TrustAnchors ANCHORS = TrustAnchors.jdkDefault();
}
