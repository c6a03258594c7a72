package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224DisconnectRequest;
import dev.rdpprobe.wire.x224.X224Error;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server refused the Connection Request in a PDU: an RDP_NEG_FAILURE in its Connection Confirm
 * (one cause per failure code, with advice for that code), or an X.224 Disconnect Request or TPDU
 * Error instead of a confirm.
 */
final class NegotiationRefusalRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    Optional<SecurityProtocols> offered = view.offeredProtocols();
    List<Evidence> evidence = new ArrayList<>();
    view.connectionRequest()
        .ifPresent(
            r ->
                evidence.add(
                    new Evidence(
                        r.index(),
                        "we offered "
                            + offered
                                .map(SecurityProtocols::toString)
                                .orElse("no RDP_NEG_REQ (Standard RDP Security only)"))));
    var failure = view.negotiationFailure();
    if (failure.isPresent()) {
      NegotiationFailureCode code = failure.get().pdu().failureCode();
      evidence.add(
          new Evidence(
              failure.get().index(),
              "the Connection Confirm carries RDP_NEG_FAILURE " + code.name()));
      return List.of(forCode(code, offered.orElse(SecurityProtocols.RDP), evidence));
    }
    var refusal =
        view.first(
            TraceEvent.Pdu.class,
            p ->
                p.direction() == Direction.SERVER_TO_CLIENT
                    && (p.pdu() instanceof X224DisconnectRequest || p.pdu() instanceof X224Error));
    if (refusal.isEmpty()) {
      return List.of();
    }
    evidence.add(
        new Evidence(
            refusal.get().index(),
            "the server answered with an "
                + refusal.get().event().name()
                + " ("
                + refusal.get().event().summary()
                + ") instead of a Connection Confirm"));
    return List.of(
        new Cause(
            CauseId.CONNECTION_REQUEST_REJECTED,
            Confidence.HIGH,
            "the server rejected the X.224 Connection Request itself, before any security"
                + " negotiation: it did not accept its form or refuses this client",
            evidence,
            List.of(
                "Check the server's logs for why it rejected the request (xrdp logs the reason;"
                    + " Windows logs TerminalServices-RemoteConnectionManager events).",
                "Probe without a cookie or routing token and with the default protocol offer to"
                    + " see whether the request's content is the problem.",
                "A connection broker or load balancer rejects routing tokens it does not know:"
                    + " check the token the client sends.")));
  }

  /** The cause and advice for a failure code; {@link CodeExplanations} reads them too. */
  static Cause forCode(NegotiationFailureCode code, SecurityProtocols offered, List<Evidence> ev) {
    return switch (code.value()) {
      case 1 ->
          new Cause(
              CauseId.NEG_SSL_REQUIRED,
              Confidence.HIGH,
              offered.contains(SecurityProtocols.HYBRID) && !offered.contains(SecurityProtocols.SSL)
                  ? "the offer ("
                      + offered
                      + ") asked for CredSSP without plain TLS, and the server does TLS without"
                      + " Network Level Authentication"
                  : "the server requires TLS (Enhanced RDP Security) and the offer ("
                      + offered
                      + ") did not include SSL",
              ev,
              List.of(
                  "Offer SSL (and HYBRID) from the client: in mstsc, do not force the RDP Security"
                      + " Layer (the .rdp setting 'negotiate security layer' and the client's"
                      + " policy).",
                  "If legacy clients must connect, set the server's security layer to Negotiate"
                      + " (policy 'Require use of specific security layer for remote (RDP)"
                      + " connections', or SecurityLayer = 1 on RDP-Tcp); keep SSL if they need"
                      + " not.",
                  "If only HYBRID was offered: the server has NLA off; offer SSL as well, or turn"
                      + " on 'Allow connections only from computers running Remote Desktop with"
                      + " Network Level Authentication'."));
      case 2 ->
          new Cause(
              CauseId.NEG_SSL_NOT_ALLOWED,
              Confidence.HIGH,
              "the server is set to the RDP Security Layer only and refuses TLS and CredSSP",
              ev,
              List.of(
                  "Set the server's security layer to Negotiate or SSL (policy 'Require use of"
                      + " specific security layer for remote (RDP) connections', SecurityLayer of"
                      + " RDP-Tcp): Standard RDP Security has no server authentication.",
                  "Until then, clients must offer Standard RDP Security (an empty offer); Windows"
                      + " clients do so by themselves unless a policy requires TLS."));
      case 3 ->
          new Cause(
              CauseId.NEG_NO_CERTIFICATE,
              Confidence.HIGH,
              "the server wanted to use TLS but has no usable certificate on its listener",
              ev,
              List.of(
                  "Open certlm.msc on the server: the Remote Desktop store should hold the"
                      + " listener's certificate, with a private key.",
                  "Check the certificate the listener is bound to (SSLCertificateSHA1Hash of"
                      + " Win32_TSGeneralSetting, or the policy 'Server authentication certificate"
                      + " template') and that it exists and is valid.",
                  "Delete the broken self-signed Remote Desktop certificate and restart Remote"
                      + " Desktop Services (TermService) to have it created again.",
                  "Check that NETWORK SERVICE can read the private key (Manage Private Keys, or the"
                      + " key file under C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys)."));
      case 4 ->
          new Cause(
              CauseId.NEG_INCONSISTENT_FLAGS,
              Confidence.HIGH,
              "the server found the requested protocols ("
                  + offered
                  + ") inconsistent with the security already in effect on the connection",
              ev,
              List.of(
                  "Check the offered protocol set: a client that offers CredSSP should offer SSL"
                      + " too.",
                  "If a TLS-terminating proxy sits in front of the server, the server sees TLS"
                      + " already in place: connect to the server directly or configure the"
                      + " proxy's RDP mode."));
      case 5 ->
          new Cause(
              CauseId.NEG_NLA_REQUIRED,
              Confidence.HIGH,
              "the server requires Network Level Authentication (CredSSP)"
                  + (offered.contains(SecurityProtocols.HYBRID)
                      ? "; the offer ("
                          + offered
                          + ") did include HYBRID, so something between us may have rewritten it"
                      : " and the offer (" + offered + ") did not include HYBRID"),
              ev,
              List.of(
                  "Offer HYBRID (and HYBRID_EX): clients must support CredSSP and have it"
                      + " enabled.",
                  "If clients without NLA must connect, turn off 'Require user authentication for"
                      + " remote connections by using Network Level Authentication' on the server"
                      + " (UserAuthentication = 0 on RDP-Tcp), knowing that it exposes the logon"
                      + " screen to anyone."));
      case 6 ->
          new Cause(
              CauseId.NEG_CLIENT_CERT_REQUIRED,
              Confidence.HIGH,
              "the server requires TLS with client certificate authentication, which the client"
                  + " did not offer to do",
              ev,
              List.of(
                  "Clients must present a certificate (smart card or certificate logon) the"
                      + " server trusts; the probe presents none.",
                  "If that is not intended, check the server's authentication settings."));
      default ->
          new Cause(
              CauseId.NEG_UNKNOWN_FAILURE,
              Confidence.HIGH,
              "the server refused the negotiation with failure code "
                  + code.name()
                  + ", which the specification does not define",
              ev,
              List.of(
                  "Check the server's product and version: a non-Windows server or a newer"
                      + " specification may define the code.",
                  "Probe with other protocol offers (SSL only, HYBRID, none) to see which one the"
                      + " server accepts."));
    };
  }
}
