package dev.rdpprobe.wire.x224;

import static dev.rdpprobe.wire.WireVectors.assertVector;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static dev.rdpprobe.wire.WireVectors.vector;

import dev.rdpprobe.wire.WireVectors.Vector;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bytes real peers sent, captured by {@code testdata/capture/x224-peers.sh}: FreeRDP's client
 * (xfreerdp 2.11.7), xrdp 0.9.21 and FreeRDP's shadow server. Each decodes to the fields the
 * capture shows and re-encodes to the same bytes.
 */
class RealPeerVectorsTest {
  private static final RequestToken COOKIE = new RequestToken.Cookie("rdpprobe");

  private static X224ConnectionRequest request(SecurityProtocols offer) {
    return X224ConnectionRequest.of(COOKIE, offer == null ? null : NegotiationRequest.of(offer));
  }

  private static X224ConnectionConfirm selected(int flags, SecurityProtocols protocol) {
    return X224ConnectionConfirm.of(
        new NegotiationResponse(new NegotiationResponseFlags(flags), protocol));
  }

  private static X224ConnectionConfirm failed(NegotiationFailureCode code) {
    return X224ConnectionConfirm.of(NegotiationFailure.of(code));
  }

  /** A file of testdata/x224, decoded through the generic dispatcher. */
  private static Vector<X224Tpdu> file(String name, X224Tpdu value) {
    return vector(name, value, testdata("x224/" + name + ".hex"), X224Tpdu::decode);
  }

  static Stream<Vector<?>> vectors() {
    return Stream.of(
        file(
            "xfreerdp-connection-request",
            request(SecurityProtocols.of(SecurityProtocols.SSL, SecurityProtocols.HYBRID))),
        file("xfreerdp-connection-request-tls", request(SecurityProtocols.SSL)),
        file("xfreerdp-connection-request-rdp", request(null)),
        file("xfreerdp-connection-request-rdp-fallback", request(SecurityProtocols.RDP)),
        file("xrdp-connection-confirm-ssl", selected(0x01, SecurityProtocols.SSL)),
        file("xrdp-connection-confirm-rdp", new X224ConnectionConfirm(0, 0x1234, 0, null)),
        file("xrdp-connection-confirm-rdp-selected", selected(0x01, SecurityProtocols.RDP)),
        file(
            "xrdp-negotiation-failure-ssl-required",
            failed(NegotiationFailureCode.SSL_REQUIRED_BY_SERVER)),
        file(
            "xrdp-negotiation-failure-ssl-cert-not-on-server",
            failed(NegotiationFailureCode.SSL_CERT_NOT_ON_SERVER)),
        file(
            "freerdp-shadow-connection-confirm-hybrid",
            new X224ConnectionConfirm(
                0,
                0,
                0,
                new NegotiationResponse(
                    new NegotiationResponseFlags(0x03), SecurityProtocols.HYBRID))),
        file(
            "freerdp-shadow-negotiation-failure-hybrid-required",
            new X224ConnectionConfirm(
                0, 0, 0, NegotiationFailure.of(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decodesToTheCapturedFieldsAndReencodesTheSameBytes(Vector<?> v) {
    assertVector(v);
  }
}
