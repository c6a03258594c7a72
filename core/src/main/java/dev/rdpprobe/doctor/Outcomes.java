package dev.rdpprobe.doctor;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.diagnose.Words;
import dev.rdpprobe.facts.MultitransportFacts;
import dev.rdpprobe.facts.NegotiationFacts;
import dev.rdpprobe.tls.TlsServerHello;
import dev.rdpprobe.tls.TlsSessionFacts;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How a probe ended, in the few words a follow-up line and a finding need, from its trace. */
final class Outcomes {
  private Outcomes() {}

  /** Whether a TCP connection was made. */
  static boolean connected(ProbeResult r) {
    return !r.trace().eventsOf(TraceEvent.Connected.class).isEmpty();
  }

  /**
   * Whether the server turned the connection away before saying anything: refused, or closed
   * without a byte.
   */
  static boolean turnedAway(ProbeResult r) {
    TraceEvent.Closed c = r.closed();
    return c.kind() == CloseKind.CONNECT_REFUSED
        || ((c.kind() == CloseKind.PEER_RST || c.kind() == CloseKind.PEER_FIN)
            && c.serverOffset() == 0);
  }

  /** Whether we gave up waiting: idle timeout or deadline. */
  static boolean stalled(ProbeResult r) {
    CloseKind k = r.closed().kind();
    return k == CloseKind.IDLE_TIMEOUT || k == CloseKind.DEADLINE_EXCEEDED;
  }

  /** Whether the TLS handshake completed. */
  static boolean tlsComplete(ProbeResult r) {
    TlsSessionFacts tls = r.facts().tls();
    return tls != null && tls.handshakeComplete();
  }

  /** The protocol the server selected, if it selected one. */
  static Optional<String> selected(ProbeResult r) {
    NegotiationFacts n = r.facts().negotiation();
    return n != null && n.accepted()
        ? Optional.of(n.selectedProtocol().toString())
        : Optional.empty();
  }

  /** The RDP_NEG_FAILURE code the server answered with, if it did. */
  static Optional<String> failureCode(ProbeResult r) {
    NegotiationFacts n = r.facts().negotiation();
    return n != null && n.failureCode() != null
        ? Optional.of(n.failureCode().name())
        : Optional.empty();
  }

  /** The first alert the server sent. */
  static Optional<TraceEvent.TlsAlert> receivedAlert(ProbeResult r) {
    return r.trace().eventsOf(TraceEvent.TlsAlert.class).stream()
        .filter(a -> a.direction() == Direction.SERVER_TO_CLIENT)
        .findFirst();
  }

  /** The version the server's ServerHello chose, in words ({@code TLSv1.0}), if one came. */
  static Optional<String> serverHelloVersion(ProbeResult r) {
    return r.trace().eventsOf(TraceEvent.Tls.class).stream()
        .filter(t -> t.direction() == Direction.SERVER_TO_CLIENT)
        .map(TraceEvent.Tls::detail)
        .filter(d -> d instanceof TlsServerHello)
        .map(d -> TlsVersion.describe(((TlsServerHello) d).selectedVersion()))
        .findFirst();
  }

  /** The length of our ClientHello, or -1. */
  static int clientHelloLength(ProbeResult r) {
    return r.trace().eventsOf(TraceEvent.Tls.class).stream()
        .filter(
            t -> t.direction() == Direction.CLIENT_TO_SERVER && "ClientHello".equals(t.message()))
        .mapToInt(TraceEvent.Tls::length)
        .findFirst()
        .orElse(-1);
  }

  /**
   * How the probe ended, one line, e.g. {@code refused: RDP_NEG_FAILURE SSL_REQUIRED_BY_SERVER}.
   */
  static String describe(ProbeResult r) {
    MultitransportFacts mt = r.facts().multitransport();
    if (mt != null) {
      return switch (mt.udp()) {
            case YES -> "UDP reachable: SYN+ACK from the server's UDP port";
            case NO -> "UDP not reachable: " + mt.udpDetail();
            case NOT_TRIED ->
                mt.requests().isEmpty()
                    ? "UDP not tried: the server sent no Initiate Multitransport Request"
                    : "UDP not tried";
          }
          + "; "
          + describeClose(r);
    }
    return describeClose(r);
  }

