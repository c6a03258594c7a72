package dev.rdpprobe.diagnose;

import static dev.rdpprobe.diagnose.SyntheticTraces.assertPair;
import static dev.rdpprobe.diagnose.SyntheticTraces.assertTop;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.testing.LoopbackPeer;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.transport.Transports;
import dev.rdpprobe.wire.Octets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real probe against loopback servers of the test's own, for the endings the emulator does not
 * play (a full accept queue, an unresolvable name, an X.224 Disconnect Request, another protocol on
 * the port, a reset after a long silence): the diagnosis of its trace has the expected code pair,
 * phase and top cause. The emulator's scenarios are in {@link EmulatorDiagnosisTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveDiagnosisTest {

  private RdpProbe probe;
  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @BeforeEach
  void setUp() {
    probe = RdpProbe.builder().transport(Transports.Kind.NIO).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    probe.close();
    for (AutoCloseable c : cleanup) {
      c.close();
    }
  }

  private LoopbackPeer peer(LoopbackPeer.Script script) throws IOException {
    LoopbackPeer peer = LoopbackPeer.start(script);
    cleanup.add(peer);
    return peer;
  }

  private static ProbeSpec.Builder spec(int port) {
    return ProbeSpec.builder("127.0.0.1")
        .port(port)
        .connectTimeout(Duration.ofSeconds(3))
        .idleTimeout(Duration.ofSeconds(5))
        .deadline(Duration.ofSeconds(20));
  }

  private Diagnosis run(ProbeSpec spec) {
    return run(spec, DiagnoserOptions.DEFAULTS);
  }

  private Diagnosis run(ProbeSpec spec, DiagnoserOptions options) {
    ProbeResult r = probe.probe(spec).orTimeout(40, TimeUnit.SECONDS).join();
    return Diagnoser.diagnose(r.trace(), options);
  }

  private static void write(Socket s, String hex) throws IOException {
    s.getOutputStream().write(Octets.fromHex(hex).toByteArray());
    s.getOutputStream().flush();
  }

  @Test
  void aFullAcceptQueueLooksLikeAFilteredPort() throws IOException {
    // Linux drops SYNs while a listener's accept queue is full, as a dropping firewall does.
    ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    cleanup.add(full);
    for (int i = 0; i < 4; i++) {
      Socket s = new Socket();
      try {
        s.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 300);
        cleanup.add(s);
      } catch (IOException e) {
        s.close();
        break;
      }
    }
    Diagnosis d = run(spec(full.getLocalPort()).connectTimeout(Duration.ofMillis(700)).build());
    assertEquals(CloseKind.CONNECT_TIMEOUT, d.closeKind());
    assertPair(d, 0x204, 0x0);
    assertTop(d, CauseId.PORT_FILTERED, Confidence.HIGH);
  }

  @Test
  void anUnresolvableNameIsADnsFailure() {
    Diagnosis d = run(ProbeSpec.builder("no-such-host.invalid").build());
    assertPair(d, 0x104, 0x0);
    assertEquals(Phase.TCP_CONNECT, d.phase());
    assertTop(d, CauseId.DNS_NAME_NOT_FOUND, Confidence.HIGH);
  }

  @Test
  void aDisconnectRequestInsteadOfAConfirm() throws IOException {
    LoopbackPeer peer =
        peer(
            s -> {
              LoopbackPeer.readTpkt(s);
              write(s, "03 00 00 0b 06 80 00 00 00 00 88");
              LoopbackPeer.finAndDrain(s);
            });
    Diagnosis d = run(spec(peer.port()).build());
    assertEquals(CloseKind.REFUSED_BY_SERVER, d.closeKind());
    assertTop(d, CauseId.CONNECTION_REQUEST_REJECTED, Confidence.HIGH);
  }

  @Test
  void aWebServerOnThePortIsNotAnRdpListener() throws IOException {
    LoopbackPeer peer =
        peer(
            s -> {
              LoopbackPeer.readTpkt(s);
              s.getOutputStream()
                  .write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
              LoopbackPeer.finAndDrain(s);
            });
    Diagnosis d = run(spec(peer.port()).build());
    assertEquals(CloseKind.PEER_FIN, d.closeKind());
    assertEquals(ClientCode.Basis.NO_DOCUMENTED_CODE, d.clientCode().basis());
    assertEquals(Phase.X224_NEGOTIATION, d.phase());
    assertTop(d, CauseId.NOT_RDP_LISTENER, Confidence.HIGH);
  }

  @Test
  void anSshServerGreetingFirstIsNotAnRdpListener() throws IOException {
    LoopbackPeer peer =
        peer(
            s -> {
              s.getOutputStream()
                  .write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
              LoopbackPeer.finAndDrain(s);
            });
    Diagnosis d = run(spec(peer.port()).build());
    assertEquals(CloseKind.PEER_FIN, d.closeKind());
    assertTop(d, CauseId.NOT_RDP_LISTENER, Confidence.HIGH);
  }

  @Test
  void aResetAfterALongSilenceIsAnIdleReset() throws IOException {
    LoopbackPeer peer =
        peer(
            s -> {
              LoopbackPeer.readTpkt(s);
              Thread.sleep(700);
              LoopbackPeer.reset(s);
            });
    // a silence of 700 ms stands in for the minutes of a real idle timer
    Diagnosis d =
        run(
            spec(peer.port()).build(),
            DiagnoserOptions.DEFAULTS.withIdleResetSilence(Duration.ofMillis(500)));
    assertEquals(CloseKind.PEER_RST, d.closeKind());
    assertPair(d, 0x904, 0x7);
    assertTop(d, CauseId.MIDDLEBOX_IDLE_RESET, Confidence.HIGH);
  }
}
