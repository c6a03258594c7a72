package dev.rdpprobe.emulate;

import dev.rdpprobe.tls.ServerIdentity;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.ClientDataBlocks;
import dev.rdpprobe.wire.gcc.ClientNetworkData;
import dev.rdpprobe.wire.gcc.ConferenceCreateRequest;
import dev.rdpprobe.wire.gcc.ConferenceCreateResponse;
import dev.rdpprobe.wire.gcc.MultitransportFlags;
import dev.rdpprobe.wire.gcc.RdpVersion;
import dev.rdpprobe.wire.gcc.ServerCoreData;
import dev.rdpprobe.wire.gcc.ServerDataBlock;
import dev.rdpprobe.wire.gcc.ServerDataBlocks;
import dev.rdpprobe.wire.gcc.ServerEarlyCapabilityFlags;
import dev.rdpprobe.wire.gcc.ServerMessageChannelData;
import dev.rdpprobe.wire.gcc.ServerMultitransportChannelData;
import dev.rdpprobe.wire.gcc.ServerNetworkData;
import dev.rdpprobe.wire.gcc.ServerSecurityData;
import dev.rdpprobe.wire.mcs.AttachUserConfirm;
import dev.rdpprobe.wire.mcs.AttachUserRequest;
import dev.rdpprobe.wire.mcs.ChannelJoinConfirm;
import dev.rdpprobe.wire.mcs.ChannelJoinRequest;
import dev.rdpprobe.wire.mcs.ErectDomainRequest;
import dev.rdpprobe.wire.mcs.McsConnectInitial;
import dev.rdpprobe.wire.mcs.McsConnectResponse;
import dev.rdpprobe.wire.mcs.McsPdu;
import dev.rdpprobe.wire.mcs.SendDataRequest;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The emulator's side of the Basic Settings Exchange and the Channel Connection: answers the MCS
 * Connect Initial as a Windows server of RDP 10.7 would (the I/O channel 1003, one id per static
 * channel asked for, the message channel when asked for, UDP in SC_MULTITRANSPORT when the client
 * advertises it), attaches the user as 1007 and confirms every channel join; the Send Data Requests
 * after that go to {@link ActivationServer}.
 */
final class McsServer {
  /** The user channel the emulator assigns. */
  static final int USER_CHANNEL_ID = 1007;

  private final ServerConnector endpoint;
  private final ActivationServer activation;

  McsServer(ServerConnector endpoint, Scenario scenario, ServerIdentity identity) {
    this.endpoint = endpoint;
    this.activation = new ActivationServer(endpoint, scenario, identity);
  }

  void onFrame(ByteBuf frame) {
    McsPdu pdu;
    try {
      pdu = McsPdu.decodeFramed(frame.duplicate());
    } catch (DecodeException e) {
      if (ErectDomainRequest.isFixedFieldForm(frame)) {
        endpoint.receivedRaw(ErectDomainRequest.NAME, ErectDomainRequest.FIXED_FIELD_FORM, frame);
        endpoint.enter(Phase.CHANNEL_CONNECT);
        return;
      }
      endpoint.malformedFrame(frame, e);
      return;
    }
    if (pdu instanceof SendDataRequest data) {
      activation.onData(data, frame);
      return;
    }
    endpoint.receivedPdu(pdu, frame);
    if (pdu instanceof McsConnectInitial initial) {
      onConnectInitial(initial, frame);
    } else if (pdu instanceof ErectDomainRequest) {
      endpoint.enter(Phase.CHANNEL_CONNECT);
    } else if (pdu instanceof AttachUserRequest) {
      AttachUserConfirm confirm = AttachUserConfirm.success(USER_CHANNEL_ID);
      endpoint.sendMcsPdu(confirm, confirm);
    } else if (pdu instanceof ChannelJoinRequest join) {
      ChannelJoinConfirm confirm = ChannelJoinConfirm.success(join);
      endpoint.sendMcsPdu(confirm, confirm);
    } else {
      endpoint.noteFact("not answered: " + pdu.name());
    }
  }

  private void onConnectInitial(McsConnectInitial initial, ByteBuf frame) {
    ClientDataBlocks client;
    try {
      client = ConferenceCreateRequest.from(initial).userData();
    } catch (DecodeException e) {
      endpoint.malformedFrame(frame, e);
      return;
    }
    int channels =
        client.find(ClientNetworkData.class).map(n -> n.channelDefArray().size()).orElse(0);
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < channels; i++) {
      ids.add(ServerNetworkData.IO_CHANNEL_ID + 1 + i);
    }
    List<ServerDataBlock> blocks = new ArrayList<>();
    blocks.add(
        ServerCoreData.of(
            RdpVersion.RDP_10_7,
            endpoint.offered(),
            new ServerEarlyCapabilityFlags(
                ServerEarlyCapabilityFlags.RNS_UD_SC_DYNAMIC_DST_SUPPORTED)));
    // Windows' order (MS-RDPBCGR 4.1.4): core, network, security; rdesktop reads the security
    // block's certificate tags up to the end of the blocks, so it must be the last it reads
    blocks.add(ServerNetworkData.of(ServerNetworkData.IO_CHANNEL_ID, ids));
    StandardSecurityServer standard = endpoint.standard();
    if (standard == null) {
      blocks.add(ServerSecurityData.none());
    } else {
      ServerSecurityData sec = standard.answer(client.security().orElse(null));
      if (sec == null) {
        // a Windows server at HIGH or FIPS turns away a client without the method it needs
        endpoint.noteFact(
            "the client offers no encryption method level "
                + StandardSecurityServer.level(endpoint.scenario())
                + " allows ("
                + client.security().map(c -> c.encryptionMethods().toString()).orElse("none")
                + ")");
        endpoint.closeNow(ServerConnector.CloseAction.FIN, "no encryption method in common");
        return;
      }
      blocks.add(sec);
    }
    Integer messageChannel = null;
    if (client.get(0xC006).isPresent()) { // CS_MCS_MSGCHANNEL
      messageChannel = ServerNetworkData.IO_CHANNEL_ID + 1 + channels;
      blocks.add(new ServerMessageChannelData(messageChannel));
    }
    if (client.get(0xC00A).isPresent()) { // CS_MULTITRANSPORT: offer what Windows offers
      blocks.add(
          new ServerMultitransportChannelData(
              new MultitransportFlags(
                  MultitransportFlags.TRANSPORTTYPE_UDPFECR
                      | MultitransportFlags.TRANSPORTTYPE_UDP_PREFERRED)));
    }
    activation.channels(ServerNetworkData.IO_CHANNEL_ID, messageChannel);
    McsConnectResponse response =
        McsConnectResponse.success(
            Octets.encode(
                ConferenceCreateResponse.of(
                    ServerDataBlocks.of(blocks.toArray(ServerDataBlock[]::new)))));
    endpoint.sendMcsPdu(response, response);
  }
}
