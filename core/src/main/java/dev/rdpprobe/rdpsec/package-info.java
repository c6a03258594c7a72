/**
 * Standard RDP Security (MS-RDPBCGR 5.3) and licensing's own keys (MS-RDPELE 5.1), sans-I/O: what
 * the connector calls where it writes and reads the user data of Send Data PDUs after a server
 * selects PROTOCOL_RDP, and what the emulator's server half calls at the other end.
 *
 * <ul>
 *   <li>{@link dev.rdpprobe.rdpsec.ClientRandom}: the client random encrypted to the server's key
 *       (5.3.4.1) in a Security Exchange PDU, and decrypted by the server;
 *   <li>{@link dev.rdpprobe.rdpsec.StandardSecurity}: one end of one connection, made from method,
 *       level and the two randoms; {@code protect} and {@code unprotect} a PDU's user data, with
 *       the keys of 5.3.5, the RC4 or 3DES of 5.3.6, the signatures of 5.3.6.1, 5.3.6.1.1 and
 *       5.3.6.2, and the RC4 key updates of 5.3.7.1; a bad signature is a {@link
 *       dev.rdpprobe.rdpsec.MacCheck}, evidence rather than an exception;
 *   <li>{@link dev.rdpprobe.rdpsec.SendDataSecurity}: the user data of Send Data PDUs as one end
 *       writes and reads it, in the clear (TLS, level NONE) or through a {@code StandardSecurity}:
 *       what the connector's steps and the emulator's server half call;
 *   <li>{@link dev.rdpprobe.rdpsec.Rc4SessionKeys} and {@link dev.rdpprobe.rdpsec.FipsSessionKeys}:
 *       the key derivations on their own;
 *   <li>{@link dev.rdpprobe.rdpsec.TerminalServicesSigningKey}: the published key that signs
 *       proprietary certificates, the signature check (a {@link
 *       dev.rdpprobe.rdpsec.CertificateSignature}) and the signing an emulated server needs;
 *   <li>{@link dev.rdpprobe.rdpsec.LicensingKeys}: the licensing encryption key and MAC salt key,
 *       licensing's RC4 and MACData.
 * </ul>
 *
 * <p><b>Why a package of its own</b> rather than codecs in {@link dev.rdpprobe.wire.sec}: {@code
 * wire} holds stateless codecs; this package holds secrets (keys, never shown by a {@code
 * toString}, overwritten by {@code destroy()}), per-connection state (cipher states, PDU counts)
 * and Bouncy Castle's lightweight primitives (RC4, 3DES-CBC, MD5, SHA-1, HMAC; no JCA provider is
 * registered). It depends on {@code wire} and on {@link dev.rdpprobe.license.RdpRsa}; {@code
 * connect} and {@code emulate} depend on it. Randomness comes from the caller.
 *
 * <p>Verified against the worked examples of MS-RDPBCGR (the 3DES key expansion of 5.3.5.2, the
 * Terminal Services key against the certificate of 4.1.4), against a second implementation in the
 * tests written from the formulas, against xrdp at each of its levels (it checks the probe's
 * signatures and decrypts its Client Info, Confirm Active and finalization; its own PDUs decrypt
 * and their signatures check), and against sessions of xfreerdp with xrdp (FreeRDP's encrypted
 * client random, streams and salted signatures reproduced byte for byte).
 */
package dev.rdpprobe.rdpsec;
