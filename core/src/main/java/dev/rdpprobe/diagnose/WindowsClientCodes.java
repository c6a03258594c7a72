package dev.rdpprobe.diagnose;

import static dev.rdpprobe.wire.credssp.AuthorizationResult.AUTHZ_SUCCESS;

import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.share.ErrorInfo;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Windows-client code model in one place: the tables of disconnect reasons ({@code discReason})
 * and extended reasons ({@code ExtendedDisconnectReasonCode}), and the rules that say which pair a
 * Windows client (mstsc) would report for each way a connection ends.
 *
 * <p>Sources, cited on each row:
 *
 * <ul>
 *   <li>[OD] Microsoft's {@code IMsTscAxEvents::OnDisconnected} reference (MicrosoftDocs/win32
 *       {@code desktop-src/TermServ/imstscaxevents-ondisconnected.md}): every discReason value,
 *       name and description below.
 *   <li>[EX] Microsoft's "ExtendedDisconnectReasonCode enumeration" page
 *       (learn.microsoft.com/windows/win32/termserv/extendeddisconnectreasoncode). One revision of
 *       its source file gives exDiscReasonLogoffByUser the value 2; the rendered page and the type
 *       library give 12, which we use.
 *   <li>[TL] The enumeration as the current MsTscAx.dll type library declares it (the header
 *       regenerated from it in M2Team/NanaBox {@code NanaBox/MsTscAx.h}): adds exDiscReasonShutdown
 *       (25) and exDiscReasonReboot (26), which the page lacks.
 *   <li>[BCGR] MS-RDPBCGR 2.2.5.1.1 (the ERRINFO codes, {@link ErrorInfo}) and 2.2.1.2.2
 *       (RDP_NEG_FAILURE).
 *   <li>[FR] Field reports: public troubleshooting write-ups that quote the client's dialog.
 *       Microsoft does not document the dialog texts, so every such message says where it was seen;
 *       where none was found the message is the documented description, or ours, and its {@link
 *       MessageSource} says so.
 *   <li>[MODEL] The project's model, the rules of this class: the assignment of codes to wire
 *       events. Unverified against current clients: how mstsc treats a server FIN versus a RST at
 *       each phase; we report both as 0x904 and keep the raw close kind beside it.
 * </ul>
 */
public final class WindowsClientCodes {
  private WindowsClientCodes() {}

  private record ReasonRow(
      String name, String description, String message, MessageSource messageSource) {}

  private record ExtendedRow(String name, String meaning) {}

  private record NtStatusRow(String name, int discReason, String meaning) {}

  private static final Map<Integer, ReasonRow> REASONS = new LinkedHashMap<>();
  private static final Map<Integer, ExtendedRow> EXTENDED = new LinkedHashMap<>();
  private static final Map<Integer, NtStatusRow> NTSTATUS = new LinkedHashMap<>();

  // ---- discReason [OD]: value, name, documented description -------------------------------

