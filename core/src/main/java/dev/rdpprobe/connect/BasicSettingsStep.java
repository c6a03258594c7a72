package dev.rdpprobe.connect;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.ChannelDef;
import dev.rdpprobe.wire.gcc.ChannelOptions;
import dev.rdpprobe.wire.gcc.ClientClusterData;
import dev.rdpprobe.wire.gcc.ClientCoreData;
import dev.rdpprobe.wire.gcc.ClientDataBlock;
import dev.rdpprobe.wire.gcc.ClientDataBlocks;
import dev.rdpprobe.wire.gcc.ClientMessageChannelData;
import dev.rdpprobe.wire.gcc.ClientMultitransportChannelData;
import dev.rdpprobe.wire.gcc.ClientNetworkData;
import dev.rdpprobe.wire.gcc.ClientSecurityData;
import dev.rdpprobe.wire.gcc.ClusterFlags;
import dev.rdpprobe.wire.gcc.ConferenceCreateRequest;
import dev.rdpprobe.wire.gcc.ConferenceCreateResponse;
import dev.rdpprobe.wire.gcc.MultitransportFlags;
import dev.rdpprobe.wire.gcc.ServerDataBlocks;
import dev.rdpprobe.wire.mcs.McsConnectInitial;
import dev.rdpprobe.wire.mcs.McsConnectResponse;
import dev.rdpprobe.wire.mcs.McsPdu;
import dev.rdpprobe.wire.mcs.McsResult;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Basic Settings Exchange (MS-RDPBCGR 1.3.1.1 step 2): the MCS Connect Initial with the GCC
 * Conference Create Request and our client data blocks; the server's MCS Connect Response with its
 * data blocks, which tell its RDP version, the channels, and what it offers (multitransport).
 */
final class BasicSettingsStep implements Step {
  /** The client name the probe gives: what an administrator sees in the server's session list. */
  static final String CLIENT_NAME = "rdp-probe";

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
  public void start(StepContext ctx) {
    McsConnectInitial initial = McsConnectInitial.of(Octets.encode(conference(ctx)));
    ctx.sendMcs(initial, initial);
  }

  /** The GCC request with the client data blocks the configuration asks for. */
  static ConferenceCreateRequest conference(StepContext ctx) {
    ConnectorConfig config = ctx.config();
    List<ClientDataBlock> blocks = new ArrayList<>();
    blocks.add(ClientCoreData.forProbe(CLIENT_NAME, ctx.facts().negotiation().selectedProtocol()));
    blocks.add(ClientSecurityData.allMethods());
    List<ChannelDef> channels = new ArrayList<>();
    for (String name : config.staticChannels()) {
      channels.add(
          new ChannelDef(name, new ChannelOptions(ChannelOptions.CHANNEL_OPTION_INITIALIZED)));
    }
    blocks.add(new ClientNetworkData(channels));
    blocks.add(
        new ClientClusterData(new ClusterFlags(ClusterFlags.REDIRECTION_SUPPORTED | (4 << 2)), 0));
    if (config.multitransport()) {
      blocks.add(new ClientMessageChannelData(0));
      blocks.add(
          new ClientMultitransportChannelData(
              new MultitransportFlags(
                  MultitransportFlags.TRANSPORTTYPE_UDPFECR
                      | MultitransportFlags.TRANSPORTTYPE_UDPFECL
                      | MultitransportFlags.TRANSPORTTYPE_UDP_PREFERRED)));
    }
    return ConferenceCreateRequest.of(ClientDataBlocks.of(blocks.toArray(ClientDataBlock[]::new)));
  }

  @Override
  public void onFrame(ByteBuf frame, StepContext ctx) {
    McsPdu pdu = McsFrames.read(frame, ctx);
    if (pdu == null) {
      return;
    }
    if (!(pdu instanceof McsConnectResponse response)) {
      ctx.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server sent " + pdu.name() + " where the MCS Connect Response was due");
      return;
    }
    ServerDataBlocks blocks;
    try {
      blocks = ConferenceCreateResponse.from(response).userData();
    } catch (DecodeException e) {
      if (response.result().equals(McsResult.RT_SUCCESSFUL)) {
        ctx.malformed(frame, e);
        return;
      }
      blocks = ServerDataBlocks.of();
    }
    ctx.facts(
        ctx.facts()
            .withBasicSettings(
                new BasicSettingsFacts(
                    response.result(),
                    blocks.core().orElse(null),
                    blocks.security().orElse(null),
                    blocks.network().orElse(null),
                    blocks.messageChannel().orElse(null),
                    blocks.multitransport().orElse(null))));
    if (!response.result().equals(McsResult.RT_SUCCESSFUL)) {
      ctx.finish(
          CloseKind.REFUSED_BY_SERVER,
          "the MCS Connect Response says "
              + response.result()
              + ": the server refused the"
              + " conference");
      return;
    }
    if (blocks.network().isEmpty()) {
      ctx.finish(
          CloseKind.PROTOCOL_VIOLATION,
          "the server's data blocks have no SC_NET: no I/O channel to join");
      return;
    }
    ctx.phaseComplete(new ChannelConnectStep());
  }
}
