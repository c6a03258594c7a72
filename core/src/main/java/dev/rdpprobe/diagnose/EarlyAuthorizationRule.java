package dev.rdpprobe.diagnose;

import dev.rdpprobe.wire.credssp.AuthorizationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The server accepted the credentials (CredSSP completed) but its Early User Authorization Result
 * (HYBRID_EX, MS-RDPBCGR 2.2.10.2) says the user may not log on through Remote Desktop Services.
 */
final class EarlyAuthorizationRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    var result = view.earlyAuthorization();
    if (result.isEmpty()
        || result.get().pdu().authorizationResult().equals(AuthorizationResult.AUTHZ_SUCCESS)) {
      return List.of();
    }
    AuthorizationResult r = result.get().pdu().authorizationResult();
    List<Evidence> evidence = new ArrayList<>();
    view.serverPubKeyAuth()
        .ifPresent(
            p ->
                evidence.add(
                    new Evidence(
                        p.index(),
                        "the server accepted the credentials: its pubKeyAuth came back")));
    evidence.add(
        new Evidence(result.get().index(), "the Early User Authorization Result is " + r.name()));
    return List.of(
        new Cause(
            CauseId.EARLY_AUTH_DENIED,
            Confidence.HIGH,
            r.isKnown()
                ? "the credentials are right, but the server does not let this user log on"
                    + " through Remote Desktop Services ("
                    + r.name()
                    + ")"
                : "the server answered the authorization with "
                    + r.name()
                    + ", which clients treat as a refusal",
            evidence,
            Remedy.EARLY_AUTH_DENIED));
  }
}
