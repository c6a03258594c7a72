package dev.rdpprobe.connect;

import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.sec.AddressFamily;
import dev.rdpprobe.wire.sec.ClientInfoPdu;
import io.netty.buffer.ByteBuf;

/**
 * Secure Settings Exchange (MS-RDPBCGR 1.3.1.1 step 5): the Client Info PDU on the I/O channel,
 * without any credential, so a server that goes on shows its logon screen to nobody. Nothing is
 * answered to it; the server's next PDU belongs to licensing.
 */
final class SecureSettingsStep implements Step {
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
  public void start(StepContext ctx) {
    ClientInfoPdu info = ClientInfoPdu.withoutCredentials(AddressFamily.AF_INET, "0.0.0.0");
    ChannelFacts channels = ctx.facts().channels();
    int io = ctx.facts().basicSettings().network().mcsChannelId();
    ctx.sendMcs(info.toSendDataRequest(channels.userChannelId(), io), info);
    ctx.phaseComplete(new LicensingStep());
  }

  @Override
  public void onFrame(ByteBuf frame, StepContext ctx) {
    // never current for long: the step completes as it starts
  }
}
