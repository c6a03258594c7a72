package dev.rdpprobe.diagnose;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.credssp.NtStatus;
import dev.rdpprobe.wire.share.ErrorInfo;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The diagnosis read backwards, for someone who has only a code: the two numbers of the Remote
 * Desktop Connection dialog, an ERRINFO, an NTSTATUS or an RDP_NEG_FAILURE. For a code it gives the
 * ways a connection ends that produce it ({@link Ending}), each with the causes of the catalogue
 * the rules name for that ending and the probe or doctor run that tells those causes apart.
 *
 * <p>The codes of each ending are not restated here: they come from the model's own mapping ({@link
 * WindowsClientCodes}), the names and meanings from {@link DisconnectReason}, {@link
 * ExtendedReason}, {@link ErrorInfo}, {@link NtStatus} and {@link NegotiationFailureCode}, the
 * cause and advice of a negotiation failure, an ERRINFO or an NTSTATUS from the rule that names it.
 * What this class adds is the list of endings and, for each, the causes its rules can name; a test
 * runs the diagnoser over a trace of every cause and checks that the ending of its code lists it.
 */
public final class CodeExplanations {
  private CodeExplanations() {}

  /**
   * One way a connection ends, with what a Windows client reports for it.
   *
   * @param description the ending in a sentence, e.g. {@code the server closed or reset the
   *     connection right after the X.224 Connection Request, without answering it}
   * @param clientCode what a Windows client reports for it, from {@link WindowsClientCodes}
   * @param causes the causes the rules name for this ending, most likely first; empty when the
   *     ending says it all
   * @param advice what the rules advise for it when the advice does not depend on the trace; often
   *     empty (a probe's diagnosis then gives it)
   * @param tellApart which probe or doctor run tells the causes apart
   */
  public record Ending(
      String description,
      ClientCode clientCode,
      List<CauseId> causes,
      List<String> advice,
      String tellApart) {
    public Ending {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(clientCode, "clientCode");
      causes = List.copyOf(causes);
      advice = List.copyOf(advice);
      Objects.requireNonNull(tellApart, "tellApart");
    }

    /** Whether a Windows client reports {@code reason} for this ending. */
    public boolean gives(DisconnectReason reason) {
      return clientCode.basis().hasCode() && clientCode.discReason().equals(reason);
    }

    /** Whether a Windows client reports {@code reason} with {@code extended} for this ending. */
    public boolean gives(DisconnectReason reason, ExtendedReason extended) {
      return gives(reason) && clientCode.extendedReason().equals(extended);
    }
  }

  private static final String DOCTOR_OFFERS =
      "rdp-probe doctor HOST offers each security protocol alone and tries every address the name"
          + " resolves to: a listener that refuses the connection refuses every offer; a device on"
          + " the path or another service on the port behaves differently from a probe on the"
          + " server's own network.";

  private static final String DOCTOR_TLS =
      "rdp-probe doctor HOST offers each TLS version and each cipher family alone: if one"
          + " completes, the server lacks what the first offer asked for; if none does, the server"
          + " cannot start TLS at all (its certificate's private key).";

  private static final String CREDSSP_STEPS =
      "rdp-probe HOST without --user shows whether the server answers the NTLM NEGOTIATE with a"
          + " CHALLENGE (CredSSP works); with --user NAME whether the credentials pass; with"
          + " --restricted-admin whether the server allows Restricted Admin mode.";

  private static final List<Ending> FIXED = fixed();

  /**
   * The endings whose codes do not carry a value the server sent, in the order of the connection
   * sequence: those with a code pair first, then those without a documented code and the warnings
   * on a connection that goes through. Negotiation failures are here for every code the
   * specification defines.
   */
  public static List<Ending> endings() {
    return FIXED;
  }

