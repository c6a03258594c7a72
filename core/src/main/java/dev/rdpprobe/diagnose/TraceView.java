package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.credssp.CarriesNtStatus;
import dev.rdpprobe.wire.credssp.EarlyUserAuthorizationResult;
import dev.rdpprobe.wire.credssp.TsRequest;
import dev.rdpprobe.wire.gcc.ConferenceCreateResponse;
import dev.rdpprobe.wire.gcc.ServerSecurityData;
import dev.rdpprobe.wire.mcs.CarriesUltimatumReason;
import dev.rdpprobe.wire.mcs.McsConnectResponse;
import dev.rdpprobe.wire.share.CarriesErrorInfo;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A finished trace as the rules read it: every lookup answers with the event's index, so a rule can
 * cite its evidence, and the facts several rules weigh (a long silence, a large flight) are worked
 * out once, here.
 */
final class TraceView {
  /**
   * The TLS alerts the rules weigh (RFC 8446 6.2, RFC 5246 7.2): matched by number or by the
   * description's name, so a trace that carries only one of them still matches.
   */
  enum Alert {
    HANDSHAKE_FAILURE(40, "handshake_failure"),
    PROTOCOL_VERSION(70, "protocol_version"),
    INSUFFICIENT_SECURITY(71, "insufficient_security"),
    INTERNAL_ERROR(80, "internal_error");

    final int code;
    final String description;

    Alert(int code, String description) {
      this.code = code;
      this.description = description;
    }

    boolean matches(TraceEvent.TlsAlert a) {
      return a.code() == code || description.equalsIgnoreCase(a.description());
    }
  }

  /** An event and its index in the trace. */
  record At<E extends TraceEvent>(int index, E event) {}

  /** A PDU event, its index, and its decoded record. */
  record PduAt<P>(int index, TraceEvent.Pdu event, P pdu) {}

  private final Trace trace;
  private final List<TraceEvent> events;
  private final TraceEvent.Closed closed;
  private final DiagnoserOptions options;

  TraceView(Trace trace, DiagnoserOptions options) {
    this.trace = trace;
    this.events = trace.events();
    this.closed =
        trace
            .closed()
            .orElseThrow(
                () -> new IllegalArgumentException("the trace has not ended: no Closed event"));
    this.options = options;
  }

  TraceEvent.Closed closed() {
    return closed;
  }

  Trace trace() {
    return trace;
  }

  int closedIndex() {
    return events.size() - 1;
  }

  DiagnoserOptions options() {
    return options;
  }

  /** Every event, the close last. */
  List<TraceEvent> events() {
    return events;
  }

  // ---- finding events -----------------------------------------------------------------------

  <E extends TraceEvent> Optional<At<E>> first(Class<E> type, Predicate<? super E> test) {
    for (int i = 0; i < events.size(); i++) {
      if (type.isInstance(events.get(i)) && test.test(type.cast(events.get(i)))) {
        return Optional.of(new At<>(i, type.cast(events.get(i))));
      }
    }
    return Optional.empty();
  }

  /** The first event of {@code type} after event {@code index} that passes {@code test}. */
  <E extends TraceEvent> Optional<At<E>> firstAfter(
      int index, Class<E> type, Predicate<? super E> test) {
    for (int i = index + 1; i < events.size(); i++) {
      if (type.isInstance(events.get(i)) && test.test(type.cast(events.get(i)))) {
        return Optional.of(new At<>(i, type.cast(events.get(i))));
      }
    }
    return Optional.empty();
  }

