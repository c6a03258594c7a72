package dev.rdpprobe.connect;

import dev.rdpprobe.trace.Phase;
import io.netty.buffer.ByteBuf;

/**
 * Secure Settings Exchange (MS-RDPBCGR 1.3.1.1 step 5): the Client Info PDU on the I/O channel,
 * without any credential, so a server that goes on shows its logon screen to nobody; encrypted
 * under Standard RDP Security (at level LOW too, where only the client encrypts). Nothing is
 * answered to it; the server's next PDU belongs to licensing.
 */
final class SecureSettingsStep implements Step {
  private final SequenceState.ChannelsJoined channels;
  private final ClientPlan plan;

  SecureSettingsStep(SequenceState.ChannelsJoined channels, ClientPlan plan) {
    this.channels = channels;
    this.plan = plan;
  }

  @Override
  public Phase phase() {
    return Phase.SECURE_SETTINGS;
  }

  @Override
  public FrameHint hint() {
    return FrameHint.TPKT;
  }

  @Override
  public String awaiting() {
    return "";
  }

  @Override
  public Transition start(StepContext ctx) {
    SlowPath.sendOnIoChannel(plan.clientInfo(), channels, ctx);
    return Transition.complete(new SequenceState.InfoSent(channels));
  }

  @Override
  public Transition onFrame(ByteBuf frame, StepContext ctx) {
    // never current for long: the step completes as it starts
    return Transition.STAY;
  }
}
