/**
 * NTLMv2 authentication and session security (MS-NLMP 3), and CredSSP's pubKeyAuth (MS-CSSP 3.1.5),
 * sans-I/O: the probe's client ({@link dev.rdpprobe.ntlm.NtlmClient}) proves a password and the
 * server's public key without ever delegating the password; the emulator's server ({@link
 * dev.rdpprobe.ntlm.NtlmServer}) checks a client's proof and answers with its own.
 *
 * <p><b>Why a package of its own</b> rather than helpers in {@link dev.rdpprobe.wire.ntlm}: {@code
 * wire} holds codecs that depend on Netty's {@code ByteBuf} and Bouncy Castle's ASN.1 only, and
 * have no state; this package holds secrets (NTOWFv2, session keys), needs Bouncy Castle's
 * lightweight crypto (MD4, MD5, HMAC, RC4, SHA-256; no JCA provider is registered), takes time and
 * randomness from its callers, and keeps per-connection state (RC4 handles, sequence numbers). It
 * depends on {@code wire}; {@code connect} and {@code emulate} depend on it.
 *
 * <p>Rules it keeps: passwords are {@code char[]}, copied in and overwritten after use; keys are
 * overwritten by {@code close()}; no {@code toString} shows a secret; MACs cover the messages as
 * they crossed the wire, never a re-encoding; comparisons of secrets take constant time.
 *
 * <p>Verified against MS-NLMP 4.2.4 (every documented key, response and the sealed {@code
 * Plaintext}), against a whole exchange recorded by another implementation (redemption, in {@code
 * testdata/credssp/}), and client against server for CredSSP versions 2 to 6.
 */
package dev.rdpprobe.ntlm;
