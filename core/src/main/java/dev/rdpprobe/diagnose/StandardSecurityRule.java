package dev.rdpprobe.diagnose;

import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.util.List;

/**
 * The server selected Standard RDP Security although TLS was offered (or answered without any
 * negotiation data): a warning even when the connection goes on, since such a server neither proves
 * its identity nor encrypts with anything but RC4, and a client that requires TLS or NLA stops
 * here.
 */
final class StandardSecurityRule implements Rule {
  @Override
  public boolean warnsOnSuccess() {
    return true;
  }

  @Override
  public List<Cause> evaluate(TraceView view) {
    var confirm = view.connectionConfirm();
    SecurityProtocols offered = view.offeredProtocols().orElse(SecurityProtocols.RDP);
    if (confirm.isEmpty() || !offered.usesTls()) {
      return List.of();
    }
    var negotiation = confirm.get().pdu().negotiation();
    boolean standard =
        negotiation == null
            || (negotiation instanceof NegotiationResponse r && !r.selectedProtocol().usesTls());
    if (!standard) {
      return List.of();
    }
    String what =
        negotiation == null
            ? "the Connection Confirm carries no negotiation data: the server predates TLS for RDP"
            : "the server selected PROTOCOL_RDP although we offered " + offered;
    return List.of(
        new Cause(
            CauseId.NEG_SSL_NOT_ALLOWED,
            Confidence.MEDIUM,
            "the server only does Standard RDP Security: no TLS, no server authentication, RC4"
                + " encryption; a client that requires TLS or Network Level Authentication stops"
                + " here, others connect with a warning",
            List.of(new Evidence(confirm.get().index(), what)),
            Remedy.STANDARD_SECURITY_SELECTED));
  }
}
