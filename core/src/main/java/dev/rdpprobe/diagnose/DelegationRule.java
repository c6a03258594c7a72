package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.credssp.EarlyUserAuthorizationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The server accepted the credentials (its pubKeyAuth came back) and then waited for the delegated
 * password, the TSCredentials that end CredSSP, which the probe never sends: it sent no Early User
 * Authorization Result, or closed when the MCS Connect Initial came instead. A Windows client sends
 * the credentials at this point, so this ending is the probe's, not a fault of the server.
 */
final class DelegationRule implements Rule {
  /** Whether the trace ends this way. */
  static boolean applies(TraceView view) {
    TraceEvent.Closed closed = view.closed();
    boolean phase =
        closed.phase() == Phase.EARLY_USER_AUTH || closed.phase() == Phase.BASIC_SETTINGS;
    boolean ending =
        switch (closed.kind()) {
          case PEER_FIN, PEER_RST, IDLE_TIMEOUT, DEADLINE_EXCEEDED -> true;
          default -> false;
        };
    var proof = view.serverPubKeyAuth();
    if (!phase
        || !ending
        || proof.isEmpty()
        || view.ourAuthenticate().isEmpty()
        || view.ourTsCredentials().isPresent()) {
      return false;
    }
    // nothing but an Early User Authorization Result came from the server after its proof
    return view.firstAfter(
            proof.get().index(),
            TraceEvent.Pdu.class,
            p ->
                p.direction() == Direction.SERVER_TO_CLIENT
                    && !(p.pdu() instanceof EarlyUserAuthorizationResult))
        .isEmpty();
  }

  @Override
  public List<Cause> evaluate(TraceView view) {
    if (!applies(view)) {
      return List.of();
    }
    TraceEvent.Closed closed = view.closed();
    List<Evidence> evidence = new ArrayList<>();
    var proof = view.serverPubKeyAuth().orElseThrow();
    evidence.add(
        new Evidence(
            proof.index(),
            "the server accepted the credentials: its pubKeyAuth came back, and we sent no"
                + " TSCredentials"));
    evidence.add(
        new Evidence(
            view.closedIndex(),
            view.closeWords()
                + " in "
                + closed.phase()
                + (closed.awaiting().isEmpty()
                    ? ""
                    : " while we waited for the " + closed.awaiting())));
    boolean early = closed.phase() == Phase.EARLY_USER_AUTH;
    return List.of(
        new Cause(
            CauseId.CREDENTIALS_NOT_DELEGATED,
            Confidence.HIGH,
            "the server verified the credentials and then waited for the delegated password"
                + " (TSCredentials), which completes CredSSP and which the probe never sends; "
                + (early
                    ? "servers send the Early User Authorization Result only after it"
                    : "it ended the connection when the MCS Connect Initial came instead")
                + ". A Windows client sends the credentials here and goes on, so this ending says"
                + " nothing against the server",
            evidence,
            Remedy.CREDENTIALS_NOT_DELEGATED));
  }
}
