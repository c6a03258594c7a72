package dev.rdpprobe.emulate;

import dev.rdpprobe.connect.Endpoint;
import dev.rdpprobe.connect.FrameHint;
import dev.rdpprobe.connect.OutboundInterceptor;
import dev.rdpprobe.connect.Outgoing;
import dev.rdpprobe.connect.TlsSecureLayer;
import dev.rdpprobe.ntlm.NtlmServer;
import dev.rdpprobe.tls.KeyLogLine;
import dev.rdpprobe.tls.ServerIdentity;
import dev.rdpprobe.tls.TlsAlert;
import dev.rdpprobe.tls.TlsFailure;
import dev.rdpprobe.tls.TlsMessage;
import dev.rdpprobe.tls.TlsObserver;
import dev.rdpprobe.tls.TlsServerSession;
import dev.rdpprobe.tls.TlsSide;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceWriter;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.mcs.McsPdu;
import dev.rdpprobe.wire.share.ErrorInfo;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.NegotiationRequest;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.NegotiationResponseFlags;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The server side of the connection sequence as a sans-I/O state machine, playing a {@link
 * Scenario}. Besides bytes to send it tells its driver how to close ({@link #closeAction()}) and
 * whether to trickle its output. It records into the connection's trace as the server sees it.
 */
public final class ServerConnector {
  /** How the driver closes the connection once the queued output is written. */
  public enum CloseAction {
    /** Keep the connection open. */
    NONE,
    /** Close with a FIN (shut down output, then close). */
    FIN,
    /** Close with a RST (SO_LINGER 0). */
    RST
  }

  /** Bytes sent instead of a Connection Confirm by {@link Scenario#GARBAGE_CONFIRM}. */
  static final Octets GARBAGE = Octets.fromHex("7f 45 4c 46 02 01 01 00 00 00 00 00 00 00 00 00");

  /** Flags a healthy emulator sets in RDP_NEG_RSP, like a current Windows server. */
  static final NegotiationResponseFlags RESPONSE_FLAGS =
      new NegotiationResponseFlags(
          NegotiationResponseFlags.EXTENDED_CLIENT_DATA_SUPPORTED
              | NegotiationResponseFlags.DYNVC_GFX_PROTOCOL_SUPPORTED
              | NegotiationResponseFlags.NEGRSP_FLAG_RESERVED);

  /** An MCS Disconnect Provider Ultimatum in its TPKT: an RDP PDU where TLS was due. */
  static final Octets PLAINTEXT_ULTIMATUM = Octets.fromHex("03 00 00 09 02 f0 80 21 80");

  private static final FrameHint CLIENT_TLS_RECORD = FrameHint.tlsRecord(TlsSide.CLIENT);

  private final Scenario scenario;
  private final ServerIdentity identity;
  private final Endpoint endpoint;
  private CloseAction closeAction = CloseAction.NONE;
  private boolean awaitingRequest = true;
  private TlsServerSession tls;
  private SecurityProtocols offered = SecurityProtocols.RDP;
  private final McsServer mcs;
  private NtlmServer.Identity ntlmIdentity = CredSspServer.IDENTITY;
  private ErrorInfo errorInfo = ErrorInfo.SERVER_DENIED_CONNECTION;
  private boolean encryptThenMac = true;
  private CredSspServer credssp;
  private final StandardSecurityServer standard;
  private Instant acceptedAt = Instant.EPOCH;
  private long acceptedNanos;
  private boolean faulted;
  private boolean keyLog;

  /**
   * A server connector for one accepted connection.
   *
   * @param identity the certificate and key its TLS listener presents
   * @param trace where the connection is recorded, as the server sees it
   */
  public ServerConnector(Scenario scenario, ServerIdentity identity, TraceWriter trace) {
    this(scenario, identity, trace, OutboundInterceptor.NONE);
  }

  /**
   * A server connector whose every outbound PDU passes {@code interceptor}: a client fuzzer mutates
   * the emulator's own PDUs there.
   */
  public ServerConnector(
      Scenario scenario,
      ServerIdentity identity,
      TraceWriter trace,
      OutboundInterceptor interceptor) {
    this.scenario = Objects.requireNonNull(scenario, "scenario");
    this.identity = Objects.requireNonNull(identity, "identity");
    this.endpoint = new Endpoint(trace, TlsSide.SERVER, interceptor);
    this.standard =
        scenario.standardSecurity() ? new StandardSecurityServer(scenario, identity) : null;
    this.mcs = new McsServer(this, scenario, identity);
    endpoint.handler(
        new Endpoint.Handler() {
          @Override
          public FrameHint hint() {
            return ServerConnector.this.hint();
          }

          @Override
          public String awaiting() {
            return awaitingPdu();
          }

          @Override
          public void onFrame(ByteBuf frame) {
            ServerConnector.this.onFrame(frame);
          }
        });
  }

  /**
   * Takes every readable byte of {@code data} (without releasing it), received at {@code nanos}.
   */
  public void receive(ByteBuf data, long nanos) {
    endpoint.receive(data, nanos);
  }

  /** The bytes to write to the client, in order, since the last call; recorded once written. */
  public List<Outgoing> takeOutput() {
    return endpoint.takeOutput();
  }

  /** {@code out} reached the kernel at {@code nanos}: recorded as sent, then. */
  public void written(Outgoing out, long nanos) {
    endpoint.written(out, nanos);
  }

  /** Writing {@code out} failed: recorded as not sent, with why. */
  public void notWritten(Outgoing out, long nanos, String why) {
    endpoint.notWritten(out, nanos, why);
  }

  /** Records the end of a finished sequence: closed by the server. */
  public void closeFinished(long nanos) {
    endpoint.closeFinished(nanos);
    released();
  }

  /** Records how the connection ended (once) and frees the buffers. */
  public void close(CloseKind kind, ClosedBy closedBy, String detail, long nanos) {
    endpoint.close(kind, closedBy, detail, "", nanos);
    released();
  }

  /** The TCP connection was accepted (the wall clock is the epoch: NTLM time stamps are 1970). */
  public void accepted(long nanos) {
    accepted(nanos, Instant.EPOCH);
  }

  /**
   * The TCP connection was accepted.
   *
   * @param wallClock the wall-clock time now, for the NTLM CHALLENGE's time stamp
   */
  public void accepted(long nanos, Instant wallClock) {
    this.acceptedAt = Objects.requireNonNull(wallClock, "wallClock");
    this.acceptedNanos = nanos;
    endpoint.trace().at(nanos);
    endpoint.phase(Phase.X224_NEGOTIATION);
    switch (scenario) {
      case FIN_AFTER_ACCEPT -> closeWith(CloseAction.FIN, "scenario: FIN right after accept");
      case RST_AFTER_ACCEPT -> closeWith(CloseAction.RST, "scenario: RST right after accept");
      default -> {}
    }
  }

  /**
   * How to close once the output is written; {@link CloseAction#NONE} keeps the connection. A
   * sequence that ended on the client's bytes (framing broke, a flood) closes with a FIN.
   */
  public CloseAction closeAction() {
    if (closeAction == CloseAction.NONE && endpoint.isFinished()) {
      closeAction = CloseAction.FIN;
    }
    return closeAction;
  }

  /**
   * Whether the scenario's planted fault went off on this connection: the emulator then stops
   * listening ({@link Scenario#PLANTED_FAULT}).
   */
  public boolean faulted() {
    return faulted;
  }

  /**
   * Keeps the TLS session's secrets for NSS key-log lines ({@link #keyLog()}), for a capture of the
   * connection that opens decrypted; set before the Connection Request arrives. Off by default.
   */
  public void keyLog(boolean on) {
    this.keyLog = on;
  }

  /** The TLS session's NSS key-log lines so far, when {@link #keyLog(boolean)} is on. */
  public List<String> keyLog() {
    return tls == null ? List.of() : tls.keyLog().stream().map(KeyLogLine::line).toList();
  }

  /** Whether output is written one byte a second. */
  public boolean trickle() {
    return scenario == Scenario.TRICKLE;
  }

  private FrameHint hint() {
    if (awaitingRequest) {
      return FrameHint.TPKT;
    }
    if (standard != null) {
      return closeAction == CloseAction.NONE ? FrameHint.TPKT : null;
    }
    if (tls == null || closeAction != CloseAction.NONE) {
      return null;
    }
    if (!tls.isHandshakeComplete()) {
      return CLIENT_TLS_RECORD;
    }
    if (credssp != null) {
      return credssp.done() ? TPKT_OR_TS_REQUEST : credssp.hint();
    }
    return FrameHint.TPKT;
  }

  /** After CredSSP: the MCS Connect Initial, or a client's TSCredentials before it. */
  private static final FrameHint TPKT_OR_TS_REQUEST =
      new FrameHint() {
        @Override
        public String name() {
          return "TPKT or TSRequest";
        }

        @Override
        public int frameLength(ByteBuf in) {
          return in.isReadable() && in.getUnsignedByte(in.readerIndex()) == 0x30
              ? FrameHint.TS_REQUEST.frameLength(in)
              : FrameHint.TPKT.frameLength(in);
        }

        @Override
        public int maxLength() {
          return Math.max(FrameHint.TS_REQUEST.maxLength(), FrameHint.TPKT.maxLength());
        }
      };

  private String awaitingPdu() {
    if (awaitingRequest) {
      return X224ConnectionRequest.NAME;
    }
    if (hint() == null) {
      return "";
    }
    if (standard != null) {
      return "MCS PDU from the client";
    }
    if (!tls.isHandshakeComplete()) {
      return "TLS handshake from the client";
    }
    return credssp != null && !credssp.done() ? credssp.awaiting() : "MCS PDU from the client";
  }

  private void onFrame(ByteBuf frame) {
    if (standard != null && !awaitingRequest) {
      mcs.onFrame(frame);
      return;
    }
    if (tls != null && tls.isHandshakeComplete()) {
      if (credssp != null
          && (!credssp.done() || frame.getUnsignedByte(frame.readerIndex()) == 0x30)) {
        credssp.onFrame(frame);
      } else {
        mcs.onFrame(frame);
      }
      return;
    }
    if (tls != null) {
      onTlsRecord(ByteBufUtil.getBytes(frame));
      return;
    }
    X224ConnectionRequest request;
    try {
      request = X224ConnectionRequest.decode(frame.duplicate());
    } catch (DecodeException e) {
      if (scenario == Scenario.PLANTED_FAULT
          && NegotiationRequest.NAME.equals(e.pdu())
          && "length".equals(e.field())) {
        faulted = true;
        endpoint.note(
            "scenario: the planted fault goes off (RDP_NEG_REQ length " + e.received() + ")");
      }
      malformedFrame(frame, e);
      return;
    }
    endpoint.received(request, frame);
    awaitingRequest = false;
    onConnectionRequest(request);
  }

  private void onConnectionRequest(X224ConnectionRequest request) {
    offered =
        request.negotiationRequest() == null
            ? SecurityProtocols.RDP
            : request.negotiationRequest().requestedProtocols();
    if (scenario.failureCode() != null) {
      endpoint.send(X224ConnectionConfirm.of(NegotiationFailure.of(scenario.failureCode())));
      closeWith(CloseAction.FIN, "scenario: RDP_NEG_FAILURE " + scenario.failureCode());
      return;
    }
    switch (scenario) {
      case ACCEPT_THEN_SILENCE -> endpoint.note("scenario: silent after the Connection Request");
      case FIN_AFTER_CONNECTION_REQUEST ->
          closeWith(CloseAction.FIN, "scenario: FIN after the Connection Request");
      case RST_AFTER_CONNECTION_REQUEST ->
          closeWith(CloseAction.RST, "scenario: RST after the Connection Request");
      case GARBAGE_CONFIRM -> {
        endpoint.sendBytes(GARBAGE.toByteArray(), "garbage", GARBAGE.length() + " bytes", null);
        endpoint.note("scenario: garbage instead of a Connection Confirm");
      }
      case SELECT_UNOFFERED_PROTOCOL -> select(unoffered(offered));
      default -> {
        if (scenario.nla()) {
          selectNla();
          return;
        }
        if (standard != null) {
          selectStandardSecurity(request);
          return;
        }
        if (offered.contains(SecurityProtocols.SSL)) {
          select(SecurityProtocols.SSL);
        } else {
          endpoint.send(
              X224ConnectionConfirm.of(
                  NegotiationFailure.of(NegotiationFailureCode.SSL_REQUIRED_BY_SERVER)));
          closeWith(CloseAction.FIN, "TLS required and the client did not offer it");
        }
      }
    }
  }

  /**
   * Standard RDP Security scenarios: PROTOCOL_RDP whatever the offer (as xrdp with {@code
   * security_layer=rdp} does), in an RDP_NEG_RSP when the client negotiated, in a bare Connection
   * Confirm for a client from before negotiation.
   */
  private void selectStandardSecurity(X224ConnectionRequest request) {
    endpoint.send(
        X224ConnectionConfirm.of(
            request.negotiationRequest() == null
                ? null
                : new NegotiationResponse(RESPONSE_FLAGS, SecurityProtocols.RDP)));
    endpoint.phase(Phase.BASIC_SETTINGS);
  }

  /** NLA scenarios: HYBRID_EX or HYBRID, else HYBRID_REQUIRED_BY_SERVER. */
  private void selectNla() {
    SecurityProtocols protocol =
        offered.contains(SecurityProtocols.HYBRID_EX)
            ? SecurityProtocols.HYBRID_EX
            : offered.contains(SecurityProtocols.HYBRID) ? SecurityProtocols.HYBRID : null;
    if (protocol == null) {
      endpoint.send(
          X224ConnectionConfirm.of(
              NegotiationFailure.of(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER)));
      closeWith(CloseAction.FIN, "NLA required and the client did not offer it");
      return;
    }
    credssp =
        new CredSspServer(
            this, scenario, ntlmIdentity, protocol.equals(SecurityProtocols.HYBRID_EX));
    select(protocol);
  }

  private void select(SecurityProtocols protocol) {
    endpoint.send(X224ConnectionConfirm.of(new NegotiationResponse(RESPONSE_FLAGS, protocol)));
    if (scenario == Scenario.TLS_ULTIMATUM_AND_FIN_BEFORE_CLIENT_HELLO) {
      sendPlaintextUltimatum("at once after the Connection Confirm");
      closeWith(
          CloseAction.FIN, "scenario: a plaintext ultimatum and a FIN before the ClientHello");
      return;
    }
    if (protocol.usesTls() && scenario != Scenario.SELECT_UNOFFERED_PROTOCOL) {
      endpoint.phase(Phase.TLS_HANDSHAKE);
      tls =
          TlsServerSession.builder(scenario.tlsAccepted(), identity)
              .encryptThenMac(encryptThenMac)
              .observer(
                  new TlsObserver() {
                    @Override
                    public void message(TlsMessage m) {
                      endpoint.tls(m, m.decoded());
                    }

                    @Override
                    public void alert(TlsAlert a) {
                      endpoint.tlsAlert(a);
                    }
                  })
              .keyLog(keyLog)
              .build();
    }
  }

  private void onTlsRecord(byte[] record) {
    if (!tls.isStarted() && faultOnClientHello(record)) {
      return;
    }
    try {
      if (!tls.isStarted()) {
        tls.start();
      }
      tls.receive(record);
    } catch (TlsFailure f) {
      flushTls();
      closeWith(CloseAction.FIN, "TLS failed: " + f.getMessage());
      return;
    }
    flushTls();
    if (tls.isHandshakeComplete()) {
      endpoint.note(
          "TLS handshake complete: " + tls.facts().version() + ", " + tls.facts().cipherSuite());
      endpoint.secure(new TlsSecureLayer(tls));
      endpoint.phase(credssp != null ? Phase.CREDSSP : Phase.BASIC_SETTINGS);
    }
  }

  /** Plays the scenario's fault in place of a ServerHello; whether it did. */
  private boolean faultOnClientHello(byte[] clientHello) {
    String what = "the ClientHello (" + clientHello.length + " bytes)";
    boolean fault =
        switch (scenario) {
          case TLS_RST_AFTER_CLIENT_HELLO,
              TLS_FIN_AFTER_CLIENT_HELLO,
              TLS_SILENCE_AFTER_CLIENT_HELLO,
              TLS_PLAINTEXT_INSTEAD_OF_SERVER_HELLO,
              TLS_ULTIMATUM_AND_RST_AFTER_CLIENT_HELLO,
              TLS_ALERT_HANDSHAKE_FAILURE,
              TLS_ALERT_PROTOCOL_VERSION,
              TLS_ALERT_INTERNAL_ERROR ->
              true;
          default -> false;
        };
    if (!fault) {
      return false;
    }
    // the TLS session never sees this record: trace it here
    endpoint.tls(
        new TlsMessage(
            TlsSide.CLIENT,
            TlsMessage.HANDSHAKE,
            1,
            "ClientHello",
            clientHello.length - 5,
            "(not answered: scenario " + scenario.cliName() + ")",
            false),
        null);
    switch (scenario) {
      case TLS_RST_AFTER_CLIENT_HELLO -> closeWith(CloseAction.RST, "scenario: RST after " + what);
      case TLS_FIN_AFTER_CLIENT_HELLO -> closeWith(CloseAction.FIN, "scenario: FIN after " + what);
      case TLS_SILENCE_AFTER_CLIENT_HELLO -> endpoint.note("scenario: silent after " + what);
      case TLS_PLAINTEXT_INSTEAD_OF_SERVER_HELLO -> {
        sendPlaintextUltimatum("instead of a ServerHello");
        closeWith(CloseAction.FIN, "scenario: plaintext TPKT instead of a ServerHello");
      }
      case TLS_ULTIMATUM_AND_RST_AFTER_CLIENT_HELLO -> {
        sendPlaintextUltimatum("instead of a ServerHello");
        closeWith(CloseAction.RST, "scenario: a plaintext ultimatum and a RST after " + what);
      }
      default -> {
        int description = scenario.alertDescription();
        byte[] alert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, (byte) description};
        endpoint.sendBytes(
            alert,
            "TLS alert",
            "fatal " + TlsAlert.descriptionName(description) + " (" + description + ")",
            null);
        closeWith(
            CloseAction.FIN,
            "scenario: fatal " + TlsAlert.descriptionName(description) + " after " + what);
      }
    }
    return true;
  }

  /** An MCS Disconnect Provider Ultimatum in its TPKT, in the clear where TLS was due. */
  private void sendPlaintextUltimatum(String where) {
    endpoint.sendBytes(
        PLAINTEXT_ULTIMATUM.toByteArray(),
        "MCS Disconnect Provider Ultimatum",
        "in the clear " + where,
        null);
  }

  private void flushTls() {
    byte[] out = tls.takeOutput();
    if (out.length > 0) {
      endpoint.sendRecords(out);
    }
  }

  /** A protocol outside the offer: the first one the client left out, or an undefined bit. */
  static SecurityProtocols unoffered(SecurityProtocols offered) {
    for (SecurityProtocols p :
        new SecurityProtocols[] {
          SecurityProtocols.HYBRID_EX,
          SecurityProtocols.HYBRID,
          SecurityProtocols.SSL,
          SecurityProtocols.RDSTLS,
          SecurityProtocols.RDSAAD
        }) {
      if (!offered.contains(p)) {
        return p;
      }
    }
    return new SecurityProtocols(0x40);
  }

  private void closeWith(CloseAction action, String why) {
    closeAction = action;
    endpoint.finish(CloseKind.STOP_POINT_REACHED, why + " (" + action + ")");
  }

  // --- what McsServer and CredSspServer need of the endpoint --------------------------------

  /** The code {@link Scenario#SET_ERROR_INFO} sends. */
  /** Whether the TLS session accepts encrypt-then-MAC (RFC 7366). */
  void encryptThenMac(boolean on) {
    this.encryptThenMac = on;
  }

  void errorInfo(ErrorInfo code) {
    this.errorInfo = Objects.requireNonNull(code, "errorInfo");
  }

  ErrorInfo errorInfo() {
    return errorInfo;
  }

  /** Shows this NTLM identity in the CHALLENGE of NLA scenarios. */
  void ntlmIdentity(NtlmServer.Identity identity) {
    this.ntlmIdentity = Objects.requireNonNull(identity, "identity");
  }

  /** The certificate and key the TLS listener presents. */
  ServerIdentity identity() {
    return identity;
  }

  /** The wall-clock time of the input being handled. */
  Instant wallClock() {
    return acceptedAt.plusNanos(endpoint.trace().now() - acceptedNanos);
  }

  void sendPdu(Pdu pdu) {
    endpoint.send(pdu);
  }

  void closeNow(CloseAction action, String why) {
    closeWith(action, why);
  }

  /** Ends the connection over what the client sent, recorded as {@code kind}. */
  void refuse(CloseAction action, CloseKind kind, String why) {
    closeAction = action;
    endpoint.finish(kind, why + " (" + action + ")");
  }

  /** Frees what the CredSSP server holds, once the close is recorded. */
  private void released() {
    if (credssp != null) {
      credssp.release();
    }
  }

  /** The scenario played. */
  Scenario scenario() {
    return scenario;
  }

  /** Standard RDP Security, in its scenarios; else {@code null}. */
  StandardSecurityServer standard() {
    return standard;
  }

  /** The protocols the client offered in its Connection Request. */
  SecurityProtocols offered() {
    return offered;
  }

  void sendMcsPdu(McsPdu carrier, Pdu recordAs) {
    endpoint.sendMcs(carrier, recordAs);
  }

  void receivedPduRedacted(Pdu shown, ByteBuf frame) {
    endpoint.receivedRedacted(shown, frame);
  }

  void receivedPdu(Pdu pdu, ByteBuf frame) {
    endpoint.received(pdu, frame);
  }

  void receivedRaw(String name, String summary, ByteBuf frame) {
    endpoint.receivedRaw(name, summary, frame);
  }

  void receivedPdu(Pdu pdu, ByteBuf frame, String summary) {
    endpoint.received(pdu, frame, summary);
  }

  void sendMcsPdu(McsPdu carrier, Pdu recordAs, String summary) {
    endpoint.sendMcs(carrier, recordAs, summary);
  }

  void malformedFrame(ByteBuf frame, DecodeException e) {
    endpoint.finish(CloseKind.MALFORMED_PDU, endpoint.recordMalformed(frame, e));
    closeAction = CloseAction.FIN;
  }

  void enter(Phase phase) {
    endpoint.phase(phase);
  }

  void noteFact(String text) {
    endpoint.note(text);
  }

  void noteFact(String text, Object detail) {
    endpoint.note(text, detail);
  }
}
