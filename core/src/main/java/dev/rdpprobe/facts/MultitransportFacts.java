package dev.rdpprobe.facts;

import dev.rdpprobe.wire.multitransport.HrResponse;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportRequest;
import dev.rdpprobe.wire.udp.RdpudpDatagram;
import java.util.List;

/**
 * What multitransport bootstrapping (MS-RDPBCGR 1.3.1.1 step 8, 2.2.15) showed: the server's
 * Initiate Multitransport Requests, the probe's answers, and whether the server's UDP port answered
 * an RDP-UDP SYN (MS-RDPEUDP 3.1.5.1.1). What the server offered in SC_MULTITRANSPORT is in {@link
 * BasicSettingsFacts#multitransport()}.
 *
 * @param requests the Initiate Multitransport Requests, in order
 * @param answer the hrResponse the probe sent, or {@code null} before an answer
 * @param udp whether UDP was tried and what came back
 * @param synAck the SYN+ACK datagram when one came, else {@code null}
 * @param udpDetail how the UDP probe ended, in words ({@code ""} when not tried)
 */
public record MultitransportFacts(
    List<InitiateMultitransportRequest> requests,
    HrResponse answer,
    UdpReachability udp,
    RdpudpDatagram synAck,
    String udpDetail) {
  /** Whether a SYN+ACK came back from the server's UDP port. */
  public enum UdpReachability {
    /** A SYN+ACK came back. */
    YES,
    /** No SYN+ACK within the timeout, or the port was unreachable. */
    NO,
    /** No SYN was sent (not asked for, or no Initiate Multitransport Request came). */
    NOT_TRIED
  }

  /** Nothing seen yet. */
  public static final MultitransportFacts NONE =
      new MultitransportFacts(List.of(), null, UdpReachability.NOT_TRIED, null, "");

  public MultitransportFacts {
    requests = List.copyOf(requests);
  }
}
