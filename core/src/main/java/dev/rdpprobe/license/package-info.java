/**
 * The client side of RDP licensing (MS-RDPELE): the probe's answer to a Server License Request, the
 * Client New License Request, with its premaster secret encrypted to the server's certificate key
 * by the RDP form of RSA (MS-RDPBCGR 5.3.4.1).
 *
 * <p><b>Why a package of its own</b> rather than factories in {@link dev.rdpprobe.wire.license}:
 * {@code wire} holds stateless codecs; this package makes secrets (the premaster secret, never
 * kept, shown or logged), takes randomness from its callers and does the key arithmetic. It depends
 * on {@code wire}; {@code connect} and {@code emulate} depend on it.
 *
 * <p>The probe answers a License Request the way a client without a license does, so that xrdp
 * (which answers any client licensing PDU with STATUS_VALID_CLIENT) goes on to the Demand Active
 * and a Windows server goes on to its Platform Challenge, which the probe does not answer.
 */
package dev.rdpprobe.license;
