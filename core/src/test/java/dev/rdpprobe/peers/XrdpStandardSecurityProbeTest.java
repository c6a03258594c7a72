package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.connect.ClientConnector;
import dev.rdpprobe.connect.OutboundInterceptor;
import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Diagnoser;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.facts.StandardSecurityFacts;
import dev.rdpprobe.rdpsec.CertificateSignature;
import dev.rdpprobe.rdpsec.EncryptionMethod;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.testing.XrdpServer;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.sec.SecurityExchangePdu;
import dev.rdpprobe.wire.share.DemandActivePdu;
import dev.rdpprobe.wire.share.FontMapPdu;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.TpktHeader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The probe through Standard RDP Security with xrdp ({@code security_layer=rdp}) at every {@code
 * crypt_level}: the Security Exchange, the encrypted Client Info, licensing, the Demand Active and,
 * asked to go on, the finalization to the Font Map.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class XrdpStandardSecurityProbeTest {
  private static final RdpProbe probe = SharedProbe.get();

  @TempDir Path dir;

  private static ProbeResult probe(int port, Phase stopAfter) {
    return probe
        .probe(
            ProbeSpec.builder("127.0.0.1")
                .port(port)
                .requestedProtocols(SecurityProtocols.RDP)
                .stopAfter(stopAfter)
                .idleTimeout(Duration.ofSeconds(5))
                .deadline(Duration.ofSeconds(20))
                .build())
        .orTimeout(30, TimeUnit.SECONDS)
        .join();
  }

  /** crypt_level, then the method and level xrdp 0.9 selects for a client offering all four. */
  static Stream<Arguments> levels() {
    return Stream.of(
        Arguments.of("none", EncryptionMethod.NONE, EncryptionLevel.NONE),
        Arguments.of("low", EncryptionMethod.RC4_40, EncryptionLevel.LOW),
        Arguments.of("medium", EncryptionMethod.RC4_40, EncryptionLevel.CLIENT_COMPATIBLE),
        Arguments.of("high", EncryptionMethod.RC4_128, EncryptionLevel.HIGH),
        Arguments.of("fips", EncryptionMethod.FIPS, EncryptionLevel.FIPS));
  }

  @ParameterizedTest(name = "crypt_level={0}")
  @MethodSource("levels")
  void theProbeReachesTheFontMapAndTheFactsSayHow(
      String cryptLevel, EncryptionMethod method, EncryptionLevel level) throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(
            dir, new XrdpServer.Config().securityLayer("rdp").cryptLevel(cryptLevel))) {
      ProbeResult r = probe(xrdp.port(), Phase.FINALIZATION);
      TraceEvent.Closed c = r.closed();
      String why = c.detail() + "\n" + r.trace() + "\n" + xrdp.logs();
      assertEquals(CloseKind.STOP_POINT_REACHED, c.kind(), why);
      assertEquals(Phase.FINALIZATION, c.phase(), why);
      assertEquals(FontMapPdu.NAME, c.lastServerPdu(), why);
      assertTrue(r.facts().activation().fontMapReceived(), why);
      assertFalse(xrdp.logs().contains("MAC checksum error"), why);
      assertFalse(xrdp.logs().contains("likely decrypt not working"), why);

      StandardSecurityFacts f = r.facts().standardSecurity();
      assertEquals(method, f.selectedMethod().orElseThrow(), f.summary());
      assertEquals(level, f.level(), f.summary());
      assertTrue(f.methodOffered(), f.summary());
      assertEquals(List.of(), f.badSignatures(), why);
      if (method == EncryptionMethod.NONE) {
        // no random, no certificate, no exchange: the PDUs travel as under TLS
        assertNull(f.serverRandom());
        assertEquals(StandardSecurityFacts.CertificateKind.NONE, f.certificate());
        assertFalse(f.exchangeSent());
        assertEquals(0, countSent(r, SecurityExchangePdu.NAME));
        return;
      }
      assertEquals(32, f.serverRandom().length());
      // xrdp's key of /etc/xrdp/rsakeys.ini, in a proprietary certificate it signs with the
      // Terminal Services key
      assertEquals(StandardSecurityFacts.CertificateKind.PROPRIETARY, f.certificate());
      assertEquals(CertificateSignature.VALID, f.signature(), f.summary());
      assertTrue(f.keyBits() >= 512, f.summary());
      assertTrue(f.exchangeSent());
      assertEquals(1, countSent(r, SecurityExchangePdu.NAME));
      // right after the channel joins, right before the Client Info
      List<String> sent =
          r.trace().eventsOf(TraceEvent.Pdu.class).stream()
              .filter(p -> p.direction() == Direction.CLIENT_TO_SERVER)
              .map(TraceEvent.Pdu::name)
              .toList();
      int at = sent.indexOf(SecurityExchangePdu.NAME);
      assertEquals("MCS Channel Join Request", sent.get(at - 1), sent.toString());
      assertEquals("Client Info PDU", sent.get(at + 1), sent.toString());
      // what went each way, in the trace
      assertTrue(summaryOfSent(r, "Client Info PDU").contains(method + " encrypted, PDU #0"), why);
      String demand = summaryOfReceived(r, DemandActivePdu.NAME);
      if (level.equals(EncryptionLevel.LOW)) {
        assertTrue(demand.contains("in the clear behind"), demand);
      } else {
        assertTrue(demand.contains("MAC valid"), demand);
      }
    }
  }

  /**
   * The probe's Client Info with one bit of its signature changed (an interceptor, as a device on
   * the path would): xrdp drops the connection ("MAC checksum error") with a Disconnect Provider
   * Ultimatum, and the diagnosis names the Security Exchange rejected.
   */
  @ParameterizedTest(name = "crypt_level={0}")
  @ValueSource(strings = {"high", "fips"})
  void aSpoiledSignatureIsTheExchangeRejected(String cryptLevel) throws Exception {
    int signatureAt =
        TpktHeader.FIXED_PART_SIZE
            + 3 // X.224 Data TPDU
            + 1 // Send Data Request: choice
            + 2 // initiator
            + 2 // channelId
            + 1 // dataPriority and segmentation
            + 2 // the user data's length: more than 127 bytes
            + (cryptLevel.equals("fips")
                ? 8
                : 4); // flags, flagsHi (and FIPS's length, version, padlen)
    OutboundInterceptor spoil =
        out -> {
          if (!out.name().equals("Client Info PDU")) {
            return out.bytes();
          }
          byte[] b = out.bytes();
          b[signatureAt] ^= 0x01;
          return b;
        };
    try (XrdpServer xrdp =
            XrdpServer.start(
                dir, new XrdpServer.Config().securityLayer("rdp").cryptLevel(cryptLevel));
        RdpProbe spoiling =
            RdpProbe.builder()
                .connectorFactory(
                    (config, trace) ->
                        ClientConnector.builder(config, trace).interceptor(spoil).build())
                .build()) {
      ProbeResult r =
          spoiling
              .probe(
                  ProbeSpec.builder("127.0.0.1")
                      .port(xrdp.port())
                      .requestedProtocols(SecurityProtocols.RDP)
                      .idleTimeout(Duration.ofSeconds(5))
                      .deadline(Duration.ofSeconds(20))
                      .build())
              .orTimeout(30, TimeUnit.SECONDS)
              .join();
      String why = r.closed().detail() + "\n" + r.trace() + "\n" + xrdp.logs();
      assertTrue(xrdp.logs().contains("MAC checksum error"), why);
      Diagnosis d = Diagnoser.diagnose(r.trace());
      assertEquals(
          CauseId.RDP_SECURITY_EXCHANGE_REJECTED,
          d.topCause().map(Cause::id).orElse(null),
          d.verdict() + "\n" + why);
    }
  }

  private static long countSent(ProbeResult r, String name) {
    return r.trace().eventsOf(TraceEvent.Pdu.class).stream()
        .filter(p -> p.direction() == Direction.CLIENT_TO_SERVER && p.name().equals(name))
        .count();
  }

  private static String summaryOfSent(ProbeResult r, String name) {
    return sent(r, name).summary();
  }

  private static TraceEvent.Pdu sent(ProbeResult r, String name) {
    return r.trace().eventsOf(TraceEvent.Pdu.class).stream()
        .filter(p -> p.direction() == Direction.CLIENT_TO_SERVER && p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " sent: " + r.trace()));
  }

  private static String summaryOfReceived(ProbeResult r, String name) {
    return r.trace().eventsOf(TraceEvent.Pdu.class).stream()
        .filter(p -> p.direction() == Direction.SERVER_TO_CLIENT && p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " received: " + r.trace()))
        .summary();
  }
}
