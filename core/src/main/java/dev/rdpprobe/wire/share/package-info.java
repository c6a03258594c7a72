/**
 * Share-layer PDUs (MS-RDPBCGR 2.2.1.13 onwards): the Share Control and Share Data headers, the
 * capabilities exchange (Demand Active, Confirm Active, the capability sets), Deactivate All, the
 * connection finalization Data PDUs (Synchronize, Control, Font List, Font Map), the Set Error Info
 * PDU with its codes ({@link dev.rdpprobe.wire.share.ErrorInfo}) that say why a server ends a
 * connection, and the Save Session Info PDU with its logon error notifications. {@link
 * dev.rdpprobe.wire.share.ShareControlPdu#decode} dispatches on pduType and pduType2; {@link
 * dev.rdpprobe.wire.share.SlowPathPdu} adds the optional security header in front.
 */
package dev.rdpprobe.wire.share;
