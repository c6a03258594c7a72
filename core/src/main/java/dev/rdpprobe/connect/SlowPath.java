package dev.rdpprobe.connect;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.mcs.SendDataRequest;

/** Sending the probe's PDUs after the Client Info PDU, in Send Data Requests from its user. */
final class SlowPath {
  private SlowPath() {}

  /** Sends {@code pdu} on the I/O channel. */
  static void sendOnIoChannel(Pdu pdu, StepContext ctx) {
    send(pdu, ctx.facts().basicSettings().network().mcsChannelId(), ctx);
  }

  /** Sends {@code pdu} on {@code channelId}, recorded as itself. */
  static void send(Pdu pdu, int channelId, StepContext ctx) {
    int user = ctx.facts().channels().userChannelId();
    ctx.sendMcs(SendDataRequest.of(user, channelId, Octets.encode(pdu)), pdu);
  }

  /** The step that takes a PDU the server sends once licensing is done. */
  static Step afterLicensing(StepContext ctx) {
    BasicSettingsFacts settings = ctx.facts().basicSettings();
    boolean offered =
        ctx.config().multitransport()
            && settings.multitransport() != null
            && settings.messageChannel() != null;
    return offered ? new MultitransportStep() : new CapabilitiesStep();
  }
}
