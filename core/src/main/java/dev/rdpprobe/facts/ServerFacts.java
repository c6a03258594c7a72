package dev.rdpprobe.facts;

import dev.rdpprobe.rdpsec.CertificateSignature;
import dev.rdpprobe.rdpsec.TerminalServicesSigningKey;
import dev.rdpprobe.tls.CertificateCheck;
import dev.rdpprobe.tls.CertificateFacts;
import dev.rdpprobe.tls.TlsClientHello;
import dev.rdpprobe.tls.TlsExtension;
import dev.rdpprobe.tls.TlsHandshakeComplete;
import dev.rdpprobe.tls.TlsServerHello;
import dev.rdpprobe.tls.TlsSessionFacts;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.credssp.AuthorizationResult;
import dev.rdpprobe.wire.credssp.EarlyUserAuthorizationResult;
import dev.rdpprobe.wire.credssp.NtStatus;
import dev.rdpprobe.wire.credssp.TsRequest;
import dev.rdpprobe.wire.gcc.ClientDataBlocks;
import dev.rdpprobe.wire.gcc.ClientSecurityData;
import dev.rdpprobe.wire.gcc.ConferenceCreateRequest;
import dev.rdpprobe.wire.gcc.ConferenceCreateResponse;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.gcc.RsaPublicKey;
import dev.rdpprobe.wire.gcc.ServerCertificate;
import dev.rdpprobe.wire.gcc.ServerDataBlocks;
import dev.rdpprobe.wire.gcc.ServerSecurityData;
import dev.rdpprobe.wire.license.LicenseErrorMessage;
import dev.rdpprobe.wire.license.LicensePdu;
import dev.rdpprobe.wire.license.NewLicenseRequest;
import dev.rdpprobe.wire.license.ServerLicenseRequest;
import dev.rdpprobe.wire.license.ServerPlatformChallenge;
import dev.rdpprobe.wire.mcs.AttachUserConfirm;
import dev.rdpprobe.wire.mcs.ChannelJoinConfirm;
import dev.rdpprobe.wire.mcs.ChannelJoinRequest;
import dev.rdpprobe.wire.mcs.McsConnectInitial;
import dev.rdpprobe.wire.mcs.McsConnectResponse;
import dev.rdpprobe.wire.mcs.McsResult;
import dev.rdpprobe.wire.multitransport.HrResponse;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportRequest;
import dev.rdpprobe.wire.multitransport.InitiateMultitransportResponse;
import dev.rdpprobe.wire.ntlm.AuthenticateMessage;
import dev.rdpprobe.wire.ntlm.ChallengeMessage;
import dev.rdpprobe.wire.sec.SecurityExchangePdu;
import dev.rdpprobe.wire.share.ConfirmActivePdu;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.share.ErrorInfo;
import dev.rdpprobe.wire.share.FontMapPdu;
import dev.rdpprobe.wire.share.SetErrorInfoPdu;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a connection showed about the server, phase by phase, in the order of the connection
 * sequence: a pure function of the trace ({@link #of}), so a live probe, a capture and a replay
 * give the same facts for the same bytes. A part is {@code null} when its phase produced nothing.
 *
 * @param negotiation what the X.224 Connection Confirm said
 * @param tls the TLS session: version, suite, the certificate chain
 * @param credssp Network Level Authentication: required or supported, the CredSSP version, the NTLM
 *     identity, the credential outcome, the early authorization result
 * @param basicSettings what the MCS Connect Response and GCC server data said
 * @param channels the user channel and the channels joined
 * @param standardSecurity Standard RDP Security, when the server selected it: method, level,
 *     random, certificate, the Security Exchange and signatures that did not check
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
    StandardSecurityFacts standardSecurity,
    LicensingFacts licensing,
    MultitransportFacts multitransport,
    ActivationFacts activation,
    ErrorInfo errorInfo) {
  /** Nothing learned. */
  public static final ServerFacts NONE =
      new ServerFacts(null, null, null, null, null, null, null, null, null, null);

  /** The facts a trace shows. */
  public static ServerFacts of(Trace trace) {
    return new Fold(trace).facts();
  }

  /** One pass over the events; each part is built from the events of its phase. */
  private static final class Fold {
    private final Trace trace;
    private SecurityProtocols offered = SecurityProtocols.RDP;
    private NegotiationFacts negotiation;
    private NlaPolicy nla;
    private boolean tlsSeen;
    private TlsClientHello clientHello;
    private TlsServerHello serverHello;
    private List<CertificateFacts> chain = List.of();
    private boolean certificateRequested;
    private boolean handshakeComplete;
    private int credSspVersion;
    private NtlmIdentity identity;
    private String account = "";
    private CredentialCheck credentialCheck;
    private NtStatus credSspError;
    private AuthorizationResult earlyAuthorization;
    private boolean clientOffersMultitransport;
    private EncryptionMethods offeredMethods = EncryptionMethods.NONE;
    private boolean exchangeSent;
    private final List<BadSignature> badSignatures = new ArrayList<>();
    private BasicSettingsFacts basicSettings;
    private Integer userChannel;
    private final Deque<Integer> joining = new ArrayDeque<>();
    private final List<Integer> joined = new ArrayList<>();
    private final List<Integer> refused = new ArrayList<>();
    private boolean licensingReached;
    private boolean licenseRequested;
    private boolean requestAnswered;
    private boolean platformChallenge;
    private LicenseErrorMessage licenseError;
    private final List<InitiateMultitransportRequest> requests = new ArrayList<>();
    private HrResponse answer;
    private UdpProbeOutcome udp;
    private DemandActivePdu demandActive;
    private boolean confirmActiveSent;
    private boolean fontMapReceived;
    private ErrorInfo errorInfo;

    Fold(Trace trace) {
      this.trace = trace;
      for (TraceEvent e : trace.events()) {
        if (e.phase() == Phase.TLS_HANDSHAKE) {
          tlsSeen = true;
        }
        licensingReached |= e.phase().compareTo(Phase.LICENSING) >= 0;
        if (e instanceof TraceEvent.Pdu p && p.pdu() != null) {
          if (p.direction() == Direction.CLIENT_TO_SERVER) {
            sent(p.pdu());
          } else {
            received(p, p.pdu());
          }
        } else if (e instanceof TraceEvent.Tls t) {
          tls(t);
        } else if (e instanceof TraceEvent.Note n && n.detail() != null) {
          note(n.detail());
        }
      }
    }

    private void sent(Object pdu) {
      if (pdu instanceof X224ConnectionRequest cr) {
        offered =
            cr.negotiationRequest() == null
                ? SecurityProtocols.RDP
                : cr.negotiationRequest().requestedProtocols();
      } else if (pdu instanceof McsConnectInitial initial) {
        try {
          ClientDataBlocks blocks = ConferenceCreateRequest.from(initial).userData();
          clientOffersMultitransport = blocks.multitransport().isPresent();
          offeredMethods =
              blocks
                  .security()
                  .map(ClientSecurityData::encryptionMethods)
                  .orElse(EncryptionMethods.NONE);
        } catch (DecodeException e) {
          clientOffersMultitransport = false;
        }
      } else if (pdu instanceof SecurityExchangePdu) {
        exchangeSent = true;
      } else if (pdu instanceof ChannelJoinRequest join) {
        joining.add(join.channelId());
      } else if (pdu instanceof TsRequest ts && account.isEmpty()) {
        for (var token : ts.negoTokens()) {
          try {
            AuthenticateMessage auth = AuthenticateMessage.decode(token.asByteBuf());
            account =
                auth.domainName().isEmpty()
                    ? auth.userName()
                    : auth.domainName() + "\\" + auth.userName();
          } catch (DecodeException e) {
            // not an AUTHENTICATE
          }
        }
      } else if (pdu instanceof LicensePdu l && l.message() instanceof NewLicenseRequest) {
        requestAnswered = true;
      } else if (pdu instanceof InitiateMultitransportResponse r) {
        answer = r.hrResponse();
      } else if (pdu instanceof ConfirmActivePdu) {
        confirmActiveSent = true;
      }
    }

    private void received(TraceEvent.Pdu event, Object pdu) {
      if (pdu instanceof X224ConnectionConfirm confirm) {
        confirm(confirm);
      } else if (pdu instanceof TsRequest ts) {
        tsRequest(event, ts);
      } else if (pdu instanceof EarlyUserAuthorizationResult r) {
        earlyAuthorization = r.authorizationResult();
      } else if (pdu instanceof McsConnectResponse response) {
        connectResponse(response);
      } else if (pdu instanceof AttachUserConfirm attach) {
        if (attach.result().equals(McsResult.RT_SUCCESSFUL) && attach.initiator() != null) {
          userChannel = attach.initiator();
        }
      } else if (pdu instanceof ChannelJoinConfirm confirm) {
        Integer channel = joining.poll();
        if (channel != null) {
          (confirm.result().equals(McsResult.RT_SUCCESSFUL) ? joined : refused).add(channel);
        }
      } else if (pdu instanceof LicensePdu l) {
        if (l.message() instanceof ServerLicenseRequest) {
          licenseRequested = true;
        } else if (l.message() instanceof ServerPlatformChallenge) {
          platformChallenge = true;
        } else if (l.message() instanceof LicenseErrorMessage error) {
          licenseError = error;
        }
      } else if (pdu instanceof InitiateMultitransportRequest request) {
        requests.add(request);
      } else if (pdu instanceof DemandActivePdu demand) {
        demandActive = demand;
      } else if (pdu instanceof FontMapPdu) {
        fontMapReceived = true;
      } else if (pdu instanceof SetErrorInfoPdu info && !info.errorInfo().equals(ErrorInfo.NONE)) {
        errorInfo = info.errorInfo();
      }
    }

    private void confirm(X224ConnectionConfirm confirm) {
      SecurityProtocols selected;
      if (confirm.negotiation() instanceof NegotiationFailure failure) {
        negotiation =
            new NegotiationFacts(
                offered, null, null, failure.failureCode(), true, confirm.srcRef());
        if (failure.failureCode().equals(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER)) {
          nla = NlaPolicy.REQUIRED;
        }
        return;
      }
      if (confirm.negotiation() instanceof NegotiationResponse response) {
        selected = response.selectedProtocol();
        negotiation =
            new NegotiationFacts(offered, selected, response.flags(), null, true, confirm.srcRef());
      } else {
        // no RDP_NEG_RSP: a server from before negotiation, Standard RDP Security only
        selected = SecurityProtocols.RDP;
        negotiation = new NegotiationFacts(offered, selected, null, null, false, confirm.srcRef());
      }
      if (isHybrid(selected)) {
        nla = NlaPolicy.SUPPORTED;
      } else if (offered.contains(SecurityProtocols.HYBRID)
          || offered.contains(SecurityProtocols.HYBRID_EX)) {
        nla = NlaPolicy.NOT_USED;
      }
    }

    private void tsRequest(TraceEvent.Pdu event, TsRequest ts) {
      boolean failed = ts.errorCode() != null && ts.errorCode().value() != 0;
      if (failed) {
        credSspError = ts.errorCode();
      }
      if (credSspVersion != 0) {
        return;
      }
      // the server's first TSRequest: its version, and the CHALLENGE that shows its identity
      credSspVersion = ts.version();
      if (!failed && ts.negoToken() != null) {
        try {
          ChallengeMessage challenge = ChallengeMessage.decode(ts.negoToken().asByteBuf());
          identity = NtlmIdentity.of(challenge, trace.header().wallClock(event.nanos()));
        } catch (DecodeException e) {
          // recorded as undecodable by whoever read it; no identity
        }
      }
    }

    private void connectResponse(McsConnectResponse response) {
      ServerDataBlocks blocks;
      try {
        blocks = ConferenceCreateResponse.from(response).userData();
      } catch (DecodeException e) {
        if (response.result().equals(McsResult.RT_SUCCESSFUL)) {
          return; // a malformed answer: nothing learned
        }
        blocks = ServerDataBlocks.of();
      }
      basicSettings =
          new BasicSettingsFacts(
              response.result(),
              blocks.core().orElse(null),
              blocks.security().orElse(null),
              blocks.network().orElse(null),
              blocks.messageChannel().orElse(null),
              blocks.multitransport().orElse(null));
    }

    private void tls(TraceEvent.Tls t) {
      if (t.detail() instanceof TlsClientHello ch && t.direction() == Direction.CLIENT_TO_SERVER) {
        clientHello = ch;
      } else if (t.detail() instanceof TlsServerHello sh
          && t.direction() == Direction.SERVER_TO_CLIENT
          && !sh.isHelloRetryRequest()) {
        serverHello = sh;
      } else if (t.detail() instanceof CertificateCheck check) {
        chain = check.chain();
      } else if (t.direction() == Direction.SERVER_TO_CLIENT
          && "CertificateRequest".equals(t.message())) {
        certificateRequested = true;
      }
    }

    private void note(Object detail) {
      if (detail instanceof TlsHandshakeComplete) {
        handshakeComplete = true;
      } else if (detail instanceof CredentialCheck check) {
        credentialCheck = check;
      } else if (detail instanceof UdpProbeOutcome outcome) {
        udp = outcome;
      } else if (detail instanceof BadSignature bad) {
        badSignatures.add(bad);
      }
    }

    ServerFacts facts() {
      return new ServerFacts(
          negotiation,
          tlsSeen ? tlsFacts() : null,
          credssp(),
          basicSettings,
          userChannel == null ? null : new ChannelFacts(userChannel, joined, refused),
          standardSecurity(),
          licensingReached
              ? new LicensingFacts(
                  licenseRequested, requestAnswered, platformChallenge, licenseError)
              : null,
          multitransport(),
          demandActive == null
              ? null
              : new ActivationFacts(demandActive, confirmActiveSent, fontMapReceived),
          errorInfo);
    }

    private TlsSessionFacts tlsFacts() {
      String sni = "";
      if (clientHello != null) {
        try {
          sni = clientHello.serverName().orElse("");
        } catch (DecodeException e) {
          sni = "";
        }
      }
      return new TlsSessionFacts(
          serverHello == null
              ? null
              : TlsVersion.fromWire(serverHello.selectedVersion()).orElse(null),
          serverHello == null ? "" : serverHello.cipherSuiteName(),
          chain,
          "",
          clientHello != null && clientHello.extension(TlsExtension.SERVER_NAME).isPresent(),
          sni,
          certificateRequested,
          handshakeComplete);
    }

    private CredSspFacts credssp() {
      if (nla == null && credSspVersion == 0 && credentialCheck == null) {
        return null;
      }
      return new CredSspFacts(
          nla == null ? NlaPolicy.SUPPORTED : nla,
          credSspVersion,
          identity,
          credentialCheck != null ? credentialCheck.account() : account,
          credentialCheck == null ? null : credentialCheck.outcome(),
          credentialCheck == null ? "" : credentialCheck.detail(),
          credSspError,
          earlyAuthorization);
    }

    /** Standard RDP Security facts exist once a server that selected it sent its Security Data. */
    private StandardSecurityFacts standardSecurity() {
      if (negotiation == null
          || !SecurityProtocols.RDP.equals(negotiation.selectedProtocol())
          || basicSettings == null
          || basicSettings.security() == null) {
        return null;
      }
      ServerSecurityData sec = basicSettings.security();
      ServerCertificate cert = sec.serverCertificate();
      StandardSecurityFacts.CertificateKind kind = StandardSecurityFacts.CertificateKind.NONE;
      int keyBits = 0;
      CertificateSignature signature = CertificateSignature.NOT_PROPRIETARY;
      if (cert != null && cert.bytes().length() > 0) {
        Integer version = cert.dwVersion();
        int v = version == null ? 0 : version & ~ServerCertificate.TEMPORARY;
        kind =
            v == ServerCertificate.CERT_CHAIN_VERSION_1
                ? StandardSecurityFacts.CertificateKind.PROPRIETARY
                : v == ServerCertificate.CERT_CHAIN_VERSION_2
                    ? StandardSecurityFacts.CertificateKind.X509
                    : StandardSecurityFacts.CertificateKind.UNKNOWN;
        try {
          keyBits = cert.rsaPublicKey().map(RsaPublicKey::keyBits).orElse(0);
          signature = TerminalServicesSigningKey.check(cert);
        } catch (DecodeException e) {
          // a malformed certificate: no key to read, no signature that checks
          signature =
              kind == StandardSecurityFacts.CertificateKind.PROPRIETARY
                  ? CertificateSignature.INVALID
                  : CertificateSignature.NOT_PROPRIETARY;
        }
      }
      return new StandardSecurityFacts(
          offeredMethods,
          sec.encryptionMethod(),
          sec.encryptionLevel(),
          sec.serverRandom(),
          kind,
          keyBits,
          cert != null && cert.isTemporary(),
          signature,
          exchangeSent,
          badSignatures);
    }

    /**
     * Multitransport facts exist once the phase could happen: the server sent a request, or both
     * sides offered UDP and licensing ended well.
     */
    private MultitransportFacts multitransport() {
      boolean offered =
          clientOffersMultitransport
              && basicSettings != null
              && basicSettings.multitransport() != null
              && basicSettings.messageChannel() != null
              && licenseError != null
              && licenseError.isValidClient();
      if (requests.isEmpty() && !offered && udp == null) {
        return null;
      }
      return new MultitransportFacts(
          requests,
          answer,
          udp == null ? MultitransportFacts.UdpReachability.NOT_TRIED : udp.reachable(),
          udp == null ? null : udp.synAck(),
          udp == null ? "" : udp.detail());
    }

    private static boolean isHybrid(SecurityProtocols selected) {
      return selected.equals(SecurityProtocols.HYBRID)
          || selected.equals(SecurityProtocols.HYBRID_EX);
    }
  }
}
