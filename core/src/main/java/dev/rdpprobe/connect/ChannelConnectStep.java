package dev.rdpprobe.connect;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.gcc.ServerNetworkData;
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
  private final SequenceState.SettingsExchanged settings;
  private final Deque<Integer> toJoin = new ArrayDeque<>();
  private final List<Integer> refused = new ArrayList<>();
  private int userChannelId = -1;
  private int joining = -1;

  ChannelConnectStep(SequenceState.SettingsExchanged settings) {
    this.settings = settings;
  }

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
  public Transition start(StepContext ctx) {
    ErectDomainRequest erect = ErectDomainRequest.of();
    ctx.sendMcs(erect, erect);
    AttachUserRequest attach = new AttachUserRequest();
    ctx.sendMcs(attach, attach);
    return Transition.STAY;
  }

  @Override
  public Transition onFrame(ByteBuf frame, StepContext ctx) {
    McsFrames.Read<McsPdu> read = McsFrames.read(frame, ctx);
    if (read.ending() != null) {
      return read.ending();
    }
    McsPdu pdu = read.pdu();
    if (userChannelId < 0) {
      if (!(pdu instanceof AttachUserConfirm confirm)) {
        return unexpected(pdu, AttachUserConfirm.NAME);
      }
      if (!confirm.result().equals(McsResult.RT_SUCCESSFUL) || confirm.initiator() == null) {
        return Transition.finish(
            CloseKind.REFUSED_BY_SERVER,
            "the server refused to attach a user: " + confirm.result());
      }
      userChannelId = confirm.initiator();
      ServerNetworkData network = settings.server().network().orElseThrow();
      toJoin.add(userChannelId);
      toJoin.add(network.mcsChannelId());
      toJoin.addAll(network.channelIdArray());
      if (settings.messageChannel() >= 0) {
        toJoin.add(settings.messageChannel());
      }
      return joinNext(ctx);
    }
    if (!(pdu instanceof ChannelJoinConfirm confirm)) {
      return unexpected(pdu, ChannelJoinConfirm.NAME);
    }
    if (!confirm.result().equals(McsResult.RT_SUCCESSFUL)) {
      refused.add(joining);
      ctx.note("the server refused to join channel " + joining + ": " + confirm.result());
    }
    return joinNext(ctx);
  }

  private Transition joinNext(StepContext ctx) {
    Integer next = toJoin.poll();
    if (next == null) {
      if (!refused.isEmpty()) {
        return Transition.finish(
            CloseKind.REFUSED_BY_SERVER,
            "the server refused to join channels "
                + refused
                + " (I/O channel "
                + settings.ioChannel()
                + ")");
      }
      return Transition.complete(new SequenceState.ChannelsJoined(settings, userChannelId));
    }
    joining = next;
    ChannelJoinRequest join = new ChannelJoinRequest(userChannelId, next);
    ctx.sendMcs(join, join);
    return Transition.STAY;
  }

  private static Transition unexpected(McsPdu pdu, String due) {
    return Transition.finish(
        CloseKind.PROTOCOL_VIOLATION,
        "the server sent " + pdu.name() + " where the " + due + " was due");
  }
}
