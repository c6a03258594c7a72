package dev.rdpprobe.diagnose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The advice half of the cause catalogue ({@link CauseId} holds the titles): what an administrator
 * should check or change, one remedy per cause and situation, each written once. The diagnosis's
 * rules pick the remedy that fits a trace; the doctor picks the one its follow-ups confirm, with a
 * few remedies of its own for what only follow-ups can show (which TLS versions the server speaks,
 * addresses that end differently).
 *
 * <p>A step may hold one placeholder in braces, e.g. {@code {port}}, filled by {@link
 * #steps(String, Object)} with what only the trace knows.
 */
public enum Remedy {
  // ---- TCP and DNS ----------------------------------------------------------------------------

  NOT_LISTENING(
      CauseId.NOT_LISTENING,
      "On the server, check that Remote Desktop is enabled (System Properties, Remote,"
          + " or fDenyTSConnections = 0) and that the Remote Desktop Services"
          + " (TermService) service is running.",
      "Check the port the listener uses (PortNumber under the RDP-Tcp WinStation key,"
          + " 3389 by default) and run netstat -ano | findstr LISTENING on it.",
      "For xrdp, check that xrdp is running and the port in xrdp.ini.",
      "If the address is a NAT or port forward, check that it forwards to the right"
          + " host and port."),

  FIREWALL_REJECTS(
      CauseId.FIREWALL_REJECTS,
      "Check the host firewall's inbound rules for the RDP port (Remote Desktop -"
          + " User Mode (TCP-In) on Windows) and its scope of allowed addresses.",
      "Check network firewalls between client and server for a reject rule, e.g. by"
          + " probing from a machine on the server's own subnet."),

  /** No answer to the SYN. */
  PORT_FILTERED(
      CauseId.PORT_FILTERED,
      "Check network firewalls, security groups and the host firewall for the RDP"
          + " port from the client's address.",
      "Probe another open port of the same host (or ping it) to tell a filtered port"
          + " from a host that is down.",
      "A listener whose accept queue is full also drops SYNs: check the server's" + " load."),

  /** An ICMP error that may be a firewall's 'administratively prohibited'. */
  PORT_REJECTED_WITH_ICMP(
      CauseId.PORT_FILTERED,
      "Check firewalls on the path for a reject-with-ICMP rule on the port."),

  /** The network said the host is unreachable. */
  HOST_UNREACHABLE(
      CauseId.HOST_UNREACHABLE,
      "Check the client's route to the address (route print / ip route) and the"
          + " VPN connection if the server is on another network.",
      "Check that the host is up and has the address the name resolves to."),

  /** No answer to the SYN, which a host that is down gives too. */
  HOST_DOWN(
      CauseId.HOST_UNREACHABLE,
      "Check that the machine is running and on the network (not asleep or" + " hibernating).",
      "Check routing or the VPN between the client and the server's network."),

  DNS_NAME_NOT_FOUND(
      CauseId.DNS_NAME_NOT_FOUND,
      "Check the spelling of the name and whether it needs a domain suffix (a short name"
          + " resolves only where the suffix search list has the right domain).",
      "Resolve the name from the same machine and network with nslookup or"
          + " Resolve-DnsName, against the DNS server the client actually uses.",
      "For an internal name reached over a VPN, check that the VPN hands out the internal"
          + " DNS servers (split DNS) and that the record exists there.",
      "Probe the IP address directly to confirm that everything after DNS works."),

  /** The doctor's: the addresses of one name end differently. */
  ADDRESSES_DIFFER(
      Set.of(),
      "Make every address the name resolves to reach the same working RDP listener, or remove"
          + " the DNS records (A or AAAA) of the addresses that do not.",
      "On the server, check that the listener and the firewall rule ('Remote Desktop - User"
          + " Mode (TCP-In)') cover every address, IPv6 included: netstat -an | findstr"
          + " :{port} shows what listens where.",
      "Windows clients try IPv6 first when they have an IPv6 route, so the address a user's"
          + " client picks may not be the one that works from your desk."),

  // ---- the listener ---------------------------------------------------------------------------

  LISTENER_REFUSES(
      CauseId.LISTENER_REFUSES,
      "Check the server's connection limits: the number of sessions allowed (Limit number"
          + " of connections policy, MaxInstanceCount of RDP-Tcp), two administrative"
          + " sessions without the Remote Desktop Session Host role, and licensing"
          + " mode.",
      "Check that the RDP-Tcp listener is enabled and healthy (qwinsta shows rdp-tcp"
          + " Listen; TerminalServices-RemoteConnectionManager events in the event"
          + " log).",
      "Check address restrictions on the server: IP security rules, a host firewall"
          + " rule that resets, or software that filters RDP clients by address.",
      "Look at the server's System and TerminalServices logs at the probe's time for"
          + " the refusal."),

  /** {@code {close}}: the close the path may have sent, {@code RST} or {@code FIN}. */
  MIDDLEBOX_CLOSES(
      CauseId.MIDDLEBOX_CLOSES,
      "Probe from a machine on the server's own subnet: if that works, a device on the"
          + " path is closing the connection.",
      "Check IPS or next-generation firewall logs for RDP signatures or geo/IP blocks at"
          + " the probe's time.",
      "Capture on the server: if it never sees the Connection Request, or never sends"
          + " the {close}, the close comes from the path."),

  /** A close without a byte, which a service of another protocol may give. */
  NOT_RDP_LISTENER(
      CauseId.NOT_RDP_LISTENER,
      "Check which process owns the port on the server (netstat -ano, Get-NetTCPConnection"
          + " -LocalPort) or which backend a port forward points to.",
      "Connect with a plain TCP client and see whether anything greets you."),

  /** Another protocol answered: HTTP, SSH. */
  FOREIGN_PROTOCOL(
      CauseId.NOT_RDP_LISTENER,
      Shared.WRONG_PORT,
      Shared.PORT_FORWARD_RULES,
      "Find the process that owns the port on the server (netstat -ano)."),

  /** TLS answered from the first byte: HTTPS, an RD Gateway, a TLS proxy. */
  FOREIGN_TLS(
      CauseId.NOT_RDP_LISTENER,
      Shared.WRONG_PORT,
      Shared.PORT_FORWARD_RULES,
      "If this is an RD Gateway, connect through it as a gateway (RDP over HTTPS),"
          + " not as a Remote Desktop server."),

  /** Bytes of no shape known and no TPKT header. */
  UNRECOGNISED_ANSWER(
      CauseId.NOT_RDP_LISTENER,
      "Find the process that owns the port on the server (netstat -ano,"
          + " Get-NetTCPConnection -LocalPort) or the backend a port forward points to.",
      "Connect with a plain TCP client (or capture the answer) and look at the bytes: a"
          + " banner or magic number names the service.",
      "If it is meant to be an RDP server, check its logs: a listener that answers this way"
          + " is not speaking RDP."),

  // ---- the negotiation ------------------------------------------------------------------------

  NEG_SSL_REQUIRED(
      CauseId.NEG_SSL_REQUIRED,
      "Offer SSL (and HYBRID) from the client: in mstsc, do not force the RDP Security"
          + " Layer (the .rdp setting 'negotiate security layer' and the client's"
          + " policy).",
      "If legacy clients must connect, set the server's security layer to Negotiate"
          + " (policy 'Require use of specific security layer for remote (RDP)"
          + " connections', or SecurityLayer = 1 on RDP-Tcp); keep SSL if they need"
          + " not.",
      "If only HYBRID was offered: the server has NLA off; offer SSL as well, or turn"
          + " on 'Allow connections only from computers running Remote Desktop with"
          + " Network Level Authentication'."),

  /** The server refused TLS with SSL_NOT_ALLOWED_BY_SERVER. */
  NEG_SSL_NOT_ALLOWED(
      CauseId.NEG_SSL_NOT_ALLOWED,
      "Set the server's security layer to Negotiate or SSL (policy 'Require use of"
          + " specific security layer for remote (RDP) connections', SecurityLayer of"
          + " RDP-Tcp): Standard RDP Security has no server authentication.",
      "Until then, clients must offer Standard RDP Security (an empty offer); Windows"
          + " clients do so by themselves unless a policy requires TLS."),

  /** The server selected Standard RDP Security. */
  STANDARD_SECURITY_SELECTED(
      CauseId.STANDARD_SECURITY,
      "On Windows, set the Security Layer of the RDP-Tcp listener to Negotiate or SSL"
          + " (Require use of specific security layer for remote connections).",
      "For xrdp, set security_layer=negotiate or tls in xrdp.ini and give it a"
          + " certificate and key.",
      "Until then, keep the encryption as strong as Standard RDP Security allows: the policy"
          + " 'Set client connection encryption level' at High (MinEncryptionLevel = 3 on"
          + " RDP-Tcp) on Windows, crypt_level=high or fips in xrdp.ini; never none or low."),

  NEG_NO_CERTIFICATE(
      CauseId.NEG_NO_CERTIFICATE,
      "Open certlm.msc on the server: the Remote Desktop store should hold the"
          + " listener's certificate, with a private key.",
      "Check the certificate the listener is bound to (SSLCertificateSHA1Hash of"
          + " Win32_TSGeneralSetting, or the policy 'Server authentication certificate"
          + " template') and that it exists and is valid.",
      "Delete the broken self-signed Remote Desktop certificate and restart Remote"
          + " Desktop Services (TermService) to have it created again.",
      Shared.PRIVATE_KEY_READABLE),

  NEG_INCONSISTENT_FLAGS(
      CauseId.NEG_INCONSISTENT_FLAGS,
      "Check the offered protocol set: a client that offers CredSSP should offer SSL" + " too.",
      "If a TLS-terminating proxy sits in front of the server, the server sees TLS"
          + " already in place: connect to the server directly or configure the"
          + " proxy's RDP mode."),

  NEG_NLA_REQUIRED(
      CauseId.NEG_NLA_REQUIRED,
      "Offer HYBRID (and HYBRID_EX): clients must support CredSSP and have it" + " enabled.",
      "If clients without NLA must connect, turn off 'Require user authentication for"
          + " remote connections by using Network Level Authentication' on the server"
          + " (UserAuthentication = 0 on RDP-Tcp), knowing that it exposes the logon"
          + " screen to anyone."),

  NEG_CLIENT_CERT_REQUIRED(
      CauseId.NEG_CLIENT_CERT_REQUIRED,
      "Clients must present a certificate (smart card or certificate logon) the"
          + " server trusts; the probe presents none.",
      "If that is not intended, check the server's authentication settings."),

  NEG_UNKNOWN_FAILURE(
      CauseId.NEG_UNKNOWN_FAILURE,
      "Check the server's product and version: a non-Windows server or a newer"
          + " specification may define the code.",
      "Probe with other protocol offers (SSL only, HYBRID, none) to see which one the"
          + " server accepts."),

  /** The code asks for what the offer had, or refuses what it did not ask for. */
  NEG_CONTRADICTS_OFFER(
      CauseId.NEG_CONTRADICTS_OFFER,
      "Nothing to change in the client's offer: it already holds what the server asks for."
          + " Check the listener's security settings on the server (SecurityLayer and"
          + " UserAuthentication of RDP-Tcp, its certificate; security_layer and the"
          + " certificate in xrdp.ini) and restart the service.",
      "Probe the server directly, from its own network: a proxy, load balancer or RDP-aware"
          + " firewall in front of it may rewrite the Connection Request or answer for it.",
      "Run rdp-probe doctor HOST: it offers each protocol alone and shows whether any gets"
          + " through.",
      "If the server itself answers this way, report the Connection Request and Confirm to its"
          + " vendor: the answer breaks MS-RDPBCGR 2.2.1.2.2."),

  /**
   * The doctor's: the server refuses, with the same RDP_NEG_FAILURE code, even the protocols the
   * code asks for.
   */
  NEGOTIATION_CONTRADICTS(
      EnumSet.of(
          CauseId.NEG_CONTRADICTS_OFFER,
          CauseId.NEG_SSL_REQUIRED,
          CauseId.NEG_SSL_NOT_ALLOWED,
          CauseId.NEG_NO_CERTIFICATE,
          CauseId.NEG_NLA_REQUIRED),
      "Check the listener's security settings on the server: 'Require use of specific"
          + " security layer for remote (RDP) connections' and 'Require user authentication"
          + " for remote connections by using Network Level Authentication' (SecurityLayer and"
          + " UserAuthentication of the RDP-Tcp listener; security_layer in xrdp.ini), then"
          + " restart Remote Desktop Services.",
      "Check that nothing in front of the server (a gateway, a load balancer, another RDP"
          + " service on the port) answers for it: probe from the server's own network."),

  CONNECTION_REQUEST_REJECTED(
      CauseId.CONNECTION_REQUEST_REJECTED,
      "Check the server's logs for why it rejected the request (xrdp logs the reason;"
          + " Windows logs TerminalServices-RemoteConnectionManager events).",
      "Probe without a cookie or routing token and with the default protocol offer to"
          + " see whether the request's content is the problem.",
      "A connection broker or load balancer rejects routing tokens it does not know:"
          + " check the token the client sends."),

  PROTOCOL_NOT_OFFERED(
      CauseId.PROTOCOL_NOT_OFFERED,
      "Check whether the server forces one security protocol regardless of the offer"
          + " (xrdp security_layer, a third-party RDP server's settings).",
      "A proxy, load balancer or RDP-aware firewall in front of the server may rewrite"
          + " the negotiation: probe the server directly to compare.",
      "Report the Connection Confirm to the server's vendor: the answer breaks"
          + " MS-RDPBCGR 2.2.1.2.1."),

  // ---- TLS ------------------------------------------------------------------------------------

  TLS_NOT_STARTED(
      CauseId.TLS_NOT_STARTED,
      "On the server, open certlm.msc: the listener's certificate (Remote Desktop store, or"
          + " the one named by SSLCertificateSHA1Hash of Win32_TSGeneralSetting) must show"
          + " 'You have a private key that corresponds to this certificate'.",
      "Look in the System event log for Schannel event 36870 ('A fatal error occurred when"
          + " attempting to access the TLS server credential private key') at the probe's"
          + " time.",
      Shared.PRIVATE_KEY_READABLE,
      "Delete a broken self-signed Remote Desktop certificate and restart Remote Desktop"
          + " Services (TermService) so that it creates a new one; re-import a CA-issued one"
          + " with its key.",
      "For xrdp, check certificate and key_file in xrdp.ini and that the xrdp user can read"
          + " the key."),

  TLS_CUT_AFTER_SERVER_FLIGHT(
      CauseId.TLS_CUT_AFTER_SERVER_FLIGHT,
      "Look for a TLS-inspecting firewall, proxy or IPS on the path: probe from the server's own"
          + " network, compare the certificate the probe saw with the listener's (certlm.msc,"
          + " Remote Desktop store), and exempt RDP from TLS inspection.",
      "On the server, look in the System log for Schannel errors (event 36888, a fatal alert"
          + " generated) at the probe's time: a server that fails after its ServerHello cannot"
          + " finish the key exchange, e.g. with a private key that does not fit its certificate.",
      "For xrdp, look in xrdp.log for SSL errors at the probe's time.",
      "Run rdp-probe doctor HOST: if every TLS version and cipher family ends the same way, the"
          + " cut does not depend on what the client offers."),

  WEAK_TLS(
      CauseId.WEAK_TLS,
      "Enable TLS 1.2 (and 1.3 where the server has it) and ECDHE suites with AES-GCM: on Windows"
          + " the SCHANNEL Protocols keys and the SSL Cipher Suite Order policy (or"
          + " Enable-TlsCipherSuite); on xrdp ssl_protocols=TLSv1.2, TLSv1.3 and a tls_ciphers"
          + " list such as HIGH:!aNULL:!eNULL:!kRSA:!3DES:!RC4 in xrdp.ini.",
      "Then disable what the probe found weak (TLS 1.0 and 1.1, RSA key exchange, CBC with"
          + " SHA-1, 3DES, RC4) once no client you must serve needs it; rdp-probe doctor HOST"
          + " shows which versions and suite families the server takes alone.",
      "Windows Server 2008 R2 and Windows 7 need the update that adds TLS 1.2 to Remote Desktop"
          + " (KB3080079) before the old versions can go."),

  /** The trace alone: an alert or a silent close on the ClientHello. */
  TLS_VERSION_UNSUPPORTED(
      CauseId.TLS_VERSION_UNSUPPORTED,
      "Compare the versions our ClientHello offered (its summary in the trace) with those"
          + " the server enables: SCHANNEL Protocols keys (TLS 1.0/1.1/1.2 Server 'Enabled')"
          + " on Windows, ssl_protocols in xrdp.ini.",
      "Windows Server 2008 R2 and Windows 7 need the update that adds TLS 1.1 and 1.2 to"
          + " Remote Desktop (KB3080079); older servers speak only TLS 1.0.",
      "Probe again offering an older or newer version to find the one the server takes,"
          + " then enable a common modern version on both sides rather than an old one."),

  /** The doctor's: only versions older than (or apart from) those offered complete. */
  TLS_SERVER_TOO_OLD(
      CauseId.TLS_VERSION_UNSUPPORTED,
      "Enable TLS 1.2 on the server. Windows Server 2008 R2 and Windows 7 need the update"
          + " that adds it to Remote Desktop (KB3080079), then"
          + " HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols"
          + "\\TLS 1.2\\Server with Enabled=1 and DisabledByDefault=0, and a restart; on xrdp,"
          + " ssl_protocols=TLSv1.2, TLSv1.3 in xrdp.ini.",
      "Only as a stopgap, enable the old version on the clients (the SCHANNEL Protocols"
          + " Client keys): it weakens every TLS connection those clients make."),

  /** The doctor's: only versions newer than those offered complete. */
  TLS_SERVER_TOO_NEW(
      CauseId.TLS_VERSION_UNSUPPORTED,
      "Enable TLS 1.2 on the server next to the newer version (SCHANNEL Protocols\\TLS 1.2"
          + "\\Server Enabled=1 on Windows, ssl_protocols in xrdp.ini), or move the clients"
          + " to a Windows version that offers the newer one (TLS 1.3: Windows 11, Windows"
          + " Server 2022)."),

  /** The trace alone: handshake_failure or insufficient_security on the ClientHello. */
  NO_COMMON_CIPHER(
      CauseId.NO_COMMON_CIPHER,
      "Compare the suites our ClientHello offered with the server's: the 'SSL Cipher"
          + " Suite Order' policy and SCHANNEL Ciphers, Hashes and KeyExchangeAlgorithms"
          + " keys on Windows, tls_ciphers in xrdp.ini.",
      "Check the certificate's key: an ECDSA certificate needs ECDSA suites, an RSA one"
          + " RSA suites; a hardened server may refuse every suite its key allows.",
      "A server hardened by a baseline (only TLS 1.2 AEAD suites, say) refuses older"
          + " clients the same way: decide which side should change."),

  /** The doctor's: every TLS version and every cipher family alone was refused. */
  TLS_REFUSES_EVERY_OFFER(
      CauseId.NO_COMMON_CIPHER,
      "Check the certificate the RDP listener uses (the Remote Desktop certificate store, or"
          + " SSLCertificateSHA1Hash of Win32_TSGeneralSetting): it must come with its private"
          + " key, and its key type (RSA or ECDSA) must fit a suite the server enables.",
      "Check that the server's cipher suite policy (the 'SSL Cipher Suite Order' group policy"
          + " and the SCHANNEL Ciphers, Hashes and KeyExchangeAlgorithms keys; tls_ciphers in"
          + " xrdp.ini) leaves at least one TLS 1.2 ECDHE suite with AES-GCM enabled.",
      "If a TLS-inspecting firewall or load balancer sits in front of the server, probe from"
          + " the server's own network: the refusal may be the device's."),

  /** The doctor's: the server completes handshakes only with suites the client does not offer. */
  CLIENT_LACKS_SERVER_SUITES(
      CauseId.NO_COMMON_CIPHER,
      "Enable one of those suites on the clients (the 'SSL Cipher Suite Order' group"
          + " policy), or better, a TLS 1.2 ECDHE suite with AES-GCM on the server."),

  CERT_VALIDITY(
      EnumSet.of(CauseId.CERT_EXPIRED, CauseId.CERT_NOT_YET_VALID),
      "Check the server's clock and the certificate's validity in the trace.",
      "On Windows, the self-signed Remote Desktop certificate (Certificates, Remote"
          + " Desktop store) is renewed when it is deleted and TermService restarts; a"
          + " certificate from your CA is renewed through its template.",
      "For xrdp, replace the files named by certificate= and key_file= in xrdp.ini."),

  CERT_UNTRUSTED(
      CauseId.CERT_UNTRUSTED,
      "Issue the server a certificate from a CA the clients trust (for a domain: the"
          + " Remote Desktop Authentication template through Group Policy).",
      "Or distribute this certificate to the clients' trusted root store."),

  /** The chain leads to an authority the client does not trust. */
  CERT_UNTRUSTED_ISSUER(
      CauseId.CERT_UNTRUSTED,
      "If the issuing CA is your own, make sure every client trusts its root certificate"
          + " (for a domain: publish it through Group Policy).",
      "Or issue the server a certificate from a CA the clients already trust."),

  CERT_CHAIN_BROKEN(
      CauseId.CERT_CHAIN_BROKEN,
      "Install the intermediate CA certificates on the server so that it sends the whole"
          + " chain (on Windows, in the computer's Intermediate Certification Authorities"
          + " store; for xrdp, appended to the file named by certificate= in xrdp.ini),"
          + " leaf first, each followed by its issuer.",
      "If a signature does not verify or an issuer is not a CA, reissue the certificate."),

  CERT_WEAK(
      CauseId.CERT_WEAK,
      "Replace the certificate with one of an RSA key of at least 2048 bits (or ECDSA)"
          + " signed with SHA-256 or better."),

  CERT_NAME_MISMATCH(
      CauseId.CERT_NAME_MISMATCH,
      "Connect with a name the certificate lists (see its names in the trace), or issue"
          + " a certificate whose subject alternative names include the name users type."),

  // ---- timing ---------------------------------------------------------------------------------

  MIDDLEBOX_IDLE_RESET(
      CauseId.MIDDLEBOX_IDLE_RESET,
      "Find the device with the shortest idle timeout on the path (NAT gateway, firewall,"
          + " load balancer, VPN concentrator) and compare it with the silence.",
      "Turn on keep-alives so the connection is never idle that long: the policy"
          + " 'Configure keep-alive connection interval' on the server, TCP keep-alive"
          + " on clients.",
      "Capture on both ends: a RST the client receives that the server never sent comes"
          + " from the path.",
      "During the handshake, also ask why the server was silent so long (see the phase"
          + " and the PDU awaited)."),

  PATH_MTU_BLACK_HOLE(
      CauseId.PATH_MTU_BLACK_HOLE,
      "Find the path MTU: ping with don't-fragment set and growing sizes (ping -f -l"
          + " 1472 on Windows, ping -M do -s 1472 on Linux) until replies stop.",
      "Allow ICMP 'fragmentation needed' (type 3 code 4) and ICMPv6 'packet too big'"
          + " through firewalls on the path.",
      "On VPNs and tunnels (IPsec, GRE, PPPoE), lower the tunnel MTU or clamp the TCP" + " MSS.",
      "Probe from inside the server's network: if that works, the path is to blame,"
          + " not the server."),

  /** The trace alone: silence while a PDU was due. */
  SERVER_SILENT(
      CauseId.SERVER_SILENT,
      "Check the server's load and the Remote Desktop Services service: a hung"
          + " TermService or an overloaded host accepts TCP but answers late or never.",
      "A port forward or TCP proxy accepts the connection even when its backend is"
          + " down: probe the backend directly.",
      "If the server stalled in the middle of a PDU, a large packet of the server's may"
          + " be lost on the way back (path MTU), or a device on the path holds it.",
      "Raise the idle timeout to tell a slow server from a stuck one."),

  /** The doctor's: silent whatever was offered, and whatever the size of the first flight. */
  SERVER_SILENT_TO_EVERY_OFFER(
      CauseId.SERVER_SILENT,
      "Check the Remote Desktop Services service on the server (and its event logs:"
          + " TerminalServices-RemoteConnectionManager, RemoteDesktopServices-RdpCoreTS): it"
          + " accepts connections but does not answer.",
      "Probe from the server's own network: if it answers there, a device on the path"
          + " swallows the traffic."),

  SLOW_HANDSHAKE(
      CauseId.SLOW_HANDSHAKE,
      "Find where the time goes in the probe's trace: if every round trip is slow, from the TCP"
          + " connect on, the path is (latency, a congested link, a VPN); if only the server's"
          + " answers after TLS are, the server is.",
      "On the server, check its load and what it does before the Demand Active: licensing"
          + " server lookups, group policy processing, a busy Remote Desktop Services"
          + " (TermService); xrdp's log shows its own times.",
      "Check devices on the path that hold packets back: an IPS, TLS inspection, a WAN"
          + " optimiser.",
      "Until it is fixed, FreeRDP clients can wait longer with /timeout:MS (9000 ms by"
          + " default)."),

  SERVER_TRICKLE(
      CauseId.SERVER_TRICKLE,
      "Check the link's bandwidth and loss (a congested or lossy link retransmits and"
          + " delivers a few bytes at a time).",
      "Check for a device that slows connections on purpose (a tarpit, an IPS in a"
          + " throttling mode).",
      "Check the server's load: a starved server writes slowly.",
      "Raise the probe's deadline to see whether the PDU completes at all."),

  // ---- the server's own word ------------------------------------------------------------------

  /** ERRINFO_SERVER_DENIED_CONNECTION, ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES. */
  ERRINFO_DENIED(
      CauseId.SERVER_ERROR_INFO,
      "Check that the user is a member of Remote Desktop Users (or Administrators) on the"
          + " server, and that the Allow log on through Remote Desktop Services user right"
          + " includes that group.",
      "Check that remote connections are allowed (System Properties, Remote; the Allow users"
          + " to connect remotely policy) and not limited to other groups or addresses.",
      "Look at the server's TerminalServices-RemoteConnectionManager and Security logs at"
          + " the probe's time for the refusal."),

  /** An administrative or user-action ERRINFO code. */
  ERRINFO_ENDED_BY_ADMINISTRATION(
      CauseId.SERVER_ERROR_INFO,
      "The code says an administrator's tool, a policy or another session ended this one:"
          + " check session limits, idle and time-limit policies and who else is"
          + " connected.",
      "Look at the server's TerminalServices logs at the probe's time."),

  ERRINFO_SERVER_FAILURE(
      CauseId.SERVER_ERROR_INFO,
      "A component of the server failed or it is shutting down: check the server's"
          + " System and Application logs and its display driver and Desktop Window"
          + " Manager."),

  ERRINFO_CONNECTION_BROKER(
      CauseId.SERVER_ERROR_INFO,
      "The RD Connection Broker could not place the session: check the broker's logs,"
          + " the collection's hosts and whether they accept new connections."),

  ERRINFO_PROTOCOL_ERROR(
      CauseId.SERVER_ERROR_INFO,
      "The server found the client's PDUs invalid: compare client and server versions and"
          + " capture the session for the server's vendor."),

  ERRINFO_OTHER(
      CauseId.SERVER_ERROR_INFO,
      "Look up the code in MS-RDPBCGR 2.2.5.1.1 and the server's logs at that time."),

  LICENSING_FAILED(
      CauseId.LICENSING_FAILED,
      "On the server, run the RD Licensing Diagnoser (lsdiag.msc): it names the license"
          + " server, the licensing mode and what is missing.",
      "Check that the licensing mode (Per User or Per Device) matches the CALs"
          + " installed, and that the license server is activated and reachable from"
          + " the session host (RPC, TCP 135 and the dynamic ports).",
      "If the 120-day grace period has expired on a host without the licensing role"
          + " configured, remove the Session Host role or configure licensing; for"
          + " administration only, two sessions work without it."),

  UDP_UNREACHABLE(
      CauseId.UDP_UNREACHABLE,
      "Allow UDP 3389 (or the listener's port) to the server on every firewall and NAT on"
          + " the path, or make sure it is blocked consistently so clients fall back at"
          + " once.",
      "On an affected client, turn UDP off: the policy Turn Off UDP On Client"
          + " (HKLM\\\\SOFTWARE\\\\Policies\\\\Microsoft\\\\Windows NT\\\\Terminal"
          + " Services\\\\Client, fClientDisableUDP=1).",
      "On the server, Select RDP transport protocols: Use only TCP, if UDP cannot work"
          + " for your users."),

  // ---- CredSSP --------------------------------------------------------------------------------

  /** The server answered the NTLM NEGOTIATE with an errorCode. */
  CREDSSP_NTLM_REFUSED(
      CauseId.CREDSSP_MISMATCH,
      "Check whether the server (or its domain) restricts NTLM ('Network security:"
          + " Restrict NTLM: Incoming NTLM traffic'): CredSSP then needs Kerberos,"
          + " which needs the server's DNS name and a domain controller.",
      "Check the server's System and Security logs at the probe's time for the"
          + " CredSSP or NTLM error."),

  /** The server speaks a CredSSP version from before the fix for CVE-2018-0886. */
  CREDSSP_OLD_VERSION(
      CauseId.CREDSSP_MISMATCH,
      "Install the server's security updates (the CredSSP update of May 2018 or"
          + " any later cumulative update): the server then speaks version 6.",
      "Only as a stopgap, and only for this server, a client can accept it with"
          + " the policy 'Encryption Oracle Remediation' set to Vulnerable; that"
          + " leaves the client open to the attack."),

  /** The server closed after the NTLM NEGOTIATE without a CHALLENGE. */
  CREDSSP_CLOSED_BEFORE_CHALLENGE(
      CauseId.CREDSSP_MISMATCH,
      "Check whether NTLM is restricted on the server or in its domain ('Network"
          + " security: Restrict NTLM' policies, Protected Users).",
      "Check the server's System log at the probe's time for CredSSP, Schannel or"
          + " TermService errors.",
      "Probe with the SSL protocol only: if TLS works, the problem is in CredSSP,"
          + " not in the listener."),

  CREDSSP_KEY_MISMATCH(
      CauseId.CREDSSP_KEY_MISMATCH,
      "Probe from a machine on the server's network and compare the certificate's"
          + " SHA-256 fingerprint with the one the server holds (certlm.msc, Remote"
          + " Desktop store).",
      "Look for a TLS-inspecting firewall or proxy on the path, and exempt RDP from"
          + " inspection: CredSSP cannot work through it.",
      "Do not send credentials to this address until the difference is explained."),

  /** STATUS_LOGON_FAILURE, STATUS_WRONG_PASSWORD, STATUS_NO_SUCH_USER. */
  LOGON_FAILURE(
      CauseId.CREDENTIALS_REJECTED,
      "Check the user name and password; give the domain as it expects (DOMAIN\\user, or"
          + " the computer's name for a local account).",
      "Look for Security event 4625 on the server: its Sub Status names the reason.",
      Shared.LOCKOUT),

  /** STATUS_PASSWORD_EXPIRED, STATUS_PASSWORD_MUST_CHANGE. */
  PASSWORD_EXPIRED(
      CauseId.CREDENTIALS_REJECTED,
      "Change the password (another computer, the console, or a password-change portal):"
          + " Network Level Authentication cannot change it during the logon.",
      "For a first logon with 'User must change password at next logon', change it first"
          + " or clear the flag.",
      Shared.LOCKOUT),

  /** The account is disabled, locked out, expired or restricted in time or workstation. */
  ACCOUNT_RESTRICTED(
      CauseId.CREDENTIALS_REJECTED,
      "Check the account in Active Directory Users and Computers or Local Users and Groups:"
          + " enabled, not locked out, not expired, allowed at this time and from this"
          + " workstation.",
      "A blank password is refused over the network ('Accounts: Limit local account use of"
          + " blank passwords to console logon only'): give the account a password.",
      Shared.LOCKOUT),

  /** STATUS_LOGON_TYPE_NOT_GRANTED. */
  LOGON_RIGHT_MISSING(
      CauseId.CREDENTIALS_REJECTED,
      "Grant the user 'Access this computer from the network' (NLA logs on over the"
          + " network) and 'Allow log on through Remote Desktop Services', and check the"
          + " Deny rights.",
      Shared.LOCKOUT),

  /** STATUS_TIME_DIFFERENCE_AT_DC, STATUS_NO_LOGON_SERVERS. */
  DOMAIN_UNREACHABLE(
      CauseId.CREDENTIALS_REJECTED,
      "Check the server's domain: its domain controllers must be reachable and their"
          + " clocks within 5 minutes of the server's.",
      Shared.LOCKOUT),

  /** {@code {status}}: any other NTSTATUS, as the trace names it. */
  LOGON_STATUS(
      CauseId.CREDENTIALS_REJECTED,
      "Look up {status} and check the server's Security log at the probe's time for the"
          + " failed logon.",
      Shared.LOCKOUT),

  /** The server closed after the AUTHENTICATE without an errorCode. */
  LOGON_REFUSED_BY_CLOSE(
      CauseId.CREDENTIALS_REJECTED,
      "Check the user name, the domain and the password: try them with another client,"
          + " or on the server's console.",
      "Look at the server's log at the probe's time for the logon failure (Windows:"
          + " Security event 4625 with its status; FreeRDP: 'client authentication"
          + " failure').",
      "If the credentials are right, the server may refuse NTLM for this account"
          + " (Protected Users, a policy restricting NTLM): try from a client that can"
          + " use Kerberos."),

  EARLY_AUTH_DENIED(
      CauseId.EARLY_AUTH_DENIED,
      "Add the user (or a group of it) to the server's Remote Desktop Users group, or"
          + " to the users allowed in System Properties > Remote.",
      "Check the user rights on the server (secpol.msc or Group Policy): 'Allow log on"
          + " through Remote Desktop Services' must include the user, and 'Deny log on"
          + " through Remote Desktop Services' must not.",
      "On a Remote Desktop Session Host, check the collection's user groups."),

  CREDENTIALS_NOT_DELEGATED(
      CauseId.CREDENTIALS_NOT_DELEGATED,
      "Nothing to fix on the server: the credentials were accepted.",
      "Probe with --stop-after CREDSSP (ProbeSpec.stopAfter(Phase.CREDSSP)) to end"
          + " right after the server's proof.",
      "To see the phases after CredSSP, probe a server that also accepts TLS without"
          + " NLA, with the SSL protocol only."),

  RESTRICTED_ADMIN_REFUSED(
      CauseId.RESTRICTED_ADMIN_REFUSED,
      "To allow Restricted Admin mode on a Windows server, set DisableRestrictedAdmin"
          + " to 0 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa (the user"
          + " must be an administrator of the server).",
      "Or probe without --restricted-admin: the probe then stops after the server's" + " proof."),

  SERVER_FLOODS(
      CauseId.SERVER_FLOODS,
      "Capture the connection (rdp-probe --key-log, then Wireshark) and look at what the server"
          + " repeats: a TLS stack or an intercepting device stuck in a loop, or software that"
          + " answers every client this way.",
      "Probe from another network: a device on the path that floods is not the server.");

  /** Steps several remedies share, written once. */
  private static final class Shared {
    static final String PRIVATE_KEY_READABLE =
        "Check that NETWORK SERVICE can read the private key (Manage Private Keys, or the key"
            + " file under C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys).";
    static final String WRONG_PORT =
        "Check the port: RDP listens on 3389 unless PortNumber of RDP-Tcp says otherwise;"
            + " the client may be pointed at the wrong port.";
    static final String PORT_FORWARD_RULES =
        "Check NAT and port-forward rules that map this address and port to a backend.";
    static final String LOCKOUT =
        "Repeated failures lock accounts out: confirm the password before probing again with"
            + " it.";
  }

  private final Set<CauseId> causes;
  private final List<String> steps;
  private final String placeholder;

  Remedy(CauseId cause, String... steps) {
    this(EnumSet.of(cause), steps);
  }

  Remedy(Set<CauseId> causes, String... steps) {
    this.causes =
        Collections.unmodifiableSet(
            causes.isEmpty() ? EnumSet.noneOf(CauseId.class) : EnumSet.copyOf(causes));
    this.steps = List.of(steps);
    this.placeholder = placeholderOf(this.steps);
  }

  /** The name between the first braces of the steps, or empty. */
  private static String placeholderOf(List<String> steps) {
    for (String s : steps) {
      int open = s.indexOf('{');
      if (open >= 0) {
        return s.substring(open + 1, s.indexOf('}', open));
      }
    }
    return "";
  }

  /**
   * The causes whose findings it answers, usually one; empty for a finding of the doctor's that
   * names no cause.
   */
  public Set<CauseId> causes() {
    return causes;
  }

  /** The name of its placeholder, e.g. {@code port}; empty when its steps have none. */
  public String placeholder() {
    return placeholder;
  }

  /**
   * Its steps, one sentence each, in the order an administrator should take them.
   *
   * @throws IllegalStateException if a step has a placeholder: use {@link #steps(String, Object)}
   */
  public List<String> steps() {
    if (!placeholder.isEmpty()) {
      throw new IllegalStateException(this + " needs {" + placeholder + "}");
    }
    return steps;
  }

  /**
   * Its steps with the placeholder {@code {name}} filled with {@code value}.
   *
   * @throws IllegalArgumentException if {@code name} is not its placeholder
   */
  public List<String> steps(String name, Object value) {
    if (placeholder.isEmpty() || !placeholder.equals(name)) {
      throw new IllegalArgumentException(this + " has no {" + name + "}");
    }
    String text = String.valueOf(Objects.requireNonNull(value, "value"));
    return steps.stream().map(s -> s.replace("{" + name + "}", text)).toList();
  }

  /** The remedies of a cause, in catalogue order. */
  public static List<Remedy> of(CauseId cause) {
    List<Remedy> out = new ArrayList<>();
    for (Remedy r : values()) {
      if (r.causes.contains(cause)) {
        out.add(r);
      }
    }
    return out;
  }
}
