package dev.rdpprobe.tls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The server's certificate chain as received, checked the way a validating client would check it at
 * the time of the connection: the leaf's validity, key, signature and names ({@link
 * CertificateFacts#objections}), and the path from the leaf to a trust anchor ({@link
 * TrustAnchors}), built as a client builds it; the validity and keys of the intermediates on that
 * path. The probe accepts every certificate; this says what a real client would object to.
 *
 * @param chain the chain, leaf first
 * @param checkedAt when the chain was checked (the connection's wall-clock time)
 * @param hostName the name the client connected to, or {@code null} for an address
 * @param objections what a validating client would object to, most serious first
 * @param trustedBy what the chain was validated against ({@link TrustAnchors#description()})
 */
public record CertificateCheck(
    List<CertificateFacts> chain,
    Instant checkedAt,
    String hostName,
    List<CertificateObjection> objections,
    String trustedBy) {
  public CertificateCheck {
    chain = List.copyOf(chain);
    Objects.requireNonNull(checkedAt, "checkedAt");
    objections = List.copyOf(objections);
    Objects.requireNonNull(trustedBy, "trustedBy");
  }

  /** Checks a chain at {@code now} for {@code hostName} against the JDK's trust store. */
  public static CertificateCheck of(List<CertificateFacts> chain, Instant now, String hostName) {
    return of(chain, now, hostName, TrustAnchors.jdkDefault());
  }

  /**
   * Checks a chain at {@code now} for {@code hostName} against {@code anchors}: the leaf's own
   * objections, then the path's ({@link CertificateObjection.Kind#UNTRUSTED_ISSUER}, {@link
   * CertificateObjection.Kind#BROKEN_CHAIN}), then those of the intermediates on the path, each
   * naming its certificate. A self-signed leaf that is itself an anchor is trusted.
   */
  public static CertificateCheck of(
      List<CertificateFacts> chain, Instant now, String hostName, TrustAnchors anchors) {
    Objects.requireNonNull(anchors, "anchors");
    return of(
        chain,
        chain.isEmpty() ? null : ChainValidator.validate(chain, anchors),
        now,
        hostName,
        anchors);
  }

  /**
   * {@link #of(List, Instant, String, TrustAnchors)} with the path already built: the path does not
   * depend on the time or the host name, so a {@link CertificateChecker} builds it once a chain.
   */
  static CertificateCheck of(
      List<CertificateFacts> chain,
      ChainValidator.Result path,
      Instant now,
      String hostName,
      TrustAnchors anchors) {
    List<CertificateObjection> objections = new ArrayList<>();
    if (!chain.isEmpty()) {
      for (CertificateObjection o : chain.get(0).objections(now, hostName)) {
        if (!(path.leafIsAnchor() && o.kind() == CertificateObjection.Kind.SELF_SIGNED)) {
          objections.add(o);
        }
      }
      objections.addAll(path.objections());
      for (int i : path.path()) {
        if (i == 0) {
          continue;
        }
        CertificateFacts c = chain.get(i);
        for (CertificateObjection o : c.objections(now, null)) {
          boolean rootSignature =
              c.selfSigned() && o.kind() == CertificateObjection.Kind.WEAK_SIGNATURE;
          if (o.kind() != CertificateObjection.Kind.SELF_SIGNED && !rootSignature) {
            objections.add(new CertificateObjection(o.kind(), c.subject() + ": " + o.detail()));
          }
        }
      }
    }
    return new CertificateCheck(chain, now, hostName, objections, anchors.description());
  }

  /** Whether a validating client would accept the chain without asking. */
  public boolean acceptable() {
    return objections.isEmpty();
  }
}
