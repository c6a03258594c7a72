package dev.rdpprobe.emulate;

import dev.rdpprobe.tls.CertificateMaker;
import dev.rdpprobe.tls.CertificateValidity;
import dev.rdpprobe.tls.ServerIdentity;
import java.time.Duration;
import java.time.Instant;

/**
 * The certificate and key the emulator's TLS listener presents, made at start with the validity and
 * key the scenario asks for. A healthy emulator presents an RSA 2048 certificate for {@code
 * rdp-emulator.test}, {@code localhost} and the loopback addresses, issued by a CA made with it.
 */
final class EmulatorIdentity {
  private EmulatorIdentity() {}

  /** The host name in the emulator's certificates. */
  static final String HOST_NAME = "rdp-emulator.test";

  private static final String CA = "CN=rdp-probe emulator CA";

  /** The healthy identity, made once per process: RSA key generation is slow. */
  private static ServerIdentity healthy;

  /** The identity for {@code scenario}, valid relative to {@code now}. */
  static ServerIdentity forScenario(Scenario scenario, Instant now) {
    if (!scenario.name().startsWith("CERT_")) {
      synchronized (EmulatorIdentity.class) {
        if (healthy == null
            || !(healthy.facts().get(0).validityAt(now).status()
                == CertificateValidity.Status.VALID)) {
          healthy = make(scenario, now);
        }
        return healthy;
      }
    }
    return make(scenario, now);
  }

  private static ServerIdentity make(Scenario scenario, Instant now) {
    CertificateMaker.Builder b =
        CertificateMaker.builder()
            .subject("CN=" + HOST_NAME)
            .dnsNames(HOST_NAME, "localhost")
            .ipAddresses("127.0.0.1", "::1");
    switch (scenario) {
      case CERT_EXPIRED ->
          b.validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(30)))
              .issuedByNewCa(CA);
      case CERT_NOT_YET_VALID ->
          b.validity(now.plus(Duration.ofDays(10)), now.plus(Duration.ofDays(375)))
              .issuedByNewCa(CA);
      case CERT_SELF_SIGNED -> {} // no CA: issued by itself
      case CERT_WEAK_KEY -> b.rsa(1024).issuedByNewCa(CA);
      default -> b.issuedByNewCa(CA);
    }
    return b.make(now);
  }
}
