package dev.rdpprobe.connect;

/**
 * What a probe learned about the server so far, phase by phase. A part is {@code null} until its
 * phase produced something.
 *
 * @param negotiation what the X.224 Connection Confirm said
 */
public record ServerFacts(NegotiationFacts negotiation) {
  /** Nothing learned yet. */
  public static final ServerFacts NONE = new ServerFacts(null);

  /** These facts with the negotiation part replaced. */
  public ServerFacts withNegotiation(NegotiationFacts facts) {
    return new ServerFacts(facts);
  }
}
