package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.FreeRdpClient;
import dev.rdpprobe.testing.Peers;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.testing.XvfbDisplay;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * FreeRDP's client against the emulator's TLS scenarios: xfreerdp 2.11 (Debian freerdp2-x11) under
 * Xvfb, {@code /cert:ignore +auth-only /sec:tls}. It fails on the emulator's TLS faults the way it
 * fails on a real server whose TLS is broken (xrdp with an unusable cipher list): with its TLS
 * connect failure, ERRCONNECT_TLS_CONNECT_FAILED, exit code 143. Where the scenario is healthy,
 * whatever certificate it presents, it gets through TLS.
 *
 * <p>What {@code +auth-only} does with TLS-only security in FreeRDP 2.11: nothing special. With NLA
 * it would stop after CredSSP; with TLS there is no authentication step, so after the TLS handshake
 * xfreerdp goes on to MCS ({@code CONNECTION_STATE_NEGO --> CONNECTION_STATE_MCS_CONNECT}), the
 * channel joins, licensing, the capabilities exchange and finalization, all of which the emulator
 * answers; once the session is active it disconnects and exits with 0. So a healthy TLS connect is
 * proven by that exit, the state transition in xfreerdp's log (DEBUG on {@code
 * com.freerdp.core.connection}) and the emulator's own trace, which shows the handshake complete
 * and its Font Map sent.
 *
 * <p>xfreerdp runs are bounded by a 30 s hard limit each; the class makes 16 of them, loopback
 * only, and takes about 20 s.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FreeRdpAgainstEmulatorTest {
  /** How long xfreerdp may run at most; it normally exits within 3 s here. */
  private static final Duration CLIENT_LIMIT = Duration.ofSeconds(30);

  /** Its wait for activation after TLS (TcpAckTimeout), shortened from 9 s. */
  private static final String ACTIVATION_TIMEOUT = "/timeout:2000";

  /** The nego and connection-state lines at DEBUG; everything else at its default (INFO). */
  private static final String LOG_FILTERS =
      "/log-filters:com.freerdp.core.nego:DEBUG,com.freerdp.core.connection:DEBUG";

  /** xfreerdp's exit code for ERRCONNECT_TLS_CONNECT_FAILED (XF_EXIT_TLS_CONNECT_FAILED). */
  private static final int EXIT_TLS_CONNECT_FAILED = 143;

  /** Its exit code for ERRCONNECT_SECURITY_NEGO_CONNECT_FAILED. */
  private static final int EXIT_SECURITY_NEGO_CONNECT_FAILED = 133;

  /** The line FreeRDP logs (ERROR, com.freerdp.core) when its TLS connect fails. */
  private static final String TLS_CONNECT_FAILED =
      "transport_connect_tls:freerdp_set_last_error_ex ERRCONNECT_TLS_CONNECT_FAILED [0x00020008]";

  /** The state transition FreeRDP logs once nego_security_connect, i.e. TLS, has succeeded. */
  private static final String PAST_TLS =
      "rdp_client_transition_to_state CONNECTION_STATE_NEGO --> CONNECTION_STATE_MCS_CONNECT";

  @TempDir static Path dir;

  private static XvfbDisplay xvfb;
  private static FreeRdpClient xfreerdp;

  @BeforeAll
  static void startDisplay() throws Exception {
    Peers.require("xfreerdp", "freerdp2-x11"); // before Xvfb starts, so a skip leaves nothing
    xvfb = XvfbDisplay.start(dir);
    xfreerdp = FreeRdpClient.create(dir, xvfb);
  }

  @AfterAll
  static void stopDisplay() throws Exception {
    if (xvfb != null) {
      xvfb.close();
    }
  }

  /** One xfreerdp run against an emulator, and the emulator's trace of each connection. */
  private record Outcome(FreeRdpClient.Run run, List<Trace> traces) {
    /** The only connection's trace. */
    Trace trace() {
      assertEquals(1, traces.size(), "connections to the emulator:\n" + this);
      return traces.get(0);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(run.describe());
      for (Trace t : traces) {
        b.append("--- emulator trace\n");
        t.events().forEach(e -> b.append(e).append('\n'));
      }
      return b.toString();
    }
  }

  private static Outcome connect(Scenario scenario, String security) throws Exception {
    return run(scenario, "/u:rdpprobe", "/p:x", "/sec:" + security);
  }

  private static Outcome run(Scenario scenario, String... args) throws Exception {
    List<String> all = new java.util.ArrayList<>();
    all.addAll(List.of("/cert:ignore", "+auth-only"));
    all.addAll(List.of(args));
    all.addAll(List.of(ACTIVATION_TIMEOUT, LOG_FILTERS));
    List<Trace> traces = new CopyOnWriteArrayList<>();
    try (RdpEmulator emulator =
        RdpEmulator.builder(scenario)
            .maxConnectionTime(CLIENT_LIMIT)
            .listener(traces::add)
            .start()) {
      all.add(0, "/v:127.0.0.1:" + emulator.port());
      FreeRdpClient.Run run = xfreerdp.run(CLIENT_LIMIT, all.toArray(String[]::new));
      // xfreerdp has exited, so each connection has ended; its trace comes a moment later
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (traces.isEmpty() && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      Thread.sleep(100); // a second connection, if there was one, ended as well
      Outcome o = new Outcome(run, List.copyOf(traces));
      assertFalse(run.timedOut(), "xfreerdp hit the hard time limit:\n" + o);
      return o;
    }
  }

  private static boolean handshakeComplete(Trace t) {
    return t.eventsOf(TraceEvent.Note.class).stream()
        .anyMatch(n -> n.text().startsWith("TLS handshake complete"));
  }

  /*
   * HEALTHY: exit 0 after ~2.2 s. Log (stdout, DEBUG), one transition per phase the emulator
   * answers:
   *   [DEBUG][com.freerdp.core.connection] - rdp_client_transition_to_state
   *       CONNECTION_STATE_NEGO --> CONNECTION_STATE_MCS_CONNECT
   *   ... MCS_ATTACH_USER, MCS_CHANNEL_JOIN, LICENSING, CAPABILITIES_EXCHANGE, FINALIZATION
   *       CONNECTION_STATE_FINALIZATION --> CONNECTION_STATE_ACTIVE
   *   [ERROR][com.freerdp.core] - Authentication only, exit status 0
   * Emulator: ClientHello (TLS 1.3..1.0, 31 suites, SNI 127.0.0.1), TLS 1.3
   * TLS_AES_256_GCM_SHA384, the client's Finished, MCS, licensing, Demand Active, the client's
   * Confirm Active and finalization PDUs, its Font Map, then the client's FIN.
   */
  @Test
  void healthyGetsThroughTls() throws Exception {
    Outcome o = connect(Scenario.HEALTHY, "tls");
    assertThroughTls(o);
  }

  /*
   * CERT_EXPIRED, CERT_NOT_YET_VALID, CERT_SELF_SIGNED, CERT_WEAK_KEY (RSA 1024, accepted at
   * FreeRDP's default /tls-seclevel:1): /cert:ignore skips the verification, so each ends like
   * HEALTHY: exit 0 after an active session, the handshake complete on the emulator.
   */
  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {"CERT_EXPIRED", "CERT_NOT_YET_VALID", "CERT_SELF_SIGNED", "CERT_WEAK_KEY"})
  void certificateScenariosGetThroughTlsWithCertIgnore(Scenario scenario) throws Exception {
    assertThroughTls(connect(scenario, "tls"));
  }

  private static void assertThroughTls(Outcome o) {
    FreeRdpClient.Run run = o.run();
    assertTrue(run.logged(PAST_TLS), "xfreerdp did not get past TLS:\n" + o);
    assertFalse(run.logged("ERRCONNECT_TLS_CONNECT_FAILED"), o.toString());
    // the emulator answers the whole sequence, so xfreerdp reaches an active session
    assertFalse(run.logged("Timeout waiting for activation"), o.toString());
    assertTrue(
        run.logged("CONNECTION_STATE_FINALIZATION --> CONNECTION_STATE_ACTIVE"), o.toString());
    assertEquals(0, run.exitCode(), o.toString());
    Trace t = o.trace();
    assertTrue(handshakeComplete(t), "the emulator did not complete the handshake:\n" + o);
    assertTrue(
        t.eventsOf(TraceEvent.Tls.class).stream()
            .anyMatch(
                e -> e.direction() == Direction.CLIENT_TO_SERVER && e.message().equals("Finished")),
        "no client Finished in the emulator's trace:\n" + o);
    assertTrue(
        t.eventsOf(TraceEvent.Pdu.class).stream()
            .anyMatch(
                e ->
                    e.direction() == Direction.SERVER_TO_CLIENT && e.name().equals("Font Map PDU")),
        "the emulator never finished the activation:\n" + o);
    TraceEvent.Closed closed = t.closed().orElseThrow();
    assertEquals(ClosedBy.CLIENT, closed.closedBy(), "xfreerdp should end the connection:\n" + o);
  }

  /*
   * Each of the emulator's TLS faults: exit 143 within ~0.7 s, one connection, no retry. Log:
   *   [DEBUG][com.freerdp.core.nego] - nego_security_connect with PROTOCOL_SSL
   *   [DEBUG][com.freerdp.core.nego] - Failed to connect with TLS security
   *   [ERROR][com.freerdp.core] - transport_connect_tls:freerdp_set_last_error_ex
   *       ERRCONNECT_TLS_CONNECT_FAILED [0x00020008]
   *   [ERROR][com.freerdp.core] - Authentication only, exit status 1
   * The same lines for RST, FIN, a plaintext TPKT and each fatal alert: FreeRDP 2.11 logs nothing
   * that tells them apart at these levels.
   */
  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {
        "TLS_RST_AFTER_CLIENT_HELLO",
        "TLS_FIN_AFTER_CLIENT_HELLO",
        "TLS_PLAINTEXT_INSTEAD_OF_SERVER_HELLO",
        "TLS_ALERT_HANDSHAKE_FAILURE",
        "TLS_ALERT_PROTOCOL_VERSION",
        "TLS_ALERT_INTERNAL_ERROR"
      })
  void tlsFaultsFailWithTheTlsConnectFailure(Scenario scenario) throws Exception {
    Outcome o = connect(scenario, "tls");
    assertTlsConnectFailed(o.run(), o.toString());
    Trace t = o.trace();
    assertFalse(handshakeComplete(t), o.toString());
    TraceEvent.Closed closed = t.closed().orElseThrow();
    assertEquals(Phase.TLS_HANDSHAKE, closed.phase(), o.toString());
    assertEquals(ClosedBy.SERVER, closed.closedBy(), "the emulator ends it, as scripted:\n" + o);
    assertTrue(closed.detail().startsWith("scenario: "), o.toString());
  }

  private static void assertTlsConnectFailed(FreeRdpClient.Run run, String context) {
    assertEquals(EXIT_TLS_CONNECT_FAILED, run.exitCode(), context);
    assertTrue(run.logged(TLS_CONNECT_FAILED), "no TLS connect failure logged:\n" + context);
    assertTrue(run.logged("Failed to connect with TLS security"), context);
    assertFalse(run.logged(PAST_TLS), context);
  }

  /*
   * TLS_1_0_ONLY: the emulator is healthy, but xfreerdp's OpenSSL 3 (Debian 12) no longer offers
   * TLS 1.0 at FreeRDP's default security level 1; it answers the TLS 1.0 ServerHello with a fatal
   * internal_error alert (seen in the emulator's trace) and exits 143 with the same log lines as
   * the faults above: a client-side refusal looks like a broken server to FreeRDP's user.
   */
  @Test
  void tls10OnlyIsRefusedByTheClient() throws Exception {
    Outcome o = connect(Scenario.TLS_1_0_ONLY, "tls");
    assertTlsConnectFailed(o.run(), o.toString());
    Trace t = o.trace();
    assertFalse(handshakeComplete(t), o.toString());
    assertTrue(
        t.eventsOf(TraceEvent.TlsAlert.class).stream()
            .anyMatch(a -> a.direction() == Direction.CLIENT_TO_SERVER && a.code() == 80),
        "no internal_error alert from the client:\n" + o);
  }

  /*
   * The real-server comparison: xrdp 0.9.21 with security_layer=tls and tls_ciphers=NOT-A-CIPHER
   * selects SSL, then fails SSL_CTX_set_cipher_list ("Invalid TLS cipher options NOT-A-CIPHER",
   * "SSL: error:0A0000B9:SSL routines::no cipher match", "trans_set_tls_mode: ssl_tls_accept
   * failed") and closes after the ClientHello. xfreerdp: exit 143 within ~0.4 s, and the same
   * "Failed to connect with TLS security" and ERRCONNECT_TLS_CONNECT_FAILED [0x00020008] lines as
   * against the emulator's TLS faults.
   */
  @Test
  void realServerWithBrokenTlsFailsTheSameWay() throws Exception {
    Path xrdpDir = Files.createTempDirectory(dir, "xrdp");
    try (XrdpServer xrdp =
        XrdpServer.start(
            xrdpDir,
            new XrdpServer.Config().securityLayer("tls").global("tls_ciphers=NOT-A-CIPHER"))) {
      FreeRdpClient.Run run =
          xfreerdp.run(
              CLIENT_LIMIT,
              "/v:127.0.0.1:" + xrdp.port(),
              "/cert:ignore",
              "+auth-only",
              "/u:rdpprobe",
              "/p:x",
              "/sec:tls",
              ACTIVATION_TIMEOUT,
              LOG_FILTERS);
      String context = run.describe() + "\n" + xrdp.logs();
      assertFalse(run.timedOut(), context);
      assertTrue(run.logged("Negotiated TLS security"), "xrdp should select SSL:\n" + context);
      assertTlsConnectFailed(run, context);
      assertTrue(xrdp.logs().contains("ssl_tls_accept failed"), context);
    }
  }

  /*
   * NEG_FAILURE_SSL_REQUIRED_BY_SERVER against /sec:rdp (FreeRDP then sends no RDP_NEG_REQ):
   * exit 133 within ~0.5 s. Log:
   *   [DEBUG][com.freerdp.core.nego] - RDP_NEG_FAILURE
   *   [WARN][com.freerdp.core.nego] - Error: SSL_REQUIRED_BY_SERVER
   *   [ERROR][com.freerdp.core.nego] - Protocol Security Negotiation Failure
   *   [ERROR][com.freerdp.core] - rdp_client_connect:freerdp_set_last_error_ex
   *       ERRCONNECT_SECURITY_NEGO_CONNECT_FAILED [0x0002000C]
   * (xrdp security_layer=tls cannot be compared here: to a request without RDP_NEG_REQ it sends a
   * bare Connection Confirm and closes, see testdata/capture/x224-peers.sh.)
   */
  @Test
  void sslRequiredFailsStandardSecurityNegotiation() throws Exception {
    Outcome o = connect(Scenario.NEG_FAILURE_SSL_REQUIRED_BY_SERVER, "rdp");
    FreeRdpClient.Run run = o.run();
    assertEquals(EXIT_SECURITY_NEGO_CONNECT_FAILED, run.exitCode(), o.toString());
    assertTrue(run.logged("Error: SSL_REQUIRED_BY_SERVER"), o.toString());
    assertTrue(run.logged("ERRCONNECT_SECURITY_NEGO_CONNECT_FAILED [0x0002000C]"), o.toString());
    assertEquals(Phase.X224_NEGOTIATION, o.trace().closed().orElseThrow().phase(), o.toString());
  }

  /*
   * NLA: xfreerdp /sec:nla with the emulator's account proves the password, then delegates it in a
   * TSCredentials, which the emulator unwraps and decodes with the project's own decoder (a real
   * client's DER against it); then on to an active session, exit 0.
   */
  @Test
  void nlaDelegatedTsCredentialsDecodeWithOurDecoder() throws Exception {
    Outcome o = run(Scenario.NLA, "/u:rdpprobe", "/p:rdpprobe-Pass1", "/sec:nla");
    assertEquals(0, o.run().exitCode(), o.toString());
    Trace t = o.trace();
    assertTrue(
        noted(t, "TSCredentials (") && noted(t, "a password delegated for rdpprobe"), "" + o);
    assertEquals(ClosedBy.CLIENT, t.closed().orElseThrow().closedBy(), o.toString());
  }

  /*
   * NLA with /restricted-admin: FreeRDP's own Restricted Admin TSCredentials decodes as ours does,
   * empty domain, user and password, and has our length: 25 bytes (issue 18's fix).
   */
  @Test
  void nlaRestrictedAdminTsCredentialsAreOursByteCount() throws Exception {
    Outcome o =
        run(Scenario.NLA, "/u:rdpprobe", "/p:rdpprobe-Pass1", "/sec:nla", "/restricted-admin");
    assertEquals(0, o.run().exitCode(), o.toString());
    Trace t = o.trace();
    assertTrue(
        noted(
            t,
            "TSCredentials ("
                + dev.rdpprobe.wire.credssp.TsCredentials.RESTRICTED_ADMIN.length()
                + " bytes): Restricted Admin mode"),
        o.toString());
  }

  private static boolean noted(Trace t, String text) {
    return t.eventsOf(TraceEvent.Note.class).stream().anyMatch(n -> n.text().contains(text));
  }
}
