package dev.rdpprobe.emulate;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.udp.FecHeader;
import dev.rdpprobe.wire.udp.RdpudpDatagram;
import dev.rdpprobe.wire.udp.RdpudpFlags;
import dev.rdpprobe.wire.udp.SynDataExPayload;
import dev.rdpprobe.wire.udp.SynDataPayload;
import dev.rdpprobe.wire.udp.UdpVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * The UDP side of {@link Scenario#MULTITRANSPORT_UDP_ANSWERS}: answers each RDP-UDP SYN with a
 * SYN+ACK (MS-RDPEUDP 3.1.5.1.2) that acknowledges the client's initial sequence number, and
 * ignores anything else. It goes no further: no DTLS, no tunnel.
 */
final class UdpResponder extends SimpleChannelInboundHandler<DatagramPacket> {
  /** The emulator's initial sequence number. */
  static final int SERVER_ISN = 0x5EED_0001;

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    RdpudpDatagram syn;
    try {
      syn = RdpudpDatagram.decode(packet.content().duplicate());
    } catch (DecodeException e) {
      return;
    }
    if (syn.synData() == null || syn.header().uFlags().has(RdpudpFlags.RDPUDP_FLAG_ACK)) {
      return;
    }
    RdpudpDatagram synAck =
        new RdpudpDatagram(
            new FecHeader(
                syn.synData().snInitialSequenceNumber(),
                RdpudpDatagram.PROBE_RECEIVE_WINDOW,
                new RdpudpFlags(
                    RdpudpFlags.RDPUDP_FLAG_SYN
                        | RdpudpFlags.RDPUDP_FLAG_ACK
                        | RdpudpFlags.RDPUDP_FLAG_SYNEX)),
            new SynDataPayload(SERVER_ISN, SynDataPayload.MTU_MAX, SynDataPayload.MTU_MAX),
            null,
            SynDataExPayload.of(UdpVersion.RDPUDP_PROTOCOL_VERSION_2),
            Octets.EMPTY);
    ByteBuf out = Unpooled.wrappedBuffer(Octets.encode(synAck).toByteArray());
    ctx.writeAndFlush(new DatagramPacket(out, packet.sender()));
  }
}
