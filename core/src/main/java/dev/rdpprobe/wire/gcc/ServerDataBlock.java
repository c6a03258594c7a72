package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A server data block of the GCC Conference Create Response (MS-RDPBCGR 2.2.1.4.2 to 2.2.1.4.6),
 * with its TS_UD_HEADER. Block types this codec does not know stay {@link RawDataBlock}s.
 */
public sealed interface ServerDataBlock extends Pdu
    permits ServerCoreData,
        ServerSecurityData,
        ServerNetworkData,
        ServerMessageChannelData,
        ServerMultitransportChannelData,
        RawDataBlock {

  int SC_CORE = 0x0C01;
  int SC_SECURITY = 0x0C02;
  int SC_NET = 0x0C03;
  int SC_MCS_MSGCHANNEL = 0x0C04;
  int SC_MULTITRANSPORT = 0x0C08;

  /** The block type of the TS_UD_HEADER. */
  int type();

  /** Reads one block, chosen by its type. */
  static ServerDataBlock decode(ByteBuf in) {
    Wire.ensure(in, UserDataHeader.FIXED_PART_SIZE, UserDataHeader.NAME, "header");
    return switch (in.getUnsignedShortLE(in.readerIndex())) {
      case SC_CORE -> ServerCoreData.decode(in);
      case SC_SECURITY -> ServerSecurityData.decode(in);
      case SC_NET -> ServerNetworkData.decode(in);
      case SC_MCS_MSGCHANNEL -> ServerMessageChannelData.decode(in);
      case SC_MULTITRANSPORT -> ServerMultitransportChannelData.decode(in);
      default -> RawDataBlock.decode(in);
    };
  }
}
