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
      SecurityProtocols offer = offered.orElse(SecurityProtocols.RDP);
      Optional<String> contradiction = contradiction(code, offer);
      if (contradiction.isPresent()) {
        return List.of(
            new Cause(
                CauseId.NEG_CONTRADICTS_OFFER,
                Confidence.HIGH,
                "the server answered an offer of "
                    + offer
                    + " with "
                    + code.name()
                    + ", "
                    + contradiction.get()
                    + ": a server that works as specified does not answer so, so it is"
                    + " misconfigured or misbehaving, or something in front of it rewrote the"
                    + " offer",
                evidence,
                Remedy.NEG_CONTRADICTS_OFFER));
      }
      return List.of(forCode(code, offer, evidence));
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
            Remedy.CONNECTION_REQUEST_REJECTED));
  }

  /**
   * How a failure code contradicts the offer it answers (MS-RDPBCGR 2.2.1.2.2, 3.3.5.3.1): it asks
   * for a protocol the offer included, or refuses TLS the offer did not ask for; empty when it does
   * not.
   */
  static Optional<String> contradiction(NegotiationFailureCode code, SecurityProtocols offered) {
    return switch (code.value()) {
      case 1 ->
          offered.contains(SecurityProtocols.SSL)
              ? Optional.of("which asks for SSL, although the offer included SSL")
              : Optional.empty();
      case 2 ->
          offered.usesTls()
              ? Optional.empty()
              : Optional.of(
                  "which refuses TLS, although the offer asked only for Standard RDP"
                      + " Security");
      case 3 ->
          offered.usesTls()
              ? Optional.empty()
              : Optional.of(
                  "which says the server has no certificate for TLS, although the offer"
                      + " asked only for Standard RDP Security, which needs none");
      case 5 ->
          offered.contains(SecurityProtocols.HYBRID)
                  || offered.contains(SecurityProtocols.HYBRID_EX)
              ? Optional.of("which asks for HYBRID (CredSSP), although the offer included it")
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  /** The codes an offer can contradict. */
  static boolean canContradict(NegotiationFailureCode code) {
    int v = code.value();
    return v == 1 || v == 2 || v == 3 || v == 5;
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
              Remedy.NEG_SSL_REQUIRED);
      case 2 ->
          new Cause(
              CauseId.NEG_SSL_NOT_ALLOWED,
              Confidence.HIGH,
              "the server is set to the RDP Security Layer only and refuses TLS and CredSSP",
              ev,
              Remedy.NEG_SSL_NOT_ALLOWED);
      case 3 ->
          new Cause(
              CauseId.NEG_NO_CERTIFICATE,
              Confidence.HIGH,
              "the server wanted to use TLS but has no usable certificate on its listener",
              ev,
              Remedy.NEG_NO_CERTIFICATE);
      case 4 ->
          new Cause(
              CauseId.NEG_INCONSISTENT_FLAGS,
              Confidence.HIGH,
              "the server found the requested protocols ("
                  + offered
                  + ") inconsistent with the security already in effect on the connection",
              ev,
              Remedy.NEG_INCONSISTENT_FLAGS);
      case 5 ->
          new Cause(
              CauseId.NEG_NLA_REQUIRED,
              Confidence.HIGH,
              "the server requires Network Level Authentication (CredSSP) and the offer ("
                  + offered
                  + ") did not include HYBRID",
              ev,
              Remedy.NEG_NLA_REQUIRED);
      case 6 ->
          new Cause(
              CauseId.NEG_CLIENT_CERT_REQUIRED,
              Confidence.HIGH,
              "the server requires TLS with client certificate authentication, which the client"
                  + " did not offer to do",
              ev,
              Remedy.NEG_CLIENT_CERT_REQUIRED);
      default ->
          new Cause(
              CauseId.NEG_UNKNOWN_FAILURE,
              Confidence.HIGH,
              "the server refused the negotiation with failure code "
                  + code.name()
                  + ", which the specification does not define",
              ev,
              Remedy.NEG_UNKNOWN_FAILURE);
    };
  }
}
