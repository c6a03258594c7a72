package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
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
    boolean peerClose = closed.kind() == CloseKind.PEER_FIN || closed.kind() == CloseKind.PEER_RST;
    if (answer.isPresent() || !peerClose || closed.phase() != Phase.CREDSSP) {
      return List.of();
    }
    evidence.add(
        new Evidence(
            view.closedIndex(),
            view.closeWords()
                + " "
                + TraceView.duration(closed.nanos() - authenticate.get().event().nanos())
                + " after our AUTHENTICATE, with no errorCode and no pubKeyAuth"));
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
            List.of(
                "Check the user name, the domain and the password: try them with another client,"
                    + " or on the server's console.",
                "Look at the server's log at the probe's time for the logon failure (Windows:"
                    + " Security event 4625 with its status; FreeRDP: 'client authentication"
                    + " failure').",
                "If the credentials are right, the server may refuse NTLM for this account"
                    + " (Protected Users, a policy restricting NTLM): try from a client that can"
                    + " use Kerberos.")));
  }

  /** What to check for {@code status}; {@link CodeExplanations} reads it too. */
  static List<String> advice(NtStatus status) {
    List<String> out = new ArrayList<>();
    String name = status.name();
    switch (name) {
      case "STATUS_LOGON_FAILURE", "STATUS_WRONG_PASSWORD", "STATUS_NO_SUCH_USER" -> {
        out.add(
            "Check the user name and password; give the domain as it expects (DOMAIN\\user, or"
                + " the computer's name for a local account).");
        out.add("Look for Security event 4625 on the server: its Sub Status names the reason.");
      }
      case "STATUS_PASSWORD_EXPIRED", "STATUS_PASSWORD_MUST_CHANGE" -> {
        out.add(
            "Change the password (another computer, the console, or a password-change portal):"
                + " Network Level Authentication cannot change it during the logon.");
        out.add(
            "For a first logon with 'User must change password at next logon', change it first"
                + " or clear the flag.");
      }
      case "STATUS_ACCOUNT_DISABLED",
          "STATUS_ACCOUNT_LOCKED_OUT",
          "STATUS_ACCOUNT_EXPIRED",
          "STATUS_INVALID_LOGON_HOURS",
          "STATUS_INVALID_WORKSTATION",
          "STATUS_ACCOUNT_RESTRICTION" -> {
        out.add(
            "Check the account in Active Directory Users and Computers or Local Users and Groups:"
                + " enabled, not locked out, not expired, allowed at this time and from this"
                + " workstation.");
        out.add(
            "A blank password is refused over the network ('Accounts: Limit local account use of"
                + " blank passwords to console logon only'): give the account a password.");
      }
      case "STATUS_LOGON_TYPE_NOT_GRANTED" ->
          out.add(
              "Grant the user 'Access this computer from the network' (NLA logs on over the"
                  + " network) and 'Allow log on through Remote Desktop Services', and check the"
                  + " Deny rights.");
      case "STATUS_TIME_DIFFERENCE_AT_DC", "STATUS_NO_LOGON_SERVERS" ->
          out.add(
              "Check the server's domain: its domain controllers must be reachable and their"
                  + " clocks within 5 minutes of the server's.");
      default ->
          out.add(
              "Look up "
                  + status
                  + " and check the server's Security log at the probe's time for the failed"
                  + " logon.");
    }
    out.add(
        "Repeated failures lock accounts out: confirm the password before probing again with"
            + " it.");
    return out;
  }
}