  static {
    reason(0x0, "disconnectReasonNoInfo", "No information is available."); // [OD]
    // [OD]
    reason(0x1, "disconnectReasonLocalNotError", "Local disconnection. This is not an error code.");
    reason(
        0x2,
        "disconnectReasonRemoteByUser",
        "Remote disconnection by user. This is not an error code."); // [OD]
    reason(
        0x3,
        "disconnectReasonByServer",
        "Remote disconnection by server. This is not an error code."); // [OD]
    // [OD] description; the message is the one Microsoft's help names for a computer name that
    // does not resolve ("Why can't I connect using Remote Desktop Connection?", Windows 7,
    // windows.microsoft.com/en-US/windows7/Why-can-t-I-connect-using-Remote-Desktop-Connection).
    // The dialog's full text for 0x104 was not found in a public source.
    reason(
        0x104,
        "disconnectReasonDNSLookupFailed",
        "DNS name lookup failure.",
        "The remote computer cannot be found.",
        MessageSource.CLIENT_TEXT);
    reason(0x106, "disconnectReasonOutOfMemory", "Out of memory."); // [OD]
    // [OD]; no dialog text found in a public source: the documented description stands in.
    reason(0x108, "disconnectReasonConnectionTimedOut", "Connection timed out.");
    // [OD] description; [FR] dialog text as public write-ups quote it for 0x204 (the first
    // sentence is the one they agree on; the list of reasons is as commonly reported).
    reason(
        0x204,
        "disconnectReasonSocketConnectFailed",
        "Windows Sockets connect failed.",
        "Remote Desktop can't connect to the remote computer for one of these reasons: remote"
            + " access to the server is not enabled, the remote computer is turned off, or the"
            + " remote computer is not available on the network.",
        MessageSource.CLIENT_TEXT);
    reason(0x206, "disconnectReasonOutOfMemory2", "Out of memory."); // [OD]
    reason(0x208, "disconnectReasonHostNotFound", "Host not found error."); // [OD]
    reason(0x304, "disconnectReasonWinsockSendFailed", "Windows Sockets send call failed."); // [OD]
    reason(0x306, "disconnectReasonOutOfMemory3", "Out of memory."); // [OD]
    reason(
        0x308, "disconnectReasonInvalidIPAddr", "The IP address specified is not valid."); // [OD]
    reason(0x404, "disconnectReasonSocketRecvFailed", "Windows Sockets recv call failed."); // [OD]
    reason(0x406, "disconnectReasonInvalidSecurityData", "Security data is not valid."); // [OD]
    reason(0x408, "disconnectReasonInternalError", "Internal error."); // [OD]
    reason(
        0x506,
        "disconnectReasonInvalidEncryption",
        "The encryption method specified is not valid."); // [OD]
    reason(0x508, "disconnectReasonDNSLookupFailed2", "DNS lookup failed."); // [OD]
    reason(
        0x604,
        "disconnectReasonGetHostByNameFailed",
        "Windows Sockets gethostbyname call failed."); // [OD]
    reason(
        0x606,
        "disconnectReasonInvalidServerSecurityInfo",
        "Server security data is not valid."); // [OD]
    reason(0x608, "disconnectReasonTimerError", "Internal timer error."); // [OD]
    reason(0x704, "disconnectReasonTimeoutOccurred", "Time-out occurred."); // [OD]
    reason(
        0x706,
        "disconnectReasonServerCertificateUnpackErr",
        "Failed to unpack server certificate."); // [OD]
    reason(0x804, "disconnectReasonInvalidIP", "Bad IP address specified."); // [OD]
    // [OD] description; [FR] the credential prompt's line as public write-ups quote it.
    reason(
        0x807,
        "SSL_ERR_LOGON_FAILURE",
        "Login failed.",
        "The logon attempt failed",
        MessageSource.CLIENT_TEXT);
    reason(0x808, "disconnectReasonLicensingFailed", "License negotiation failed."); // [OD]
    // [OD] description ("Socket closed."); [FR] the dialog text public write-ups quote for error
    // code 0x904 with extended error code 0x7.
    reason(
        0x904,
        "disconnectReasonAtClientWinsockFDCLOSE",
        "Socket closed.",
        "This computer can't connect to the remote computer. Try connecting again. If the"
            + " problem continues, contact the owner of the remote computer or your network"
            + " administrator.",
        MessageSource.CLIENT_TEXT);
    reason(0x906, "disconnectReasonInternalSecurityError", "Internal security error."); // [OD]
    reason(0x908, "disconnectReasonLicensingTimeout", "Licensing time-out."); // [OD]
    reason(0xA06, "disconnectReasonInternalSecurityError2", "Internal security error."); // [OD]
    reason(0xA07, "SSL_ERR_NO_SUCH_USER", "The specified user has no account."); // [OD]
    reason(0xB06, "disconnectReasonEncryptionError", "Encryption error."); // [OD]
    reason(0xB07, "SSL_ERR_ACCOUNT_DISABLED", "The account is disabled."); // [OD]
    reason(0xC06, "disconnectReasonDecryptionError", "Decryption error."); // [OD]
    reason(0xC07, "SSL_ERR_ACCOUNT_RESTRICTION", "The account is restricted."); // [OD]
    reason(0xC08, "disconnectReasonClientDecompressionError", "Decompression error."); // [OD]
    reason(0xD07, "SSL_ERR_ACCOUNT_LOCKED_OUT", "The account is locked out."); // [OD]
    reason(0xE07, "SSL_ERR_ACCOUNT_EXPIRED", "The account is expired."); // [OD]
    reason(0xF07, "SSL_ERR_PASSWORD_EXPIRED", "The password is expired."); // [OD]
    reason(
        0x1207,
        "SSL_ERR_PASSWORD_MUST_CHANGE",
        "The user password must be changed before logging on for the first time."); // [OD]
    reason(
        0x1607,
        "SSL_ERR_DELEGATION_POLICY",
        "The policy does not support delegation of credentials to the target server."); // [OD]
    reason(
        0x1707,
        "SSL_ERR_POLICY_NTLM_ONLY",
        "Delegation of credentials to the target server is not allowed unless mutual"
            + " authentication has been achieved."); // [OD]
    reason(
        0x1807,
        "SSL_ERR_NO_AUTHENTICATING_AUTHORITY",
        "No authority could be contacted for authentication."); // [OD]
    // [OD]: reported for the client's own validation of the server's certificate, never for
    // anything the server sends.
    reason(0x1B07, "SSL_ERR_CERT_EXPIRED", "The received certificate is expired.");
    reason(
        0x1C07,
        "SSL_ERR_SMARTCARD_WRONG_PIN",
        "An incorrect PIN was presented to the smart card."); // [OD]
    reason(
        0x2107,
        "SSL_ERR_FRESH_CRED_REQUIRED_BY_SERVER",
        "The server authentication policy does not allow connection requests using saved"
            + " credentials. The user must enter new credentials."); // [OD]
    reason(0x2207, "SSL_ERR_SMARTCARD_CARD_BLOCKED", "The smart card is blocked."); // [OD]
  }

