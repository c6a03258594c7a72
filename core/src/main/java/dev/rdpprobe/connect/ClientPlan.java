package dev.rdpprobe.connect;

import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.wire.credssp.TsRequest;
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
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.gcc.MultitransportFlags;
import dev.rdpprobe.wire.sec.AddressFamily;
import dev.rdpprobe.wire.sec.ClientInfoPdu;
import dev.rdpprobe.wire.share.ConfirmActivePdu;
import dev.rdpprobe.wire.x224.NegotiationRequest;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the client says in each PDU it sends: the steps take their PDUs from a plan, so a probe's
 * default comes from its {@link ConnectorConfig} and a replay's from a captured client. What only
 * the server decides (the channel ids, the share id, the selected protocol) comes in as arguments;
 * randomness and secrets are the connector's.
 */
public interface ClientPlan {
  /** The X.224 Connection Request: cookie or routing token, RDP_NEG_REQ, correlation info. */
  X224ConnectionRequest connectionRequest();

  /** What the TLS ClientHello offers. */
  TlsOffer tlsOffer();

  /**
   * The server's name as the user gave it (SNI when a DNS name and the offer says so, and the name
   * certificate objections are checked against), or {@code null}.
   */
  String serverName();

  /**
   * The TSRequest version the client sends in every CredSSP message (MS-CSSP 2.2.1): the current
   * one, 6, unless a replay brings a captured client's.
   */
  default int credSspVersion() {
    return TsRequest.CURRENT_VERSION;
  }

  /** The MCS Connect Initial's GCC request, for a server that selected {@code selected}. */
  ConferenceCreateRequest conferenceRequest(SecurityProtocols selected);

  /** The Client Info PDU. */
  ClientInfoPdu clientInfo();

  /** The Confirm Active PDU that answers a Demand Active of {@code shareId}. */
  ConfirmActivePdu confirmActive(int shareId, int userChannelId);

  /** The plan a probe with {@code config} follows. */
  static ClientPlan of(ConnectorConfig config) {
    return new ProbePlan(config);
  }

  /** The probe's own plan: a Windows-like client that asks for nothing it does not need. */
  final class ProbePlan implements ClientPlan {
    /** The client name the probe gives: what an administrator sees in the session list. */
    public static final String CLIENT_NAME = "rdp-probe";

    /** The desktop of the probe's CS_CORE and Confirm Active (1024x768, 24 bpp). */
    static final int DESKTOP_WIDTH = 1024;

    static final int DESKTOP_HEIGHT = 768;
    static final int BITS_PER_PIXEL = 24;

    private final ConnectorConfig config;

    ProbePlan(ConnectorConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public X224ConnectionRequest connectionRequest() {
      return new X224ConnectionRequest(
          0,
          0,
          0,
          config.token(),
          new NegotiationRequest(config.requestFlags(), config.requestedProtocols()),
          config.correlationInfo());
    }

    @Override
    public TlsOffer tlsOffer() {
      return config.tlsOffer();
    }

    @Override
    public String serverName() {
      return config.serverName();
    }

    @Override
    public ConferenceCreateRequest conferenceRequest(SecurityProtocols selected) {
      List<ClientDataBlock> blocks = new ArrayList<>();
      blocks.add(ClientCoreData.forProbe(CLIENT_NAME, selected));
      blocks.add(new ClientSecurityData(config.encryptionMethods(), EncryptionMethods.NONE));
      List<ChannelDef> channels = new ArrayList<>();
      for (String name : config.staticChannels()) {
        channels.add(
            new ChannelDef(name, new ChannelOptions(ChannelOptions.CHANNEL_OPTION_INITIALIZED)));
      }
      blocks.add(new ClientNetworkData(channels));
      blocks.add(
          new ClientClusterData(
              new ClusterFlags(ClusterFlags.REDIRECTION_SUPPORTED | (4 << 2)), 0));
      if (config.multitransport()) {
        blocks.add(new ClientMessageChannelData(0));
        blocks.add(
            new ClientMultitransportChannelData(
                new MultitransportFlags(
                    MultitransportFlags.TRANSPORTTYPE_UDPFECR
                        | MultitransportFlags.TRANSPORTTYPE_UDPFECL
                        | MultitransportFlags.TRANSPORTTYPE_UDP_PREFERRED)));
      }
      return ConferenceCreateRequest.of(
          ClientDataBlocks.of(blocks.toArray(ClientDataBlock[]::new)));
    }

    @Override
    public ClientInfoPdu clientInfo() {
      // no credential: a server that goes on shows its logon screen to nobody
      return ClientInfoPdu.withoutCredentials(AddressFamily.AF_INET, "0.0.0.0");
    }

    @Override
    public ConfirmActivePdu confirmActive(int shareId, int userChannelId) {
      return ConfirmActivePdu.probe(
          shareId, userChannelId, DESKTOP_WIDTH, DESKTOP_HEIGHT, BITS_PER_PIXEL);
    }
  }
}
