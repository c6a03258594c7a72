package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.credssp.NtStatus;
import dev.rdpprobe.wire.credssp.TsRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * CredSSP itself does not fit between this client and server, whatever the credentials:
 *
 * <ul>
 *   <li>the server speaks a CredSSP version below 5, from before the fix for CVE-2018-0886, which
 *       Windows clients updated since May 2018 refuse under their default Encryption Oracle
 *       Remediation policy (a warning even when the probe got through);
 *   <li>the server refused our NTLM NEGOTIATE with an errorCode, or ended the connection before
 *       sending its CHALLENGE;
 *   <li>the server's pubKeyAuth does not bind the certificate's public key ({@link
 *       CauseId#CREDSSP_KEY_MISMATCH}): we saw another certificate than the one it holds.
 * </ul>
 */
final class CredSspMismatchRule implements Rule {
  @Override
  public boolean warnsOnSuccess() {
    return true;
  }

  @Override
  public List<Cause> evaluate(TraceView view) {
    var negotiate = view.ourNegotiate();
    if (negotiate.isEmpty()) {
      return List.of();
    }
    List<Cause> out = new ArrayList<>();
    TraceEvent.Closed closed = view.closed();
    var first = view.serverTsRequest();
    var authenticate = view.ourAuthenticate();
    Evidence ours =
        new Evidence(
            negotiate.get().index(),
            "we sent the NTLM NEGOTIATE in a TSRequest of version "
                + negotiate.get().pdu().version());

    if (first.isPresent()) {
      TsRequest answer = first.get().pdu();
      NtStatus status = answer.errorCode();
      boolean beforeAuthenticate =
          authenticate.isEmpty() || first.get().index() < authenticate.get().index();
      if (status != null && status.value() != 0 && beforeAuthenticate) {
        out.add(
            new Cause(
                CauseId.CREDSSP_MISMATCH,
                Confidence.HIGH,
                "the server refused CredSSP with NTLM before any credential, with errorCode "
                    + status
                    + ": "
                    + status.meaning(),
                List.of(
                    ours,
                    new Evidence(
                        first.get().index(),
                        "the server answered the NEGOTIATE with errorCode " + status)),
                Remedy.CREDSSP_NTLM_REFUSED));
      }
      if (answer.version() < TsRequest.CLIENT_NONCE_VERSION) {
        out.add(
            new Cause(
                CauseId.CREDSSP_MISMATCH,
                Confidence.MEDIUM,
                "the server speaks CredSSP version "
                    + answer.version()
                    + ", from before the May 2018 fix for CVE-2018-0886: Windows clients updated"
                    + " since then refuse it under their default Encryption Oracle Remediation"
                    + " policy (Mitigated), saying 'This could be due to CredSSP encryption"
                    + " oracle remediation'",
                List.of(
                    ours,
                    new Evidence(
                        first.get().index(),
                        "the server's TSRequest has version " + answer.version())),
                Remedy.CREDSSP_OLD_VERSION));
      }
    } else if (closed.phase() == Phase.CREDSSP && view.closedByPeer()) {
      out.add(
          new Cause(
              CauseId.CREDSSP_MISMATCH,
              Confidence.MEDIUM,
              "the server ended the connection after our NTLM NEGOTIATE without sending its"
                  + " CHALLENGE: it refused CredSSP with NTLM from this client (NTLM restricted"
                  + " by policy, a server that wants Kerberos, or a CredSSP version it does not"
                  + " take), or its CredSSP service failed",
              List.of(
                  ours,
                  new Evidence(
                      view.closedIndex(),
                      view.closeAfter(negotiate.get().event(), "NEGOTIATE")
                          + ", no TSRequest from the server")),
              Remedy.CREDSSP_CLOSED_BEFORE_CHALLENGE));
    }

    var proof = view.serverPubKeyAuth();
    if (proof.isPresent()
        && closed.phase() == Phase.CREDSSP
        && closed.kind() == CloseKind.PROTOCOL_VIOLATION
        && closed.closedBy() == ClosedBy.CLIENT) {
      List<Evidence> evidence = new ArrayList<>();
      authenticate.ifPresent(
          a ->
              evidence.add(
                  new Evidence(a.index(), "we sent the NTLM AUTHENTICATE with pubKeyAuth")));
      evidence.add(
          new Evidence(
              proof.get().index(),
              "the server's pubKeyAuth does not bind the public key of the certificate we saw"));
      out.add(
          new Cause(
              CauseId.CREDSSP_KEY_MISMATCH,
              Confidence.HIGH,
              "the server knows the password but proved it for another public key than the one"
                  + " in the certificate we saw: something between us terminates TLS (an"
                  + " inspecting proxy or a man in the middle), or the server answers for"
                  + " another CredSSP version than it announced",
              evidence,
              Remedy.CREDSSP_KEY_MISMATCH));
    }
    return out;
  }
}