  // ---- ExtendedDisconnectReasonCode [EX], [TL]: value, name, meaning -----------------------

  static {
    extended(0, "exDiscReasonNoInfo", "no additional information is available"); // [EX]
    // [EX]
    extended(1, "exDiscReasonAPIInitiatedDisconnect", "an application initiated the disconnection");
    extended(2, "exDiscReasonAPIInitiatedLogoff", "an application logged the client off"); // [EX]
    extended(
        3,
        "exDiscReasonServerIdleTimeout",
        "the server disconnected a client that was idle longer than its time-out"); // [EX]
    // [EX]
    extended(
        4,
        "exDiscReasonServerLogonTimeout",
        "the server disconnected a client that exceeded the period allowed for the connection");
    extended(
        5,
        "exDiscReasonReplacedByOtherConnection",
        "another connection replaced the client's connection"); // [EX]
    extended(6, "exDiscReasonOutOfMemory", "no memory is available"); // [EX]
    // [EX]; [MODEL]: also what a Windows client reports itself when the server closes before the
    // session is active without sending a Set Error Info PDU.
    extended(7, "exDiscReasonServerDeniedConnection", "the server denied the connection");
    // [EX]; not an ERRINFO code of [BCGR]: the client's own variant of 7 when FIPS is enforced.
    extended(
        8,
        "exDiscReasonServerDeniedConnectionFips",
        "the server denied the connection for security reasons (the client's variant of 7 when"
            + " FIPS-compliant algorithms are enforced)");
    extended(
        9,
        "exDiscReasonServerInsufficientPrivileges",
        "the user lacks the privilege to log on remotely"); // [EX]
    extended(10, "exDiscReasonServerFreshCredsRequired", "fresh credentials are required"); // [EX]
    extended(
        11,
        "exDiscReasonRpcInitiatedDisconnectByUser",
        "user activity on the server initiated the disconnection"); // [EX]
    extended(
        12,
        "exDiscReasonLogoffByUser",
        "the user logged off, which disconnected the session"); // [EX]
    extended(25, "exDiscReasonShutdown", "the remote computer is shutting down"); // [TL]
    extended(26, "exDiscReasonReboot", "the remote computer is restarting"); // [TL]
    extended(256, "exDiscReasonLicenseInternal", "an internal licensing error"); // [EX]
    // [EX]
    extended(257, "exDiscReasonLicenseNoLicenseServer", "no license server was available");
    extended(258, "exDiscReasonLicenseNoLicense", "no valid license was available"); // [EX]
    extended(
        259,
        "exDiscReasonLicenseErrClientMsg",
        "the remote computer received an invalid licensing message"); // [EX]
    extended(
        260,
        "exDiscReasonLicenseHwidDoesntMatchLicense",
        "the hardware id does not match the one on the license"); // [EX]
    extended(261, "exDiscReasonLicenseErrClientLicense", "a client license error"); // [EX]
    extended(
        262,
        "exDiscReasonLicenseCantFinishProtocol",
        "network problems ended the licensing protocol"); // [EX]
    extended(
        263,
        "exDiscReasonLicenseClientEndedProtocol",
        "the client ended the licensing protocol early"); // [EX]
    extended(
        264,
        "exDiscReasonLicenseErrClientEncryption",
        "a licensing message was encrypted incorrectly"); // [EX]
    extended(
        265,
        "exDiscReasonLicenseCantUpgradeLicense",
        "the client's license could not be upgraded or renewed"); // [EX]
    extended(
        266,
        "exDiscReasonLicenseNoRemoteConnections",
        "the remote computer is not licensed to accept remote connections"); // [EX]
    extended(
        267,
        "exDiscReasonLicenseCreatingLicStoreAccDenied",
        "access was denied while the client created its license store"); // [EX]
    extended(768, "exDiscReasonRdpEncInvalidCredentials", "invalid credentials"); // [EX]
    // [EX]
    extended(
        4096,
        "exDiscReasonProtocolRangeStart",
        "start of the range of the server's protocol errors; its event log has the details");
    extended(32767, "exDiscReasonProtocolRangeEnd", "end of the range of protocol errors"); // [EX]
  }

