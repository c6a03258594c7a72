package dev.rdpprobe.facts;

import dev.rdpprobe.wire.gcc.ServerCoreData;
import dev.rdpprobe.wire.gcc.ServerMessageChannelData;
import dev.rdpprobe.wire.gcc.ServerMultitransportChannelData;
import dev.rdpprobe.wire.gcc.ServerNetworkData;
import dev.rdpprobe.wire.gcc.ServerSecurityData;
import dev.rdpprobe.wire.mcs.McsResult;

/**
 * What the MCS Connect Response and its GCC server data blocks said (MS-RDPBCGR 2.2.1.4). A block
 * the server left out is {@code null}.
 *
 * @param result the MCS Connect Response result
 * @param core SC_CORE: the server's RDP version, the echoed requested protocols, early capability
 *     flags
 * @param security SC_SECURITY: encryption method and level (0/0 under TLS)
 * @param network SC_NET: the I/O channel and the static channels' ids
 * @param messageChannel SC_MCS_MSGCHANNEL: the message channel (multitransport, auto-detect)
 * @param multitransport SC_MULTITRANSPORT: the UDP transports the server offers
 */
public record BasicSettingsFacts(
    McsResult result,
    ServerCoreData core,
    ServerSecurityData security,
    ServerNetworkData network,
    ServerMessageChannelData messageChannel,
    ServerMultitransportChannelData multitransport) {}
