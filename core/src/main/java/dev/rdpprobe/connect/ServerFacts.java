package dev.rdpprobe.connect;

import dev.rdpprobe.tls.TlsSessionFacts;
import dev.rdpprobe.wire.share.ErrorInfo;

/**
 * What a probe learned about the server so far, phase by phase, in the order of the connection
 * sequence. A part is {@code null} until its phase produced something.
 *
 * @param negotiation what the X.224 Connection Confirm said
 * @param tls the TLS session: version, suite, the certificate chain
 * @param credssp Network Level Authentication: required or supported, the CredSSP version, the NTLM
 *     identity, the credential outcome, the early authorization result
 * @param basicSettings what the MCS Connect Response and GCC server data said
 * @param channels the user channel and the channels joined
 * @param licensing what the licensing exchange showed
 * @param multitransport the multitransport requests, answers and the UDP probe
 * @param activation the Demand Active and how far finalization went
 * @param errorInfo the last ERRINFO the server sent in a Set Error Info PDU (other than
 *     ERRINFO_NONE), or {@code null}
 */
public record ServerFacts(
    NegotiationFacts negotiation,
    TlsSessionFacts tls,
    CredSspFacts credssp,
    BasicSettingsFacts basicSettings,
    ChannelFacts channels,
    LicensingFacts licensing,
    MultitransportFacts multitransport,
    ActivationFacts activation,
    ErrorInfo errorInfo) {
  /** Nothing learned yet. */
  public static final ServerFacts NONE =
      new ServerFacts(null, null, null, null, null, null, null, null, null);

  /** These facts with the negotiation part replaced. */
  public ServerFacts withNegotiation(NegotiationFacts facts) {
    return new ServerFacts(
        facts,
        tls,
        credssp,
        basicSettings,
        channels,
        licensing,
        multitransport,
        activation,
        errorInfo);
  }

  /** These facts with the TLS part replaced. */
  public ServerFacts withTls(TlsSessionFacts facts) {
    return new ServerFacts(
        negotiation,
        facts,
        credssp,
        basicSettings,
        channels,
        licensing,
        multitransport,
        activation,
        errorInfo);
  }

  /** These facts with the CredSSP part replaced. */
  public ServerFacts withCredssp(CredSspFacts facts) {
    return new ServerFacts(
        negotiation,
        tls,
        facts,
        basicSettings,
        channels,
        licensing,
        multitransport,
        activation,
        errorInfo);
  }

  /** These facts with the basic settings replaced. */
  public ServerFacts withBasicSettings(BasicSettingsFacts facts) {
    return new ServerFacts(
        negotiation,
        tls,
        credssp,
        facts,
        channels,
        licensing,
        multitransport,
        activation,
        errorInfo);
  }

  /** These facts with the channel part replaced. */
  public ServerFacts withChannels(ChannelFacts facts) {
    return new ServerFacts(
        negotiation,
        tls,
        credssp,
        basicSettings,
        facts,
        licensing,
        multitransport,
        activation,
        errorInfo);
  }

  /** These facts with the licensing part replaced. */
  public ServerFacts withLicensing(LicensingFacts facts) {
    return new ServerFacts(
        negotiation,
        tls,
        credssp,
        basicSettings,
        channels,
        facts,
        multitransport,
        activation,
        errorInfo);
  }

  /** These facts with the multitransport part replaced. */
  public ServerFacts withMultitransport(MultitransportFacts facts) {
    return new ServerFacts(
        negotiation,
        tls,
        credssp,
        basicSettings,
        channels,
        licensing,
        facts,
        activation,
        errorInfo);
  }

  /** These facts with the activation part replaced. */
  public ServerFacts withActivation(ActivationFacts facts) {
    return new ServerFacts(
        negotiation,
        tls,
        credssp,
        basicSettings,
        channels,
        licensing,
        multitransport,
        facts,
        errorInfo);
  }

  /** These facts with the server's ERRINFO replaced. */
  public ServerFacts withErrorInfo(ErrorInfo facts) {
    return new ServerFacts(
        negotiation,
        tls,
        credssp,
        basicSettings,
        channels,
        licensing,
        multitransport,
        activation,
        facts);
  }
}
