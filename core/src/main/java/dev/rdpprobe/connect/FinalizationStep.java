package dev.rdpprobe.connect;

import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.share.ControlAction;
import dev.rdpprobe.wire.share.ControlPdu;
import dev.rdpprobe.wire.share.DeactivateAllPdu;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.share.FontListPdu;
import dev.rdpprobe.wire.share.FontMapPdu;
import dev.rdpprobe.wire.share.StreamId;
import dev.rdpprobe.wire.share.SynchronizePdu;

/**
 * Connection finalization (MS-RDPBCGR 1.3.1.1 step 10): the probe sends Synchronize, Control
 * (Cooperate), Control (Request Control) and Font List at once, as Windows clients do, and waits
 * for the server's Font Map, its last finalization PDU. The session is then active and the probe
 * stops: it never sends input.
 */
final class FinalizationStep extends SlowPathStep {
  private final SequenceState.Activated activated;

  FinalizationStep(SequenceState.Activated activated) {
    this.activated = activated;
  }

  @Override
  SequenceState.ChannelsJoined channels() {
    return activated.channels();
  }

  @Override
  public Phase phase() {
    return Phase.FINALIZATION;
  }

  @Override
  public String awaiting() {
    return FontMapPdu.NAME;
  }

  @Override
  public Transition start(StepContext ctx) {
    SequenceState.ChannelsJoined channels = activated.channels();
    int user = channels.userChannelId();
    int shareId = activated.demandActive().shareId();
    SlowPath.sendOnIoChannel(
        SynchronizePdu.of(user, shareId, StreamId.STREAM_LOW, DemandActivePdu.SERVER_CHANNEL_ID),
        channels,
        ctx);
    SlowPath.sendOnIoChannel(
        ControlPdu.of(user, shareId, StreamId.STREAM_LOW, ControlAction.CTRLACTION_COOPERATE, 0, 0),
        channels,
        ctx);
    SlowPath.sendOnIoChannel(
        ControlPdu.of(
            user, shareId, StreamId.STREAM_LOW, ControlAction.CTRLACTION_REQUEST_CONTROL, 0, 0),
        channels,
        ctx);
    SlowPath.sendOnIoChannel(FontListPdu.of(user, shareId, StreamId.STREAM_LOW), channels, ctx);
    return Transition.STAY;
  }

  @Override
  Transition onPdu(Pdu pdu, StepContext ctx) {
    if (pdu instanceof FontMapPdu) {
      return Transition.complete(new SequenceState.Finalized());
    }
    if (pdu instanceof DeactivateAllPdu) {
      ctx.note("the server deactivated the share during finalization");
      return Transition.STAY;
    }
    if (pdu instanceof SynchronizePdu || pdu instanceof ControlPdu) {
      return Transition.STAY;
    }
    return unanswered(pdu, ctx);
  }
}
