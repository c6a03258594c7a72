/**
 * T.125 MCS: the BER Connect Initial and Connect Response (MS-RDPBCGR 2.2.1.3, 2.2.1.4), the
 * ALIGNED PER domain PDUs (Erect Domain, Attach User, Channel Join, Send Data, Disconnect Provider
 * Ultimatum; MS-RDPBCGR 2.2.1.5 to 2.2.1.8) and the Send Data envelope read and written once
 * (ARCHITECTURE.md, Rules: envelope once).
 */
package dev.rdpprobe.wire.mcs;
