/**
 * TPKT (RFC 1006) and the X.224 class 0 TPDUs RDP uses (Connection Request and Confirm, Data,
 * Disconnect Request, TPDU Error), with the RDP negotiation structures they carry (MS-RDPBCGR
 * 2.2.1.1 and 2.2.1.2: cookie or routing token, RDP_NEG_REQ, RDP_NEG_RSP, RDP_NEG_FAILURE,
 * RDP_NEG_CORRELATION_INFO).
 */
package dev.rdpprobe.wire.x224;
