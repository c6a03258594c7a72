package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.license.LicenseErrorMessage;
import dev.rdpprobe.wire.license.LicensePdu;
import dev.rdpprobe.wire.share.ErrorInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Licensing failed: the server sent a licensing ERRINFO (0x100 to 0x10A) or a License Error other
 * than STATUS_VALID_CLIENT, or it reset, closed or fell silent while licensing was due, which is
 * how a server that cannot reach its license server often behaves.
 */
final class LicensingRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    List<Evidence> evidence = new ArrayList<>();
    var info = view.serverErrorInfo();
    boolean licensingInfo =
        info.isPresent() && info.get().pdu().errorInfo().category() == ErrorInfo.Category.LICENSING;
    if (licensingInfo) {
      ErrorInfo e = info.get().pdu().errorInfo();
      evidence.add(
          new Evidence(
              info.get().index(), "the server sent Set Error Info " + e + ": " + e.meaning()));
    }
    var events = view.events();
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) instanceof TraceEvent.Pdu p
          && p.direction() == Direction.SERVER_TO_CLIENT
          && p.pdu() instanceof LicensePdu l
          && l.message() instanceof LicenseErrorMessage m
          && !m.isValidClient()) {
        evidence.add(new Evidence(i, "the server's License Error: " + m.summary()));
      }
    }
    TraceEvent.Closed closed = view.closed();
    boolean endedInLicensing =
        closed.phase() == Phase.LICENSING
            && (closed.kind() == CloseKind.PEER_RST
                || closed.kind() == CloseKind.PEER_FIN
                || closed.kind() == CloseKind.IDLE_TIMEOUT);
    if (evidence.isEmpty() && !endedInLicensing) {
      return List.of();
    }
    if (endedInLicensing) {
      evidence.add(
          new Evidence(
              view.closedIndex(),
              view.closeWords()
                  + " after our Client Info PDU, while the server's licensing PDU was due"));
    }
    return List.of(
        new Cause(
            CauseId.LICENSING_FAILED,
            licensingInfo || evidence.size() > 1 ? Confidence.HIGH : Confidence.MEDIUM,
            "the server could not license the connection: a Remote Desktop Session Host needs a"
                + " reachable license server with client access licenses once its grace period"
                + " ends",
            evidence,
            Remedy.LICENSING_FAILED));
  }
}
