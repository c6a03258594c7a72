package dev.rdpprobe.connect;

import dev.rdpprobe.tls.CertificateCheck;
import dev.rdpprobe.tls.TlsAlert;
import dev.rdpprobe.tls.TlsClientSession;
import dev.rdpprobe.tls.TlsEnding;
import dev.rdpprobe.tls.TlsFailure;
import dev.rdpprobe.tls.TlsHandshakeComplete;
import dev.rdpprobe.tls.TlsMessage;
import dev.rdpprobe.tls.TlsObserver;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsSessionFacts;
import dev.rdpprobe.tls.TlsSide;
import dev.rdpprobe.tls.TrustAnchors;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.NetUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * The security upgrade after a Connection Confirm that selected a TLS-based protocol (MS-RDPBCGR
 * 1.3.1.1 step 1a): a TLS handshake with Bouncy Castle's non-blocking client, every handshake
 * message and alert traced as it happens, the server's certificate checked as a validating client
 * would (and then accepted: the probe diagnoses, it does not trust).
 */
final class TlsHandshakeStep implements Step {
  private final SequenceState.Negotiated negotiated;
  private final Hello hello;
  private final TlsClientSession session;
  private StepContext ctx;
  private long tlsBytesReceived;
  private boolean certificateRecorded;

  /**
   * A ClientHello made ahead of time: the session started, what it produced and observed held until
   * the step starts. Making it (key shares, and in a new process the TLS classes) before the
   * connection keeps that work off the path between the Connection Confirm and the ClientHello on
   * the wire.
   */
  static final class Hello {
    private final String serverName;
    private final TrustAnchors anchors;
    private final TlsClientSession session;
    private final List<Object> observed = new ArrayList<>();
    private final byte[] bytes;
    private TlsFailure failure;
    private Observer observer;

    /**
     * @param offer what the ClientHello offers
     * @param serverName the server's name as the user gave it, or {@code null}
     * @param keyLog whether to keep the session's NSS key-log lines
     * @param anchors what the server's chain is checked against, or {@code null} for the JDK's
     */
    Hello(TlsOffer offer, String serverName, boolean keyLog, TrustAnchors anchors) {
      this.serverName = serverName;
      this.anchors = anchors;
      this.session =
          TlsClientSession.builder(offer)
              .serverName(serverName == null || serverName.isEmpty() ? null : serverName)
              .keyLog(keyLog)
              .observer(new Relay())
              .build();
      try {
        session.start();
      } catch (TlsFailure f) {
        failure = f;
      }
      bytes = session.takeOutput();
    }

    /** Holds what the session observes until the step's observer takes over. */
    private final class Relay implements TlsObserver {
      @Override
      public void message(TlsMessage m) {
        if (observer != null) {
          observer.message(m);
        } else {
          observed.add(m);
        }
      }

      @Override
      public void alert(TlsAlert a) {
        if (observer != null) {
          observer.alert(a);
        } else {
          observed.add(a);
        }
      }
    }
  }

  /**
   * @param negotiated the X.224 negotiation that selected a TLS-based protocol
   * @param hello the session with its ClientHello made
   */
  TlsHandshakeStep(SequenceState.Negotiated negotiated, Hello hello) {
    this.negotiated = negotiated;
    this.hello = hello;
    this.session = hello.session;
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
  public Transition start(StepContext ctx) {
    this.ctx = ctx;
    Observer observer = new Observer();
    for (Object o : hello.observed) {
      if (o instanceof TlsMessage m) {
        observer.message(m);
      } else {
        observer.alert((TlsAlert) o);
      }
    }
    hello.observed.clear();
    hello.observer = observer;
    if (hello.bytes.length > 0) {
      ctx.sendRecords(hello.bytes);
    }
    return hello.failure != null ? fail(hello.failure) : Transition.STAY;
  }

  @Override
  public Transition onFrame(ByteBuf frame, StepContext ctx) {
    byte[] record = ByteBufUtil.getBytes(frame);
    tlsBytesReceived += record.length;
    try {
      session.receive(record);
    } catch (TlsFailure f) {
      return fail(f);
    }
    flush();
    if (!session.isHandshakeComplete()) {
      return Transition.STAY;
    }
    TlsSessionFacts facts = session.facts();
    ctx.note(
        "TLS handshake complete: "
            + facts.version()
            + ", "
            + facts.cipherSuite()
            + (facts.leaf().isPresent()
                ? ", server certificate " + facts.leaf().get().subject()
                : ""),
        new TlsHandshakeComplete(facts.version(), facts.cipherSuite()));
    ctx.secure(new TlsSecureLayer(session));
    return Transition.complete(new SequenceState.Secured(negotiated.selected(), session));
  }

  private Transition fail(TlsFailure f) {
    flush(); // an alert our side raised goes out before we close
    CloseKind kind =
        switch (f.kind()) {
          case ALERT_RECEIVED, ALERT_SENT -> CloseKind.TLS_ALERT;
          case NOT_TLS -> CloseKind.MALFORMED_PDU;
          case ERROR -> CloseKind.PROTOCOL_VIOLATION;
        };
    return Transition.finish(kind, f.getMessage());
  }

  private void flush() {
    byte[] out = session.takeOutput();
    if (out.length > 0) {
      ctx.sendRecords(out);
    }
  }

  @Override
  public String onPeerClosed(boolean reset, StepContext ctx) {
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
      Object detail = m.decoded();
      if (m.sender() == TlsSide.SERVER && "Certificate".equals(m.name()) && !certificateRecorded) {
        certificateRecorded = true;
        detail =
            CertificateCheck.of(
                session.facts().serverCertificates(),
                ctx.now(),
                hostNameForChecks(),
                hello.anchors != null ? hello.anchors : TrustAnchors.jdkDefault());
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
    String given = hello.serverName;
    return given == null || NetUtil.isValidIpV4Address(given) || NetUtil.isValidIpV6Address(given)
        ? null
        : given;
  }
}
