/**
 * MS-RDPEUDP, the UDP transport a server offers with an Initiate Multitransport Request: the
 * RDPUDP_FEC_HEADER every version 1 datagram starts with and the payloads of the connection
 * handshake (SYNDATA, CORRELATION_ID, SYNDATAEX), enough to send the probe's SYN to UDP/3389 and
 * read the server's SYN+ACK. Every field is big-endian (network order), unlike the rest of RDP.
 */
package dev.rdpprobe.wire.udp;
