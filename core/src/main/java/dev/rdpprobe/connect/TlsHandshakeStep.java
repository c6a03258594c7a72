package dev.rdpprobe.connect;

import dev.rdpprobe.tls.CertificateCheck;
import dev.rdpprobe.tls.TlsAlert;
import dev.rdpprobe.tls.TlsClientSession;
import dev.rdpprobe.tls.TlsEnding;
import dev.rdpprobe.tls.TlsFailure;
import dev.rdpprobe.tls.TlsMessage;
import dev.rdpprobe.tls.TlsObserver;
import dev.rdpprobe.tls.TlsSessionFacts;
import dev.rdpprobe.tls.TlsSide;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.NetUtil;

/**
 * The security upgrade after a Connection Confirm that selected a TLS-based protocol (MS-RDPBCGR
 * 1.3.1.1 step 1a): a TLS handshake with Bouncy Castle's non-blocking client, every handshake
 * message and alert traced as it happens, the server's certificate checked as a validating client
 * would (and then accepted: the probe diagnoses, it does not trust).
 */
final class TlsHandshakeStep implements Step {
  private final TlsClientSession session;
  private StepContext ctx;
  private long tlsBytesReceived;
  private boolean certificateRecorded;

  TlsHandshakeStep(ConnectorConfig config) {
    String name = config.serverName();
    this.session =
        TlsClientSession.builder(config.tlsOffer())
            .serverName(name == null || name.isEmpty() ? null : name)
            .keyLog(config.keyLog())
            .observer(new Observer())
            .build();
  }

  /** The session, for its key log. */
  TlsClientSession session() {
    return session;
  }

  @Override
  public Phase phase() {
    return Phase.TLS_HANDSHAKE;
  }

  @Override
  public FrameHint hint() {
    return FrameHint.TLS_RECORD;
  }

  @Override
  public String awaiting() {
    return tlsBytesReceived == 0 ? "TLS ServerHello" : "rest of the TLS handshake";
  }

  @Override
  public void start(StepContext ctx) {
    this.ctx = ctx;
    try {
      session.start();
    } catch (TlsFailure f) {
      fail(f);
      return;
    }
    flush();
  }

  @Override
  public void onFrame(ByteBuf frame, StepContext ctx) {
    byte[] record = ByteBufUtil.getBytes(frame);
    tlsBytesReceived += record.length;
    try {
      session.receive(record);
    } catch (TlsFailure f) {
      fail(f);
      return;
    }
    flush();
    if (session.isHandshakeComplete()) {
      TlsSessionFacts facts = session.facts();
      ctx.facts(ctx.facts().withTls(facts));
      ctx.note(
          "TLS handshake complete: "
              + facts.version()
              + ", "
              + facts.cipherSuite()
              + (facts.leaf().isPresent()
                  ? ", server certificate " + facts.leaf().get().subject()
                  : ""));
      ctx.secure(new TlsSecureLayer(session));
      // HYBRID and HYBRID_EX go on with CredSSP; RDSTLS and RDSAAD with PDUs the probe does not
      // follow
      SecurityProtocols selected = ctx.facts().negotiation().selectedProtocol();
      Step next =
          selected.equals(SecurityProtocols.SSL)
              ? new BasicSettingsStep()
              : X224NegotiationStep.isHybrid(selected)
                  ? new CredSspStep(session, ctx.random())
                  : null;
      ctx.phaseComplete(next);
    }
  }

  private void fail(TlsFailure f) {
    flush(); // an alert our side raised goes out before we close
    ctx.facts(ctx.facts().withTls(session.facts()));
    CloseKind kind =
        switch (f.kind()) {
          case ALERT_RECEIVED, ALERT_SENT -> CloseKind.TLS_ALERT;
          case NOT_TLS -> CloseKind.MALFORMED_PDU;
          case ERROR -> CloseKind.PROTOCOL_VIOLATION;
        };
    ctx.finish(kind, f.getMessage());
  }

  private void flush() {
    byte[] out = session.takeOutput();
    if (out.length > 0) {
      ctx.sendRaw(out);
    }
  }

  @Override
  public String onPeerClosed(boolean reset) {
    String received =
        tlsBytesReceived + (tlsBytesReceived == 1 ? " byte" : " bytes") + " of TLS received";
    if (reset) {
      return (tlsBytesReceived == 0 ? "RST after our ClientHello, " : "RST during the handshake, ")
          + received;
    }
    TlsEnding ending = session.peerClosed();
    return ending.detail() + ", " + received;
  }

  /** Turns the session's observations into trace events, as they happen. */
  private final class Observer implements TlsObserver {
    @Override
    public void message(TlsMessage m) {
      Object detail = null;
      if (m.sender() == TlsSide.SERVER && "Certificate".equals(m.name()) && !certificateRecorded) {
        certificateRecorded = true;
        detail =
            CertificateCheck.of(
                session.facts().serverCertificates(), ctx.connectedAt(), hostNameForChecks());
      }
      ctx.tlsMessage(m, detail);
    }

    @Override
    public void alert(TlsAlert alert) {
      ctx.tlsAlert(alert);
    }
  }

  /** The name a validating client checks the certificate against: not an address literal. */
  private String hostNameForChecks() {
    String name = session.sniName();
    if (!name.isEmpty()) {
      return name;
    }
    String given = ctx.config().serverName();
    return given == null || NetUtil.isValidIpV4Address(given) || NetUtil.isValidIpV6Address(given)
        ? null
        : given;
  }
}