  // ---- NTSTATUS of a CredSSP TSRequest.errorCode -> SSL_ERR_* discReason ---------------------
  // Values: MS-ERREF 2.3 (NTSTATUS). The pairing with the SSL_ERR_* codes of [OD] is by name
  // (STATUS_X -> SSL_ERR_X; a wrong password is a logon failure); no public source documents which
  // code mstsc shows for each status. Statuses with no SSL_ERR_* counterpart have no documented
  // code.

  static {
    ntStatus(0xC000006D, "STATUS_LOGON_FAILURE", 0x807, "the user name or password is wrong");
    ntStatus(0xC000006A, "STATUS_WRONG_PASSWORD", 0x807, "the password is wrong");
    ntStatus(0xC0000064, "STATUS_NO_SUCH_USER", 0xA07, "the account does not exist");
    ntStatus(0xC0000072, "STATUS_ACCOUNT_DISABLED", 0xB07, "the account is disabled");
    ntStatus(
        0xC000006E,
        "STATUS_ACCOUNT_RESTRICTION",
        0xC07,
        "an account restriction prevents the logon (e.g. a blank password)");
    ntStatus(0xC0000234, "STATUS_ACCOUNT_LOCKED_OUT", 0xD07, "the account is locked out");
    ntStatus(0xC0000193, "STATUS_ACCOUNT_EXPIRED", 0xE07, "the account has expired");
    ntStatus(0xC0000071, "STATUS_PASSWORD_EXPIRED", 0xF07, "the password has expired");
    ntStatus(
        0xC0000224,
        "STATUS_PASSWORD_MUST_CHANGE",
        0x1207,
        "the password must be changed before the first logon");
    ntStatus(0xC0000022, "STATUS_ACCESS_DENIED", -1, "access is denied");
    ntStatus(
        0xC000015B,
        "STATUS_LOGON_TYPE_NOT_GRANTED",
        -1,
        "the user is not granted the right to log on through Remote Desktop Services");
    ntStatus(
        0xC000006F,
        "STATUS_INVALID_LOGON_HOURS",
        -1,
        "the account may not log on at this time of day");
    ntStatus(
        0xC0000070,
        "STATUS_INVALID_WORKSTATION",
        -1,
        "the account may not log on from this workstation");
    ntStatus(
        0xC0000133,
        "STATUS_TIME_DIFFERENCE_AT_DC",
        -1,
        "the clocks of the server and its domain controller differ too much");
  }

  /** Every documented discReason, in table order. */
  public static List<DisconnectReason> knownReasons() {
    return REASONS.keySet().stream().map(DisconnectReason::new).toList();
  }

  /** Every value the ExtendedDisconnectReasonCode enumeration names, in table order. */
  public static List<ExtendedReason> knownExtendedReasons() {
    return EXTENDED.keySet().stream().map(ExtendedReason::new).toList();
  }

  /** Every NTSTATUS value the CredSSP mapping names. */
  public static List<Integer> knownNtStatuses() {
    return List.copyOf(NTSTATUS.keySet());
  }

  // ---- the mapping from wire events to what the client reports [MODEL] ----------------------

  /** The probe stopped by choice: the client would carry on. */
  public static ClientCode noError(Phase stoppedAfter) {
    return new ClientCode(
        ClientCode.Basis.NO_ERROR,
        null,
        null,
        "The connection would proceed.",
        MessageSource.OUR_DESCRIPTION,
        "the server answered everything up to the stop point after " + stoppedAfter);
  }

  /**
   * The host name did not resolve: 0x104 disconnectReasonDNSLookupFailed. Of the three documented
   * DNS codes (0x104, 0x208 host not found, 0x508 DNS lookup failed) we choose 0x104: its name is
   * exactly our fact (the lookup of the name failed) and it is the first of the network class;
   * 0x208 and 0x508 come from other code paths of the client (which resolver call failed, and how),
   * which a probe cannot tell apart.
   */
  public static ClientCode dnsFailure() {
    return model(
        DisconnectReason.DNS_LOOKUP_FAILED,
        ExtendedReason.NO_INFO,
        "the client could not resolve the host name");
  }

