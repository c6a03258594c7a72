package dev.rdpprobe.tls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a TLS session learned, as far as it got. A part is {@code null} or empty until the message
 * that carries it went by.
 *
 * @param version the version the ServerHello chose, or {@code null} (before it, or for a version
 *     this library does not name, such as SSLv3; the ServerHello message event still says it)
 * @param cipherSuite the chosen suite's IANA name, or empty
 * @param serverCertificates the server's chain, leaf first, as far as it parses
 * @param alpn the negotiated application protocol, empty when none (RDP uses none)
 * @param sniSent whether the ClientHello carried {@code server_name}
 * @param serverName the host name in it, or empty
 * @param clientCertificateRequested whether the server sent a CertificateRequest
 * @param handshakeComplete whether both Finished messages went through
 */
public record TlsSessionFacts(
    TlsVersion version,
    String cipherSuite,
    List<CertificateFacts> serverCertificates,
    String alpn,
    boolean sniSent,
    String serverName,
    boolean clientCertificateRequested,
    boolean handshakeComplete) {

  public TlsSessionFacts {
    Objects.requireNonNull(cipherSuite, "cipherSuite");
    serverCertificates = List.copyOf(serverCertificates);
    Objects.requireNonNull(alpn, "alpn");
    Objects.requireNonNull(serverName, "serverName");
  }

  /** The server's leaf certificate, if it sent one. */
  public java.util.Optional<CertificateFacts> leaf() {
    return serverCertificates.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(serverCertificates.get(0));
  }

  /**
   * The server's chain checked at {@code now} for {@code hostName} against {@code anchors}, as a
   * client that trusts them would check it ({@link CertificateCheck#of(List, Instant, String,
   * TrustAnchors)}): for judging a result's chain against a private PKI after the probe.
   */
  public CertificateCheck check(Instant now, String hostName, TrustAnchors anchors) {
    return CertificateCheck.of(serverCertificates, now, hostName, anchors);
  }

  /**
   * What a validating client connecting to {@code hostName} would object to in the chain: the
   * leaf's objections ({@link CertificateFacts#objections}), then the validity and key size of the
   * other certificates, each detail naming the certificate.
   */
  public List<CertificateObjection> objections(Instant now, String hostName) {
    List<CertificateObjection> out = new ArrayList<>();
    for (int i = 0; i < serverCertificates.size(); i++) {
      CertificateFacts c = serverCertificates.get(i);
      if (i == 0) {
        out.addAll(c.objections(now, hostName));
        continue;
      }
      for (CertificateObjection o : c.objections(now, null)) {
        if (o.kind() != CertificateObjection.Kind.SELF_SIGNED) { // a root signs itself
          out.add(new CertificateObjection(o.kind(), c.subject() + ": " + o.detail()));
        }
      }
    }
    return List.copyOf(out);
  }
}
