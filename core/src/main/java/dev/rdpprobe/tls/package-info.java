/**
 * TLS for the probe and the emulator, over Bouncy Castle's low-level non-blocking API ({@code
 * TlsClientProtocol()} / {@code TlsServerProtocol()} with {@code BcTlsCrypto}); no JSSE, nothing
 * JVM-wide, no socket, no clock.
 *
 * <ul>
 *   <li>{@link dev.rdpprobe.tls.TlsOffer}: versions ({@link dev.rdpprobe.tls.TlsVersion}, TLS 1.0
 *       to 1.3), cipher suites by IANA name ({@link dev.rdpprobe.tls.CipherSuites}) and SNI; {@code
 *       windowsDefault()} is what mstsc offers.
 *   <li>{@link dev.rdpprobe.tls.TlsClientSession} and {@link dev.rdpprobe.tls.TlsServerSession}
 *       (both a {@link dev.rdpprobe.tls.TlsSession}): bytes in with {@code receive}, bytes out with
 *       {@code takeOutput}, application data after the handshake, {@code peerClosed()} classified
 *       as a {@link dev.rdpprobe.tls.TlsEnding}, failures as a {@link dev.rdpprobe.tls.TlsFailure}
 *       carrying the {@link dev.rdpprobe.tls.TlsAlert} and the side that raised it.
 *   <li>{@link dev.rdpprobe.tls.TlsObserver}: every handshake message ({@link
 *       dev.rdpprobe.tls.TlsMessage}) in both directions, every alert, bytes that are not TLS.
 *   <li>{@link dev.rdpprobe.tls.TlsSessionFacts} and {@link dev.rdpprobe.tls.CertificateFacts}:
 *       version, suite, the server's chain, and what a validating client would object to.
 *   <li>{@link dev.rdpprobe.tls.KeyLogLine}: opt-in NSS key log lines, so a capture opens decrypted
 *       in Wireshark.
 *   <li>{@link dev.rdpprobe.tls.TlsRecordObserver}: the same messages from the bytes on a wire (a
 *       capture), up to where encryption starts, and a description of bytes that are not TLS.
 *   <li>{@link dev.rdpprobe.tls.CertificateMaker} and {@link dev.rdpprobe.tls.ServerIdentity}: keys
 *       and certificates for the emulator, PEM for real peers.
 * </ul>
 *
 * <p>A probe's TLS step, in outline:
 *
 * <pre>{@code
 * TlsClientSession tls = TlsClientSession.builder(TlsOffer.windowsDefault())
 *     .serverName(host).observer(observer).keyLog(wantKeyLog).build();
 * tls.start();
 * write(tls.takeOutput());
 * // on every read:
 * try {
 *   tls.receive(bytes);
 * } catch (TlsFailure f) {
 *   // f.kind(), f.alert(), f.raisedBy(); write(tls.takeOutput()) still sends our alert
 * }
 * write(tls.takeOutput());
 * if (tls.isHandshakeComplete()) { ... tls.facts() ... }
 * // on FIN:
 * TlsEnding end = tls.peerClosed();
 * }</pre>
 */
package dev.rdpprobe.tls;
