package dev.rdpprobe.connect;

import dev.rdpprobe.tls.TlsSessionFacts;

/**
 * What a probe learned about the server so far, phase by phase. A part is {@code null} until its
 * phase produced something.
 *
 * @param negotiation what the X.224 Connection Confirm said
 * @param tls the TLS session: version, suite, the certificate chain
 * @param basicSettings what the MCS Connect Response and GCC server data said
 * @param channels the user channel and the channels joined
 * @param credssp Network Level Authentication: required or supported, the CredSSP version, the NTLM
 *     identity, the credential outcome, the early authorization result
 */
public record ServerFacts(
    NegotiationFacts negotiation,
    TlsSessionFacts tls,
    BasicSettingsFacts basicSettings,
    ChannelFacts channels,
    CredSspFacts credssp) {
  /** Nothing learned yet. */
  public static final ServerFacts NONE = new ServerFacts(null, null, null, null, null);

  /** These facts with the negotiation part replaced. */
  public ServerFacts withNegotiation(NegotiationFacts facts) {
    return new ServerFacts(facts, tls, basicSettings, channels, credssp);
  }

  /** These facts with the TLS part replaced. */
  public ServerFacts withTls(TlsSessionFacts facts) {
    return new ServerFacts(negotiation, facts, basicSettings, channels, credssp);
  }

  /** These facts with the basic settings replaced. */
  public ServerFacts withBasicSettings(BasicSettingsFacts facts) {
    return new ServerFacts(negotiation, tls, facts, channels, credssp);
  }

  /** These facts with the channel part replaced. */
  public ServerFacts withChannels(ChannelFacts facts) {
    return new ServerFacts(negotiation, tls, basicSettings, facts, credssp);
  }

  /** These facts with the CredSSP part replaced. */
  public ServerFacts withCredssp(CredSspFacts facts) {
    return new ServerFacts(negotiation, tls, basicSettings, channels, facts);
  }
}
