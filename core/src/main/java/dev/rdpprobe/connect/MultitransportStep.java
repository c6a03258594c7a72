package dev.rdpprobe.connect;

import dev.rdpprobe.facts.MultitransportFacts.UdpReachability;
import dev.rdpprobe.facts.UdpProbeOutcome;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.multitransport.HrResponse;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportRequest;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportResponse;
import dev.rdpprobe.wire.udp.RdpudpDatagram;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Multitransport bootstrapping (MS-RDPBCGR 1.3.1.1 step 8), for a server that offered UDP in
 * SC_MULTITRANSPORT to a probe that advertised it: the server may send Initiate Multitransport
 * Requests on the message channel; the probe declines each (E_ABORT), or accepts when the
 * configuration says so. When asked, it first sends one RDP-UDP SYN to the server's UDP port and
 * waits for the SYN+ACK or the driver's timeout, so the facts say whether the UDP path works. The
 * phase ends with the server's first Share Control PDU (the Demand Active).
 */
final class MultitransportStep extends SlowPathStep {
  private final SequenceState.ChannelsJoined channels;
  private final ConnectorConfig config;
  private final Deque<InitiateMultitransportRequest> unanswered = new ArrayDeque<>();
  private boolean udpTried;
  private boolean udpPending;

  /** A PDU of the next phase that came while the UDP answer was awaited; taken after it. */
  private Pdu held;

  /**
   * @param config whether to probe UDP, the correlation id, and whether to accept the requests
   */
  MultitransportStep(SequenceState.ChannelsJoined channels, ConnectorConfig config) {
    this.channels = channels;
    this.config = config;
  }

  @Override
  SequenceState.ChannelsJoined channels() {
    return channels;
  }

  @Override
  public Phase phase() {
    return Phase.MULTITRANSPORT;
  }

  @Override
  public String awaiting() {
    return udpPending ? "RDP-UDP SYN+ACK" : "Initiate Multitransport Request or Demand Active PDU";
  }

  @Override
  public Transition start(StepContext ctx) {
    return Transition.STAY;
  }

  @Override
  Transition onPdu(Pdu pdu, StepContext ctx) {
    if (pdu instanceof InitiateMultitransportRequest request) {
      unanswered.add(request);
      if (config.udpProbe() && !udpTried) {
        udpTried = true;
        udpPending = true;
        Octets correlation =
            config.correlationInfo() == null ? null : config.correlationInfo().correlationId();
        ctx.sendDatagram(RdpudpDatagram.probeSyn(ctx.random().nextInt(), correlation));
        return Transition.STAY;
      }
      if (!udpPending) {
        answerAll(ctx);
      }
      return Transition.STAY;
    }
    if (udpPending && CapabilitiesStep.opens(pdu) && held == null) {
      // the server went on before the UDP answer: finish the probe first, then move on
      held = pdu;
      return Transition.STAY;
    }
    return unanswered(pdu, ctx);
  }

  @Override
  SequenceState completedBy(Pdu pdu) {
    return !udpPending && CapabilitiesStep.opens(pdu)
        ? new SequenceState.TransportsSettled(channels)
        : null;
  }

  @Override
  public Transition onDatagram(ByteBuf datagram, StepContext ctx) {
    if (!udpPending) {
      return Transition.STAY;
    }
    RdpudpDatagram answer;
    try {
      answer = RdpudpDatagram.decode(datagram);
    } catch (DecodeException e) {
      return udpDone(
          UdpReachability.NO,
          null,
          "the UDP port answered with bytes that are not RDP-UDP: " + e.getMessage(),
          ctx);
    }
    if (answer.isSynAck()) {
      return udpDone(UdpReachability.YES, answer, "SYN+ACK from the server's UDP port", ctx);
    }
    return udpDone(
        UdpReachability.NO,
        answer,
        "the UDP port answered without SYN+ACK: " + answer.header().uFlags(),
        ctx);
  }

  @Override
  public Transition onDatagramsEnded(String why, StepContext ctx) {
    return udpPending ? udpDone(UdpReachability.NO, null, why, ctx) : Transition.STAY;
  }

  private Transition udpDone(
      UdpReachability reach, RdpudpDatagram answer, String detail, StepContext ctx) {
    udpPending = false;
    ctx.note(
        "UDP multitransport "
            + (reach == UdpReachability.YES ? "reachable" : "unreachable")
            + ": "
            + detail,
        new UdpProbeOutcome(reach, answer, detail));
    answerAll(ctx);
    if (held != null) {
      Pdu next = held;
      held = null;
      return new Transition.Complete(new SequenceState.TransportsSettled(channels), next, null);
    }
    return Transition.STAY;
  }

  private void answerAll(StepContext ctx) {
    HrResponse hr = config.acceptMultitransport() ? HrResponse.S_OK : HrResponse.E_ABORT;
    int messageChannel = channels.settings().messageChannel();
    if (messageChannel < 0) {
      // MS-RDPBCGR 2.2.15.2: the response travels on the message channel, which was not set up
      ctx.note(
          "not answered: the server sent an Initiate Multitransport Request without a message channel");
      unanswered.clear();
      return;
    }
    while (!unanswered.isEmpty()) {
      InitiateMultitransportRequest request = unanswered.poll();
      SlowPath.send(
          InitiateMultitransportResponse.of(request.requestId(), hr),
          messageChannel,
          channels,
          ctx);
    }
  }
}
