package dev.rdpprobe.fuzz;

import dev.rdpprobe.connect.Endpoint;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.credssp.CarriesNtStatus;
import dev.rdpprobe.wire.license.LicenseErrorMessage;
import dev.rdpprobe.wire.mcs.CarriesUltimatumReason;
import dev.rdpprobe.wire.share.CarriesErrorInfo;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.X224DisconnectRequest;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Objects;

/**
 * How a peer reacted to a mutated PDU, read from the connection's trace alone: the events after the
 * interceptor's note and the close.
 *
 * @param kind the reaction
 * @param detail what the trace shows, e.g. {@code ERRINFO 0x10c9} or {@code RST 3 ms after}
 * @param millisAfter from the mutated PDU's write to the close, or -1 when it was not sent
 * @param lastPeerPdu the last PDU the peer sent, or {@code ""}
 * @param close how the connection ended
 * @param phase the phase it ended in
 */
public record Reaction(
    Kind kind, String detail, long millisAfter, String lastPeerPdu, CloseKind close, Phase phase) {
  public Reaction {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(lastPeerPdu, "lastPeerPdu");
    Objects.requireNonNull(close, "close");
    Objects.requireNonNull(phase, "phase");
  }

  /** The TLS alert description close_notify (RFC 8446, 6.1). */
  private static final int CLOSE_NOTIFY = 0;

  /** The reactions, most specific first: the first that applies is the one reported. */
  public enum Kind {
    /** The peer sent Set Error Info (MS-RDPBCGR 2.2.5.1.1), with its code. */
    SET_ERROR_INFO("Set Error Info"),
    /** The peer sent an MCS Disconnect Provider Ultimatum, with its reason. */
    ULTIMATUM("Disconnect Provider Ultimatum"),
    /** The peer sent an X.224 Disconnect Request. */
    X224_DISCONNECT("X.224 Disconnect Request"),
    /** The peer sent a named error PDU: RDP_NEG_FAILURE, a licensing error, a CredSSP errorCode. */
    ERROR_PDU("a named error PDU"),
    /** The peer sent a TLS alert. */
    TLS_ALERT("TLS alert"),
    /** The peer answered as the sequence expects: the phase completed. */
    ANSWERED("answered as normal"),
    /** The peer answered with something the sequence does not expect there. */
    ANSWERED_OTHERWISE("answered otherwise"),
    /** The peer reset the connection. */
    RST("RST"),
    /** The peer closed the connection with a FIN. */
    FIN("FIN"),
    /** The peer neither answered nor closed: the mutated PDU was ignored until the timeout. */
    SILENCE("silence until the timeout"),
    /** The connection was refused: nothing listens. */
    REFUSED("connection refused"),
    /** The mutated PDU was never sent: the connection ended before its phase. */
    NOT_REACHED("target PDU not reached"),
    /** The connection ended for a reason on the fuzzer's side. */
    LOCAL("ended on the fuzzer's side");

    private final String words;

    Kind(String words) {
      this.words = words;
    }

    /** The reaction in words. */
    public String words() {
      return words;
    }
  }

  /** The reaction in one line. */
  public String line() {
    return kind.name() + (detail.isEmpty() ? "" : " (" + detail + ")");
  }

  /**
   * The reaction of the server in a probe's trace ({@code peer} is the server) or of the client in
   * the emulator's ({@code peer} is the client).
   */
  public static Reaction of(Trace trace, Direction fromPeer) {
    List<TraceEvent> events = trace.events();
    TraceEvent.Closed closed = trace.closed().orElse(null);
    Phase phase = closed == null ? trace.lastPhase() : closed.phase();
    CloseKind close = closed == null ? CloseKind.LOCAL_ERROR : closed.kind();
    int mutated = -1;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) instanceof TraceEvent.Note n
          && n.detail() instanceof Endpoint.InterceptedPdu) {
        mutated = i;
        break;
      }
    }
    String last = trace.lastPdu(fromPeer).map(TraceEvent.Pdu::name).orElse("");
    if (close == CloseKind.CONNECT_REFUSED) {
      return new Reaction(Kind.REFUSED, "", -1, last, close, phase);
    }
    if (mutated < 0) {
      return new Reaction(
          Kind.NOT_REACHED,
          closed == null ? "" : close.name() + " in " + phase,
          -1,
          last,
          close,
          phase);
    }
    long sentAt = events.get(mutated).nanos();
    for (int i = mutated + 1; i < events.size(); i++) {
      TraceEvent e = events.get(i);
      if (e instanceof TraceEvent.Pdu p && p.direction() == fromPeer.reverse()) {
        sentAt = p.nanos(); // when the mutated bytes were written
        break;
      }
    }
    long after = closed == null ? -1 : Math.max(0, (closed.nanos() - sentAt) / 1_000_000);
    // the protocol's own words come first
    Reaction named = null;
    boolean answered = false;
    boolean closeNotify = false;
    for (int i = mutated + 1; i < events.size() && named == null; i++) {
      TraceEvent e = events.get(i);
      if (e.direction() != fromPeer) {
        continue;
      }
      if (e instanceof TraceEvent.TlsAlert a) {
        if (a.code() == CLOSE_NOTIFY) {
          closeNotify = true; // TLS's way to close: the close that follows is the reaction
          continue;
        }
        named =
            new Reaction(
                Kind.TLS_ALERT, a.level() + " " + a.description(), after, last, close, phase);
      } else if (e instanceof TraceEvent.Pdu p) {
        answered = true;
        named = named(p, after, last, close, phase);
      } else if (e instanceof TraceEvent.Undecodable || e instanceof TraceEvent.Tls) {
        answered = true;
      }
    }
    if (named != null) {
      return named;
    }
    String when =
        (closeNotify ? "after close_notify, " : "") + (after < 0 ? "" : after + " ms after");
    return switch (close) {
      case STOP_POINT_REACHED, NOT_FOLLOWED ->
          new Reaction(Kind.ANSWERED, "the phase completed", after, last, close, phase);
      case MALFORMED_PDU, PROTOCOL_VIOLATION, REFUSED_BY_SERVER ->
          new Reaction(Kind.ANSWERED_OTHERWISE, closed.detail(), after, last, close, phase);
      case PEER_RST, CLIENT_RST -> new Reaction(Kind.RST, when, after, last, close, phase);
      case PEER_FIN, CLIENT_FIN ->
          new Reaction(
              Kind.FIN, (answered ? "after an answer, " : "") + when, after, last, close, phase);
      case IDLE_TIMEOUT, DEADLINE_EXCEEDED ->
          new Reaction(
              answered ? Kind.ANSWERED_OTHERWISE : Kind.SILENCE,
              close.name() + (answered ? " after a partial answer" : ""),
              after,
              last,
              close,
              phase);
      default ->
          new Reaction(
              Kind.LOCAL, close.name() + ": " + closed.detail(), after, last, close, phase);
    };
  }

  private static Reaction named(
      TraceEvent.Pdu p, long after, String last, CloseKind close, Phase phase) {
    Object pdu = p.pdu();
    CarriesErrorInfo info = find(pdu, CarriesErrorInfo.class, 0);
    if (info != null) {
      return new Reaction(
          Kind.SET_ERROR_INFO, info.errorInfo().toString(), after, last, close, phase);
    }
    CarriesUltimatumReason ultimatum = find(pdu, CarriesUltimatumReason.class, 0);
    if (ultimatum != null) {
      return new Reaction(
          Kind.ULTIMATUM, "reason " + ultimatum.ultimatumReason(), after, last, close, phase);
    }
    if (p.name().equals("MCS Disconnect Provider Ultimatum")) {
      return new Reaction(Kind.ULTIMATUM, "in the clear", after, last, close, phase);
    }
    if (find(pdu, X224DisconnectRequest.class, 0) != null) {
      return new Reaction(Kind.X224_DISCONNECT, "", after, last, close, phase);
    }
    NegotiationFailure failure = find(pdu, NegotiationFailure.class, 0);
    if (failure != null) {
      return new Reaction(
          Kind.ERROR_PDU, "RDP_NEG_FAILURE " + failure.failureCode(), after, last, close, phase);
    }
    LicenseErrorMessage license = find(pdu, LicenseErrorMessage.class, 0);
    if (license != null && license.dwErrorCode().value() != 0x07) {
      // STATUS_VALID_CLIENT (7) is licensing's success, not an error
      return new Reaction(
          Kind.ERROR_PDU, "license error " + license.dwErrorCode(), after, last, close, phase);
    }
    CarriesNtStatus status = find(pdu, CarriesNtStatus.class, 0);
    if (status != null && status.ntStatus().isPresent()) {
      return new Reaction(
          Kind.ERROR_PDU,
          String.format("CredSSP errorCode 0x%08x", status.ntStatus().getAsInt()),
          after,
          last,
          close,
          phase);
    }
    return null;
  }

  /** {@code pdu} or a record it carries (a frame's payload), of {@code type}. */
  private static <T> T find(Object pdu, Class<T> type, int depth) {
    if (pdu == null || depth > 4) {
      return null;
    }
    if (type.isInstance(pdu)) {
      return type.cast(pdu);
    }
    if (pdu instanceof Record r && !Slots.isValueRecord(r)) {
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        if (c.getType().isPrimitive()) {
          continue;
        }
        try {
          var accessor = c.getAccessor();
          accessor.setAccessible(true);
          T found = find(accessor.invoke(r), type, depth + 1);
          if (found != null) {
            return found;
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          // a component that cannot be read carries nothing we look for
        }
      }
    }
    return null;
  }
}
