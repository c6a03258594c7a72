package dev.rdpprobe.connect;

import dev.rdpprobe.rdpsec.SendDataSecurity;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.mcs.SendDataRequest;

/** Sending the probe's PDUs from the Client Info PDU on, in Send Data Requests from its user. */
final class SlowPath {
  private SlowPath() {}

  /** Sends {@code pdu} on the I/O channel. */
  static void sendOnIoChannel(Pdu pdu, SequenceState.ChannelsJoined channels, StepContext ctx) {
    send(pdu, channels.settings().ioChannel(), channels, ctx);
  }

  /**
   * Sends {@code pdu} on {@code channelId}, recorded as itself; its user data protected as the
   * channels' security says (encrypted and signed under Standard RDP Security).
   */
  static void send(Pdu pdu, int channelId, SequenceState.ChannelsJoined channels, StepContext ctx) {
    SendDataSecurity.Wrapped w = channels.userData().wrap(pdu);
    ctx.sendMcs(
        SendDataRequest.of(channels.userChannelId(), channelId, w.userData()),
        pdu,
        w.protection().isEmpty() ? pdu.summary() : pdu.summary() + " [" + w.protection() + "]");
  }
}