  /**
   * The endings after which a Windows client reports {@code reason} with {@code extended}: those of
   * {@link #endings()}, a server's Set Error Info PDU carrying {@code extended} as ERRINFO (before
   * a close or a Disconnect Provider Ultimatum), and the NTSTATUS answers that give {@code reason}.
   */
  public static List<Ending> forClientCode(DisconnectReason reason, ExtendedReason extended) {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(extended, "extended");
    List<Ending> out = new ArrayList<>();
    for (Ending e : FIXED) {
      if (e.gives(reason, extended)) {
        out.add(e);
      }
    }
    ErrorInfo info = extended.errorInfo();
    if (!info.isNone()) {
      for (Ending e : serverErrorInfo(info)) {
        if (e.gives(reason, extended)) {
          out.add(e);
        }
      }
    }
    for (Ending e : ntStatusEndings()) {
      if (e.gives(reason, extended)) {
        out.add(e);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The endings after which a Windows client reports {@code reason}, with the extended reasons of
   * {@link #endings()} and the NTSTATUS answers. The endings in which a server's ERRINFO becomes
   * the extended reason are not listed one per ERRINFO: {@link #takesServerErrorInfo} says whether
   * {@code reason} has them.
   */
  public static List<Ending> forDisconnectReason(DisconnectReason reason) {
    Objects.requireNonNull(reason, "reason");
    return Stream.concat(FIXED.stream(), ntStatusEndings().stream())
        .filter(e -> e.gives(reason))
        .toList();
  }

  /**
   * Whether a Windows client reports {@code reason} with a server's ERRINFO as the extended reason:
   * after a close (0x904) or a Disconnect Provider Ultimatum (0x3, 0x2) that followed a Set Error
   * Info PDU.
   */
  public static boolean takesServerErrorInfo(DisconnectReason reason) {
    return serverErrorInfo(ErrorInfo.SERVER_DENIED_CONNECTION).stream()
        .anyMatch(e -> e.gives(reason));
  }

  /**
   * The endings in which the server sends {@code errorInfo} in a Set Error Info PDU: then closes
   * the connection, or sends a Disconnect Provider Ultimatum. Empty for ERRINFO_NONE, which clears
   * an earlier code.
   */
  public static List<Ending> forErrorInfo(ErrorInfo errorInfo) {
    Objects.requireNonNull(errorInfo, "errorInfo");
    return errorInfo.isNone() ? List.of() : serverErrorInfo(errorInfo);
  }

  /** The ending in which a CredSSP server answers with {@code status} as its errorCode. */
  public static List<Ending> forNtStatus(NtStatus status) {
    Objects.requireNonNull(status, "status");
    return status.isError() ? List.of(ntStatus(status)) : List.of();
  }

  /** The ending in which the server answers the Connection Request with RDP_NEG_FAILURE. */
  public static List<Ending> forNegotiationFailure(NegotiationFailureCode code) {
    Objects.requireNonNull(code, "code");
    Cause cause =
        NegotiationRefusalRule.forCode(
            code, SecurityProtocols.RDP, List.of(new Evidence(0, "the code alone")));
    return List.of(
        new Ending(
            "the server answered the X.224 Connection Request with RDP_NEG_FAILURE "
                + code.name()
                + ": "
                + code.description(),
            WindowsClientCodes.negotiationFailure(code),
            NegotiationRefusalRule.canContradict(code)
                ? List.of(cause.id(), CauseId.NEG_CONTRADICTS_OFFER)
                : List.of(cause.id()),
            cause.advice(),
            "rdp-probe doctor HOST offers each security protocol alone (RDP, SSL, HYBRID,"
                + " HYBRID_EX, RDSTLS) and shows which ones the server accepts."));
  }

  // ---- the endings -------------------------------------------------------------------------

  private static List<Ending> fixed() {
    List<Ending> out = new ArrayList<>();
    out.add(
        new Ending(
            "the host name did not resolve",
            WindowsClientCodes.dnsFailure(),
            List.of(CauseId.DNS_NAME_NOT_FOUND),
            List.of(),
            "rdp-probe HOST shows what the name resolved to (or the resolver's error); probing the"
                + " address, or the fully qualified name, tells a missing record from a client"
                + " that looks in the wrong domain."));
    String connect =
        "rdp-probe HOST tells the three apart by how the connect failed: CONNECT_REFUSED (a"
            + " reset: nothing listens, or a firewall rejects), CONNECT_TIMEOUT (no answer: a"
            + " filtering firewall, or the host is down) or UNREACHABLE (no route, or an ICMP"
            + " error); rdp-probe doctor HOST tries every address the name resolves to.";
    out.add(
        new Ending(
            "the TCP connect was refused (the SYN was answered with a reset)",
            WindowsClientCodes.connectFailed(CloseKind.CONNECT_REFUSED),
            List.of(CauseId.NOT_LISTENING, CauseId.FIREWALL_REJECTS),
            List.of(),
            connect));
    out.add(
        new Ending(
            "the TCP connect got no answer (the SYN went unanswered)",
            WindowsClientCodes.connectFailed(CloseKind.CONNECT_TIMEOUT),
            List.of(CauseId.PORT_FILTERED, CauseId.HOST_UNREACHABLE),
            List.of(),
            connect));
    out.add(
        new Ending(
            "the network reported the host unreachable",
            WindowsClientCodes.connectFailed(CloseKind.UNREACHABLE),
            List.of(CauseId.HOST_UNREACHABLE, CauseId.PORT_FILTERED),
            List.of(),
            connect));

    ClientCode closed = WindowsClientCodes.peerClosed(null, true, false);
    List<Ending> closes = new ArrayList<>();
    closes.add(
        new Ending(
            "the server closed or reset the connection right after the X.224 Connection Request,"
                + " without answering it and without a Set Error Info PDU",
            closed,
            List.of(CauseId.LISTENER_REFUSES, CauseId.MIDDLEBOX_CLOSES, CauseId.NOT_RDP_LISTENER),
            List.of(),
            DOCTOR_OFFERS));
    closes.add(
        new Ending(
            "the server closed or reset the connection after the TLS ClientHello, without a TLS"
                + " answer",
            closed,
            List.of(
                CauseId.TLS_NOT_STARTED, CauseId.TLS_VERSION_UNSUPPORTED, CauseId.MIDDLEBOX_CLOSES),
            Remedy.TLS_NOT_STARTED.steps(),
            DOCTOR_TLS));
    closes.add(
        new Ending(
            "the server's first TLS flight (ServerHello and what comes with it) arrived, then the"
                + " connection was closed or reset on the client's answer, without an alert",
            closed,
            List.of(CauseId.TLS_CUT_AFTER_SERVER_FLIGHT),
            Remedy.TLS_CUT_AFTER_SERVER_FLIGHT.steps(),
            DOCTOR_TLS));
    closes.add(
        new Ending(
            "the server closed or reset the connection during CredSSP (Network Level"
                + " Authentication): after the NTLM NEGOTIATE, after the AUTHENTICATE without an"
                + " errorCode, or after Restricted Admin mode's empty credentials",
            closed,
            List.of(
                CauseId.CREDENTIALS_REJECTED,
                CauseId.CREDSSP_MISMATCH,
                CauseId.RESTRICTED_ADMIN_REFUSED),
            List.of(),
            CREDSSP_STEPS));
    closes.add(
        new Ending(
            "the server closed or reset the connection while licensing was due, without a Set"
                + " Error Info PDU",
            closed,
            List.of(CauseId.LICENSING_FAILED),
            List.of(),
            "rdp-probe HOST goes through licensing and shows what the server sent (a License"
                + " Request, a License Error, a Set Error Info code) before it ended; the"
                + " server's RD Licensing Diagnoser names the missing piece."));
    closes.add(
        new Ending(
            "the connection was reset after a long silence on both sides, in any phase",
            closed,
            List.of(CauseId.MIDDLEBOX_IDLE_RESET),
            List.of(),
            "The times tell an idle timer from a refusal: rdp-probe HOST shows how long both"
                + " sides had been silent when the reset came; a refusal comes at once."));
    out.addAll(closes);
    Set<CauseId> anyClose = new LinkedHashSet<>();
    closes.forEach(e -> anyClose.addAll(e.causes()));
    out.add(
        new Ending(
            "any of the closes above without a Set Error Info PDU, on a client that enforces"
                + " FIPS-compliant algorithms",
            WindowsClientCodes.peerClosed(null, true, true),
            List.copyOf(anyClose),
            List.of(),
            "Read it as extended error code 0x7: the same closes, the same runs tell them"
                + " apart."));
    out.add(
        new Ending(
            "the server sent nothing for the client's time-out while a PDU was due, or too"
                + " slowly to finish it",
            WindowsClientCodes.timedOut(Phase.X224_NEGOTIATION),
            List.of(
                CauseId.SERVER_SILENT,
                CauseId.PATH_MTU_BLACK_HOLE,
                CauseId.SERVER_TRICKLE,
                CauseId.RESTRICTED_ADMIN_REFUSED),
            List.of(),
            "rdp-probe HOST shows where it stalled and whether bytes trickled in; when the TLS"
                + " handshake stalls, rdp-probe doctor HOST sends a small and a full-size first"
                + " flight: only the small one answered means large packets are lost on the"
                + " path."));
    out.add(
        new Ending(
            "the server sent nothing for the client's time-out while licensing was due",
            WindowsClientCodes.timedOut(Phase.LICENSING),
            List.of(CauseId.LICENSING_FAILED),
            List.of(),
            "rdp-probe HOST shows how far licensing got; the server's RD Licensing Diagnoser"
                + " names the license server it cannot reach."));
    out.add(
        new Ending(
            "the server ended the connection with a Disconnect Provider Ultimatum and no Set"
                + " Error Info PDU",
            WindowsClientCodes.serverUltimatum(null, false),
            List.of(),
            List.of(),
            "The server ended the connection on purpose without saying why: its"
                + " TerminalServices logs at that time do."));
    out.add(
        new Ending(
            "the server ended the connection with a Disconnect Provider Ultimatum saying the"
                + " remote user asked for it, and no Set Error Info PDU",
            WindowsClientCodes.serverUltimatum(null, true),
            List.of(),
            List.of(),
            "Not an error: a user (or a tool acting for one) ended the session on the server."));
    out.add(
        new Ending(
            "the user closed the client (or the probe was cancelled)",
            WindowsClientCodes.cancelled(),
            List.of(),
            List.of(),
            "Not an error: the disconnect was local."));

    for (int code = 1; code <= 6; code++) {
      out.addAll(forNegotiationFailure(new NegotiationFailureCode(code)));
    }
    out.add(
        new Ending(
            "the server answered the X.224 Connection Request with a Disconnect Request or a TPDU"
                + " Error",
            WindowsClientCodes.connectionRequestRefused("X.224 Disconnect Request"),
            List.of(CauseId.CONNECTION_REQUEST_REJECTED),
            List.of(),
            "rdp-probe HOST with another --cookie, or none, and with each --protocols offer"
                + " shows whether the request's content is what the server rejects."));
    out.add(
        new Ending(
            "the server answered with bytes that are not RDP (TLS, HTTP, SSH, or no known shape)",
            WindowsClientCodes.undecodableAnswer("X.224 Connection Confirm"),
            List.of(CauseId.NOT_RDP_LISTENER),
            List.of(),
            "rdp-probe HOST names the protocol of the answer and shows its first bytes (-x for"
                + " a hex dump)."));
    out.add(
        new Ending(
            "the server broke the connection sequence: it selected a protocol the client did not"
                + " offer, or its CredSSP proof does not match its certificate",
            WindowsClientCodes.protocolViolation(),
            List.of(CauseId.PROTOCOL_NOT_OFFERED, CauseId.CREDSSP_KEY_MISMATCH),
            List.of(),
            "rdp-probe HOST shows the offending PDU; a probe from the server's own network tells"
                + " a device on the path (a TLS-inspecting proxy) from the server."));
    out.add(
        new Ending(
            "the server flooded the connection with records or PDUs that lead nowhere, and the"
                + " client gave up on it",
            WindowsClientCodes.protocolViolation(),
            List.of(CauseId.SERVER_FLOODS),
            List.of(),
            "rdp-probe HOST names what the server repeated and how much; a probe from the"
                + " server's own network tells a device on the path from the server."));
    out.add(
        new Ending(
            "the server ended the TLS handshake with a protocol_version alert",
            WindowsClientCodes.tlsAlertReceived("protocol_version"),
            List.of(CauseId.TLS_VERSION_UNSUPPORTED),
            List.of(),
            DOCTOR_TLS));
    out.add(
        new Ending(
            "the server ended the TLS handshake with a handshake_failure or insufficient_security"
                + " alert",
            WindowsClientCodes.tlsAlertReceived("handshake_failure"),
            List.of(CauseId.NO_COMMON_CIPHER, CauseId.TLS_VERSION_UNSUPPORTED),
            List.of(),
            DOCTOR_TLS));
    out.add(
        new Ending(
            "the server ended the TLS handshake with an internal_error alert",
            WindowsClientCodes.tlsAlertReceived("internal_error"),
            List.of(CauseId.TLS_NOT_STARTED),
            Remedy.TLS_NOT_STARTED.steps(),
            DOCTOR_TLS));
    out.add(
        new Ending(
            "the server accepted the credentials, then its Early User Authorization Result"
                + " refused the user (AUTHZ_ACCESS_DENIED)",
            WindowsClientCodes.earlyAuthorizationDenied("AUTHZ_ACCESS_DENIED"),
            List.of(CauseId.EARLY_AUTH_DENIED),
            List.of(),
            "rdp-probe HOST --user NAME --protocols hybrid_ex shows the credentials accepted and"
                + " the user refused; another user of the Remote Desktop Users group tells a"
                + " user's right from a server-wide policy."));
    out.add(
        new Ending(
            "the server accepted the credentials and waited for the delegated password, which"
                + " the probe never sends",
            WindowsClientCodes.credentialsNotDelegated(),
            List.of(CauseId.CREDENTIALS_NOT_DELEGATED),
            List.of(),
            "Not a fault of the server: a Windows client sends the credentials here and goes"
                + " on."));
    out.add(
        new Ending(
            "the connection goes through, with something a client objects to: the certificate,"
                + " Standard RDP Security, weak TLS, an old CredSSP version, a UDP transport that"
                + " does not answer, or a handshake slower than a client waits for",
            WindowsClientCodes.noError(Phase.CAPABILITIES),
            List.of(
                CauseId.CERT_EXPIRED,
                CauseId.CERT_NOT_YET_VALID,
                CauseId.CERT_UNTRUSTED,
                CauseId.CERT_CHAIN_BROKEN,
                CauseId.CERT_WEAK,
                CauseId.CERT_NAME_MISMATCH,
                CauseId.STANDARD_SECURITY,
                CauseId.SLOW_HANDSHAKE,
                CauseId.WEAK_TLS,
                CauseId.CREDSSP_MISMATCH,
                CauseId.UDP_UNREACHABLE),
            List.of(),
            "rdp-probe HOST lists the certificate's objections and the selected protocol;"
                + " rdp-probe doctor HOST runs the UDP multitransport probe."));
    return List.copyOf(out);
  }

  /** The endings in which the server sent {@code info} (not ERRINFO_NONE). */
  private static List<Ending> serverErrorInfo(ErrorInfo info) {
    boolean licensing = info.category() == ErrorInfo.Category.LICENSING;
    List<CauseId> causes =
        List.of(licensing ? CauseId.LICENSING_FAILED : CauseId.SERVER_ERROR_INFO);
    List<String> advice = licensing ? List.of() : ServerErrorInfoRule.remedy(info).steps();
    String sent = "the server sent Set Error Info " + info.name() + " (" + info.meaning() + ")";
    String tellApart =
        "The code is the server's own word on why it ended the connection; its event log at that"
            + " time has the details. rdp-probe HOST shows the Set Error Info PDU when the server"
            + " sends it before the session is active.";
    return List.of(
        new Ending(
            sent + ", then closed the connection",
            WindowsClientCodes.peerClosed(info, true, false),
            causes,
            advice,
            tellApart),
        new Ending(
            sent + ", then a Disconnect Provider Ultimatum",
            WindowsClientCodes.serverUltimatum(info, false),
            causes,
            advice,
            tellApart),
        new Ending(
            sent + ", then a Disconnect Provider Ultimatum saying the remote user asked for it",
            WindowsClientCodes.serverUltimatum(info, true),
            causes,
            advice,
            tellApart));
  }

  /** One ending per error status the NTSTATUS table or the client-code mapping knows. */
  private static List<Ending> ntStatusEndings() {
    Set<Integer> values = new LinkedHashSet<>(WindowsClientCodes.knownNtStatuses());
    NtStatus.known().forEach(s -> values.add(s.value()));
    return values.stream()
        .map(NtStatus::new)
        .filter(NtStatus::isError)
        .map(CodeExplanations::ntStatus)
        .toList();
  }

  private static Ending ntStatus(NtStatus status) {
    return new Ending(
        "the CredSSP server answered with errorCode "
            + status.name()
            + " ("
            + status.meaning()
            + "): to the NTLM AUTHENTICATE, a rejection of the credentials; to the NEGOTIATE,"
            + " before any credential, a refusal of CredSSP with NTLM",
        WindowsClientCodes.credSspStatus(status.value()),
        List.of(CauseId.CREDENTIALS_REJECTED, CauseId.CREDSSP_MISMATCH),
        CredentialRejectionRule.advice(status),
        "rdp-probe HOST without --user shows whether the server answers the NEGOTIATE; with"
            + " --user NAME it proves the password and names the server's NTSTATUS.");
  }
}
