package dev.rdpprobe.tls;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Builds the server's certification path the way a client does (RFC 5280 section 6, RFC 4158): from
 * the leaf, each certificate's issuer is looked for among the trust anchors and among the other
 * certificates the server sent, in any order, by name and then by signature. What a client would
 * object to in the path becomes a {@link CertificateObjection}:
 *
 * <ul>
 *   <li>{@link CertificateObjection.Kind#UNTRUSTED_ISSUER}: the path ends at a root that is not a
 *       trust anchor;
 *   <li>{@link CertificateObjection.Kind#BROKEN_CHAIN}: an issuer neither sent nor trusted (a
 *       missing intermediate), a signature that does not verify with its issuer's key, an issuer
 *       that is not a CA (basicConstraints, keyUsage, pathLenConstraint), or certificates sent out
 *       of order.
 * </ul>
 *
 * Revocation is not checked, nor name constraints and policies; validity dates and key sizes are
 * {@link CertificateFacts#objections}'s. A self-signed leaf that is not an anchor is the leaf's own
 * {@link CertificateObjection.Kind#SELF_SIGNED} objection, not repeated here.
 */
final class ChainValidator {
  private ChainValidator() {}

  /**
   * What the path tells.
   *
   * @param objections what a client would object to in the path, in path order
   * @param leafIsAnchor whether the leaf itself is a trust anchor (a pinned self-signed one)
   * @param path the indexes, into the chain as sent, of the certificates on the path, leaf first
   */
  record Result(List<CertificateObjection> objections, boolean leafIsAnchor, List<Integer> path) {}

  static Result validate(List<CertificateFacts> chain, TrustAnchors anchors) {
    List<Certificate> sent = new ArrayList<>();
    for (CertificateFacts f : chain) {
      Certificate c = parse(f);
      if (c == null) {
        break; // as far as it parses, like the facts themselves
      }
      sent.add(c);
    }
    List<CertificateObjection> out = new ArrayList<>();
    List<Integer> path = new ArrayList<>();
    if (sent.isEmpty()) {
      return new Result(out, false, path);
    }
    boolean judged = anchors.judgesTrust();
    boolean leafIsAnchor = judged && isAnchor(sent.get(0), anchors);
    boolean outOfOrder = false;
    int index = 0;
    path.add(0);
    // each step adds one certificate sent, so the walk ends within the chain's length
    while (true) {
      Certificate current = sent.get(index);
      if (judged && isAnchor(current, anchors)) {
        break; // a client stops at its own copy of the anchor
      }
      if (judged && issuerAmong(anchors, current) != null) {
        break;
      }
      if (current.getSubject().equals(current.getIssuer())) {
        // its facts verified the signature with its own key already: selfSigned says whether
        if (!chain.get(index).selfSigned()) {
          out.add(
              broken(
                  name(current.getSubject())
                      + " names itself as its issuer, but its signature does not verify with its"
                      + " own key"));
        } else if (index > 0 && judged) {
          out.add(
              new CertificateObjection(
                  CertificateObjection.Kind.UNTRUSTED_ISSUER,
                  "the chain ends at the root "
                      + name(current.getSubject())
                      + ", which is not in "
                      + anchors.description()
                      + ": no authority the client trusts vouches for it"));
        }
        break;
      }
      int issuer = -1;
      boolean nameFound = false;
      for (int i = 0; i < sent.size(); i++) {
        if (path.contains(i) || !sent.get(i).getSubject().equals(current.getIssuer())) {
          continue;
        }
        nameFound = true;
        if (CertificateFacts.signedBy(current, sent.get(i).getSubjectPublicKeyInfo())) {
          issuer = i;
          break;
        }
      }
      if (issuer < 0) {
        if (nameFound || (judged && anchorNamed(anchors, current.getIssuer()))) {
          out.add(
              broken(
                  "the signature of "
                      + name(current.getSubject())
                      + " does not verify with the key of "
                      + name(current.getIssuer())
                      + (nameFound ? ", sent by the server" : ", a trusted authority")
                      + ": the certificate was not issued by that key, or was altered"));
        } else if (judged) {
          out.add(missingIssuer(current, anchors));
        }
        break;
      }
      if (issuer != index + 1) {
        outOfOrder = true;
      }
      caProblem(sent.get(issuer), sent.get(index), path.size() - 1).ifPresent(out::add);
      path.add(issuer);
      index = issuer;
    }
    if (outOfOrder) {
      out.add(
          broken(
              "the certificates are sent out of order (path: certificates "
                  + path
                  + "): RFC 5246 7.4.2 requires each to certify the one before it in TLS 1.2;"
                  + " clients that build their own path (Windows, OpenSSL) cope, strict TLS 1.2"
                  + " implementations refuse"));
    }
    return new Result(List.copyOf(out), leafIsAnchor, List.copyOf(path));
  }

  private static CertificateObjection missingIssuer(Certificate cert, TrustAnchors anchors) {
    boolean aia =
        extensions(cert) != null
            && extensions(cert).getExtension(Extension.authorityInfoAccess) != null;
    return broken(
        name(cert.getSubject())
            + " was issued by "
            + name(cert.getIssuer())
            + ", whose certificate the server did not send and which is not in "
            + anchors.description()
            + ": an intermediate certificate is missing from the server's chain, or the issuer is"
            + " an authority clients do not know"
            + (aia
                ? "; the certificate names where to fetch its issuer (Authority Information"
                    + " Access), which Windows clients follow and OpenSSL-based clients such as"
                    + " FreeRDP do not"
                : "; the certificate names no place to fetch its issuer (no Authority Information"
                    + " Access), so no client can complete the chain"));
  }

  /** What keeps {@code issuer} from issuing {@code subject} below {@code below} other CAs. */
  private static java.util.Optional<CertificateObjection> caProblem(
      Certificate issuer, Certificate subject, int below) {
    Extensions ext = extensions(issuer);
    BasicConstraints bc = ext == null ? null : safe(() -> BasicConstraints.fromExtensions(ext));
    String who = name(issuer.getSubject());
    if (bc == null || !bc.isCA()) {
      return java.util.Optional.of(
          broken(
              who
                  + " signed "
                  + name(subject.getSubject())
                  + " but is not a CA certificate (basicConstraints cA is not TRUE, RFC 5280"
                  + " 4.2.1.9): clients refuse the chain"));
    }
    KeyUsage ku = safe(() -> KeyUsage.fromExtensions(ext));
    if (ku != null && !ku.hasUsages(KeyUsage.keyCertSign)) {
      return java.util.Optional.of(
          broken(
              who
                  + " may not sign certificates (its keyUsage lacks keyCertSign, RFC 5280"
                  + " 4.2.1.3): clients refuse the chain"));
    }
    BigInteger limit = bc.getPathLenConstraint();
    if (limit != null && BigInteger.valueOf(below).compareTo(limit) > 0) {
      return java.util.Optional.of(
          broken(
              who
                  + " allows "
                  + limit
                  + " intermediate CA certificates below it (pathLenConstraint) but the chain has "
                  + below
                  + ": clients refuse the chain"));
    }
    return java.util.Optional.empty();
  }

  private static boolean isAnchor(Certificate cert, TrustAnchors anchors) {
    for (TrustAnchors.Anchor a : anchors.named(cert.getSubject())) {
      Certificate c = a.certificate();
      if (c != null && c.getSubjectPublicKeyInfo().equals(cert.getSubjectPublicKeyInfo())) {
        return true;
      }
    }
    return false;
  }

  private static Certificate issuerAmong(TrustAnchors anchors, Certificate cert) {
    for (TrustAnchors.Anchor a : anchors.named(cert.getIssuer())) {
      Certificate c = a.certificate();
      if (c != null && CertificateFacts.signedBy(cert, c.getSubjectPublicKeyInfo())) {
        return c;
      }
    }
    return null;
  }

  private static boolean anchorNamed(TrustAnchors anchors, X500Name name) {
    return !anchors.named(name).isEmpty();
  }

  private static Extensions extensions(Certificate cert) {
    return cert.getTBSCertificate().getExtensions();
  }

  private static <T> T safe(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      return null; // an extension that does not parse counts as absent
    }
  }

  private static CertificateObjection broken(String detail) {
    return new CertificateObjection(CertificateObjection.Kind.BROKEN_CHAIN, detail);
  }

  private static String name(X500Name name) {
    return CertificateFacts.rfc4514(name);
  }

  private static Certificate parse(CertificateFacts f) {
    try {
      return CertificateFacts.certificate(f.der());
    } catch (RuntimeException e) {
      return null;
    }
  }
}
