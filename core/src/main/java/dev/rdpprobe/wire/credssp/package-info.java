/**
 * CredSSP (MS-CSSP): the DER-encoded {@link dev.rdpprobe.wire.credssp.TsRequest} of every message
 * of the exchange, with its NTSTATUS {@code errorCode} ({@link dev.rdpprobe.wire.credssp.NtStatus})
 * and a framing hint; the Early User Authorization Result of PROTOCOL_HYBRID_EX (MS-RDPBCGR
 * 2.2.10.2); and the delegated {@link dev.rdpprobe.wire.credssp.TsCredentials}, which the emulator
 * decodes and the probe encodes only empty, in Restricted Admin mode: it proves credentials and
 * never delegates a password. The NTLM messages inside the negoTokens are in {@link
 * dev.rdpprobe.wire.ntlm}; the cryptography in {@link dev.rdpprobe.ntlm}.
 */
package dev.rdpprobe.wire.credssp;