  /**
   * The TCP connect failed: refused (RST to the SYN), unreachable (ICMP, no route) or no answer to
   * the SYN. All three are 0x204 disconnectReasonSocketConnectFailed: Winsock's connect failed.
   */
  public static ClientCode connectFailed(CloseKind kind) {
    String how =
        switch (kind) {
          case CONNECT_REFUSED -> "the host refused the TCP connection";
          case CONNECT_TIMEOUT -> "the SYN got no answer";
          case UNREACHABLE -> "the host is unreachable";
          default -> throw new IllegalArgumentException("not a connect failure: " + kind);
        };
    return model(
        DisconnectReason.SOCKET_CONNECT_FAILED,
        ExtendedReason.NO_INFO,
        how + ", so Winsock's connect failed");
  }

  /**
   * The peer (or a middlebox) closed or reset the connection after TCP connected: 0x904, "socket
   * closed". The extended reason is the last ERRINFO the client holds. Before the session is
   * active, a server that sent no Set Error Info PDU leaves the client to set it itself: 0x7,
   * server denied connection (0x8 when FIPS is enforced).
   *
   * @param lastErrorInfo the last ERRINFO the server sent, or {@code null}
   * @param beforeActivation whether the session was not yet active
   * @param fipsEnforced whether the client enforces FIPS-compliant algorithms
   */
  public static ClientCode peerClosed(
      ErrorInfo lastErrorInfo, boolean beforeActivation, boolean fipsEnforced) {
    boolean held = lastErrorInfo != null && !lastErrorInfo.isNone();
    if (held) {
      return model(
          DisconnectReason.SOCKET_CLOSED,
          ExtendedReason.of(lastErrorInfo),
          "the server closed the connection after sending " + lastErrorInfo.name());
    }
    if (!beforeActivation) {
      return model(
          DisconnectReason.SOCKET_CLOSED,
          ExtendedReason.NO_INFO,
          "the connection was closed after the session became active, with no ERRINFO");
    }
    return model(
        DisconnectReason.SOCKET_CLOSED,
        fipsEnforced
            ? ExtendedReason.SERVER_DENIED_CONNECTION_FIPS
            : ExtendedReason.SERVER_DENIED_CONNECTION,
        "the connection was closed before the session became active and the server sent no"
            + " ERRINFO, so the client supposes the server denied the connection"
            + (fipsEnforced ? " (FIPS variant)" : ""));
  }

  /**
   * Nothing arrived until the client's timer expired: 0x108 disconnectReasonConnectionTimedOut;
   * during licensing 0x908 disconnectReasonLicensingTimeout.
   */
  public static ClientCode timedOut(Phase phase) {
    if (phase == Phase.LICENSING) {
      return model(
          DisconnectReason.LICENSING_TIMEOUT,
          ExtendedReason.NO_INFO,
          "the licensing exchange did not finish in time");
    }
    return model(
        DisconnectReason.CONNECTION_TIMED_OUT,
        ExtendedReason.NO_INFO,
        "the server did not answer before the client's connection timer expired");
  }

  /**
   * The server ended the connection with an MCS Disconnect Provider Ultimatum: 0x3 (by server) for
   * rn-provider-initiated, 0x2 (by the remote user) for rn-user-requested; the extended reason is
   * the ERRINFO sent before it, if any.
   *
   * @param lastErrorInfo the last ERRINFO the server sent, or {@code null}
   * @param userRequested whether the ultimatum's reason is rn-user-requested
   */
  public static ClientCode serverUltimatum(ErrorInfo lastErrorInfo, boolean userRequested) {
    ExtendedReason ext =
        lastErrorInfo == null ? ExtendedReason.NO_INFO : ExtendedReason.of(lastErrorInfo);
    return userRequested
        ? model(
            DisconnectReason.REMOTE_BY_USER,
            ext,
            "the server's Disconnect Provider Ultimatum says the remote user ended the session")
        : model(
            DisconnectReason.BY_SERVER,
            ext,
            "the server ended the connection with a Disconnect Provider Ultimatum");
  }

  /**
   * The server's CredSSP TSRequest carried an NTSTATUS error code: the SSL_ERR_* family (0x?07).
   */
  public static ClientCode credSspStatus(int ntStatus) {
    NtStatusRow row = NTSTATUS.get(ntStatus);
    if (row == null) {
      return undocumented(
          "Authentication failed (NTSTATUS " + hex(ntStatus) + ").",
          MessageSource.OUR_DESCRIPTION,
          "the server's CredSSP error code is an NTSTATUS the mapping does not know");
    }
    if (row.discReason() < 0) {
      return undocumented(
          "Authentication failed: " + row.meaning() + " (" + row.name() + ").",
          MessageSource.OUR_DESCRIPTION,
          "the server's CredSSP error code " + row.name() + " has no documented client code");
    }
    return model(
        new DisconnectReason(row.discReason()),
        ExtendedReason.NO_INFO,
        "the server's CredSSP error code " + row.name() + " means " + row.meaning());
  }

