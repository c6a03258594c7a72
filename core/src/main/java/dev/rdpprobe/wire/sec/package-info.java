/**
 * Security headers (MS-RDPBCGR 2.2.8.1.1.2) and the PDUs sent with them before and at the Secure
 * Settings Exchange: the Client Info PDU (2.2.1.11) and its extended info packet, and the raw
 * security PDUs the probe records by name.
 */
package dev.rdpprobe.wire.sec;
