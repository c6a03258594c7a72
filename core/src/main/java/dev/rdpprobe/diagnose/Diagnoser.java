package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.share.ErrorInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Explains a finished trace: a pure function from a {@link Trace} to a {@link Diagnosis}. It reads
 * nothing but the trace (no clock, no network), so a live probe, a captured handshake and a replay
 * are explained by the same rules.
 *
 * <pre>{@code
 * Diagnosis d = Diagnoser.diagnose(result.trace());
 * System.out.println(d.clientCode().summary()); // error code 0x904, extended error code 0x7
 * d.topCause().ifPresent(c -> System.out.println(c.title()));
 * }</pre>
 */
public final class Diagnoser {
  /** The cause catalogue, one rule per family of causes. */
  static final List<Rule> STANDARD_RULES =
      List.of(
          new DnsFailureRule(),
          new ConnectFailureRule(),
          new EarlyCloseRule(),
          new ForeignProtocolRule(),
          new NegotiationRefusalRule(),
          new UnofferedProtocolRule(),
          new TlsStartFailureRule(),
          new TlsFlightCutRule(),
          new TlsVersionRule(),
          new TlsCipherRule(),
          new CredentialRejectionRule(),
          new CredSspMismatchRule(),
          new EarlyAuthorizationRule(),
          new DelegationRule(),
          new IdleResetRule(),
          new LargeFlightStallRule(),
          new SilenceRule(),
          new RestrictedAdminRule(),
          new ServerErrorInfoRule(),
          new LicensingRule(),
          new UdpUnreachableRule(),
          new CertificateRule(),
          new WeakTlsRule(),
          new StandardSecurityRule(),
          new SlowHandshakeRule(),
          new FloodRule());

  private Diagnoser() {}

  /** Explains a trace with the default options. */
  public static Diagnosis diagnose(Trace trace) {
    return diagnose(trace, DiagnoserOptions.DEFAULTS);
  }

  /**
   * Explains a trace.
   *
   * @throws IllegalArgumentException if the trace has not ended (no {@link TraceEvent.Closed})
   */
  public static Diagnosis diagnose(Trace trace, DiagnoserOptions options) {
    return diagnose(trace, options, STANDARD_RULES);
  }

  static Diagnosis diagnose(Trace trace, DiagnoserOptions options, List<Rule> rules) {
    Objects.requireNonNull(trace, "trace");
    Objects.requireNonNull(options, "options");
    TraceView view = new TraceView(trace, options);
    TraceEvent.Closed closed = view.closed();
    ClientCode code = WindowsClientCodes.forEnding(view);
    ErrorInfo errorInfo = view.serverErrorInfo().map(e -> e.pdu().errorInfo()).orElse(null);
    List<Cause> causes =
        rank(
            view,
            closed.kind().isSuccess()
                ? rules.stream().filter(Rule::warnsOnSuccess).toList()
                : rules);
    return new Diagnosis(
        code,
        closed.phase(),
        closed.kind(),
        closed.closedBy(),
        errorInfo,
        causes,
        verdict(view, code, errorInfo, causes));
  }

  /** Every rule's causes, highest confidence first, rule order within a confidence, one per id. */
  private static List<Cause> rank(TraceView view, List<Rule> rules) {
    List<Cause> all = new ArrayList<>();
    for (Rule rule : rules) {
      all.addAll(rule.evaluate(view));
    }
    all.sort(Comparator.comparing(Cause::confidence));
    Set<CauseId> seen = EnumSet.noneOf(CauseId.class);
    List<Cause> out = new ArrayList<>();
    for (Cause c : all) {
      if (seen.add(c.id())) {
        out.add(c);
      }
    }
    return out;
  }

