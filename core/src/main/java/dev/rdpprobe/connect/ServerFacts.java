package dev.rdpprobe.connect;

import dev.rdpprobe.tls.TlsSessionFacts;

/**
 * What a probe learned about the server so far, phase by phase. A part is {@code null} until its
 * phase produced something.
 *
 * @param negotiation what the X.224 Connection Confirm said
 * @param tls the TLS session: version, suite, the certificate chain
 */
public record ServerFacts(NegotiationFacts negotiation, TlsSessionFacts tls) {
  /** Nothing learned yet. */
  public static final ServerFacts NONE = new ServerFacts(null, null);

  /** These facts with the negotiation part replaced. */
  public ServerFacts withNegotiation(NegotiationFacts facts) {
    return new ServerFacts(facts, tls);
  }

  /** These facts with the TLS part replaced. */
  public ServerFacts withTls(TlsSessionFacts facts) {
    return new ServerFacts(negotiation, facts);
  }
}
