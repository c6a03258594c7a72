package dev.rdpprobe.diagnose;

import dev.rdpprobe.tls.CertificateCheck;
import dev.rdpprobe.tls.CertificateObjection;
import dev.rdpprobe.trace.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    // one cause per id, with every objection behind it as evidence
    Map<CauseId, List<Evidence>> evidence = new LinkedHashMap<>();
    Map<CauseId, CertificateObjection.Kind> first = new LinkedHashMap<>();
    for (CertificateObjection o : check.objections()) {
      CauseId id = id(o.kind());
      first.putIfAbsent(id, o.kind());
      evidence
          .computeIfAbsent(id, k -> new ArrayList<>())
          .add(
              new Evidence(
                  at.get().index(), "the server's certificate " + leaf + ": " + o.detail()));
    }
    List<Cause> out = new ArrayList<>();
    first.forEach(
        (id, kind) ->
            out.add(
                new Cause(
                    id, confidence, why(kind, check.trustedBy()), evidence.get(id), remedy(kind))));
    return out;
  }

  private static CauseId id(CertificateObjection.Kind kind) {
    return switch (kind) {
      case EXPIRED -> CauseId.CERT_EXPIRED;
      case NOT_YET_VALID -> CauseId.CERT_NOT_YET_VALID;
      case SELF_SIGNED, UNTRUSTED_ISSUER -> CauseId.CERT_UNTRUSTED;
      case BROKEN_CHAIN -> CauseId.CERT_CHAIN_BROKEN;
      case WEAK_KEY, WEAK_SIGNATURE -> CauseId.CERT_WEAK;
      case HOST_NAME_MISMATCH -> CauseId.CERT_NAME_MISMATCH;
    };
  }

  private static String why(CertificateObjection.Kind kind, String trustedBy) {
    String what =
        switch (kind) {
          case EXPIRED -> "the certificate has expired";
          case NOT_YET_VALID ->
              "the certificate's validity starts in the future: the server's or the client's clock"
                  + " is wrong, or the certificate was issued with a wrong start date";
          case SELF_SIGNED -> "no authority the client trusts vouches for the certificate";
          case UNTRUSTED_ISSUER ->
              "the chain leads to an authority the client does not trust (checked against "
                  + trustedBy
                  + ")";
          case BROKEN_CHAIN ->
              "the client cannot build the chain from the certificate to an authority it trusts";
          case WEAK_KEY, WEAK_SIGNATURE -> "the certificate is weak";
          case HOST_NAME_MISMATCH ->
              "the certificate does not name the host the client connects to, so it warns about a"
                  + " possible impostor";
        };
    return what + ": " + kind.clients();
  }

  private static Remedy remedy(CertificateObjection.Kind kind) {
    return switch (kind) {
      case EXPIRED, NOT_YET_VALID -> Remedy.CERT_VALIDITY;
      case SELF_SIGNED -> Remedy.CERT_UNTRUSTED;
      case UNTRUSTED_ISSUER -> Remedy.CERT_UNTRUSTED_ISSUER;
      case BROKEN_CHAIN -> Remedy.CERT_CHAIN_BROKEN;
      case WEAK_KEY, WEAK_SIGNATURE -> Remedy.CERT_WEAK;
      case HOST_NAME_MISMATCH -> Remedy.CERT_NAME_MISMATCH;
    };
  }
}