  private static String describeClose(ProbeResult r) {
    TraceEvent.Closed c = r.closed();
    return switch (c.kind()) {
      case STOP_POINT_REACHED -> {
        if (r.facts().activation() != null) {
          yield "reached the Demand Active ("
              + r.facts().activation().demandActive().capabilitySets().sets().size()
              + " capability sets)";
        }
        TlsSessionFacts tls = r.facts().tls();
        if (tls != null && tls.handshakeComplete()) {
          yield "TLS handshake complete: "
              + (tls.version() == null ? "unknown version" : tls.version().toString())
              + ", "
              + tls.cipherSuite();
        }
        NegotiationFacts n = r.facts().negotiation();
        if (n != null && n.accepted()) {
          yield "selected "
              + n.selectedProtocol()
              + (n.negotiationDataPresent()
                  ? ""
                  : " (no negotiation data: pre-negotiation server)");
        }
        yield "reached the stop point after " + c.phase();
      }
      case REFUSED_BY_SERVER ->
          "refused: " + failureCode(r).map(code -> "RDP_NEG_FAILURE " + code).orElse(c.detail());
      case TLS_ALERT -> alert(r);
      case CONNECT_REFUSED -> "TCP connection refused";
      case CONNECT_TIMEOUT -> "no answer to the TCP SYN";
      case UNREACHABLE -> "host unreachable";
      case DNS_FAILURE -> "the name did not resolve";
      case PEER_RST, PEER_FIN ->
          (c.kind() == CloseKind.PEER_RST ? "reset (RST)" : "closed (FIN)")
              + after(c)
              + ", "
              + Words.bytes(c.serverOffset())
              + " received";
      case IDLE_TIMEOUT ->
          "no answer for " + Words.duration(c.nanosSinceClientSent()) + lastSent(c, " after our ");
      case DEADLINE_EXCEEDED -> "deadline passed" + lastSent(c, " waiting after our ");
      case PROTOCOL_VIOLATION, MALFORMED_PDU -> c.detail();
      default -> c.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + c.detail();
    };
  }

  /**
   * Why a TLS probe did not complete, in a word or two: {@code protocol_version alert}, {@code
   * reset}, {@code no answer}; empty for a completed one.
   */
  static String shortReason(ProbeResult r) {
    if (r.reachedStopPoint()) {
      return "";
    }
    Optional<TraceEvent.TlsAlert> alert = receivedAlert(r);
    if (alert.isPresent()) {
      return alert.get().description() + " alert";
    }
    if (r.closed().kind() == CloseKind.TLS_ALERT) {
      Optional<String> version = serverHelloVersion(r);
      if (version.isPresent()) {
        return "the server answered with " + version.get();
      }
    }
    return switch (r.closed().kind()) {
      case PEER_RST -> "reset";
      case PEER_FIN -> "closed";
      case IDLE_TIMEOUT, DEADLINE_EXCEEDED -> "no answer";
      case REFUSED_BY_SERVER -> failureCode(r).orElse("refused");
      case CONNECT_REFUSED -> "TCP refused";
      case TLS_ALERT -> alert(r);
      default -> r.closed().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    };
  }

  private static String alert(ProbeResult r) {
    Optional<TraceEvent.TlsAlert> received = receivedAlert(r);
    if (received.isPresent()) {
      TraceEvent.TlsAlert a = received.get();
      return "the server sent a "
          + a.level()
          + " "
          + a.description()
          + " alert"
          + lastSent(r.closed(), " after our ");
    }
    Optional<TraceEvent.TlsAlert> sent =
        r.trace().eventsOf(TraceEvent.TlsAlert.class).stream()
            .filter(a -> a.direction() == Direction.CLIENT_TO_SERVER)
            .findFirst();
    if (sent.isPresent()) {
      TraceEvent.TlsAlert a = sent.get();
      return serverHelloVersion(r)
              .map(v -> "the server answered with " + v + ", so we ended the handshake with a ")
              .orElse("we ended the handshake with a ")
          + a.level()
          + " "
          + a.description()
          + " alert";
    }
    return "TLS alert: " + r.closed().detail();
  }

  private static String after(TraceEvent.Closed c) {
    if (c.lastClientPdu().isEmpty()) {
      return " before we sent anything";
    }
    return " " + Words.duration(c.nanosSinceClientSent()) + " after our " + c.lastClientPdu();
  }

  private static String lastSent(TraceEvent.Closed c, String prefix) {
    return c.lastClientPdu().isEmpty() ? "" : prefix + c.lastClientPdu();
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  static String and(Collection<String> items) {
    List<String> l = new ArrayList<>(items);
    if (l.isEmpty()) {
      return "none";
    }
    if (l.size() == 1) {
      return l.get(0);
    }
    return String.join(", ", l.subList(0, l.size() - 1)) + " and " + l.get(l.size() - 1);
  }

  /** {@code TLS 1.2}: a version as an administrator writes it. */
  static String version(TlsVersion v) {
    return "TLS " + v.ianaName().substring(4);
  }

  /** {@code TLS 1.2 and TLS 1.3}. */
  static String versions(Collection<TlsVersion> vs) {
    return and(vs.stream().map(Outcomes::version).toList());
  }
}
