package dev.rdpprobe.tls;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The server's certificate chain as received, checked the way a validating client would check it at
 * the time of the connection. The probe accepts every certificate; this says what a real client
 * would object to.
 *
 * @param chain the chain, leaf first
 * @param checkedAt when the chain was checked (the connection's wall-clock time)
 * @param hostName the name the client connected to, or {@code null} for an address
 * @param objections what a validating client would object to, most serious first
 */
public record CertificateCheck(
    List<CertificateFacts> chain,
    Instant checkedAt,
    String hostName,
    List<CertificateObjection> objections) {
  public CertificateCheck {
    chain = List.copyOf(chain);
    Objects.requireNonNull(checkedAt, "checkedAt");
    objections = List.copyOf(objections);
  }

  /** Checks a chain at {@code now} for {@code hostName}. */
  public static CertificateCheck of(List<CertificateFacts> chain, Instant now, String hostName) {
    List<CertificateObjection> objections =
        chain.isEmpty() ? List.of() : chain.get(0).objections(now, hostName);
    return new CertificateCheck(chain, now, hostName, objections);
  }

  /** Whether a validating client would accept the chain without asking. */
  public boolean acceptable() {
    return objections.isEmpty();
  }
}
