package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.capture.CaptureAnalysis;
import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.testing.PacketCapture;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The probe against xrdp (security_layer=tls) captured by dumpcap on loopback, analysed with the
 * probe's key log and without it: with it, the connection is followed to the probe's phase with the
 * probe's PDUs, facts and causes, whatever the suite (AES-GCM at TLS 1.3 and 1.2, AES-CBC,
 * ChaCha20-Poly1305, each as OpenSSL in xrdp protects it); without it, to the end of what is in
 * clear.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XrdpCaptureTest {
  private static final RdpProbe probe = SharedProbe.get();

  @TempDir Path dir;

  /** PDUs after the TLS handshake: what only the secrets open. */
  private static List<String> pdus(Trace t) {
    List<String> out = new ArrayList<>();
    for (TraceEvent e : t.events()) {
      if (e instanceof TraceEvent.Pdu p && p.phase().isAfter(Phase.TLS_HANDSHAKE)) {
        out.add(p.direction() + " " + p.phase() + " " + p.name());
      }
    }
    return out;
  }

  private static List<Object> causes(Diagnosis d) {
    List<Object> out = new ArrayList<>();
    for (Cause c : d.causes()) {
      out.add(c.id());
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "'TLSv1.2, TLSv1.3', HIGH, ",
    "TLSv1.2, ECDHE-RSA-AES256-GCM-SHA384, ",
    "TLSv1.2, ECDHE-RSA-AES128-SHA256, ",
    "TLSv1.2, ECDHE-RSA-AES256-SHA, ",
    "TLSv1.2, ECDHE-RSA-CHACHA20-POLY1305, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"
  })
  void theCaptureWithTheKeyLogIsTheProbesConnection(
      String protocols, String ciphers, String offered) throws Exception {
    ProbeResult live;
    Path pcap;
    try (XrdpServer xrdp =
        XrdpServer.start(
            dir,
            new XrdpServer.Config()
                .securityLayer("tls")
                .global("ssl_protocols=" + protocols)
                .global("tls_ciphers=" + ciphers))) {
      PacketCapture capture = PacketCapture.start(dir, xrdp.port());
      try (capture) {
        TlsOffer offer =
            offered == null
                ? TlsOffer.windowsDefault()
                : TlsOffer.only(TlsVersion.TLS_1_2).withCipherSuites(offered);
        live =
            probe
                .probe(
                    ProbeSpec.builder("127.0.0.1")
                        .port(xrdp.port())
                        .tlsOffer(offer)
                        .keyLog(true)
                        .idleTimeout(Duration.ofSeconds(5))
                        .deadline(Duration.ofSeconds(20))
                        .build())
                .orTimeout(40, TimeUnit.SECONDS)
                .join();
        Thread.sleep(500); // the last segments reach the file
      }
      pcap = capture.file();
    }
    String client = live.trace().header().client();
    CaptureAnalysis.Flow opened =
        only(
            CaptureAnalysis.analyze(pcap, new CaptureAnalysis.Options(null, live.keyLog())),
            client);
    CaptureAnalysis.Flow blind = only(CaptureAnalysis.analyze(pcap), client);
    String run = protocols + " " + ciphers + ": " + live.facts().tls().cipherSuite();
    assertFalse(pdus(live.trace()).isEmpty(), run);
    assertEquals(pdus(live.trace()), pdus(opened.trace()), run);
    assertEquals(live.closed().phase(), opened.trace().closed().orElseThrow().phase(), run);
    assertEquals(live.facts().tls(), opened.facts().tls(), run);
    assertEquals(live.facts().activation(), opened.facts().activation(), run);
    // the capture sees the probe's FIN, not its stop point (a success): the causes are the same,
    // their order may differ where a cause's confidence depends on a successful ending
    assertEquals(Set.copyOf(causes(live.diagnose())), Set.copyOf(causes(opened.diagnosis())), run);
    // without the key log: what is in clear, to the end of the TLS handshake
    assertEquals(List.of(), pdus(blind.trace()), run);
    assertEquals(Phase.BASIC_SETTINGS, blind.trace().closed().orElseThrow().phase(), run);
    assertEquals(live.facts().tls().cipherSuite(), blind.facts().tls().cipherSuite(), run);
    boolean tls13 = live.facts().tls().cipherSuite().startsWith("TLS_AES_");
    if (!tls13) { // the certificate is in clear before TLS 1.3
      assertEquals(
          live.facts().tls().serverCertificates(), blind.facts().tls().serverCertificates(), run);
      assertEquals(Set.copyOf(causes(live.diagnose())), Set.copyOf(causes(blind.diagnosis())), run);
    }
  }

  private static CaptureAnalysis.Flow only(CaptureAnalysis.Result r, String client) {
    List<CaptureAnalysis.Flow> flows =
        r.flows().stream().filter(f -> f.client().equals(client)).toList();
    assertEquals(1, flows.size(), "one flow from " + client);
    return flows.get(0);
  }
}
