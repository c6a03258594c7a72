package dev.rdpprobe.connect;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.ConferenceCreateRequest;
import dev.rdpprobe.wire.gcc.ConferenceCreateResponse;
import dev.rdpprobe.wire.gcc.ServerDataBlocks;
import dev.rdpprobe.wire.mcs.McsConnectInitial;
import dev.rdpprobe.wire.mcs.McsConnectResponse;
import dev.rdpprobe.wire.mcs.McsPdu;
import dev.rdpprobe.wire.mcs.McsResult;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import io.netty.buffer.ByteBuf;

/**
 * Basic Settings Exchange (MS-RDPBCGR 1.3.1.1 step 2): the MCS Connect Initial with the GCC
 * Conference Create Request and our client data blocks; the server's MCS Connect Response with its
 * data blocks, which tell its RDP version, the channels, and what it offers (multitransport).
 */
final class BasicSettingsStep implements Step {
  private final SecurityProtocols selected;
  private final ConferenceCreateRequest request;

  /**
   * A step that sends {@code request} in the MCS Connect Initial to a server that selected {@code
   * selected}.
   */
  BasicSettingsStep(SecurityProtocols selected, ConferenceCreateRequest request) {
    this.selected = selected;
    this.request = request;
  }

  @Override
  public Phase phase() {
    return Phase.BASIC_SETTINGS;
  }

  @Override
  public FrameHint hint() {
    return FrameHint.TPKT;
  }

  @Override
  public String awaiting() {
    return McsConnectResponse.NAME;
  }

  @Override
  public Transition start(StepContext ctx) {
    McsConnectInitial initial = McsConnectInitial.of(Octets.encode(request));
    ctx.sendMcs(initial, initial);
    return Transition.STAY;
  }

  @Override
  public Transition onFrame(ByteBuf frame, StepContext ctx) {
    McsFrames.Read<McsPdu> read = McsFrames.read(frame, ctx);
    if (read.ending() != null) {
      return read.ending();
    }
    if (!(read.pdu() instanceof McsConnectResponse response)) {
      return Transition.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server sent " + read.pdu().name() + " where the MCS Connect Response was due");
    }
    ServerDataBlocks blocks;
    try {
      blocks = ConferenceCreateResponse.from(response).userData();
    } catch (DecodeException e) {
      if (response.result().equals(McsResult.RT_SUCCESSFUL)) {
        return ctx.malformed(frame, e);
      }
      blocks = ServerDataBlocks.of();
    }
    if (!response.result().equals(McsResult.RT_SUCCESSFUL)) {
      return Transition.finish(
          CloseKind.REFUSED_BY_SERVER,
          "the MCS Connect Response says "
              + response.result()
              + ": the server refused the"
              + " conference");
    }
    if (blocks.network().isEmpty()) {
      return Transition.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server's data blocks have no SC_NET: no I/O channel to join");
    }
    return Transition.complete(new SequenceState.SettingsExchanged(selected, blocks));
  }
}
