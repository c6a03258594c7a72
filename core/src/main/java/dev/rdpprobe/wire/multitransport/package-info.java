/**
 * Multitransport bootstrapping (MS-RDPBCGR 2.2.15): the server's Initiate Multitransport Request,
 * which offers a UDP side channel (MS-RDPEUDP) with a request id and a security cookie, and the
 * client's Initiate Multitransport Response, which accepts it or declines with E_ABORT. Both travel
 * on the MCS message channel after a Basic Security Header with SEC_TRANSPORT_REQ or
 * SEC_TRANSPORT_RSP.
 */
package dev.rdpprobe.wire.multitransport;
