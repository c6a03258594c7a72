package dev.rdpprobe.connect;

import dev.rdpprobe.rdpsec.SendDataSecurity;
import dev.rdpprobe.tls.TlsClientSession;
import dev.rdpprobe.wire.gcc.ServerDataBlocks;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.util.Objects;

/**
 * What the client sequence knows once a phase is complete: the data the next step needs, so that a
 * step is built from the state before it and never reads a shared blackboard.
 */
sealed interface SequenceState {
  /** The X.224 negotiation selected {@code selected} (RDP when the confirm had no negotiation). */
  record Negotiated(SecurityProtocols offered, SecurityProtocols selected)
      implements SequenceState {}

  /** TLS is up over the selected protocol. */
  record Secured(SecurityProtocols selected, TlsClientSession tls) implements SequenceState {}

  /** CredSSP ended with the server's proof checked (and Restricted Admin credentials sent). */
  record Authenticated(SecurityProtocols selected) implements SequenceState {}

  /** The Early User Authorization Result said AUTHZ_SUCCESS. */
  record Authorized(SecurityProtocols selected) implements SequenceState {}

  /** The MCS Connect Response came with the server's data blocks. */
  record SettingsExchanged(SecurityProtocols selected, ServerDataBlocks server)
      implements SequenceState {
    /** The I/O channel (SC_NET is present: the step checked). */
    int ioChannel() {
      return server.network().orElseThrow().mcsChannelId();
    }

    /** The message channel, or -1 when the server has none. */
    int messageChannel() {
      return server.messageChannel().map(m -> m.mcsChannelId()).orElse(-1);
    }
  }

  /**
   * Every channel is joined; the server gave the user channel {@code userChannelId}.
   *
   * @param userData how the user data of Send Data PDUs travels from here on: in the clear until a
   *     Security Exchange sets up Standard RDP Security
   */
  record ChannelsJoined(SettingsExchanged settings, int userChannelId, SendDataSecurity userData)
      implements SequenceState {
    public ChannelsJoined {
      Objects.requireNonNull(userData, "userData");
    }

    /** The channels joined, their user data in the clear. */
    ChannelsJoined(SettingsExchanged settings, int userChannelId) {
      this(settings, userChannelId, SendDataSecurity.clear());
    }

    /**
     * Whether Standard RDP Security needs its Security Exchange before the Client Info: the server
     * selected PROTOCOL_RDP with an encryption method (at level NONE there is no exchange).
     */
    boolean needsSecurityExchange() {
      return settings.selected().equals(SecurityProtocols.RDP)
          && userData.standard().isEmpty()
          && settings.server().security().map(s -> s.encryptionMethod().bits() != 0).orElse(false);
    }
  }

  /** The Security Exchange PDU went out; {@code channels} carry the session's keys. */
  record SecurityExchanged(ChannelsJoined channels) implements SequenceState {}

  /** The Client Info PDU went out. */
  record InfoSent(ChannelsJoined channels) implements SequenceState {}

  /** Licensing is over. */
  record Licensed(ChannelsJoined channels) implements SequenceState {}

  /** Multitransport bootstrapping is over. */
  record TransportsSettled(ChannelsJoined channels) implements SequenceState {}

  /** The server's Demand Active came (and the Confirm Active went when the sequence goes on). */
  record Activated(ChannelsJoined channels, DemandActivePdu demandActive)
      implements SequenceState {}

  /** The server's Font Map came: the session is active. */
  record Finalized() implements SequenceState {}
}
