package dev.rdpprobe.tls;

import java.security.SecureRandom;
import java.time.Instant;

/** Server identities shared by the TLS tests; RSA keys are slow to make, so each is made once. */
final class TestIdentities {
  private TestIdentities() {}

  /** The moment the tests pretend it is. */
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private static ServerIdentity rsa;
  private static ServerIdentity ec;

  /** Self-signed RSA 2048, {@code CN=rdp.example.test}, SAN {@code rdp.example.test}. */
  static synchronized ServerIdentity rsa() {
    if (rsa == null) {
      rsa =
          CertificateMaker.builder()
              .subject("CN=rdp.example.test")
              .dnsNames("rdp.example.test")
              .rsa(2048)
              .random(new SecureRandom())
              .make(NOW);
    }
    return rsa;
  }

  /** Self-signed EC P-256, {@code CN=rdp.example.test}, SAN {@code rdp.example.test}. */
  static synchronized ServerIdentity ec() {
    if (ec == null) {
      ec =
          CertificateMaker.builder()
              .subject("CN=rdp.example.test")
              .dnsNames("rdp.example.test")
              .ec("secp256r1")
              .make(NOW);
    }
    return ec;
  }
}
