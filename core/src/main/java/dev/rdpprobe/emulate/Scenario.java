package dev.rdpprobe.emulate;

import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import java.util.Locale;

/**
 * What the emulator does with each connection: answer the connection sequence as far as the project
 * implements it ({@link #HEALTHY}), or fail at a chosen point in a named way. Each value is a
 * documented behaviour a client can be tested against.
 */
public enum Scenario {
  /** Answers the connection sequence as far as the emulator implements it. */
  HEALTHY("answers the connection sequence as far as the emulator implements it"),
  /** Nothing listens on the port: connections are refused. */
  NOT_LISTENING("nothing listens on the port: the client's SYN gets a RST"),
  /** Accepts the TCP connection and never sends a byte. */
  ACCEPT_THEN_SILENCE("accepts the connection and never sends a byte"),
  /** Closes with a FIN right after accepting. */
  FIN_AFTER_ACCEPT("closes with a FIN right after accepting"),
  /** Resets right after accepting. */
  RST_AFTER_ACCEPT("resets (RST) right after accepting"),
  /** Reads the Connection Request, then closes with a FIN. */
  FIN_AFTER_CONNECTION_REQUEST("reads the X.224 Connection Request, then closes with a FIN"),
  /** Reads the Connection Request, then resets. */
  RST_AFTER_CONNECTION_REQUEST("reads the X.224 Connection Request, then resets (RST)"),
  /** Answers with RDP_NEG_FAILURE SSL_REQUIRED_BY_SERVER, then closes. */
  NEG_FAILURE_SSL_REQUIRED_BY_SERVER(NegotiationFailureCode.SSL_REQUIRED_BY_SERVER),
  /** Answers with RDP_NEG_FAILURE SSL_NOT_ALLOWED_BY_SERVER, then closes. */
  NEG_FAILURE_SSL_NOT_ALLOWED_BY_SERVER(NegotiationFailureCode.SSL_NOT_ALLOWED_BY_SERVER),
  /** Answers with RDP_NEG_FAILURE SSL_CERT_NOT_ON_SERVER, then closes. */
  NEG_FAILURE_SSL_CERT_NOT_ON_SERVER(NegotiationFailureCode.SSL_CERT_NOT_ON_SERVER),
  /** Answers with RDP_NEG_FAILURE INCONSISTENT_FLAGS, then closes. */
  NEG_FAILURE_INCONSISTENT_FLAGS(NegotiationFailureCode.INCONSISTENT_FLAGS),
  /** Answers with RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER, then closes. */
  NEG_FAILURE_HYBRID_REQUIRED_BY_SERVER(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER),
  /** Answers with RDP_NEG_FAILURE SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER, then closes. */
  NEG_FAILURE_SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER(
      NegotiationFailureCode.SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER),
  /** Selects a security protocol the client did not offer. */
  SELECT_UNOFFERED_PROTOCOL("selects a security protocol the client did not offer"),
  /** Answers the Connection Request with bytes that are not a Connection Confirm. */
  GARBAGE_CONFIRM("answers the Connection Request with bytes that are not a TPKT packet"),
  /** Sends its Connection Confirm one byte a second. */
  TRICKLE("sends its answers one byte a second"),
  /** Selects SSL, reads the ClientHello, then resets. */
  TLS_RST_AFTER_CLIENT_HELLO("selects SSL, reads the TLS ClientHello, then resets (RST)"),
  /** Selects SSL, reads the ClientHello, then closes with a FIN. */
  TLS_FIN_AFTER_CLIENT_HELLO("selects SSL, reads the TLS ClientHello, then closes with a FIN"),
  /** Selects SSL and answers the ClientHello with an RDP PDU (an MCS Disconnect Ultimatum). */
  TLS_PLAINTEXT_INSTEAD_OF_SERVER_HELLO(
      "selects SSL, then answers the ClientHello with a plaintext TPKT (an MCS Disconnect"
          + " Provider Ultimatum) instead of a ServerHello"),
  /**
   * What xrdp does when it cannot load its private key, the first way: selects SSL, then at once,
   * before the ClientHello arrives, sends a plaintext MCS Disconnect Provider Ultimatum and closes
   * with a FIN.
   */
  TLS_ULTIMATUM_AND_FIN_BEFORE_CLIENT_HELLO(
      "selects SSL, then at once sends a plaintext MCS Disconnect Provider Ultimatum and closes"
          + " with a FIN, before the ClientHello arrives (xrdp with a private key it cannot load)"),
  /**
   * What xrdp does when it cannot load its private key, the second way: selects SSL, reads the
   * ClientHello, then sends a plaintext MCS Disconnect Provider Ultimatum and resets.
   */
  TLS_ULTIMATUM_AND_RST_AFTER_CLIENT_HELLO(
      "selects SSL, reads the ClientHello, then sends a plaintext MCS Disconnect Provider"
          + " Ultimatum and resets (RST) (xrdp with a private key it cannot load)"),
  /** Selects SSL and answers the ClientHello with a fatal handshake_failure alert. */
  TLS_ALERT_HANDSHAKE_FAILURE(
      "selects SSL, answers the ClientHello with a fatal handshake_failure alert, then closes"),
  /** Selects SSL and answers the ClientHello with a fatal protocol_version alert. */
  TLS_ALERT_PROTOCOL_VERSION(
      "selects SSL, answers the ClientHello with a fatal protocol_version alert, then closes"),
  /** Selects SSL and answers the ClientHello with a fatal internal_error alert. */
  TLS_ALERT_INTERNAL_ERROR(
      "selects SSL, answers the ClientHello with a fatal internal_error alert, then closes"),
  /** Speaks TLS 1.0 only. */
  TLS_1_0_ONLY("accepts TLS 1.0 only"),
  /** Speaks TLS 1.3 only. */
  TLS_1_3_ONLY("accepts TLS 1.3 only"),
  /** Presents a certificate that expired 30 days ago. */
  CERT_EXPIRED("presents a TLS certificate that expired 30 days ago"),
  /** Presents a certificate that becomes valid in 10 days. */
  CERT_NOT_YET_VALID("presents a TLS certificate that becomes valid in 10 days"),
  /** Presents a self-signed certificate. */
  CERT_SELF_SIGNED("presents a self-signed TLS certificate"),
  /** Presents a certificate with a 1024-bit RSA key. */
  CERT_WEAK_KEY("presents a TLS certificate with a 1024-bit RSA key"),
  /** After the Client Info PDU: the ERRINFO given to the emulator, an ultimatum, a FIN. */
  SET_ERROR_INFO(
      "after the Client Info PDU sends Set Error Info with the code given to the emulator"
          + " (serve --errinfo CODE; default 0x7), a Disconnect Provider Ultimatum, then closes"),
  /** After the Client Info PDU: ERRINFO_SERVER_DENIED_CONNECTION, an ultimatum, a FIN. */
  SET_ERROR_INFO_DENIED(
      "after the Client Info PDU sends Set Error Info ERRINFO_SERVER_DENIED_CONNECTION (0x7), a"
          + " Disconnect Provider Ultimatum, then closes"),
  /** After the Client Info PDU: ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES, an ultimatum, a FIN. */
  SET_ERROR_INFO_INSUFFICIENT_PRIVILEGES(
      "after the Client Info PDU sends Set Error Info ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES"
          + " (0x9), a Disconnect Provider Ultimatum, then closes"),
  /** During licensing: ERRINFO_LICENSE_NO_LICENSE, an ultimatum, a FIN. */
  SET_ERROR_INFO_NO_LICENSE(
      "during licensing sends Set Error Info ERRINFO_LICENSE_NO_LICENSE (0x102), a Disconnect"
          + " Provider Ultimatum, then closes"),
  /** Resets when licensing is due. */
  LICENSING_RST("reads the Client Info PDU, then resets (RST) instead of licensing"),
  /** Never answers the Client Info PDU. */
  LICENSING_SILENCE("reads the Client Info PDU, then sends nothing: licensing never starts"),
  /** Opens the full licensing exchange, then says STATUS_VALID_CLIENT to the client's answer. */
  LICENSE_REQUEST(
      "sends a License Request (a proprietary certificate for its TLS key), checks that the"
          + " client's New License Request decrypts, then says STATUS_VALID_CLIENT and goes on"),
  /** Opens the full licensing exchange and answers the client with a Platform Challenge. */
  LICENSE_PLATFORM_CHALLENGE(
      "sends a License Request, then a Platform Challenge: a license server takes part, as on a"
          + " Windows server with RD Licensing configured"),
  /** Sends an Initiate Multitransport Request and answers RDP-UDP SYNs on its port. */
  MULTITRANSPORT_UDP_ANSWERS(
      "offers UDP, sends an Initiate Multitransport Request, answers an RDP-UDP SYN with a SYN+ACK"
          + " on the same port number, and sends its Demand Active once the client answered"),
  /** Sends an Initiate Multitransport Request but nothing listens on UDP. */
  MULTITRANSPORT_UDP_UNREACHABLE(
      "offers UDP and sends an Initiate Multitransport Request followed at once by its Demand"
          + " Active, but nothing listens on its UDP port"),
  /**
   * A healthy Network Level Authentication server of CredSSP version 6. Selects HYBRID_EX (or
   * HYBRID when only that is offered; an offer without either gets RDP_NEG_FAILURE
   * HYBRID_REQUIRED_BY_SERVER) and shows the NTLM identity {@code RDPPROBE\RDP-EMULATOR}
   * (rdp-emulator.rdpprobe.test, Windows 10.0.20348; {@link RdpEmulator.Builder#ntlmIdentity}
   * chooses another). User {@code rdpprobe} with password {@code rdpprobe-Pass1}, in any domain, is
   * accepted and the sequence goes on to MCS (with AUTHZ_SUCCESS under HYBRID_EX); any other logon
   * gets errorCode STATUS_LOGON_FAILURE, then a FIN.
   */
  NLA(
      "requires NLA as a CredSSP version 6 server with the NTLM identity RDPPROBE\\RDP-EMULATOR:"
          + " user rdpprobe with password rdpprobe-Pass1 goes on to MCS, a wrong password gets"
          + " errorCode STATUS_LOGON_FAILURE"),
  /**
   * Like {@link #NLA} as a CredSSP version 2 server: no errorCode, so a wrong password gets a FIN.
   */
  NLA_VERSION_2(
      "like nla as a CredSSP version 2 server (pubKeyAuth of the public key itself, no errorCode):"
          + " a wrong password gets a FIN"),
  /** Like {@link #NLA}, but the account's password has expired. */
  NLA_PASSWORD_EXPIRED(
      "like nla, but the account's password has expired: the right password gets errorCode"
          + " STATUS_PASSWORD_EXPIRED"),
  /** Like {@link #NLA}, but resets after the client's NTLM NEGOTIATE. */
  NLA_RST_AFTER_NEGOTIATE("like nla, but resets (RST) after the client's NTLM NEGOTIATE"),
  /** Like {@link #NLA}, but resets after the client's NTLM AUTHENTICATE. */
  NLA_RST_AFTER_AUTHENTICATE("like nla, but resets (RST) after the client's NTLM AUTHENTICATE"),
  /**
   * Like {@link #NLA}, but under HYBRID_EX it accepts the credentials, then answers with the Early
   * User Authorization Result AUTHZ_ACCESS_DENIED and closes.
   */
  NLA_EARLY_AUTH_DENIED(
      "like nla, but under HYBRID_EX it accepts the credentials, then sends the Early User"
          + " Authorization Result AUTHZ_ACCESS_DENIED and closes"),
  /** Standard RDP Security at encryption level NONE: method NONE, no random, no certificate. */
  RDP_SECURITY_NONE(
      "selects Standard RDP Security (PROTOCOL_RDP) whatever the client offers, at encryption"
          + " level NONE: no Security Exchange, every PDU in the clear"),
  /** Standard RDP Security at level LOW: only the client encrypts. */
  RDP_SECURITY_LOW(
      "selects Standard RDP Security at encryption level LOW (the strongest RC4 the client"
          + " offers): the client encrypts, the server sends in the clear"),
  /** Standard RDP Security at level CLIENT_COMPATIBLE: both ends encrypt. */
  RDP_SECURITY_CLIENT_COMPATIBLE(
      "selects Standard RDP Security at encryption level CLIENT_COMPATIBLE (the strongest RC4"
          + " the client offers, FIPS if that is all): both ends encrypt"),
  /** Standard RDP Security at level HIGH: 128-bit RC4 both ways. */
  RDP_SECURITY_HIGH(
      "selects Standard RDP Security at encryption level HIGH: 128-bit RC4 both ways, a client"
          + " without it is turned away"),
  /** Standard RDP Security at level FIPS: 3DES and HMAC-SHA1 both ways. */
  RDP_SECURITY_FIPS(
      "selects Standard RDP Security at encryption level FIPS: 3DES-CBC and HMAC-SHA1 both ways,"
          + " a client without FIPS is turned away"),
  /** Like {@link #RDP_SECURITY_HIGH}, but resets once the client random came. */
  RDP_SECURITY_RST_AFTER_CLIENT_RANDOM(
      "like rdp-security-high, but resets (RST) after the client's Security Exchange PDU"),
  /** Like {@link #RDP_SECURITY_HIGH}, but every PDU it encrypts carries a wrong signature. */
  RDP_SECURITY_BAD_MAC(
      "like rdp-security-high, but every PDU it encrypts carries a wrong data signature (one bit"
          + " changed)"),
  /** Selects an encryption method the client did not offer. */
  RDP_SECURITY_UNEXPECTED_METHOD(
      "selects Standard RDP Security with an encryption method the client did not offer (the"
          + " strongest one it left out, or an undefined value)"),
  /**
   * A planted fault for testing fuzzers: healthy, except that a Connection Request whose
   * RDP_NEG_REQ length field is not 8 (MS-RDPBCGR 2.2.1.1.1) makes the emulator stop listening and
   * reset every connection, as a server process that crashed.
   */
  PLANTED_FAULT(
      "healthy, but a Connection Request whose RDP_NEG_REQ length field is not 8 makes it stop"
          + " listening and reset every connection, like a crashed server (for testing fuzzers)");

