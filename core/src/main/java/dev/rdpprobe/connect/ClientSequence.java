package dev.rdpprobe.connect;

import dev.rdpprobe.connect.SequenceState.Activated;
import dev.rdpprobe.connect.SequenceState.Authenticated;
import dev.rdpprobe.connect.SequenceState.Authorized;
import dev.rdpprobe.connect.SequenceState.ChannelsJoined;
import dev.rdpprobe.connect.SequenceState.Finalized;
import dev.rdpprobe.connect.SequenceState.InfoSent;
import dev.rdpprobe.connect.SequenceState.Licensed;
import dev.rdpprobe.connect.SequenceState.Negotiated;
import dev.rdpprobe.connect.SequenceState.Secured;
import dev.rdpprobe.connect.SequenceState.SecurityExchanged;
import dev.rdpprobe.connect.SequenceState.SettingsExchanged;
import dev.rdpprobe.connect.SequenceState.TransportsSettled;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.gcc.ClientSecurityData;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportRequest;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.util.Objects;

/**
 * The client's connection sequence (MS-RDPBCGR 1.3.1.1), every branch in one place, top to bottom:
 *
 * <pre>
 * X.224 negotiation
 *   selected SSL, HYBRID, HYBRID_EX -> TLS handshake
 *        SSL -> basic settings
 *        HYBRID -> CredSSP -> basic settings
 *        HYBRID_EX -> CredSSP -> early user authorization -> basic settings
 *        RDSTLS, RDSAAD -> not followed
 *   selected RDP (Standard RDP Security) -> basic settings in the clear
 * basic settings (MCS Connect Initial / Response) -> channel connection
 * channel connection
 *   over TLS, or Standard RDP Security at level NONE -> secure settings (Client Info)
 *   Standard RDP Security with an encryption method -> security exchange -> secure settings,
 *        every Send Data PDU from here on encrypted and signed as the level says
 * secure settings -> licensing
 * licensing
 *   a multitransport request came, or UDP was offered and advertised -> multitransport
 *   otherwise -> capabilities
 * multitransport -> capabilities (Demand Active)
 * capabilities -> finalization, when asked to go on
 * </pre>
 *
 * Where the probe stops is the connector's business ({@link ConnectorConfig#stopAfter()}); this
 * class only says what follows what.
 */
final class ClientSequence {
  private final ConnectorConfig config;
  private final ClientPlan plan;
  private TlsHandshakeStep.Hello hello;

  ClientSequence(ConnectorConfig config, ClientPlan plan) {
    this.config = Objects.requireNonNull(config, "config");
    this.plan = Objects.requireNonNull(plan, "plan");
  }

  /**
   * Makes the ClientHello now, when the offer may lead to TLS and the probe goes that far: the work
   * is done before the connection instead of between the Connection Confirm and the hello.
   */
  void prepare() {
    var request = plan.connectionRequest().negotiationRequest();
    boolean tlsPossible =
        request != null && !request.requestedProtocols().equals(SecurityProtocols.RDP);
    if (tlsPossible && config.stopAfter().isAfter(Phase.X224_NEGOTIATION) && hello == null) {
      hello =
          new TlsHandshakeStep.Hello(
              plan.tlsOffer(), plan.serverName(), config.keyLog(), config.trustAnchors());
    }
  }

  /** The first step, once TCP is up. */
  Step first() {
    return new X224NegotiationStep(plan.connectionRequest());
  }

  /**
   * The step after a complete phase, or {@code null} where the probe does not follow the server.
   *
   * @param opening a server PDU that already belongs to the next phase, or {@code null}
   */
  Step next(SequenceState reached, Pdu opening) {
    if (reached instanceof Negotiated n) {
      return n.selected().usesTls()
          ? new TlsHandshakeStep(n, takeHello())
          // Standard RDP Security: MCS runs in the clear until the Security Exchange
          : basicSettings(n.selected());
    }
    if (reached instanceof Secured s) {
      if (s.selected().equals(SecurityProtocols.SSL)) {
        return basicSettings(s.selected());
      }
      if (isHybrid(s.selected())) {
        return new CredSspStep(
            s.selected(),
            s.tls(),
            s.tls().facts().leaf().orElse(null),
            config.credentials(),
            config.restrictedAdmin(),
            plan.serverName(),
            plan.credSspVersion());
      }
      return null; // RDSTLS and RDSAAD go on with PDUs the probe does not follow
    }
    if (reached instanceof Authenticated a) {
      return a.selected().equals(SecurityProtocols.HYBRID_EX)
          ? new EarlyUserAuthStep(a.selected())
          : basicSettings(a.selected());
    }
    if (reached instanceof Authorized a) {
      return basicSettings(a.selected());
    }
    if (reached instanceof SettingsExchanged s) {
      return new ChannelConnectStep(s);
    }
    if (reached instanceof ChannelsJoined c) {
      return c.needsSecurityExchange()
          ? new SecurityExchangeStep(c, offeredMethods(c.settings().selected()))
          : new SecureSettingsStep(c, plan);
    }
    if (reached instanceof SecurityExchanged x) {
      return new SecureSettingsStep(x.channels(), plan);
    }
    if (reached instanceof InfoSent i) {
      return new LicensingStep(i.channels());
    }
    if (reached instanceof Licensed l) {
      boolean requested = opening instanceof InitiateMultitransportRequest;
      boolean offered = opening == null && multitransportOffered(l.channels());
      return requested || offered
          ? new MultitransportStep(l.channels(), config)
          : capabilities(l.channels());
    }
    if (reached instanceof TransportsSettled t) {
      return capabilities(t.channels());
    }
    if (reached instanceof Activated a) {
      return new FinalizationStep(a);
    }
    if (reached instanceof Finalized) {
      return null;
    }
    throw new IllegalArgumentException("no step follows " + reached);
  }

  /** The ClientHello made ahead of time, or one made now. */
  private TlsHandshakeStep.Hello takeHello() {
    TlsHandshakeStep.Hello h =
        hello != null
            ? hello
            : new TlsHandshakeStep.Hello(
                plan.tlsOffer(), plan.serverName(), config.keyLog(), config.trustAnchors());
    hello = null;
    return h;
  }

  private Step capabilities(ChannelsJoined channels) {
    return new CapabilitiesStep(channels, plan, config.stopAfter().isAfter(Phase.CAPABILITIES));
  }

  private Step basicSettings(SecurityProtocols selected) {
    return new BasicSettingsStep(selected, plan.conferenceRequest(selected));
  }

  /** The encryption methods the client's Security Data offers. */
  private EncryptionMethods offeredMethods(SecurityProtocols selected) {
    return plan.conferenceRequest(selected)
        .userData()
        .security()
        .map(ClientSecurityData::encryptionMethods)
        .orElse(EncryptionMethods.NONE);
  }

  /** Whether both sides offered UDP multitransport, so the server may send requests. */
  private boolean multitransportOffered(ChannelsJoined channels) {
    SettingsExchanged s = channels.settings();
    return config.multitransport()
        && s.server().multitransport().isPresent()
        && s.server().messageChannel().isPresent();
  }

  /** Whether a selected protocol runs CredSSP: HYBRID or HYBRID_EX. */
  static boolean isHybrid(SecurityProtocols selected) {
    return selected.equals(SecurityProtocols.HYBRID)
        || selected.equals(SecurityProtocols.HYBRID_EX);
  }
}
