package dev.rdpprobe.facts;

import dev.rdpprobe.facts.MultitransportFacts.UdpReachability;
import dev.rdpprobe.wire.udp.RdpudpDatagram;
import java.util.Objects;

/**
 * How the UDP multitransport probe ended (MS-RDPEUDP 3.1.5.1.1), as the multitransport step
 * concluded it and recorded it in the trace (a note's value).
 *
 * @param reachable whether a SYN+ACK came back
 * @param synAck the datagram that came back, or {@code null}
 * @param detail how the probe ended, in words
 */
public record UdpProbeOutcome(UdpReachability reachable, RdpudpDatagram synAck, String detail) {
  public UdpProbeOutcome {
    Objects.requireNonNull(reachable, "reachable");
    Objects.requireNonNull(detail, "detail");
  }
}
