package dev.rdpprobe.facts;

import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.NegotiationResponseFlags;
import dev.rdpprobe.wire.x224.SecurityProtocols;

/**
 * What the X.224 Connection Confirm told about the server.
 *
 * @param requestedProtocols what we offered
 * @param selectedProtocol what the server selected, or {@code null} if it refused
 * @param responseFlags the RDP_NEG_RSP flags, or {@code null}
 * @param failureCode the RDP_NEG_FAILURE code, or {@code null}
 * @param negotiationDataPresent {@code false} when the confirm had no negotiation structure (a
 *     server that predates negotiation and only does Standard RDP Security)
 * @param sourceReference the confirm's SRC-REF (0x1234 from Windows, 0 from xrdp)
 */
public record NegotiationFacts(
    SecurityProtocols requestedProtocols,
    SecurityProtocols selectedProtocol,
    NegotiationResponseFlags responseFlags,
    NegotiationFailureCode failureCode,
    boolean negotiationDataPresent,
    int sourceReference) {

  /** Whether the server selected a protocol. */
  public boolean accepted() {
    return selectedProtocol != null;
  }
}
