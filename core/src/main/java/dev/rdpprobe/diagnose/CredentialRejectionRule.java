package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.credssp.NtStatus;
import dev.rdpprobe.wire.credssp.TsRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The server rejected the credentials the probe proved: its answer to our NTLM AUTHENTICATE is a
 * TSRequest with an NTSTATUS errorCode (named, with the SSL_ERR_* code a Windows client shows), or
 * it ended the connection right after the AUTHENTICATE without one, which is how servers that
 * cannot send an errorCode (FreeRDP's; CredSSP versions 2 and 5) refuse a logon.
 */
final class CredentialRejectionRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    var authenticate = view.ourAuthenticate();
    if (authenticate.isEmpty()) {
      return List.of();
    }
    TsRequest ours = authenticate.get().pdu();
    List<Evidence> evidence = new ArrayList<>();
    evidence.add(
        new Evidence(
            authenticate.get().index(),
            "we sent the NTLM AUTHENTICATE with pubKeyAuth (TSRequest version "
                + ours.version()
                + ")"));
    var answer = view.serverTsRequestAfter(authenticate.get().index());
    if (answer.isPresent()
        && answer.get().pdu().errorCode() != null
        && answer.get().pdu().errorCode().value() != 0) {
      NtStatus status = answer.get().pdu().errorCode();
      ClientCode code = WindowsClientCodes.credSspStatus(status.value());
      evidence.add(
          new Evidence(
              answer.get().index(),
              "the server answered with errorCode "
                  + status
                  + ": "
                  + status.meaning()
                  + (code.basis().hasCode()
                      ? " (a Windows client shows " + code.discReason().hex() + ")"
                      : "")));
      return List.of(
          new Cause(
              CauseId.CREDENTIALS_REJECTED,
              Confidence.HIGH,
              "the server checked the credentials and refused them with "
                  + status.name()
                  + ": "
                  + status.meaning(),
              evidence,
              advice(status)));
    }
    TraceEvent.Closed closed = view.closed();
    if (answer.isPresent() || !view.closedByPeer() || closed.phase() != Phase.CREDSSP) {
      return List.of();
    }
    evidence.add(
        new Evidence(
            view.closedIndex(),
            view.closeAfter(authenticate.get().event(), "AUTHENTICATE")
                + ", with no errorCode and no pubKeyAuth"));
    int version = view.serverTsRequest().map(p -> p.pdu().version()).orElse(0);
    return List.of(
        new Cause(
            CauseId.CREDENTIALS_REJECTED,
            Confidence.MEDIUM,
            "the server ended the connection right after our AUTHENTICATE instead of answering"
                + " it: servers that send no errorCode (FreeRDP's"
                + (version == 2 || version == 5
                    ? "; this server's CredSSP version " + version + " has none"
                    : "")
                + ") refuse a logon this way, so the user name, domain or password is probably"
                + " wrong",
            evidence,
            Remedy.LOGON_REFUSED_BY_CLOSE));
  }

  /** What to check for {@code status}; {@link CodeExplanations} reads it too. */
  static List<String> advice(NtStatus status) {
    Remedy remedy =
        switch (status.name()) {
          case "STATUS_LOGON_FAILURE", "STATUS_WRONG_PASSWORD", "STATUS_NO_SUCH_USER" ->
              Remedy.LOGON_FAILURE;
          case "STATUS_PASSWORD_EXPIRED", "STATUS_PASSWORD_MUST_CHANGE" -> Remedy.PASSWORD_EXPIRED;
          case "STATUS_ACCOUNT_DISABLED",
              "STATUS_ACCOUNT_LOCKED_OUT",
              "STATUS_ACCOUNT_EXPIRED",
              "STATUS_INVALID_LOGON_HOURS",
              "STATUS_INVALID_WORKSTATION",
              "STATUS_ACCOUNT_RESTRICTION" ->
              Remedy.ACCOUNT_RESTRICTED;
          case "STATUS_LOGON_TYPE_NOT_GRANTED" -> Remedy.LOGON_RIGHT_MISSING;
          case "STATUS_TIME_DIFFERENCE_AT_DC", "STATUS_NO_LOGON_SERVERS" ->
              Remedy.DOMAIN_UNREACHABLE;
          default -> Remedy.LOGON_STATUS;
        };
    return remedy == Remedy.LOGON_STATUS ? remedy.steps("status", status) : remedy.steps();
  }
}
