package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.facts.NegotiationFacts;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe against xrdp for each security_layer: the Connection Confirm it gets matches the
 * configuration (SSL selected; an RDP-only request refused with SSL_REQUIRED_BY_SERVER; RDP
 * selected).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XrdpNegotiationTest {
  private static final RdpProbe probe = SharedProbe.get();

  @TempDir Path dir;

  private static ProbeResult probe(int port, SecurityProtocols offer) {
    ProbeSpec spec =
        ProbeSpec.builder("127.0.0.1")
            .port(port)
            .requestedProtocols(offer)
            .cookie("rdpprobe")
            .idleTimeout(Duration.ofSeconds(5))
            .deadline(Duration.ofSeconds(15))
            .build();
    return probe.probe(spec).orTimeout(30, TimeUnit.SECONDS).join();
  }

  @Test
  void negotiateSelectsSslForAWindowsLikeOffer() throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(dir, new XrdpServer.Config().securityLayer("negotiate"))) {
      ProbeResult r = probe(xrdp.port(), ProbeSpec.DEFAULT_PROTOCOLS);
      assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
      NegotiationFacts n = r.facts().negotiation();
      assertEquals(SecurityProtocols.SSL, n.selectedProtocol(), xrdp.logs());
      assertTrue(n.negotiationDataPresent());
      assertEquals(0x1234, n.sourceReference(), "xrdp 0.9 answers with SRC-REF 0x1234");
    }
  }

  @Test
  void tlsRefusesAnRdpOnlyRequest() throws Exception {
    try (XrdpServer xrdp = XrdpServer.start(dir, new XrdpServer.Config().securityLayer("tls"))) {
      ProbeResult r = probe(xrdp.port(), SecurityProtocols.RDP);
      assertEquals(CloseKind.REFUSED_BY_SERVER, r.closed().kind(), r.closed().detail());
      assertEquals(Phase.X224_NEGOTIATION, r.closed().phase());
      NegotiationFacts n = r.facts().negotiation();
      assertNull(n.selectedProtocol());
      assertEquals(NegotiationFailureCode.SSL_REQUIRED_BY_SERVER, n.failureCode());
    }
  }

  @Test
  void rdpSelectsStandardSecurity() throws Exception {
    try (XrdpServer xrdp = XrdpServer.start(dir, new XrdpServer.Config().securityLayer("rdp"))) {
      ProbeResult r = probe(xrdp.port(), SecurityProtocols.RDP);
      // the probe follows Standard RDP Security to its default stop point, the Demand Active
      assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
      assertEquals(SecurityProtocols.RDP, r.facts().negotiation().selectedProtocol());
    }
  }

  @Test
  void rdpOnlyServerSelectsStandardSecurityEvenForATlsOnlyOffer() throws Exception {
    // xrdp does not send SSL_NOT_ALLOWED_BY_SERVER: it selects PROTOCOL_RDP, which is never a
    // bit of requestedProtocols. The trace says so, since a TLS-only client fails here.
    try (XrdpServer xrdp = XrdpServer.start(dir, new XrdpServer.Config().securityLayer("rdp"))) {
      ProbeResult r = probe(xrdp.port(), SecurityProtocols.SSL);
      NegotiationFacts n = r.facts().negotiation();
      assertEquals(SecurityProtocols.RDP, n.selectedProtocol());
      assertTrue(
          r.trace().eventsOf(TraceEvent.Note.class).stream()
              .anyMatch(note -> note.text().contains("Standard RDP Security")),
          r.trace().toString());
    }
  }
}