  /** The name of an NTSTATUS value the CredSSP mapping knows, or {@code unknown (0x..)}. */
  public static String ntStatusName(int ntStatus) {
    NtStatusRow row = NTSTATUS.get(ntStatus);
    return row == null ? unknown(ntStatus) : row.name();
  }

  /**
   * The server answered the Connection Request with RDP_NEG_FAILURE. No public source gives a
   * discReason for any failure code; the message is the client's text where field reports agree on
   * it, otherwise ours.
   */
  public static ClientCode negotiationFailure(NegotiationFailureCode code) {
    String because = "the server refused the security negotiation with " + code.name();
    return switch (code.value()) {
      // [FR]: the message Windows clients show when the server requires NLA and the client
      // cannot do it, as many public write-ups quote it.
      case 5 ->
          undocumented(
              "The remote computer requires Network Level Authentication, which your computer"
                  + " does not support.",
              MessageSource.CLIENT_TEXT,
              because);
      case 1 ->
          undocumented(
              "The remote computer requires TLS (Enhanced RDP Security); a client limited to the"
                  + " RDP Security Layer cannot connect.",
              MessageSource.OUR_DESCRIPTION,
              because);
      case 2 ->
          undocumented(
              "The remote computer only allows the RDP Security Layer; a Windows client retries"
                  + " without TLS unless its policy requires TLS.",
              MessageSource.OUR_DESCRIPTION,
              because);
      case 3 ->
          undocumented(
              "The remote computer has no certificate for TLS and cannot secure the connection.",
              MessageSource.OUR_DESCRIPTION,
              because);
      case 4 ->
          undocumented(
              "The remote computer found the requested security protocols inconsistent.",
              MessageSource.OUR_DESCRIPTION,
              because);
      case 6 ->
          undocumented(
              "The remote computer requires TLS with client certificate authentication.",
              MessageSource.OUR_DESCRIPTION,
              because);
      default ->
          undocumented(
              "The remote computer refused the security negotiation (failure code "
                  + hex(code.value())
                  + ").",
              MessageSource.OUR_DESCRIPTION,
              because);
    };
  }

  /**
   * The server answered the Connection Request with an X.224 Disconnect Request or TPDU Error
   * instead of a Connection Confirm; no public source gives the client's code.
   */
  public static ClientCode connectionRequestRefused(String pduName) {
    return undocumented(
        "The remote computer refused the connection request.",
        MessageSource.OUR_DESCRIPTION,
        "the server answered the Connection Request with an " + pduName);
  }

  /**
   * The server sent a fatal TLS alert during the handshake. The client's TLS layer (Schannel) fails
   * the handshake; which code mstsc then shows is not documented.
   */
  public static ClientCode tlsAlertReceived(String description) {
    return undocumented(
        "The TLS handshake with the remote computer failed: it sent a fatal "
            + description
            + " alert.",
        MessageSource.OUR_DESCRIPTION,
        "the server ended the TLS handshake with a " + description + " alert");
  }

  /**
   * We ended the TLS handshake with an alert of our own (e.g. a certificate we reject). A Windows
   * client validates the certificate itself; only some of its verdicts have a documented code
   * (0x1B07 SSL_ERR_CERT_EXPIRED), and those belong to the certificate rules.
   */
  public static ClientCode tlsAlertSent(String description) {
    return undocumented(
        "The client rejected the remote computer's TLS handshake (" + description + ").",
        MessageSource.OUR_DESCRIPTION,
        "the client ended the TLS handshake with a " + description + " alert");
  }

  /** The TLS handshake failed with an alert the trace does not show; no documented code. */
  public static ClientCode tlsFailed() {
    return undocumented(
        "The TLS handshake with the remote computer failed.",
        MessageSource.OUR_DESCRIPTION,
        "the TLS handshake ended with an alert");
  }

  /** The server's answer does not decode as the PDU due; no public source gives the code. */
  public static ClientCode undecodableAnswer(String expected) {
    return undocumented(
        "The remote computer's answer is not the expected " + expected + ".",
        MessageSource.OUR_DESCRIPTION,
        "the server sent bytes that do not decode as the " + expected);
  }

  /** The server sent a well-formed PDU that the sequence does not allow; no documented code. */
  public static ClientCode protocolViolation() {
    return undocumented(
        "The remote computer broke the connection protocol.",
        MessageSource.OUR_DESCRIPTION,
        "the server sent a PDU the connection sequence does not allow here");
  }

