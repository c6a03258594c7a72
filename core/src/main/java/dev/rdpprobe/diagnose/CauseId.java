package dev.rdpprobe.diagnose;

/** The catalogue of causes the diagnosis can name. */
public enum CauseId {
  /** TCP connect refused: no service on the port. */
  NOT_LISTENING("Nothing listens on the RDP port"),
  /** TCP connect refused by a firewall that answers with a reset. */
  FIREWALL_REJECTS("A firewall rejects connections to the port"),
  /** No answer to the SYN: a firewall drops the packets. */
  PORT_FILTERED("A firewall drops connections to the port"),
  /** No answer to the SYN, or an unreachable host or network. */
  HOST_UNREACHABLE("The host is down or unreachable"),
  /** The host name does not resolve. */
  DNS_NAME_NOT_FOUND("The host name does not resolve"),
  /** The server closes right after TCP connects, before answering anything. */
  LISTENER_REFUSES("The RDP listener refuses the connection"),
  /** A firewall, IPS or proxy on the path closes the connection. */
  MIDDLEBOX_CLOSES("A firewall or proxy on the path closes the connection"),
  /** Another protocol answers on the port (TLS, HTTP, SSH), or a service that drops RDP. */
  NOT_RDP_LISTENER("The port is not an RDP listener"),
  /** RDP_NEG_FAILURE SSL_REQUIRED_BY_SERVER. */
  NEG_SSL_REQUIRED("The server requires TLS"),
  /** RDP_NEG_FAILURE SSL_NOT_ALLOWED_BY_SERVER. */
  NEG_SSL_NOT_ALLOWED("The server allows only Standard RDP Security"),
  /** RDP_NEG_FAILURE SSL_CERT_NOT_ON_SERVER. */
  NEG_NO_CERTIFICATE("The server has no certificate for TLS"),
  /** RDP_NEG_FAILURE INCONSISTENT_FLAGS. */
  NEG_INCONSISTENT_FLAGS("The server found the offered protocols inconsistent"),
  /** RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER. */
  NEG_NLA_REQUIRED("The server requires Network Level Authentication"),
  /** RDP_NEG_FAILURE SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER. */
  NEG_CLIENT_CERT_REQUIRED("The server requires TLS with a client certificate"),
  /** An RDP_NEG_FAILURE code the specification does not define. */
  NEG_UNKNOWN_FAILURE("The server refused the negotiation with an unknown code"),
  /**
   * An RDP_NEG_FAILURE that contradicts the offer: it asks for a protocol the offer included
   * (SSL_REQUIRED_BY_SERVER to an offer with SSL, HYBRID_REQUIRED_BY_SERVER to one with HYBRID), or
   * refuses TLS the offer did not ask for.
   */
  NEG_CONTRADICTS_OFFER("The server's negotiation failure contradicts the offer"),
  /** An X.224 Disconnect Request or TPDU Error instead of a Connection Confirm. */
  CONNECTION_REQUEST_REJECTED("The server rejected the X.224 Connection Request"),
  /** The Connection Confirm selects a protocol the request did not offer. */
  PROTOCOL_NOT_OFFERED("The server selected a protocol we did not offer"),
  /**
   * The server selected Standard RDP Security (PROTOCOL_RDP): no server authentication, and the
   * encryption its Server Security Data names (RC4 of 40, 56 or 128 bits, FIPS Triple DES, or
   * none).
   */
  STANDARD_SECURITY("The server uses Standard RDP Security"),
  /** The server chose TLS but never started it: closed or answered non-TLS after our hello. */
  TLS_NOT_STARTED("The server accepted TLS but could not start it"),
  /**
   * The server sent its first TLS flight (ServerHello and what comes with it), then the connection
   * was reset or closed without an alert before the server sent anything more: a TLS-inspecting
   * device that gives up, or a server whose TLS fails after its ServerHello.
   */
  TLS_CUT_AFTER_SERVER_FLIGHT("The connection ends right after the server's first TLS flight"),
  /** No TLS version in common. */
  TLS_VERSION_UNSUPPORTED("The server supports none of the TLS versions offered"),
  /**
   * The TLS the server chose is weak: TLS 1.0 or 1.1, RSA key exchange (no forward secrecy), CBC
   * with SHA-1, 3DES or RC4; clients limited to current versions and suites refuse it.
   */
  WEAK_TLS("The server's TLS is weak"),
  /** No cipher suite in common. */
  NO_COMMON_CIPHER("The server shares no cipher suite with the client"),
  /** A reset after a long silence: an idle timer on the path. */
  MIDDLEBOX_IDLE_RESET("A middlebox reset the idle connection"),
  /** Silence after a large flight: packets too large for the path are lost. */
  PATH_MTU_BLACK_HOLE("Large packets are lost on the path (MTU black hole)"),
  /**
   * The server took longer from the end of the security negotiation to its last answer than a
   * client waits for activation (FreeRDP 2: 9 s).
   */
  SLOW_HANDSHAKE("The handshake is slower than clients wait for"),
  /** No byte for the idle timeout while a PDU was due. */
  SERVER_SILENT("The server stopped answering"),
  /** Bytes kept coming, too slowly to finish a PDU before the deadline. */
  SERVER_TRICKLE("The server sends too slowly to finish a PDU"),
  /** The server's certificate is past its notAfter. */
  CERT_EXPIRED("The server's certificate has expired"),
  /** The server's certificate is before its notBefore (often a wrong clock on either side). */
  CERT_NOT_YET_VALID("The server's certificate is not valid yet"),
  /**
   * No trusted authority vouches for the certificate (self-signed, or a chain to a root the
   * client's trust store does not hold): clients warn or refuse.
   */
  CERT_UNTRUSTED("No authority the client trusts vouches for the server's certificate"),
  /** The certificate chain cannot be built: a missing intermediate, a bad signature, ... */
  CERT_CHAIN_BROKEN("The server's certificate chain is broken"),
  /** A short RSA key or a SHA-1/MD5 signature. */
  CERT_WEAK("The server's certificate is weak"),
  /** The name the client connects to is not in the certificate. */
  CERT_NAME_MISMATCH("The server's certificate does not name the host"),
  /** A Set Error Info PDU named why the server ended the connection (not licensing). */
  SERVER_ERROR_INFO("The server ended the connection and said why"),
  /** Licensing failed: a licensing ERRINFO or License Error, or a reset or silence in licensing. */
  LICENSING_FAILED("Licensing failed"),
  /** The server asked for a UDP transport, but its UDP port did not answer an RDP-UDP SYN. */
  UDP_UNREACHABLE("The server offers UDP, but its UDP port does not answer"),
  /**
   * CredSSP cannot go on between this client and server: an old CredSSP version a patched client
   * refuses, or a server that refuses the NTLM NEGOTIATE (errorCode, or a close before the
   * CHALLENGE).
   */
  CREDSSP_MISMATCH("A CredSSP version or policy mismatch"),
  /** The server's pubKeyAuth does not bind the public key of the certificate the client saw. */
  CREDSSP_KEY_MISMATCH("The server's CredSSP proof does not match its certificate"),
  /** The server rejected the NTLM AUTHENTICATE: an errorCode (NTSTATUS), or a close after it. */
  CREDENTIALS_REJECTED("The server rejected the credentials"),
  /** AUTHZ_ACCESS_DENIED in the Early User Authorization Result (HYBRID_EX). */
  EARLY_AUTH_DENIED("The user may not log on through Remote Desktop"),
  /**
   * The server accepted the credentials, then waited for the delegated password (TSCredentials),
   * which the probe never sends.
   */
  CREDENTIALS_NOT_DELEGATED("The server waits for delegated credentials"),
  /** The server closed after Restricted Admin mode's empty TSCredentials. */
  RESTRICTED_ADMIN_REFUSED("The server does not allow Restricted Admin mode"),
  /**
   * The server kept sending records or PDUs that lead nowhere (ignorable TLS records, warning
   * alerts, unanswered PDUs) until the probe closed the connection as abusive.
   */
  SERVER_FLOODS("The server floods the connection with what leads nowhere");

  private final String title;

  CauseId(String title) {
    this.title = title;
  }

  /** A short title, e.g. {@code The server requires TLS}. */
  public String title() {
    return title;
  }
}
