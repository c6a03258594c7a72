package dev.rdpprobe.emulate;

import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.license.LicensePdu;
import dev.rdpprobe.wire.mcs.DisconnectProviderReason;
import dev.rdpprobe.wire.mcs.DisconnectProviderUltimatum;
import dev.rdpprobe.wire.mcs.SendDataIndication;
import dev.rdpprobe.wire.mcs.SendDataRequest;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportRequest;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportResponse;
import dev.rdpprobe.wire.multitransport.RequestedProtocol;
import dev.rdpprobe.wire.sec.ClientInfoPdu;
import dev.rdpprobe.wire.sec.SecurityFlags;
import dev.rdpprobe.wire.share.ConfirmActivePdu;
import dev.rdpprobe.wire.share.ControlAction;
import dev.rdpprobe.wire.share.ControlPdu;
import dev.rdpprobe.wire.share.DefaultCapabilities;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.share.ErrorInfo;
import dev.rdpprobe.wire.share.FontListPdu;
import dev.rdpprobe.wire.share.FontMapPdu;
import dev.rdpprobe.wire.share.SetErrorInfoPdu;
import dev.rdpprobe.wire.share.ShareControlPdu;
import dev.rdpprobe.wire.share.StreamId;
import dev.rdpprobe.wire.share.SynchronizePdu;
import dev.rdpprobe.wire.slowpath.ServerSlowPath;
import io.netty.buffer.ByteBuf;

/**
 * The emulator's side of everything after the channel joins: the Client Info PDU, licensing (a
 * License Error with STATUS_VALID_CLIENT, as a server that needs no license sends), multitransport
 * bootstrapping when the scenario asks for it, the Demand Active, and finalization up to the Font
 * Map. Scenarios end it early with a Set Error Info PDU, a reset or silence.
 */
final class ActivationServer {
  /** The server's MCS user id, the initiator of its Send Data Indications. */
  static final int SERVER_USER = DemandActivePdu.SERVER_CHANNEL_ID;

  /** The share id of the emulator's Demand Active. */
  static final int SHARE_ID = 0x000103EA;

  /** The request id of the emulator's Initiate Multitransport Request. */
  static final int MULTITRANSPORT_REQUEST_ID = 0x0000_0001;

  private final ServerConnector endpoint;
  private final Scenario scenario;
  private int ioChannel;
  private Integer messageChannel;

  ActivationServer(ServerConnector endpoint, Scenario scenario) {
    this.endpoint = endpoint;
    this.scenario = scenario;
  }

  /** The channels the MCS server assigned. */
  void channels(int io, Integer message) {
    this.ioChannel = io;
    this.messageChannel = message;
  }

  /** A Send Data Request from the client: its PDU is decoded, recorded and answered. */
  void onData(SendDataRequest request, ByteBuf frame) {
    ByteBuf data = request.userData().asByteBuf();
    Pdu pdu;
    try {
      pdu = decode(data);
    } catch (DecodeException e) {
      endpoint.malformedFrame(frame, e);
      return;
    }
    endpoint.receivedPdu(pdu, frame);
    if (pdu instanceof ClientInfoPdu) {
      endpoint.enter(Phase.LICENSING);
      afterClientInfo();
    } else if (pdu instanceof InitiateMultitransportResponse) {
      demandActive();
    } else if (pdu instanceof ConfirmActivePdu) {
      endpoint.enter(Phase.FINALIZATION);
    } else if (pdu instanceof SynchronizePdu) {
      send(SynchronizePdu.of(SERVER_USER, SHARE_ID, StreamId.STREAM_LOW, request.initiator()));
    } else if (pdu instanceof ControlPdu control
        && control.action().equals(ControlAction.CTRLACTION_COOPERATE)) {
      send(controlPdu(ControlAction.CTRLACTION_COOPERATE, 0, 0));
    } else if (pdu instanceof ControlPdu control
        && control.action().equals(ControlAction.CTRLACTION_REQUEST_CONTROL)) {
      send(controlPdu(ControlAction.CTRLACTION_GRANTED_CONTROL, request.initiator(), SERVER_USER));
    } else if (pdu instanceof FontListPdu) {
      send(FontMapPdu.of(SERVER_USER, SHARE_ID, StreamId.STREAM_LOW));
      endpoint.noteFact("the session is active");
    } else {
      endpoint.noteFact("not answered: " + pdu.name());
    }
  }

