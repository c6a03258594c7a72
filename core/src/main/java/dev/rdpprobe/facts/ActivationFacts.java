package dev.rdpprobe.facts;

import dev.rdpprobe.wire.share.DemandActivePdu;

/**
 * What the capabilities exchange and the connection finalization showed (MS-RDPBCGR 1.3.1.1 steps 9
 * and 10).
 *
 * @param demandActive the server's Demand Active PDU: share id, source descriptor, capability sets
 * @param confirmActiveSent the probe answered with a Confirm Active PDU
 * @param fontMapReceived the server's Font Map PDU came: the session is active
 */
public record ActivationFacts(
    DemandActivePdu demandActive, boolean confirmActiveSent, boolean fontMapReceived) {}