  <E extends TraceEvent> Optional<At<E>> last(Class<E> type, Predicate<? super E> test) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (type.isInstance(events.get(i)) && test.test(type.cast(events.get(i)))) {
        return Optional.of(new At<>(i, type.cast(events.get(i))));
      }
    }
    return Optional.empty();
  }

  /** The first PDU that went {@code direction} whose decoded record is a {@code type}. */
  <P> Optional<PduAt<P>> firstPdu(Direction direction, Class<P> type) {
    return first(TraceEvent.Pdu.class, p -> p.direction() == direction && type.isInstance(p.pdu()))
        .map(a -> new PduAt<>(a.index(), a.event(), type.cast(a.event().pdu())));
  }

  /** The last PDU that went {@code direction} whose decoded record is a {@code type}. */
  <P> Optional<PduAt<P>> lastPdu(Direction direction, Class<P> type) {
    return last(TraceEvent.Pdu.class, p -> p.direction() == direction && type.isInstance(p.pdu()))
        .map(a -> new PduAt<>(a.index(), a.event(), type.cast(a.event().pdu())));
  }

  Optional<At<TraceEvent.Pdu>> lastReceivedPdu() {
    return last(TraceEvent.Pdu.class, p -> p.direction() == Direction.SERVER_TO_CLIENT);
  }

  /** Our last PDU or TLS handshake message. */
  Optional<At<TraceEvent>> lastSend() {
    return last(TraceEvent.class, e -> sentLength(e) >= 0);
  }

  /** The name of what {@link #lastSend()} found: a PDU's name or a TLS message's. */
  static String sentName(TraceEvent e) {
    if (e instanceof TraceEvent.Pdu p) {
      return p.name();
    }
    if (e instanceof TraceEvent.Tls t) {
      return t.message();
    }
    return "";
  }

  // ---- facts of the connection sequence -----------------------------------------------------

  Optional<PduAt<X224ConnectionRequest>> connectionRequest() {
    return firstPdu(Direction.CLIENT_TO_SERVER, X224ConnectionRequest.class);
  }

  Optional<PduAt<X224ConnectionConfirm>> connectionConfirm() {
    return firstPdu(Direction.SERVER_TO_CLIENT, X224ConnectionConfirm.class);
  }

  /** The protocols our Connection Request offered, if it had an RDP_NEG_REQ. */
  Optional<SecurityProtocols> offeredProtocols() {
    return connectionRequest()
        .filter(r -> r.pdu().negotiationRequest() != null)
        .map(r -> r.pdu().negotiationRequest().requestedProtocols());
  }

  /** The RDP_NEG_FAILURE the server answered with, carried by its Connection Confirm. */
  Optional<PduAt<NegotiationFailure>> negotiationFailure() {
    return connectionConfirm()
        .filter(c -> c.pdu().negotiation() instanceof NegotiationFailure)
        .map(c -> new PduAt<>(c.index(), c.event(), (NegotiationFailure) c.pdu().negotiation()));
  }

  /** The Server Security Data of the server's MCS Connect Response, if it had a readable one. */
  Optional<PduAt<ServerSecurityData>> serverSecurityData() {
    var response = lastPdu(Direction.SERVER_TO_CLIENT, McsConnectResponse.class);
    if (response.isEmpty()) {
      return Optional.empty();
    }
    try {
      return ConferenceCreateResponse.from(response.get().pdu())
          .userData()
          .security()
          .map(s -> new PduAt<>(response.get().index(), response.get().event(), s));
    } catch (DecodeException e) {
      return Optional.empty(); // recorded as it came; no method to name
    }
  }

  /** The last ERRINFO the server sent, in whatever received PDU carries one. */
  Optional<PduAt<CarriesErrorInfo>> serverErrorInfo() {
    return lastPdu(Direction.SERVER_TO_CLIENT, CarriesErrorInfo.class);
  }

  /**
   * The last ERRINFO the server sent before event {@code index}: what a client holds when that
   * event arrives.
   */
  Optional<PduAt<CarriesErrorInfo>> serverErrorInfoBefore(int index) {
    for (int i = index - 1; i >= 0; i--) {
      if (events.get(i) instanceof TraceEvent.Pdu p
          && p.direction() == Direction.SERVER_TO_CLIENT
          && p.pdu() instanceof CarriesErrorInfo e) {
        return Optional.of(new PduAt<>(i, p, e));
      }
    }
    return Optional.empty();
  }

  /** The server's Disconnect Provider Ultimatum (or whatever received PDU carries one). */
  Optional<PduAt<CarriesUltimatumReason>> ultimatum() {
    // one in the clear where TLS was due is a server whose TLS did not start, not an MCS goodbye
    return first(
            TraceEvent.Pdu.class,
            p ->
                p.direction() == Direction.SERVER_TO_CLIENT
                    && p.pdu() instanceof CarriesUltimatumReason
                    && p.phase() != Phase.TLS_HANDSHAKE)
        .map(a -> new PduAt<>(a.index(), a.event(), (CarriesUltimatumReason) a.event().pdu()));
  }

  /** Bytes from the server that did not decode: the first such event. */
  Optional<At<TraceEvent.Undecodable>> undecodableAnswer() {
    return first(TraceEvent.Undecodable.class, u -> u.direction() == Direction.SERVER_TO_CLIENT);
  }

  /**
   * A whole PDU of another layer the server sent where a TLS record was due (a plaintext Disconnect
   * Provider Ultimatum from a server whose TLS could not start).
   */
  Optional<At<TraceEvent.Pdu>> plaintextWhereTlsWasDue() {
    return first(
        TraceEvent.Pdu.class,
        p ->
            p.direction() == Direction.SERVER_TO_CLIENT
                && p.phase() == Phase.TLS_HANDSHAKE
                && !p.name().startsWith("UDP "));
  }

  /** The first received PDU that carries an NTSTATUS other than 0 (a CredSSP TSRequest). */
  Optional<PduAt<CarriesNtStatus>> credSspFailure() {
    return first(
            TraceEvent.Pdu.class,
            p ->
                p.direction() == Direction.SERVER_TO_CLIENT
                    && p.pdu() instanceof CarriesNtStatus c
                    && c.ntStatus().orElse(0) != 0)
        .map(a -> new PduAt<>(a.index(), a.event(), (CarriesNtStatus) a.event().pdu()));
  }

  // ---- CredSSP ------------------------------------------------------------------------------

  /** The NTLM MessageType of a TSRequest's first negoToken (1, 2, 3), or 0 for none or another. */
  static int ntlmMessageType(TsRequest request) {
    Octets token = request.negoToken();
    if (token == null || token.length() < 12) {
      return 0;
    }
    byte[] signature = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};
    for (int i = 0; i < signature.length; i++) {
      if (token.get(i) != (signature[i] & 0xFF)) {
        return 0;
      }
    }
    int type = token.getIntLE(8);
    return type >= 1 && type <= 3 ? type : 0;
  }

  /** Our first TSRequest (the NTLM NEGOTIATE). */
  Optional<PduAt<TsRequest>> ourNegotiate() {
    return firstPdu(Direction.CLIENT_TO_SERVER, TsRequest.class);
  }

  /** Our TSRequest with the NTLM AUTHENTICATE. */
  Optional<PduAt<TsRequest>> ourAuthenticate() {
    return first(
            TraceEvent.Pdu.class,
            p ->
                p.direction() == Direction.CLIENT_TO_SERVER
                    && p.pdu() instanceof TsRequest t
                    && ntlmMessageType(t) == 3)
        .map(a -> new PduAt<>(a.index(), a.event(), (TsRequest) a.event().pdu()));
  }

  /** The server's first TSRequest. */
  /** The TSRequest with authInfo we sent (Restricted Admin mode's empty TSCredentials). */
  Optional<PduAt<TsRequest>> ourTsCredentials() {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) instanceof TraceEvent.Pdu p
          && p.direction() == Direction.CLIENT_TO_SERVER
          && p.pdu() instanceof TsRequest t
          && t.authInfo() != null) {
        return Optional.of(new PduAt<>(i, p, t));
      }
    }
    return Optional.empty();
  }

  Optional<PduAt<TsRequest>> serverTsRequest() {
    return firstPdu(Direction.SERVER_TO_CLIENT, TsRequest.class);
  }

  /** The first TSRequest the server sent after event {@code index}. */
  Optional<PduAt<TsRequest>> serverTsRequestAfter(int index) {
    for (int i = index + 1; i < events.size(); i++) {
      if (events.get(i) instanceof TraceEvent.Pdu p
          && p.direction() == Direction.SERVER_TO_CLIENT
          && p.pdu() instanceof TsRequest t) {
        return Optional.of(new PduAt<>(i, p, t));
      }
    }
    return Optional.empty();
  }

  /** The server's TSRequest with pubKeyAuth: its proof that it verified our credentials. */
  Optional<PduAt<TsRequest>> serverPubKeyAuth() {
    return first(
            TraceEvent.Pdu.class,
            p ->
                p.direction() == Direction.SERVER_TO_CLIENT
                    && p.pdu() instanceof TsRequest t
                    && t.pubKeyAuth() != null)
        .map(a -> new PduAt<>(a.index(), a.event(), (TsRequest) a.event().pdu()));
  }

  /** The server's Early User Authorization Result PDU. */
  Optional<PduAt<EarlyUserAuthorizationResult>> earlyAuthorization() {
    return firstPdu(Direction.SERVER_TO_CLIENT, EarlyUserAuthorizationResult.class);
  }

  /** The first fatal TLS alert, either way. */
  Optional<At<TraceEvent.TlsAlert>> fatalAlert() {
    return first(TraceEvent.TlsAlert.class, a -> "fatal".equalsIgnoreCase(a.level()));
  }

  /** The first TLS alert the server sent of the given kind. */
  Optional<At<TraceEvent.TlsAlert>> receivedAlert(Alert alert) {
    return first(
        TraceEvent.TlsAlert.class,
        a -> a.direction() == Direction.SERVER_TO_CLIENT && alert.matches(a));
  }

  /** Our ClientHello. */
  Optional<At<TraceEvent.Tls>> clientHello() {
    return first(
        TraceEvent.Tls.class,
        t -> t.direction() == Direction.CLIENT_TO_SERVER && "ClientHello".equals(t.message()));
  }

  /** Whether any TLS handshake message came from the server. */
  boolean receivedTlsMessage() {
    return first(TraceEvent.Tls.class, t -> t.direction() == Direction.SERVER_TO_CLIENT)
        .isPresent();
  }

  /** Whether the close is in {@code phase}. */
  boolean closedIn(Phase phase) {
    return closed.phase() == phase;
  }

  /** Whether the server sent no byte at all. */
  boolean nothingReceived() {
    return closed.serverOffset() == 0;
  }

  /** Bytes received from the moment of {@code event} until the close. */
  long receivedSince(TraceEvent event) {
    return closed.serverOffset() - event.serverOffset();
  }

  // ---- facts several rules weigh ------------------------------------------------------------

  /** Whether the server ended the connection: a FIN or a RST. */
  boolean closedByPeer() {
    return closed.kind() == CloseKind.PEER_FIN || closed.kind() == CloseKind.PEER_RST;
  }

  /**
   * Whether the server ended the connection in the TLS handshake right on our ClientHello: not a
   * byte since it, no TLS message and no alert (a TLS layer that cannot start, or an old server
   * that supports none of the offered versions).
   */
  boolean closedOnClientHello() {
    var hello = clientHello();
    return hello.isPresent()
        && closedIn(Phase.TLS_HANDSHAKE)
        && closedByPeer()
        && !receivedTlsMessage()
        && receivedSince(hello.get().event()) == 0
        && first(TraceEvent.TlsAlert.class, a -> a.direction() == Direction.SERVER_TO_CLIENT)
            .isEmpty();
  }

  /** The close after something we sent: {@code peer RST 12 ms after our ClientHello}. */
  String closeAfter(TraceEvent sent, String what) {
    return closeWords()
        + " "
        + Words.duration(closed.nanos() - sent.nanos())
        + " after our "
        + what;
  }

  /**
   * Whether the last stretch before the close was a long silence both ways: nothing sent and
   * nothing received for at least {@link DiagnoserOptions#idleResetSilence()} (a connection where
   * the server never sent anything counts from our last send).
   */
  boolean longSilence() {
    long threshold = options.idleResetSilence().toNanos();
    return closed.nanosSinceClientSent() >= threshold
        && (closed.nanosSinceServerSent() < 0 || closed.nanosSinceServerSent() >= threshold);
  }

  /** Whether nothing arrived after our last send. */
  boolean silentSinceLastSend() {
    return closed.nanosSinceClientSent() >= 0
        && (closed.nanosSinceServerSent() < 0
            || closed.nanosSinceServerSent() >= closed.nanosSinceClientSent());
  }

  /** Bytes we sent after the last moment we received something. */
  long sentSinceLastReceive() {
    long base = 0;
    for (int i = events.size() - 1; i >= 0; i--) {
      TraceEvent e = events.get(i);
      if (e.direction() == Direction.SERVER_TO_CLIENT) {
        base = e.clientOffset();
        break;
      }
    }
    return closed.clientOffset() - base;
  }

  /**
   * Whether our last flight was large ({@link DiagnoserOptions#largeFlightBytes()} or more, sent
   * after the last thing received) and nothing answered it.
   */
  boolean largeUnansweredFlight() {
    return silentSinceLastSend() && sentSinceLastReceive() >= options.largeFlightBytes();
  }

  /** The largest thing we sent after the last thing received, PDU or TLS message. */
  Optional<At<TraceEvent>> largestSendSinceLastReceive() {
    At<TraceEvent> best = null;
    int bestLength = -1;
    for (int i = events.size() - 1; i >= 0; i--) {
      TraceEvent e = events.get(i);
      if (e.direction() == Direction.SERVER_TO_CLIENT) {
        break;
      }
      int length = sentLength(e);
      if (length > bestLength) {
        best = new At<>(i, e);
        bestLength = length;
      }
    }
    return Optional.ofNullable(bestLength > 0 ? best : null);
  }

  static int sentLength(TraceEvent e) {
    if (e.direction() != Direction.CLIENT_TO_SERVER) {
      return -1;
    }
    if (e instanceof TraceEvent.Pdu p) {
      return p.length();
    }
    if (e instanceof TraceEvent.Tls t) {
      return t.length();
    }
    return -1;
  }

  // ---- words --------------------------------------------------------------------------------

  /** How the connection closed, as a noun phrase: {@code peer RST}, {@code peer FIN}. */
  String closeWords() {
    return switch (closed.kind()) {
      case PEER_RST -> "peer RST";
      case PEER_FIN -> "peer FIN";
      case IDLE_TIMEOUT -> "our idle timeout";
      case DEADLINE_EXCEEDED -> "our deadline";
      default -> closed.kind().name();
    };
  }
}
