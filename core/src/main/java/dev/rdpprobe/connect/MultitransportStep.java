package dev.rdpprobe.connect;

import dev.rdpprobe.connect.MultitransportFacts.UdpReachability;
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
  private final Deque<InitiateMultitransportRequest> unanswered = new ArrayDeque<>();
  private boolean udpPending;

  /** A PDU of the next phase that came while the UDP answer was awaited; taken after it. */
  private Pdu held;

  @Override
  public Phase phase() {
    return Phase.MULTITRANSPORT;
  }

  @Override
  public String awaiting() {
    return udpPending ? "RDP-UDP SYN+ACK" : "Initiate Multitransport Request or Demand Active PDU";
  }

  @Override
  public void start(StepContext ctx) {
    ctx.facts(ctx.facts().withMultitransport(MultitransportFacts.NONE));
  }

  @Override
  void onPdu(Pdu pdu, StepContext ctx) {
    if (pdu instanceof InitiateMultitransportRequest request) {
      ctx.facts(ctx.facts().withMultitransport(ctx.facts().multitransport().withRequest(request)));
      unanswered.add(request);
      if (ctx.config().udpProbe()
          && ctx.facts().multitransport().udp() == UdpReachability.NOT_TRIED
          && !udpPending) {
        udpPending = true;
        Octets correlation =
            ctx.config().correlationInfo() == null
                ? null
                : ctx.config().correlationInfo().correlationId();
        ctx.sendDatagram(RdpudpDatagram.probeSyn(ctx.random().nextInt(), correlation));
        return;
      }
      if (!udpPending) {
        answerAll(ctx);
      }
    } else if (udpPending && CapabilitiesStep.opens(pdu) && held == null) {
      // the server went on before the UDP answer: finish the probe first, then move on
      held = pdu;
    } else {
      unanswered(pdu, ctx);
    }
  }

  @Override
  SlowPathStep successor(Pdu pdu) {
    return !udpPending && CapabilitiesStep.opens(pdu) ? new CapabilitiesStep() : null;
  }

  @Override
  public void onDatagram(ByteBuf datagram, StepContext ctx) {
    if (!udpPending) {
      return;
    }
    RdpudpDatagram answer;
    try {
      answer = RdpudpDatagram.decode(datagram);
    } catch (DecodeException e) {
      udpDone(
          UdpReachability.NO,
          null,
          "the UDP port answered with bytes that are not RDP-UDP: " + e.getMessage(),
          ctx);
      return;
    }
    if (answer.isSynAck()) {
      udpDone(UdpReachability.YES, answer, "SYN+ACK from the server's UDP port", ctx);
    } else {
      udpDone(
          UdpReachability.NO,
          answer,
          "the UDP port answered without SYN+ACK: " + answer.header().uFlags(),
          ctx);
    }
  }

  @Override
  public void onDatagramsEnded(String why, StepContext ctx) {
    if (udpPending) {
      udpDone(UdpReachability.NO, null, why, ctx);
    }
  }

  private void udpDone(
      UdpReachability reach, RdpudpDatagram answer, String detail, StepContext ctx) {
    udpPending = false;
    ctx.facts(
        ctx.facts()
            .withMultitransport(ctx.facts().multitransport().withUdp(reach, answer, detail)));
    ctx.note(
        "UDP multitransport "
            + (reach == UdpReachability.YES ? "reachable" : "unreachable")
            + ": "
            + detail);
    answerAll(ctx);
    if (held != null) {
      Pdu next = held;
      held = null;
      ctx.passOnRecorded(new CapabilitiesStep(), next);
    }
  }

  private void answerAll(StepContext ctx) {
    HrResponse hr = ctx.config().acceptMultitransport() ? HrResponse.S_OK : HrResponse.E_ABORT;
    var channel = ctx.facts().basicSettings().messageChannel();
    if (channel == null) {
      // MS-RDPBCGR 2.2.15.2: the response travels on the message channel, which was not set up
      ctx.note(
          "not answered: the server sent an Initiate Multitransport Request without a message channel");
      unanswered.clear();
      return;
    }
    int messageChannel = channel.mcsChannelId();
    while (!unanswered.isEmpty()) {
      InitiateMultitransportRequest request = unanswered.poll();
      SlowPath.send(
          InitiateMultitransportResponse.of(request.requestId(), hr), messageChannel, ctx);
      ctx.facts(ctx.facts().withMultitransport(ctx.facts().multitransport().withAnswer(hr)));
    }
  }
}
