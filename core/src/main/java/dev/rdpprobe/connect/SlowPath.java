package dev.rdpprobe.connect;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.mcs.SendDataRequest;

/** Sending the probe's PDUs after the Client Info PDU, in Send Data Requests from its user. */
final class SlowPath {
  private SlowPath() {}

  /** Sends {@code pdu} on the I/O channel. */
  static void sendOnIoChannel(Pdu pdu, SequenceState.ChannelsJoined channels, StepContext ctx) {
    send(pdu, channels.settings().ioChannel(), channels, ctx);
  }

  /** Sends {@code pdu} on {@code channelId}, recorded as itself. */
  static void send(Pdu pdu, int channelId, SequenceState.ChannelsJoined channels, StepContext ctx) {
    ctx.sendMcs(SendDataRequest.of(channels.userChannelId(), channelId, Octets.encode(pdu)), pdu);
  }
}
