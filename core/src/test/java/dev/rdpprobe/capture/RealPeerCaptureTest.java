package dev.rdpprobe.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.facts.ServerFacts;
import dev.rdpprobe.testing.FreeRdpClient;
import dev.rdpprobe.testing.PacketCapture;
import dev.rdpprobe.testing.RdesktopClient;
import dev.rdpprobe.testing.ShadowServer;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.testing.XvfbDisplay;
import dev.rdpprobe.tls.TlsClientHello;
import dev.rdpprobe.tls.TlsServerHello;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.license.LicensePdu;
import dev.rdpprobe.wire.mcs.AttachUserConfirm;
import dev.rdpprobe.wire.mcs.AttachUserRequest;
import dev.rdpprobe.wire.mcs.ChannelJoinConfirm;
import dev.rdpprobe.wire.mcs.ChannelJoinRequest;
import dev.rdpprobe.wire.mcs.DisconnectProviderUltimatum;
import dev.rdpprobe.wire.mcs.DomainMcsPdu;
import dev.rdpprobe.wire.mcs.ErectDomainRequest;
import dev.rdpprobe.wire.mcs.SendDataIndication;
import dev.rdpprobe.wire.mcs.SendDataRequest;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients against real servers, captured by dumpcap on loopback and analysed without key logs
 * (neither xfreerdp nor rdesktop writes one): what tshark decodes in clear (the negotiation, the
 * TLS handshake up to its encryption, the MCS and GCC PDUs of Standard RDP Security) is what the
 * capture's trace holds, and the close is the one the wire shows (the first FIN or RST, by whom),
 * unless a PDU in clear already ended the connection (a refusal).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RealPeerCaptureTest {
  private static final Duration CLIENT_LIMIT = Duration.ofSeconds(20);
  private static final String USER = "rdpprobe";
  private static final String PASSWORD = "rdpprobe-Pass1";

  @TempDir Path dir;

  /** One capture and its only RDP flow. */
  private record Captured(Path file, int port, CaptureAnalysis.Flow flow, String client) {
    ServerFacts facts() {
      return flow.facts();
    }

    TraceEvent.Closed closed() {
      return flow.trace().closed().orElseThrow();
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(client).append('\n');
      flow.trace().events().forEach(e -> b.append("  ").append(e).append('\n'));
      return b.toString();
    }
  }

  private interface ClientRun {
    String run() throws Exception;
  }

  /** The capture's RDP flows, in order. */
  private List<Captured> capture(int port, ClientRun client) throws Exception {
    PacketCapture capture = PacketCapture.start(dir, port);
    String described;
    try (capture) {
      described = client.run();
      Thread.sleep(500); // the last segments reach the file
    }
    CaptureAnalysis.Result r = CaptureAnalysis.analyze(capture.file());
    assertFalse(r.flows().isEmpty(), r.otherFlows() + "\n" + described);
    return r.flows().stream().map(f -> new Captured(capture.file(), port, f, described)).toList();
  }

  private static Captured only(List<Captured> flows) {
    assertEquals(1, flows.size(), flows.toString());
    return flows.get(0);
  }

  private List<Captured> xfreerdp(int port, String... args) throws Exception {
    try (XvfbDisplay display = XvfbDisplay.start(dir)) {
      FreeRdpClient xfreerdp = FreeRdpClient.create(dir, display);
      List<String> all = new ArrayList<>(List.of("/v:127.0.0.1:" + port, "/cert:ignore"));
      all.addAll(List.of(args));
      return capture(
          port,
          () -> {
            FreeRdpClient.Run run = xfreerdp.run(CLIENT_LIMIT, all.toArray(String[]::new));
            assertFalse(run.timedOut(), run.describe());
            return run.describe();
          });
    }
  }

  private List<Captured> rdesktop(int port) throws Exception {
    try (XvfbDisplay display = XvfbDisplay.start(dir)) {
      RdesktopClient rdesktop = RdesktopClient.create(dir, display);
      return capture(
          port,
          () ->
              rdesktop
                  .run(
                      Duration.ofSeconds(8),
                      "-u",
                      USER,
                      "-g",
                      "800x600",
                      "-a",
                      "16",
                      "127.0.0.1:" + port)
                  .describe());
    }
  }

  // ---- the oracle
  // ---------------------------------------------------------------------------------

  private static String hex32(int v) {
    return String.format("0x%08x", v);
  }

  /** The X.224 negotiation as tshark decodes it: requested, selected, failure code. */
  private static void assertNegotiation(Captured c) throws Exception {
    List<String> tshark =
        Tshark.decodedAs(
            c.file(),
            "rdp.negReq.requestedProtocols || rdp.negReq.selectedProtocol"
                + " || rdp.negFailure.failureCode",
            "tcp.port==" + c.port() + ",tpkt",
            "rdp.negReq.requestedProtocols",
            "rdp.negReq.selectedProtocol",
            "rdp.negFailure.failureCode");
    List<String> ours = new ArrayList<>();
    for (TraceEvent e : c.flow().trace().events()) {
      if (e instanceof TraceEvent.Pdu p
          && p.pdu() instanceof X224ConnectionRequest cr
          && cr.negotiationRequest() != null) {
        ours.add(hex32(cr.negotiationRequest().requestedProtocols().bits()) + "\t\t");
      } else if (e instanceof TraceEvent.Pdu p && p.pdu() instanceof X224ConnectionConfirm cc) {
        if (cc.negotiation() instanceof NegotiationResponse r) {
          ours.add("\t" + hex32(r.selectedProtocol().bits()) + "\t");
        } else if (cc.negotiation() instanceof NegotiationFailure f) {
          ours.add("\t\t" + hex32(f.failureCode().value()));
        }
      }
    }
    assertEquals(tshark, ours, c.toString());
  }

  /**
   * The TLS handshake as tshark decodes it without secrets: each handshake message in clear by
   * sender, the versions the ClientHello offers, the ServerHello's version and suite.
   */
  private static void assertTlsInClear(Captured c) throws Exception {
    String decodeAs = "tcp.port==" + c.port() + ",tls";
    List<String> tshark =
        Tshark.decodedAs(
                c.file(), "tls.handshake.type", decodeAs, "tcp.dstport", "tls.handshake.type")
            .stream()
            .flatMap(
                l -> {
                  String[] f = l.split("\t");
                  String who = f[0].equals(Integer.toString(c.port())) ? "client" : "server";
                  return Arrays.stream(f[1].split(",")).map(t -> who + " " + t);
                })
            .toList();
    List<String> ours = new ArrayList<>();
    TlsClientHello hello = null;
    TlsServerHello serverHello = null;
    for (TraceEvent e : c.flow().trace().events()) {
      if (e instanceof TraceEvent.Tls t
          && !t.encrypted()
          && !t.message().equals("ChangeCipherSpec")) {
        ours.add(t.direction().sender().name().toLowerCase(Locale.ROOT) + " " + type(t.message()));
        if (t.detail() instanceof TlsClientHello ch) {
          hello = ch;
        } else if (t.detail() instanceof TlsServerHello sh) {
          serverHello = sh;
        }
      }
    }
    assertEquals(tshark, ours, c.toString());
    List<String> offered =
        Tshark.decodedAs(
            c.file(),
            "tls.handshake.type==1",
            decodeAs,
            "tls.handshake.extensions.supported_version");
    assertEquals(
        offered,
        List.of(
            hello.offeredVersions().stream()
                .map(v -> String.format("0x%04x", v))
                .collect(Collectors.joining(","))),
        c.toString());
    List<String> selected =
        Tshark.decodedAs(
            c.file(),
            "tls.handshake.type==2",
            decodeAs,
            "tls.handshake.extensions.supported_version",
            "tls.handshake.version",
            "tls.handshake.ciphersuite");
    boolean tls13 = serverHello.extension(0x002b).isPresent(); // supported_versions
    assertEquals(
        selected,
        List.of(
            (tls13 ? String.format("0x%04x", serverHello.selectedVersion()) : "")
                + "\t"
                + String.format("0x%04x", serverHello.legacyVersion())
                + "\t"
                + String.format("0x%04x", serverHello.cipherSuite())),
        c.toString());
    assertEquals(serverHello.cipherSuiteName(), c.facts().tls().cipherSuite(), c.toString());
  }

  private static String type(String message) {
    return switch (message) {
      case "ClientHello" -> "1";
      case "NewSessionTicket" -> "4";
      case "ServerHello" -> "2";
      case "Certificate" -> "11";
      case "ServerKeyExchange" -> "12";
      case "CertificateRequest" -> "13";
      case "ServerHelloDone" -> "14";
      case "ClientKeyExchange" -> "16";
      default -> message;
    };
  }

  /** The first FIN or RST of the capture, as tshark reads it. */
  private record WireClose(long packet, ClosedBy by, boolean reset) {}

  private static WireClose wireClose(Captured c) throws Exception {
    // this flow's only: the server may close another connection in the file (a readiness check)
    String clientPort = c.flow().client().substring(c.flow().client().lastIndexOf(':') + 1);
    List<String> lines =
        Tshark.fields(
            c.file(),
            "tcp.port==" + clientPort + " && (tcp.flags.fin==1 || tcp.flags.reset==1)",
            "frame.number",
            "tcp.srcport",
            "tcp.flags.reset");
    assertFalse(lines.isEmpty(), "no FIN or RST in the capture:\n" + c);
    String[] f = lines.get(0).split("\t");
    return new WireClose(
        Long.parseLong(f[0]),
        f[1].equals(Integer.toString(c.port())) ? ClosedBy.SERVER : ClosedBy.CLIENT,
        f[2].equals("1") || f[2].equalsIgnoreCase("true"));
  }

  /** The close is the wire's: its first FIN or RST, by the side that sent it, in {@code phase}. */
  private static void assertWireClose(Captured c, Phase phase) throws Exception {
    WireClose w = wireClose(c);
    CloseKind kind =
        w.by() == ClosedBy.SERVER
            ? (w.reset() ? CloseKind.PEER_RST : CloseKind.PEER_FIN)
            : (w.reset() ? CloseKind.CLIENT_RST : CloseKind.CLIENT_FIN);
    TraceEvent.Closed closed = c.closed();
    assertEquals(kind, closed.kind(), c.toString());
    assertEquals(w.by(), closed.closedBy(), c.toString());
    assertTrue(closed.detail().contains("packet " + w.packet() + ")"), c.toString());
    assertEquals(phase, closed.phase(), c.toString());
    assertEquals(kind, c.flow().diagnosis().closeKind(), c.toString());
    assertEquals(phase, c.flow().diagnosis().phase(), c.toString());
  }

  // ---- the captures
  // -------------------------------------------------------------------------------

  @Test
  void xfreerdpAgainstXrdpOverTls() throws Exception {
    try (XrdpServer xrdp = XrdpServer.start(dir, new XrdpServer.Config().securityLayer("tls"))) {
      Captured c = only(xfreerdp(xrdp.port(), "/sec:tls", "+auth-only", "/u:" + USER, "/p:x"));
      assertNegotiation(c);
      assertTlsInClear(c);
      // after TLS the rest is encrypted: the phase the project names for it
      assertWireClose(c, Phase.BASIC_SETTINGS);
    }
  }

  /**
   * At TLS 1.2 the whole handshake is in clear up to the ChangeCipherSpecs: the certificate too
   * (its serial number as tshark reads it) and the server's NewSessionTicket.
   */
  @Test
  void xfreerdpAgainstXrdpOverTls12() throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(
            dir, new XrdpServer.Config().securityLayer("tls").global("ssl_protocols=TLSv1.2"))) {
      Captured c = only(xfreerdp(xrdp.port(), "/sec:tls", "+auth-only", "/u:" + USER, "/p:x"));
      assertNegotiation(c);
      assertTlsInClear(c);
      List<String> serials =
          Tshark.decodedAs(
              c.file(),
              "tls.handshake.type==11",
              "tcp.port==" + c.port() + ",tls",
              "x509af.serialNumber");
      assertEquals(1, serials.size(), serials.toString());
      assertEquals(
          new BigInteger(serials.get(0).replace(":", ""), 16),
          new BigInteger(c.facts().tls().leaf().orElseThrow().serialNumber(), 16),
          c.toString());
      assertWireClose(c, Phase.BASIC_SETTINGS);
    }
  }

  @Test
  void xfreerdpAgainstTheShadowServerWithNla() throws Exception {
    try (ShadowServer shadow = ShadowServer.start(dir, "nla", USER, PASSWORD)) {
      Captured c = only(xfreerdp(shadow.port(), "+auth-only", "/u:" + USER, "/p:" + PASSWORD));
      assertNegotiation(c);
      assertTlsInClear(c);
      assertEquals(0x2, c.facts().negotiation().selectedProtocol().bits(), c.toString()); // HYBRID
      // the client authenticated and closed: the CredSSP exchange is encrypted, so the phase
      // stays CredSSP
      assertWireClose(c, Phase.CREDSSP);
      assertEquals(ClosedBy.CLIENT, c.closed().closedBy(), c.toString());
    }
  }

  @Test
  void xfreerdpWithAWrongPasswordAgainstTheShadowServer() throws Exception {
    try (ShadowServer shadow = ShadowServer.start(dir, "nla", USER, PASSWORD)) {
      Captured c = only(xfreerdp(shadow.port(), "+auth-only", "/u:" + USER, "/p:wrong-password"));
      assertNegotiation(c);
      assertTlsInClear(c);
      // the server ends the CredSSP exchange it refused
      assertWireClose(c, Phase.CREDSSP);
      assertEquals(ClosedBy.SERVER, c.closed().closedBy(), c.toString());
    }
  }

  /**
   * {@code /sec:rdp} sends no RDP_NEG_REQ, so xrdp cannot answer with RDP_NEG_FAILURE: it confirms
   * without negotiation data and refuses the Connect Initial with a Disconnect Provider Ultimatum.
   * The refusal is the PDU's, named with the reason tshark decodes and the server's RST after it.
   */
  @Test
  void xfreerdpsStandardSecurityRefusedByXrdpOverTls() throws Exception {
    try (XrdpServer xrdp = XrdpServer.start(dir, new XrdpServer.Config().securityLayer("tls"))) {
      // xfreerdp tries again after the refusal: each connection is refused the same way
      for (Captured c : xfreerdp(xrdp.port(), "/sec:rdp", "/u:" + USER, "/p:x")) {
        assertNegotiation(c);
        assertFalse(c.facts().negotiation().negotiationDataPresent(), c.toString());
        String clientPort = c.flow().client().substring(c.flow().client().lastIndexOf(':') + 1);
        List<String> reasons =
            Tshark.decodedAs(
                c.file(),
                "tcp.port==" + clientPort + " && t124.DomainMCSPDU==8",
                "tcp.port==" + c.port() + ",tpkt",
                "t124.reason");
        List<String> ours = new ArrayList<>();
        for (TraceEvent e : c.flow().trace().events()) {
          if (e instanceof TraceEvent.Pdu p && p.pdu() instanceof DisconnectProviderUltimatum d) {
            ours.add(Integer.toString(d.reason().value()));
          }
        }
        assertEquals(reasons, ours, c.toString());
        WireClose w = wireClose(c);
        assertEquals(ClosedBy.SERVER, w.by(), c.toString());
        assertEquals(CloseKind.REFUSED_BY_SERVER, c.closed().kind(), c.toString());
        assertEquals(Phase.BASIC_SETTINGS, c.closed().phase(), c.toString());
        assertTrue(
            c.closed().detail().startsWith("the server ended the MCS domain: Disconnect Provider"),
            c.toString());
        assertTrue(
            c.closed().detail().contains("then the server " + (w.reset() ? "reset" : "closed")),
            c.toString());
        assertTrue(c.closed().detail().contains("packet " + w.packet() + ")"), c.toString());
        assertEquals(CloseKind.REFUSED_BY_SERVER, c.flow().diagnosis().closeKind(), c.toString());
      }
    }
  }

  /** The shadow server requires NLA: a TLS-only offer gets RDP_NEG_FAILURE, as live. */
  @Test
  void xfreerdpsTlsOfferRefusedByTheShadowServerWithNla() throws Exception {
    try (ShadowServer shadow = ShadowServer.start(dir, "nla", USER, PASSWORD)) {
      for (Captured c : xfreerdp(shadow.port(), "/sec:tls", "/u:" + USER, "/p:" + PASSWORD)) {
        assertNegotiation(c);
        assertEquals(CloseKind.REFUSED_BY_SERVER, c.closed().kind(), c.toString());
        assertEquals(Phase.X224_NEGOTIATION, c.closed().phase(), c.toString());
        assertTrue(
            c.closed().detail().startsWith("RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER"),
            c.toString());
        assertTrue(
            c.closed().detail().contains("packet " + wireClose(c).packet() + ")"), c.toString());
        assertEquals(CauseId.NEG_NLA_REQUIRED, c.flow().diagnosis().causes().get(0).id());
      }
    }
  }

  /**
   * xrdp with {@code security_layer=rdp} selects PROTOCOL_RDP for a TLS-only offer; xfreerdp
   * requires TLS and closes: the client's FIN, right after the Confirm.
   */
  @Test
  void xfreerdpClosesWhenXrdpSelectsStandardSecurity() throws Exception {
    try (XrdpServer xrdp = XrdpServer.start(dir, new XrdpServer.Config().securityLayer("rdp"))) {
      Captured c = only(xfreerdp(xrdp.port(), "/sec:tls", "/u:" + USER, "/p:x"));
      assertNegotiation(c);
      assertEquals(0, c.facts().negotiation().selectedProtocol().bits(), c.toString());
      // the trace moves to the phase the selection opens, as a probe's does
      assertWireClose(c, Phase.BASIC_SETTINGS);
      assertEquals(ClosedBy.CLIENT, c.closed().closedBy(), c.toString());
    }
  }

  /**
   * The MCS connection of Standard RDP Security as tshark decodes it: the Connect Response's
   * result, the server's I/O channel and encryption method, then every domain PDU by sender, T.125
   * choice and channel (rdesktop's Erect Domain Request with fixed 16-bit fields included).
   */
  private static void assertMcsInClear(Captured c) throws Exception {
    String decodeAs = "tcp.port==" + c.port() + ",tpkt";
    var basic = c.facts().basicSettings();
    assertEquals(
        Tshark.decodedAs(
            c.file(),
            "t125.result",
            decodeAs,
            "t125.result",
            "rdp.MCSChannelId",
            "rdp.encryptionMethod"),
        List.of(
            basic.result().value()
                + "\t"
                + basic.network().mcsChannelId()
                + "\t"
                + hex32(basic.security().encryptionMethod().bits())),
        c.toString());
    List<String> tshark = new ArrayList<>();
    for (String l :
        Tshark.decodedAs(
            c.file(),
            "t124.DomainMCSPDU",
            decodeAs,
            "tcp.srcport",
            "t124.DomainMCSPDU",
            "t124.channelId")) {
      String[] f = l.split("\t", -1);
      String who = f[0].equals(Integer.toString(c.port())) ? "server" : "client";
      tshark.add(who + " " + f[1] + " " + f[2]);
    }
    List<String> ours = new ArrayList<>();
    for (TraceEvent e : c.flow().trace().events()) {
      if (e instanceof TraceEvent.Pdu p && p.pdu() instanceof DomainMcsPdu d) {
        String who = p.direction().sender().name().toLowerCase(Locale.ROOT);
        String choiceAndChannel = choiceAndChannel(d);
        ours.add(who + " " + choiceAndChannel);
      } else if (e instanceof TraceEvent.Pdu p
          && p.pdu() == null
          && p.name().equals(ErectDomainRequest.NAME)) {
        ours.add("client 1 "); // its fixed-field form, recorded by its bytes
      } else if (e instanceof TraceEvent.Pdu p && p.pdu() instanceof LicensePdu) {
        // a licensing PDU in clear is the user data of a Send Data Indication on the I/O channel
        ours.add("server 26 " + c.facts().basicSettings().network().mcsChannelId());
      }
    }
    assertEquals(tshark, ours, c.toString());
  }

  /** A domain PDU's T.125 choice and channel, as tshark names them. */
  private static String choiceAndChannel(DomainMcsPdu d) {
    if (d instanceof ErectDomainRequest) {
      return "1 ";
    } else if (d instanceof DisconnectProviderUltimatum) {
      return "8 ";
    } else if (d instanceof AttachUserRequest) {
      return "10 ";
    } else if (d instanceof AttachUserConfirm) {
      return "11 ";
    } else if (d instanceof ChannelJoinRequest j) {
      return "14 " + j.channelId();
    } else if (d instanceof ChannelJoinConfirm j) {
      return "15 " + j.channelId();
    } else if (d instanceof SendDataRequest r) {
      return "25 " + r.channelId();
    } else if (d instanceof SendDataIndication r) {
      return "26 " + r.channelId();
    }
    return d.name();
  }

  @Test
  void rdesktopAgainstXrdpWithStandardSecurity() throws Exception {
    try (XrdpServer xrdp = XrdpServer.start(dir, new XrdpServer.Config().securityLayer("rdp"))) {
      Captured c = only(rdesktop(xrdp.port()));
      assertNegotiation(c);
      assertEquals(0, c.facts().negotiation().selectedProtocol().bits(), c.toString());
      assertMcsInClear(c);
      // the licensing PDUs are the last in clear: what follows is encrypted with RC4
      assertTrue(
          c.flow().trace().events().stream()
              .anyMatch(e -> e instanceof TraceEvent.Pdu p && p.pdu() instanceof LicensePdu),
          c.toString());
      assertWireClose(c, Phase.LICENSING);
    }
  }

  /**
   * xfreerdp's Standard RDP Security against xrdp: the MCS connection in clear as tshark decodes it
   * (xfreerdp joins its static channels as id 0 when xrdp allots none, both read it so), then xrdp
   * ends the domain after the Client Info: the refusal is the Disconnect Provider Ultimatum's.
   */
  @Test
  void xfreerdpAgainstXrdpWithStandardSecurity() throws Exception {
    try (XrdpServer xrdp = XrdpServer.start(dir, new XrdpServer.Config().securityLayer("rdp"))) {
      Captured c = only(xfreerdp(xrdp.port(), "/sec:rdp", "+auth-only", "/u:" + USER, "/p:x"));
      assertNegotiation(c);
      assertMcsInClear(c);
      WireClose w = wireClose(c);
      assertEquals(ClosedBy.SERVER, w.by(), c.toString());
      assertEquals(CloseKind.REFUSED_BY_SERVER, c.closed().kind(), c.toString());
      assertTrue(
          c.closed().detail().startsWith("the server ended the MCS domain: Disconnect Provider"),
          c.toString());
      assertTrue(c.closed().detail().contains("packet " + w.packet() + ")"), c.toString());
      assertEquals(Phase.SECURE_SETTINGS, c.closed().phase(), c.toString());
    }
  }

  @Test
  void rdesktopAgainstXrdpOverTls() throws Exception {
    try (XrdpServer xrdp = XrdpServer.start(dir, new XrdpServer.Config().securityLayer("tls"))) {
      Captured c = only(rdesktop(xrdp.port()));
      assertNegotiation(c);
      assertTlsInClear(c);
      // rdesktop does not trust xrdp's self-signed certificate (no one answers its question on
      // standard input) and ends the TLS handshake itself
      assertWireClose(c, Phase.TLS_HANDSHAKE);
      assertEquals(ClosedBy.CLIENT, c.closed().closedBy(), c.toString());
    }
  }
}
