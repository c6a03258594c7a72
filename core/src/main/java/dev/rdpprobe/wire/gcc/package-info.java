/**
 * GCC Conference Create Request and Response (T.124, ALIGNED PER) and the client and server data
 * blocks they carry (MS-RDPBCGR 2.2.1.3 and 2.2.1.4): core, security, network, cluster, monitor,
 * message channel and multitransport data, and the server's certificate (proprietary or X.509).
 * Blocks the project does not decode are kept raw.
 */
package dev.rdpprobe.wire.gcc;