  private static Pdu decode(ByteBuf data) {
    int length = data.readableBytes();
    if (length >= 4 && ServerSlowPath.isShareControl(data, data.readerIndex(), length)) {
      return ShareControlPdu.decode(data);
    }
    SecurityFlags flags = new SecurityFlags(data.getUnsignedShortLE(data.readerIndex()));
    if (flags.has(SecurityFlags.SEC_INFO_PKT)) {
      return ClientInfoPdu.decode(data);
    }
    if (flags.has(SecurityFlags.SEC_TRANSPORT_RSP)) {
      return InitiateMultitransportResponse.decode(data);
    }
    return LicensePdu.decode(data);
  }

  private void afterClientInfo() {
    switch (scenario) {
      case LICENSING_RST ->
          endpoint.closeNow(ServerConnector.CloseAction.RST, "scenario: RST during licensing");
      case LICENSING_SILENCE -> endpoint.noteFact("scenario: silent during licensing");
      case SET_ERROR_INFO_DENIED -> refuse(ErrorInfo.SERVER_DENIED_CONNECTION);
      case SET_ERROR_INFO_INSUFFICIENT_PRIVILEGES ->
          refuse(ErrorInfo.SERVER_INSUFFICIENT_PRIVILEGES);
      case SET_ERROR_INFO_NO_LICENSE -> refuse(ErrorInfo.LICENSE_NO_LICENSE);
      default -> {
        send(LicensePdu.validClient());
        if (messageChannel != null
            && (scenario == Scenario.MULTITRANSPORT_UDP_ANSWERS
                || scenario == Scenario.MULTITRANSPORT_UDP_UNREACHABLE)) {
          endpoint.enter(Phase.MULTITRANSPORT);
          InitiateMultitransportRequest request =
              InitiateMultitransportRequest.of(
                  MULTITRANSPORT_REQUEST_ID,
                  RequestedProtocol.UDPFECR,
                  Octets.of(new byte[InitiateMultitransportRequest.COOKIE_SIZE]));
          sendOn(messageChannel, request);
        } else {
          demandActive();
        }
      }
    }
  }

  /**
   * Set Error Info, then Disconnect Provider Ultimatum, then FIN: how Windows turns a client away.
   */
  private void refuse(ErrorInfo info) {
    send(SetErrorInfoPdu.of(SERVER_USER, SHARE_ID, info));
    DisconnectProviderUltimatum dpum =
        DisconnectProviderUltimatum.of(DisconnectProviderReason.RN_PROVIDER_INITIATED);
    endpoint.sendMcsPdu(dpum, dpum);
    endpoint.closeNow(ServerConnector.CloseAction.FIN, "scenario: " + info.name() + ", then FIN");
  }

  private void demandActive() {
    endpoint.enter(Phase.CAPABILITIES);
    send(DemandActivePdu.of(SERVER_USER, SHARE_ID, DefaultCapabilities.server(1024, 768, 24)));
  }

  private ControlPdu controlPdu(ControlAction action, int grantId, int controlId) {
    return ControlPdu.of(SERVER_USER, SHARE_ID, StreamId.STREAM_LOW, action, grantId, controlId);
  }

  private void send(Pdu pdu) {
    sendOn(ioChannel, pdu);
  }

  private void sendOn(int channel, Pdu pdu) {
    endpoint.sendMcsPdu(SendDataIndication.of(SERVER_USER, channel, Octets.encode(pdu)), pdu);
  }
}
