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
                    id, confidence, why(kind, check.trustedBy()), evidence.get(id), advice(kind))));
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

  private static List<String> advice(CertificateObjection.Kind kind) {
    return switch (kind) {
      case EXPIRED, NOT_YET_VALID ->
          List.of(
              "Check the server's clock and the certificate's validity in the trace.",
              "On Windows, the self-signed Remote Desktop certificate (Certificates, Remote"
                  + " Desktop store) is renewed when it is deleted and TermService restarts; a"
                  + " certificate from your CA is renewed through its template.",
              "For xrdp, replace the files named by certificate= and key_file= in xrdp.ini.");
      case SELF_SIGNED ->
          List.of(
              "Issue the server a certificate from a CA the clients trust (for a domain: the"
                  + " Remote Desktop Authentication template through Group Policy).",
              "Or distribute this certificate to the clients' trusted root store.");
      case UNTRUSTED_ISSUER ->
          List.of(
              "If the issuing CA is your own, make sure every client trusts its root certificate"
                  + " (for a domain: publish it through Group Policy).",
              "Or issue the server a certificate from a CA the clients already trust.");
      case BROKEN_CHAIN ->
          List.of(
              "Install the intermediate CA certificates on the server so that it sends the whole"
                  + " chain (on Windows, in the computer's Intermediate Certification Authorities"
                  + " store; for xrdp, appended to the file named by certificate= in xrdp.ini),"
                  + " leaf first, each followed by its issuer.",
              "If a signature does not verify or an issuer is not a CA, reissue the certificate.");
      case WEAK_KEY, WEAK_SIGNATURE ->
          List.of(
              "Replace the certificate with one of an RSA key of at least 2048 bits (or ECDSA)"
                  + " signed with SHA-256 or better.");
      case HOST_NAME_MISMATCH ->
          List.of(
              "Connect with a name the certificate lists (see its names in the trace), or issue"
                  + " a certificate whose subject alternative names include the name users type.");
    };
  }
}