  /**
   * The server accepted the credentials and then waited for the TSCredentials the probe never
   * sends: a Windows client sends them here, so it has no equivalent of this ending.
   */
  public static ClientCode credentialsNotDelegated() {
    return new ClientCode(
        ClientCode.Basis.NOT_APPLICABLE,
        null,
        null,
        "The server accepted the credentials; the probe never delegates them (no TSCredentials),"
            + " so it cannot go on where a Windows client would.",
        MessageSource.OUR_DESCRIPTION,
        "the probe proves credentials without delegating them, and the server waited for them");
  }

  /**
   * The Early User Authorization Result refused the user (AUTHZ_ACCESS_DENIED, or a value the
   * specification does not define). No public source gives the client's code.
   */
  public static ClientCode earlyAuthorizationDenied(String result) {
    return undocumented(
        "The user's credentials were accepted, but the user may not log on through Remote"
            + " Desktop Services.",
        MessageSource.OUR_DESCRIPTION,
        "the server's Early User Authorization Result is " + result);
  }

  /** The probe was cancelled: the equivalent of a local, non-error disconnect (0x1). */
  public static ClientCode cancelled() {
    return model(
        DisconnectReason.LOCAL_NOT_ERROR,
        ExtendedReason.NO_INFO,
        "the probe was cancelled, as a user would close the client");
  }

  /** The probe failed locally: a Windows client has no equivalent. */
  public static ClientCode localError() {
    return new ClientCode(
        ClientCode.Basis.NOT_APPLICABLE,
        null,
        null,
        "The probe failed locally; the server is not to blame.",
        MessageSource.OUR_DESCRIPTION,
        "the probe itself failed");
  }

  /**
   * The probe stopped where it does not follow the server (see {@code ClientConnector}): a Windows
   * client goes on there, and what it meets after {@code phase} was not examined.
   */
  public static ClientCode notFollowed(Phase phase) {
    return new ClientCode(
        ClientCode.Basis.NOT_APPLICABLE,
        null,
        null,
        "The probe does not follow this server beyond "
            + phase
            + "; a Windows client would go on, and what it would meet after that was not"
            + " examined.",
        MessageSource.OUR_DESCRIPTION,
        "the probe stopped where it does not follow the server");
  }

  /**
   * What a Windows client would report for the ending in {@code view}. The first match wins:
   *
   * <ol>
   *   <li>the close kinds that say it all: stop point (no error), cancelled (0x1), local error (not
   *       applicable), DNS failure (0x104), connect refused, timed out or unreachable (0x204);
   *   <li>an RDP_NEG_FAILURE in the Connection Confirm: the negotiation message, no documented
   *       code;
   *   <li>a received NTSTATUS (CredSSP TSRequest errorCode): the SSL_ERR_* family (0x?07);
   *   <li>a fatal TLS alert either way: no documented code;
   *   <li>a received Disconnect Provider Ultimatum: 0x3 (0x2 if rn-user-requested) with the ERRINFO
   *       received before it;
   *   <li>otherwise by close kind: FIN or RST from the peer 0x904 with the last ERRINFO, or 0x7
   *       (0x8 with FIPS) if none; our idle timeout or deadline 0x108 (0x908 in LICENSING); the
   *       rest (X.224 refusal, malformed answer, protocol violation) no documented code.
   * </ol>
   */
  static ClientCode forEnding(TraceView view) {
    var closed = view.closed();
    switch (closed.kind()) {
      case STOP_POINT_REACHED:
        return noError(closed.phase());
      case CANCELLED:
        return cancelled();
      case LOCAL_ERROR:
        return localError();
      case NOT_FOLLOWED:
        return notFollowed(closed.phase());
      case DNS_FAILURE:
        return dnsFailure();
      case CONNECT_REFUSED:
      case CONNECT_TIMEOUT:
      case UNREACHABLE:
        return connectFailed(closed.kind());
      default:
        break;
    }
    var failure = view.negotiationFailure();
    if (failure.isPresent()) {
      return negotiationFailure(failure.get().pdu().failureCode());
    }
    var credSsp = view.credSspFailure();
    if (credSsp.isPresent()) {
      return credSspStatus(credSsp.get().pdu().ntStatus().getAsInt());
    }
    if (DelegationRule.applies(view)) {
      return credentialsNotDelegated();
    }
    var early = view.earlyAuthorization();
    if (early.isPresent() && !early.get().pdu().authorizationResult().equals(AUTHZ_SUCCESS)) {
      return earlyAuthorizationDenied(early.get().pdu().authorizationResult().name());
    }
    var alert = view.fatalAlert();
    if (alert.isPresent()) {
      var a = alert.get().event();
      return a.direction() == Direction.SERVER_TO_CLIENT
          ? tlsAlertReceived(a.description())
          : tlsAlertSent(a.description());
    }
    var undecodable = view.undecodableAnswer();
    if (undecodable.isPresent()) {
      // bytes a client cannot decode end it there, whoever closes afterwards
      return undecodableAnswer(undecodable.get().event().expected());
    }
    var ultimatum = view.ultimatum();
    if (ultimatum.isPresent()) {
      return serverUltimatum(
          view.serverErrorInfoBefore(ultimatum.get().index())
              .map(e -> e.pdu().errorInfo())
              .orElse(null),
          ultimatum.get().pdu().isUserRequested());
    }
    return switch (closed.kind()) {
      // Every phase a probe can be in precedes activation: the session becomes active only at
      // the end of FINALIZATION, and a probe stops before it.
      case PEER_FIN, PEER_RST ->
          peerClosed(
              view.serverErrorInfo().map(e -> e.pdu().errorInfo()).orElse(null),
              true,
              view.options().fipsEnforced());
      case IDLE_TIMEOUT, DEADLINE_EXCEEDED -> timedOut(closed.phase());
      case REFUSED_BY_SERVER ->
          connectionRequestRefused(
              view.lastReceivedPdu().map(p -> p.event().name()).orElse("unexpected PDU"));
      case MALFORMED_PDU ->
          undecodableAnswer(closed.awaiting().isEmpty() ? "PDU" : closed.awaiting());
      case TLS_ALERT -> tlsFailed();
      default -> protocolViolation();
    };
  }

