package dev.rdpprobe.connect;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.mcs.AttachUserConfirm;
import dev.rdpprobe.wire.mcs.AttachUserRequest;
import dev.rdpprobe.wire.mcs.ChannelJoinConfirm;
import dev.rdpprobe.wire.mcs.ChannelJoinRequest;
import dev.rdpprobe.wire.mcs.ErectDomainRequest;
import dev.rdpprobe.wire.mcs.McsPdu;
import dev.rdpprobe.wire.mcs.McsResult;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Channel Connection (MS-RDPBCGR 1.3.1.1 step 3): Erect Domain and Attach User, then one Channel
 * Join after the other for the user channel, the I/O channel, every static channel and the message
 * channel, as Windows clients do.
 */
final class ChannelConnectStep implements Step {
  private final Deque<Integer> toJoin = new ArrayDeque<>();
  private final List<Integer> joined = new ArrayList<>();
  private final List<Integer> refused = new ArrayList<>();
  private int userChannelId = -1;
  private int joining = -1;

  @Override
  public Phase phase() {
    return Phase.CHANNEL_CONNECT;
  }

  @Override
  public FrameHint hint() {
    return FrameHint.TPKT;
  }

  @Override
  public String awaiting() {
    return userChannelId < 0 ? AttachUserConfirm.NAME : ChannelJoinConfirm.NAME;
  }

  @Override
  public void start(StepContext ctx) {
    ErectDomainRequest erect = ErectDomainRequest.of();
    ctx.sendMcs(erect, erect);
    AttachUserRequest attach = new AttachUserRequest();
    ctx.sendMcs(attach, attach);
  }

  @Override
  public void onFrame(ByteBuf frame, StepContext ctx) {
    McsPdu pdu = McsFrames.read(frame, ctx);
    if (pdu == null) {
      return;
    }
    if (userChannelId < 0) {
      if (!(pdu instanceof AttachUserConfirm confirm)) {
        unexpected(pdu, AttachUserConfirm.NAME, ctx);
        return;
      }
      if (!confirm.result().equals(McsResult.RT_SUCCESSFUL) || confirm.initiator() == null) {
        ctx.finish(
            CloseKind.REFUSED_BY_SERVER,
            "the server refused to attach a user: " + confirm.result());
        return;
      }
      userChannelId = confirm.initiator();
      BasicSettingsFacts settings = ctx.facts().basicSettings();
      toJoin.add(userChannelId);
      toJoin.add(settings.network().mcsChannelId());
      toJoin.addAll(settings.network().channelIdArray());
      if (settings.messageChannel() != null) {
        toJoin.add(settings.messageChannel().mcsChannelId());
      }
      joinNext(ctx);
      return;
    }
    if (!(pdu instanceof ChannelJoinConfirm confirm)) {
      unexpected(pdu, ChannelJoinConfirm.NAME, ctx);
      return;
    }
    if (confirm.result().equals(McsResult.RT_SUCCESSFUL)) {
      joined.add(joining);
    } else {
      refused.add(joining);
      ctx.note("the server refused to join channel " + joining + ": " + confirm.result());
    }
    joinNext(ctx);
  }

  private void joinNext(StepContext ctx) {
    ctx.facts(ctx.facts().withChannels(new ChannelFacts(userChannelId, joined, refused)));
    Integer next = toJoin.poll();
    if (next == null) {
      if (!refused.isEmpty()) {
        ctx.finish(
            CloseKind.REFUSED_BY_SERVER,
            "the server refused to join channels "
                + refused
                + " (I/O channel "
                + ctx.facts().basicSettings().network().mcsChannelId()
                + ")");
        return;
      }
      // Standard RDP Security needs the Security Exchange next, which the probe does not do
      boolean standardSecurity = !ctx.facts().negotiation().selectedProtocol().usesTls();
      ctx.phaseComplete(standardSecurity ? null : new SecureSettingsStep());
      return;
    }
    joining = next;
    ChannelJoinRequest join = new ChannelJoinRequest(userChannelId, next);
    ctx.sendMcs(join, join);
  }

  private static void unexpected(McsPdu pdu, String due, StepContext ctx) {
    ctx.finish(
        CloseKind.PROTOCOL_VIOLATION,
        "the server sent " + pdu.name() + " where the " + due + " was due");
  }
}
