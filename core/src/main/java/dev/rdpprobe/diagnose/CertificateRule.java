package dev.rdpprobe.diagnose;

import dev.rdpprobe.tls.CertificateCheck;
import dev.rdpprobe.tls.CertificateObjection;
import dev.rdpprobe.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What a validating client would object to in the server's certificate, as the TLS step checked it
 * at connection time. The probe accepts every certificate, so these are warnings: on a connection
 * that went through they are the whole diagnosis (mstsc shows its certificate warning, or refuses
 * where policy demands a valid certificate); on a failed one they rank low.
 */
final class CertificateRule implements Rule {
  @Override
  public boolean warnsOnSuccess() {
    return true;
  }

  @Override
  public List<Cause> evaluate(TraceView view) {
    var at = view.first(TraceEvent.Tls.class, t -> t.detail() instanceof CertificateCheck);
    if (at.isEmpty()) {
      return List.of();
    }
    CertificateCheck check = (CertificateCheck) at.get().event().detail();
    Confidence confidence = view.closed().kind().isSuccess() ? Confidence.MEDIUM : Confidence.LOW;
    String leaf = check.chain().isEmpty() ? "" : check.chain().get(0).subject();
    List<Cause> out = new ArrayList<>();
    for (CertificateObjection o : check.objections()) {
      Evidence evidence =
          new Evidence(at.get().index(), "the server's certificate " + leaf + ": " + o.detail());
      out.add(
          new Cause(id(o.kind()), confidence, why(o.kind()), List.of(evidence), remedy(o.kind())));
    }
    return out;
  }

  private static CauseId id(CertificateObjection.Kind kind) {
    return switch (kind) {
      case EXPIRED -> CauseId.CERT_EXPIRED;
      case NOT_YET_VALID -> CauseId.CERT_NOT_YET_VALID;
      case SELF_SIGNED -> CauseId.CERT_UNTRUSTED;
      case WEAK_KEY, WEAK_SIGNATURE -> CauseId.CERT_WEAK;
      case HOST_NAME_MISMATCH -> CauseId.CERT_NAME_MISMATCH;
    };
  }

  private static String why(CertificateObjection.Kind kind) {
    return switch (kind) {
      case EXPIRED ->
          "a client that validates the certificate warns about it or, where policy requires a"
              + " valid certificate, refuses to connect";
      case NOT_YET_VALID ->
          "the certificate's validity starts in the future: the server's or the client's clock"
              + " is wrong, or the certificate was issued with a wrong start date";
      case SELF_SIGNED ->
          "no authority the client trusts vouches for the certificate, so mstsc asks the user"
              + " and clients with strict policy refuse";
      case WEAK_KEY, WEAK_SIGNATURE ->
          "current clients and TLS libraries reject short RSA keys and SHA-1 or MD5 signatures";
      case HOST_NAME_MISMATCH ->
          "the certificate does not name the host the client connects to, so it warns about a"
              + " possible impostor";
    };
  }

  private static Remedy remedy(CertificateObjection.Kind kind) {
    return switch (kind) {
      case EXPIRED, NOT_YET_VALID -> Remedy.CERT_VALIDITY;
      case SELF_SIGNED -> Remedy.CERT_UNTRUSTED;
      case WEAK_KEY, WEAK_SIGNATURE -> Remedy.CERT_WEAK;
      case HOST_NAME_MISMATCH -> Remedy.CERT_NAME_MISMATCH;
    };
  }
}
