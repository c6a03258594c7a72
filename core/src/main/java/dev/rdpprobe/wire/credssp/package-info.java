/**
 * CredSSP (MS-CSSP): the DER-encoded {@link dev.rdpprobe.wire.credssp.TsRequest} of every message
 * of the exchange, with its NTSTATUS {@code errorCode} ({@link dev.rdpprobe.wire.credssp.NtStatus})
 * and a framing hint; the Early User Authorization Result of PROTOCOL_HYBRID_EX (MS-RDPBCGR
 * 2.2.10.2); and, for the emulator only, a decoder of the delegated {@link
 * dev.rdpprobe.wire.credssp.TsCredentials}. There is deliberately no TSCredentials encoder: the
 * probe proves credentials and never delegates them. The NTLM messages inside the negoTokens are in
 * {@link dev.rdpprobe.wire.ntlm}; the cryptography in {@link dev.rdpprobe.ntlm}.
 */
package dev.rdpprobe.wire.credssp;
