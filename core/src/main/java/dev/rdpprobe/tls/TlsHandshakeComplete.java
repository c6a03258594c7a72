package dev.rdpprobe.tls;

/**
 * A TLS handshake completed: both Finished messages went through and were verified. Recorded in the
 * trace (as a note's value) by the side whose session saw it.
 *
 * @param version the negotiated version, or {@code null} for one this library does not name
 * @param cipherSuite the negotiated suite's IANA name
 */
public record TlsHandshakeComplete(TlsVersion version, String cipherSuite) {}
