package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.credssp.EarlyUserAuthorizationResult;
import java.util.List;

/**
 * The probe sent Restricted Admin mode's empty TSCredentials after the server accepted the
 * credentials, and the server closed instead of going on: it does not allow that mode (a Windows
 * server allows it only when an administrator enabled it).
 */
final class RestrictedAdminRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    var sent = view.ourTsCredentials();
    TraceEvent.Closed closed = view.closed();
    boolean ending =
        switch (closed.kind()) {
          case PEER_FIN, PEER_RST, IDLE_TIMEOUT, DEADLINE_EXCEEDED -> true;
          default -> false;
        };
    boolean early =
        closed.phase() == Phase.CREDSSP
            || closed.phase() == Phase.EARLY_USER_AUTH
            || closed.phase() == Phase.BASIC_SETTINGS;
    if (sent.isEmpty() || !ending || !early) {
      return List.of();
    }
    // the server answered nothing that shows it went on
    boolean answered =
        view.firstAfter(
                sent.get().index(),
                TraceEvent.Pdu.class,
                p ->
                    p.direction() == Direction.SERVER_TO_CLIENT
                        && !(p.pdu() instanceof EarlyUserAuthorizationResult))
            .isPresent();
    if (answered) {
      return List.of();
    }
    return List.of(
        new Cause(
            CauseId.RESTRICTED_ADMIN_REFUSED,
            closed.kind() == CloseKind.IDLE_TIMEOUT ? Confidence.MEDIUM : Confidence.HIGH,
            "the server accepted the credentials but not the empty TSCredentials of Restricted"
                + " Admin mode, which it allows only when an administrator enabled that mode",
            List.of(
                new Evidence(
                    sent.get().index(),
                    "we sent Restricted Admin mode's TSCredentials (empty user, domain and"
                        + " password)"),
                new Evidence(view.closedIndex(), view.closeWords() + " in " + closed.phase())),
            Remedy.RESTRICTED_ADMIN_REFUSED));
  }
}
