package dev.rdpprobe.diagnose;

import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.util.List;

/** The Connection Confirm selects a protocol the Connection Request did not offer, or several. */
final class UnofferedProtocolRule implements Rule {
  @Override
  public List<Cause> evaluate(TraceView view) {
    var request = view.connectionRequest();
    var confirm = view.connectionConfirm();
    if (request.isEmpty()
        || confirm.isEmpty()
        || !(confirm.get().pdu().negotiation() instanceof NegotiationResponse response)) {
      return List.of();
    }
    SecurityProtocols offered =
        request.get().pdu().negotiationRequest() == null
            ? SecurityProtocols.RDP
            : request.get().pdu().negotiationRequest().requestedProtocols();
    SecurityProtocols selected = response.selectedProtocol();
    boolean several = Integer.bitCount(selected.bits()) > 1;
    if (offered.contains(selected) && !several) {
      return List.of();
    }
    return List.of(
        new Cause(
            CauseId.PROTOCOL_NOT_OFFERED,
            Confidence.HIGH,
            several
                ? "the server selected several protocols at once ("
                    + selected
                    + "), where RDP_NEG_RSP names exactly one"
                : "the server selected "
                    + selected
                    + ", which the request did not offer (offered: "
                    + offered
                    + "); a client must refuse to go on",
            List.of(
                new Evidence(request.get().index(), "we offered " + offered),
                new Evidence(confirm.get().index(), "the Connection Confirm selects " + selected)),
            Remedy.PROTOCOL_NOT_OFFERED));
  }
}