  // ---- lookups used by DisconnectReason and ExtendedReason ---------------------------------

  static String reasonName(int value) {
    ReasonRow r = REASONS.get(value);
    return r == null ? unknown(value) : r.name();
  }

  static String reasonDescription(int value) {
    ReasonRow r = REASONS.get(value);
    return r == null ? "not a documented disconnect reason" : r.description();
  }

  static String reasonMessage(int value) {
    ReasonRow r = REASONS.get(value);
    return r == null ? "Disconnect reason " + hex(value) + "." : r.message();
  }

  static MessageSource reasonMessageSource(int value) {
    ReasonRow r = REASONS.get(value);
    return r == null ? MessageSource.OUR_DESCRIPTION : r.messageSource();
  }

  static boolean knowsReason(int value) {
    return REASONS.containsKey(value);
  }

  static String extendedName(int value) {
    ExtendedRow r = EXTENDED.get(value);
    if (r != null) {
      return r.name();
    }
    ErrorInfo e = new ErrorInfo(value);
    return e.isKnown() ? e.name() : unknown(value);
  }

  static String extendedMeaning(int value) {
    ExtendedRow r = EXTENDED.get(value);
    return r != null ? r.meaning() : new ErrorInfo(value).meaning();
  }

  static boolean knowsExtended(int value) {
    return EXTENDED.containsKey(value) || new ErrorInfo(value).isKnown();
  }

  /** A code as the client's dialog prints it: {@code 0x} and upper-case hex digits. */
  static String hex(int value) {
    return "0x" + Integer.toHexString(value).toUpperCase(Locale.ROOT);
  }

  private static String unknown(int value) {
    return "unknown (" + hex(value) + ")";
  }

  private static ClientCode model(
      DisconnectReason reason, ExtendedReason extended, String rationale) {
    return new ClientCode(
        ClientCode.Basis.MODEL,
        reason,
        extended,
        reason.message(),
        reason.messageSource(),
        rationale);
  }

  private static ClientCode undocumented(String message, MessageSource source, String rationale) {
    return new ClientCode(
        ClientCode.Basis.NO_DOCUMENTED_CODE, null, null, message, source, rationale);
  }

  private static void reason(int value, String name, String description) {
    reason(value, name, description, description, MessageSource.DOCUMENTED_DESCRIPTION);
  }

  private static void reason(
      int value, String name, String description, String message, MessageSource source) {
    put(REASONS, value, new ReasonRow(name, description, message, source));
  }

  private static void extended(int value, String name, String meaning) {
    put(EXTENDED, value, new ExtendedRow(name, meaning));
  }

  private static void ntStatus(int value, String name, int discReason, String meaning) {
    put(NTSTATUS, value, new NtStatusRow(name, discReason, meaning));
  }

  private static <R> void put(Map<Integer, R> table, int value, R row) {
    if (table.put(value, Objects.requireNonNull(row)) != null) {
      throw new IllegalStateException("duplicate row " + hex(value));
    }
  }
}
