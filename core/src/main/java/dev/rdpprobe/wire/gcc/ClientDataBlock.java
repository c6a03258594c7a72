package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A client data block of the GCC Conference Create Request (MS-RDPBCGR 2.2.1.3.2 to 2.2.1.3.9),
 * with its TS_UD_HEADER. Block types this codec does not know stay {@link RawDataBlock}s.
 */
public sealed interface ClientDataBlock extends Pdu
    permits ClientCoreData,
        ClientSecurityData,
        ClientNetworkData,
        ClientClusterData,
        ClientMonitorData,
        ClientMessageChannelData,
        ClientMultitransportChannelData,
        RawDataBlock {

  int CS_CORE = 0xC001;
  int CS_SECURITY = 0xC002;
  int CS_NET = 0xC003;
  int CS_CLUSTER = 0xC004;
  int CS_MONITOR = 0xC005;
  int CS_MCS_MSGCHANNEL = 0xC006;
  int CS_MONITOR_EX = 0xC008;
  int CS_MULTITRANSPORT = 0xC00A;

  /** The block type of the TS_UD_HEADER. */
  int type();

  /** Reads one block, chosen by its type. */
  static ClientDataBlock decode(ByteBuf in) {
    Wire.ensure(in, UserDataHeader.FIXED_PART_SIZE, UserDataHeader.NAME, "header");
    return switch (in.getUnsignedShortLE(in.readerIndex())) {
      case CS_CORE -> ClientCoreData.decode(in);
      case CS_SECURITY -> ClientSecurityData.decode(in);
      case CS_NET -> ClientNetworkData.decode(in);
      case CS_CLUSTER -> ClientClusterData.decode(in);
      case CS_MONITOR -> ClientMonitorData.decode(in);
      case CS_MCS_MSGCHANNEL -> ClientMessageChannelData.decode(in);
      case CS_MULTITRANSPORT -> ClientMultitransportChannelData.decode(in);
      default -> RawDataBlock.decode(in);
    };
  }
}