  private final String description;
  private final NegotiationFailureCode failureCode;

  Scenario(String description) {
    this.description = description;
    this.failureCode = null;
  }

  Scenario(NegotiationFailureCode code) {
    this.description =
        "answers with RDP_NEG_FAILURE "
            + code.name()
            + " ("
            + code.description()
            + "), then closes";
    this.failureCode = code;
  }

  /** What the scenario does, in a sentence. */
  public String description() {
    return description;
  }

  /** The TLS alert description this scenario answers the ClientHello with, or -1. */
  int alertDescription() {
    return switch (this) {
      case TLS_ALERT_HANDSHAKE_FAILURE -> 40;
      case TLS_ALERT_PROTOCOL_VERSION -> 70;
      case TLS_ALERT_INTERNAL_ERROR -> 80;
      default -> -1;
    };
  }

  /** What the TLS listener accepts in this scenario. */
  TlsOffer tlsAccepted() {
    return switch (this) {
      case TLS_1_0_ONLY -> TlsOffer.only(TlsVersion.TLS_1_0);
      case TLS_1_3_ONLY -> TlsOffer.only(TlsVersion.TLS_1_3);
      default -> TlsOffer.windowsAllVersions();
    };
  }

  /** Whether the scenario requires Network Level Authentication (CredSSP). */
  boolean nla() {
    return name().startsWith("NLA");
  }

  /** Whether the scenario selects Standard RDP Security (PROTOCOL_RDP). */
  boolean standardSecurity() {
    return name().startsWith("RDP_SECURITY");
  }

  /** The TSRequest version of the scenario's CredSSP server. */
  int credSspVersion() {
    return this == NLA_VERSION_2 ? 2 : 6;
  }

  /** The RDP_NEG_FAILURE code this scenario answers with, or {@code null}. */
  NegotiationFailureCode failureCode() {
    return failureCode;
  }

  /** The name as typed on a command line: lower case with dashes, e.g. {@code rst-after-accept}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The scenario named {@code text}, in either spelling ({@code RST_AFTER_ACCEPT} or {@code
   * rst-after-accept}).
   *
   * @throws IllegalArgumentException naming the unknown scenario
   */
  public static Scenario parse(String text) {
    String n = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Scenario s : values()) {
      if (s.name().equals(n)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown scenario '" + text + "' (see: rdp-probe serve --list)");
  }
}
