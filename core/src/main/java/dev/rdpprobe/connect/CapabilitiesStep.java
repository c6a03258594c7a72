package dev.rdpprobe.connect;

import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.share.DeactivateAllPdu;
import dev.rdpprobe.wire.share.DemandActivePdu;

/**
 * The capabilities exchange (MS-RDPBCGR 1.3.1.1 step 9): the server's Demand Active PDU lists its
 * capability sets. By default the probe stops there; asked to go on, it answers with a Confirm
 * Active PDU for the desktop its CS_CORE announced and moves to finalization.
 */
final class CapabilitiesStep extends SlowPathStep {
  private final SequenceState.ChannelsJoined channels;
  private final ClientPlan plan;
  private final boolean confirm;

  /**
   * @param confirm whether the sequence goes on: answer the Demand Active with a Confirm Active
   */
  CapabilitiesStep(SequenceState.ChannelsJoined channels, ClientPlan plan, boolean confirm) {
    this.channels = channels;
    this.plan = plan;
    this.confirm = confirm;
  }

  /** Whether {@code pdu} opens the capabilities exchange. */
  static boolean opens(Pdu pdu) {
    return pdu instanceof DemandActivePdu || pdu instanceof DeactivateAllPdu;
  }

  @Override
  SequenceState.ChannelsJoined channels() {
    return channels;
  }

  @Override
  public Phase phase() {
    return Phase.CAPABILITIES;
  }

  @Override
  public String awaiting() {
    return DemandActivePdu.NAME;
  }

  @Override
  public Transition start(StepContext ctx) {
    return Transition.STAY;
  }

  @Override
  Transition onPdu(Pdu pdu, StepContext ctx) {
    if (pdu instanceof DemandActivePdu demand) {
      if (confirm) {
        SlowPath.sendOnIoChannel(
            plan.confirmActive(demand.shareId(), channels.userChannelId()), channels, ctx);
      }
      return Transition.complete(new SequenceState.Activated(channels, demand));
    }
    if (pdu instanceof DeactivateAllPdu) {
      // a server may deactivate before it (re)sends the Demand Active: keep waiting
      ctx.note("the server deactivated the share before the Demand Active");
      return Transition.STAY;
    }
    return unanswered(pdu, ctx);
  }
}