  private static String verdict(
      TraceView view, ClientCode code, ErrorInfo errorInfo, List<Cause> causes) {
    TraceEvent.Closed closed = view.closed();
    StringBuilder v = new StringBuilder();
    switch (code.basis()) {
      case NO_ERROR ->
          v.append("No error: the server answered everything up to the stop point after ")
              .append(closed.phase())
              .append(", so a Windows client would carry on")
              .append(
                  causes.isEmpty()
                      ? "."
                      : (causes.get(0).id() == CauseId.SLOW_HANDSHAKE
                              ? ", but a client that waits less than the server takes gives up: "
                              : ", but it would warn: ")
                          + lowerFirst(causes.get(0).title())
                          + ".");
      case MODEL ->
          v.append("A Windows client would report error code ")
              .append(code.discReason().hex())
              .append(" with extended error code ")
              .append(code.extendedReason().hex())
              .append(" (")
              .append(code.discReason().name())
              .append(", ")
              .append(code.extendedReason().name())
              .append(").");
      case NO_DOCUMENTED_CODE -> {
        v.append("A Windows client would fail here, with no documented error code");
        if (code.messageSource() == MessageSource.CLIENT_TEXT) {
          v.append(", showing \"").append(sentence(code.message())).append('"');
        } else {
          v.append(". In short: ").append(sentence(code.message()));
        }
      }
      case NOT_APPLICABLE -> {
        if (closed.kind() == CloseKind.NOT_FOLLOWED) {
          v.append("Not examined: ").append(notExamined(closed.phase())).append('.');
        } else if (DelegationRule.applies(view)) {
          v.append(code.message());
        } else {
          v.append("The probe itself failed (")
              .append(closed.detail())
              .append("); this says nothing about the server.");
        }
      }
    }
    if (closed.kind().isSuccess()) {
      return v.toString();
    }
    v.append(" The connection ended in ").append(closed.phase()).append(": ").append(how(closed));
    view.lastSend()
        .ifPresent(
            s ->
                v.append(", ")
                    .append(Words.duration(closed.nanos() - s.event().nanos()))
                    .append(" after our ")
                    .append(TraceView.sentName(s.event())));
    v.append(", with ")
        .append(Words.bytes(closed.serverOffset()))
        .append(" received from the server");
    if (closed.pendingBytes() > 0) {
      v.append(" (").append(Words.bytes(closed.pendingBytes())).append(" of an unfinished PDU)");
    }
    v.append('.');
    if (errorInfo != null) {
      v.append(" The server said why: ")
          .append(errorInfo.name())
          .append(", ")
          .append(errorInfo.meaning())
          .append('.');
    }
    if (causes.isEmpty()) {
      v.append(" No cause in the catalogue fits this ending.");
    } else {
      Cause top = causes.get(0);
      v.append(closed.kind() == CloseKind.NOT_FOLLOWED ? " Seen on the way: " : " Most likely: ")
          .append(top.title())
          .append(", because ")
          .append(top.why());
      if (causes.size() > 1) {
        v.append(". Also possible: ");
        for (int i = 1; i < causes.size(); i++) {
          v.append(i > 1 ? "; " : "").append(causes.get(i).title());
        }
      }
      v.append('.');
    }
    return v.toString();
  }

  /**
   * What a probe that stopped after {@code phase}, where it does not follow the server, left out:
   * the phases a Windows client goes through after it.
   */
  static String notExamined(Phase phase) {
    List<String> after = new ArrayList<>();
    for (Phase p : Phase.values()) {
      if (p.isAfter(phase) && p != Phase.CREDSSP && p != Phase.EARLY_USER_AUTH) {
        after.add(p.name());
      }
    }
    return "the probe does not follow this server beyond "
        + phase
        + ", so "
        + (after.isEmpty() ? "what follows" : String.join(", ", after))
        + " went unexamined; a Windows client would go on, and nothing here says how it would"
        + " fare there";
  }

  /** {@code text} ending with a full stop. */
  private static String sentence(String text) {
    return text.endsWith(".") ? text : text + ".";
  }

  private static String how(TraceEvent.Closed closed) {
    return switch (closed.kind()) {
      case DNS_FAILURE -> "the host name did not resolve";
      case CONNECT_REFUSED -> "the TCP connection was refused";
      case CONNECT_TIMEOUT -> "the TCP connect got no answer";
      case UNREACHABLE -> "the host was unreachable";
      case PEER_FIN -> "the server closed the connection (FIN)";
      case PEER_RST -> "the connection was reset (RST)";
      case CLIENT_FIN -> "the client closed the connection (FIN)";
      case CLIENT_RST -> "the client reset the connection (RST)";
      case CAPTURE_ENDED -> "the capture ended with the connection still open";
      case IDLE_TIMEOUT -> "we gave up when the server stayed silent for the idle timeout";
      case DEADLINE_EXCEEDED -> "we gave up at the probe's deadline";
      case MALFORMED_PDU -> "we closed after the server sent bytes that do not decode";
      case PROTOCOL_VIOLATION -> "we closed after the server broke the connection sequence";
      case REFUSED_BY_SERVER -> "the server refused in a PDU";
      case TLS_ALERT -> "the TLS handshake ended with an alert";
      case STOP_POINT_REACHED -> "the probe stopped by choice";
      case NOT_FOLLOWED -> "the probe stopped where it does not follow the server";
      case ABUSIVE_PEER ->
          "we closed after the server flooded the connection with what leads nowhere";
      case CANCELLED -> "the probe was cancelled";
      case LOCAL_ERROR -> "the probe failed locally";
    };
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
