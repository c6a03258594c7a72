package dev.rdpprobe.diagnose;

import static dev.rdpprobe.diagnose.SyntheticTraces.afterClientHello;
import static dev.rdpprobe.diagnose.SyntheticTraces.afterRequest;
import static dev.rdpprobe.diagnose.SyntheticTraces.ids;
import static dev.rdpprobe.diagnose.SyntheticTraces.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.CatalogueAdvice;
import dev.rdpprobe.testing.TraceBuilder;
import dev.rdpprobe.tls.CertificateCheck;
import dev.rdpprobe.tls.ServerIdentity;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.credssp.EarlyUserAuthorizationResult;
import dev.rdpprobe.wire.credssp.NtStatus;
import dev.rdpprobe.wire.credssp.TsRequest;
import dev.rdpprobe.wire.gcc.ConferenceCreateResponse;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.gcc.EncryptionMethods;
import dev.rdpprobe.wire.gcc.ServerCertificate;
import dev.rdpprobe.wire.gcc.ServerDataBlocks;
import dev.rdpprobe.wire.gcc.ServerSecurityData;
import dev.rdpprobe.wire.mcs.McsConnectResponse;
import dev.rdpprobe.wire.x224.DisconnectReason;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224DisconnectRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalogue as a whole: every cause has a trace that names it, every cause names evidence that
 * points at events of its trace, and every cause has advice, taken from its {@link Remedy} in the
 * catalogue. A new {@link CauseId} without a rule, without a trace here or without a remedy fails
 * the test.
 */
class CauseCatalogueTest {
  /** Refused with {@code code} an offer it does not contradict (RDP only for SSL_REQUIRED). */
  private static Trace refused(int code) {
    SecurityProtocols offer =
        code == 1
            ? SecurityProtocols.RDP
            : code == 5 ? SecurityProtocols.SSL : SyntheticTraces.OFFER;
    return TraceBuilder.start()
        .resolved("rdp.example", "192.0.2.10")
        .connected()
        .connectionRequest(offer)
        .after(3)
        .connectionConfirm(NegotiationFailure.of(new NegotiationFailureCode(code)))
        .close(CloseKind.REFUSED_BY_SERVER);
  }

  private static Trace alert(String description, int code) {
    return afterClientHello()
        .after(1)
        .alert(Direction.SERVER_TO_CLIENT, "fatal", description, code)
        .close(CloseKind.TLS_ALERT, ClosedBy.SERVER, "fatal alert " + description);
  }

  /** A completed TLS handshake whose certificate is the emulator's for {@code scenario}. */
  static Trace certificate(Scenario scenario, String host) {
    ServerIdentity identity;
    try (RdpEmulator e = RdpEmulator.builder(scenario).port(0).start()) {
      identity = e.identity();
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
    return afterClientHello()
        .after(2)
        .tls(Direction.SERVER_TO_CLIENT, "ServerHello", "version=TLSv1.3", 90)
        .certificate(CertificateCheck.of(identity.facts(), Instant.now(), host))
        .tls(Direction.CLIENT_TO_SERVER, "Finished", "", 52)
        .close(CloseKind.STOP_POINT_REACHED, ClosedBy.CLIENT, "stopped by choice");
  }

  /** A completed TLS handshake whose server sent its leaf without the issuing CA. */
  static Trace missingIntermediate() {
    Instant now = Instant.now();
    dev.rdpprobe.tls.TestPki pki = new dev.rdpprobe.tls.TestPki(now);
    dev.rdpprobe.tls.TestPki.Authority root = pki.root("CN=Catalogue Root");
    dev.rdpprobe.tls.TestPki.Authority issuing = pki.intermediate("CN=Catalogue CA", root, null);
    dev.rdpprobe.tls.TestPki.Authority leaf = pki.server("CN=localhost", issuing, false);
    return afterClientHello()
        .after(2)
        .tls(Direction.SERVER_TO_CLIENT, "ServerHello", "version=TLSv1.3", 90)
        .certificate(
            CertificateCheck.of(
                dev.rdpprobe.tls.TestPki.facts(leaf.certificate()), now, "localhost"))
        .tls(Direction.CLIENT_TO_SERVER, "Finished", "", 52)
        .close(CloseKind.STOP_POINT_REACHED, ClosedBy.CLIENT, "stopped by choice");
  }

  /** The trace of a probe of the emulator playing {@code scenario}. */
  static Trace emulated(Scenario scenario, boolean udpProbe) {
    try (RdpEmulator e = RdpEmulator.start(scenario);
        dev.rdpprobe.RdpProbe probe = dev.rdpprobe.RdpProbe.create()) {
      return probe
          .probe(
              dev.rdpprobe.ProbeSpec.builder("127.0.0.1")
                  .port(e.port())
                  .multitransport(udpProbe)
                  .udpProbe(udpProbe, java.time.Duration.ofMillis(500))
                  .build())
          .join()
          .trace();
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }

  /** An NTLM message of {@code type} with nothing after the header: enough for the rules. */
  static Octets ntlm(int type) {
    return Octets.fromHex("4e544c4d53535000 0" + type + "000000");
  }

  /** HYBRID_EX selected, TLS done, our NEGOTIATE sent. */
  static TraceBuilder afterNegotiate() {
    return afterRequest()
        .connectionConfirm(selects(SecurityProtocols.HYBRID_EX))
        .clientHello(300)
        .after(2)
        .tls(Direction.SERVER_TO_CLIENT, "ServerHello", "version=TLSv1.3", 90)
        .tls(Direction.CLIENT_TO_SERVER, "Finished", "", 52)
        .phase(Phase.CREDSSP)
        .send(TsRequest.of(6).withNegoToken(ntlm(1)))
        .after(3);
  }

  /** The CHALLENGE received and our AUTHENTICATE sent. */
  static TraceBuilder afterAuthenticate() {
    return afterNegotiate()
        .receive(TsRequest.of(6).withNegoToken(ntlm(2)))
        .send(
            TsRequest.of(6)
                .withNegoToken(ntlm(3))
                .withPubKeyAuth(Octets.of(new byte[48]))
                .withClientNonce(Octets.of(new byte[32])))
        .after(4);
  }

  /**
   * PROTOCOL_RDP selected for a TLS offer, and an MCS Connect Response whose Server Security Data
   * names {@code method} at {@code level}, with a random and a certificate's bytes as a server
   * doing Standard RDP Security sends them.
   */
  static Trace standardSecurity(int method, int level) {
    ServerSecurityData security =
        new ServerSecurityData(
            new EncryptionMethods(method),
            new EncryptionLevel(level),
            Octets.of(new byte[32]),
            new ServerCertificate(Octets.of(new byte[16])));
    return afterRequest()
        .connectionConfirm(selects(SecurityProtocols.RDP))
        .phase(Phase.BASIC_SETTINGS)
        .send("MCS Connect Initial", "", null, new byte[400])
        .after(2)
        .receive(
            McsConnectResponse.success(
                Octets.encode(ConferenceCreateResponse.of(ServerDataBlocks.of(security)))))
        .close(CloseKind.STOP_POINT_REACHED, ClosedBy.CLIENT, "stopped by choice");
  }

  /** One trace per cause, in catalogue order. */
  static Map<CauseId, Trace> traces() {
    Map<CauseId, Trace> t = new EnumMap<>(CauseId.class);
    Trace connectRefused =
        TraceBuilder.start().resolved("rdp.example", "192.0.2.1").close(CloseKind.CONNECT_REFUSED);
    Trace connectTimeout =
        TraceBuilder.start()
            .resolved("rdp.example", "192.0.2.1")
            .after(10_000)
            .close(CloseKind.CONNECT_TIMEOUT);
    t.put(CauseId.NOT_LISTENING, connectRefused);
    t.put(CauseId.FIREWALL_REJECTS, connectRefused);
    t.put(CauseId.PORT_FILTERED, connectTimeout);
    t.put(
        CauseId.HOST_UNREACHABLE,
        TraceBuilder.start().resolved("rdp.example", "192.0.2.1").close(CloseKind.UNREACHABLE));
    t.put(
        CauseId.DNS_NAME_NOT_FOUND,
        TraceBuilder.start().close(CloseKind.DNS_FAILURE, ClosedBy.NONE, "unknown host"));
    t.put(CauseId.LISTENER_REFUSES, afterRequest().close(CloseKind.PEER_RST));
    t.put(CauseId.MIDDLEBOX_CLOSES, afterRequest().close(CloseKind.PEER_RST));
    t.put(
        CauseId.NOT_RDP_LISTENER,
        afterRequest()
            .undecodable("HTTP/1.1 400 Bad Request\r\n".getBytes(StandardCharsets.US_ASCII))
            .close(CloseKind.MALFORMED_PDU));
    t.put(CauseId.NEG_SSL_REQUIRED, refused(1));
    t.put(CauseId.NEG_SSL_NOT_ALLOWED, refused(2));
    t.put(CauseId.NEG_NO_CERTIFICATE, refused(3));
    t.put(CauseId.NEG_INCONSISTENT_FLAGS, refused(4));
    t.put(CauseId.NEG_NLA_REQUIRED, refused(5));
    t.put(CauseId.NEG_CLIENT_CERT_REQUIRED, refused(6));
    t.put(CauseId.NEG_UNKNOWN_FAILURE, refused(0x20));
    t.put(
        CauseId.NEG_CONTRADICTS_OFFER,
        afterRequest()
            .connectionConfirm(NegotiationFailure.of(new NegotiationFailureCode(1)))
            .close(CloseKind.REFUSED_BY_SERVER));
    t.put(
        CauseId.CONNECTION_REQUEST_REJECTED,
        afterRequest()
            .receive(X224DisconnectRequest.of(DisconnectReason.CONNECTION_REQUEST_REFUSED))
            .close(CloseKind.REFUSED_BY_SERVER));
    t.put(
        CauseId.PROTOCOL_NOT_OFFERED,
        TraceBuilder.start()
            .connected()
            .connectionRequest(SecurityProtocols.SSL)
            .connectionConfirm(selects(SecurityProtocols.HYBRID_EX))
            .close(CloseKind.PROTOCOL_VIOLATION));
    t.put(
        CauseId.STANDARD_SECURITY,
        standardSecurity(EncryptionMethods.ENCRYPTION_METHOD_40BIT, EncryptionLevel.LOW.value()));
    t.put(CauseId.TLS_NOT_STARTED, afterClientHello().after(4).close(CloseKind.PEER_RST));
    t.put(CauseId.TLS_CUT_AFTER_SERVER_FLIGHT, TlsCausesTest.cutAfterServerFlight());
    t.put(CauseId.TLS_VERSION_UNSUPPORTED, alert("protocol_version", 70));
    t.put(CauseId.NO_COMMON_CIPHER, alert("handshake_failure", 40));
    t.put(CauseId.WEAK_TLS, TlsCausesTest.chose(0x0301, "TLS_RSA_WITH_AES_128_CBC_SHA"));
    t.put(CauseId.MIDDLEBOX_IDLE_RESET, afterRequest().after(60_000).close(CloseKind.PEER_RST));
    t.put(
        CauseId.PATH_MTU_BLACK_HOLE,
        afterClientHello()
            .tls(Direction.SERVER_TO_CLIENT, "ServerHello", "TLSv1.2", 80)
            .phase(Phase.BASIC_SETTINGS)
            .send("MCS Connect Initial", "", null, new byte[6000])
            .awaiting("MCS Connect Response")
            .after(10_000)
            .close(CloseKind.IDLE_TIMEOUT));
    t.put(CauseId.SLOW_HANDSHAKE, TimingCausesTest.slowActivation(2_000, 10_500));
    t.put(CauseId.SERVER_SILENT, afterRequest().after(10_000).close(CloseKind.IDLE_TIMEOUT));
    t.put(
        CauseId.SERVER_FLOODS,
        afterClientHello()
            .tls(Direction.SERVER_TO_CLIENT, "HelloRequest", "", 4)
            .close(CloseKind.ABUSIVE_PEER));
    t.put(
        CauseId.SERVER_TRICKLE,
        afterRequest().receivePartial(5).after(500).close(CloseKind.DEADLINE_EXCEEDED));
    t.put(CauseId.CERT_EXPIRED, certificate(Scenario.CERT_EXPIRED, "localhost"));
    t.put(CauseId.CERT_NOT_YET_VALID, certificate(Scenario.CERT_NOT_YET_VALID, "localhost"));
    t.put(CauseId.CERT_UNTRUSTED, certificate(Scenario.CERT_SELF_SIGNED, "localhost"));
    t.put(CauseId.CERT_WEAK, certificate(Scenario.CERT_WEAK_KEY, "localhost"));
    t.put(CauseId.CERT_CHAIN_BROKEN, missingIntermediate());
    t.put(CauseId.CERT_NAME_MISMATCH, certificate(Scenario.HEALTHY, "rdp.example.org"));
    t.put(CauseId.SERVER_ERROR_INFO, emulated(Scenario.SET_ERROR_INFO_DENIED, false));
    t.put(CauseId.LICENSING_FAILED, emulated(Scenario.SET_ERROR_INFO_NO_LICENSE, false));
    t.put(CauseId.UDP_UNREACHABLE, emulated(Scenario.MULTITRANSPORT_UDP_UNREACHABLE, true));
    t.put(
        CauseId.CREDSSP_MISMATCH,
        afterNegotiate()
            .receive(TsRequest.of(6).withErrorCode(NtStatus.NOT_SUPPORTED))
            .close(CloseKind.REFUSED_BY_SERVER));
    t.put(
        CauseId.CREDSSP_KEY_MISMATCH,
        afterAuthenticate()
            .receive(TsRequest.of(6).withPubKeyAuth(Octets.of(new byte[48])))
            .close(CloseKind.PROTOCOL_VIOLATION));
    t.put(
        CauseId.CREDENTIALS_REJECTED,
        afterAuthenticate()
            .receive(TsRequest.of(6).withErrorCode(NtStatus.LOGON_FAILURE))
            .close(CloseKind.REFUSED_BY_SERVER));
    t.put(
        CauseId.EARLY_AUTH_DENIED,
        afterAuthenticate()
            .receive(TsRequest.of(6).withPubKeyAuth(Octets.of(new byte[48])))
            .phase(Phase.EARLY_USER_AUTH)
            .receive(EarlyUserAuthorizationResult.ACCESS_DENIED)
            .close(CloseKind.REFUSED_BY_SERVER));
    t.put(
        CauseId.CREDENTIALS_NOT_DELEGATED,
        afterAuthenticate()
            .receive(TsRequest.of(6).withPubKeyAuth(Octets.of(new byte[48])))
            .phase(Phase.BASIC_SETTINGS)
            .send("MCS Connect Initial", "", null, new byte[400])
            .awaiting("MCS Connect Response")
            .after(20)
            .close(CloseKind.PEER_FIN));
    t.put(
        CauseId.RESTRICTED_ADMIN_REFUSED,
        afterAuthenticate()
            .receive(TsRequest.of(6).withPubKeyAuth(Octets.of(new byte[48])))
            .send(TsRequest.of(6).withAuthInfo(Octets.of(new byte[44])))
            .phase(Phase.BASIC_SETTINGS)
            .send("MCS Connect Initial", "", null, new byte[400])
            .awaiting("MCS Connect Response")
            .after(20)
            .close(CloseKind.PEER_FIN));
    return t;
  }

  @Test
  void everyCauseHasATraceThatNamesIt() {
    Map<CauseId, Trace> traces = traces();
    assertEquals(EnumSet.allOf(CauseId.class), traces.keySet());
    for (Map.Entry<CauseId, Trace> e : traces.entrySet()) {
      Diagnosis d = Diagnoser.diagnose(e.getValue());
      assertTrue(ids(d).contains(e.getKey()), e.getKey() + " not in " + ids(d));
    }
  }

  @Test
  void everyCauseCitesEventsOfItsTraceAndGivesAdvice() {
    for (Trace t : traces().values()) {
      for (Cause c : Diagnoser.diagnose(t).causes()) {
        assertFalse(c.title().isBlank(), c.id().name());
        assertFalse(c.why().isBlank(), c.id().name());
        assertFalse(c.advice().isEmpty(), c.id() + " has no advice");
        int last = -1;
        for (Evidence ev : c.evidence()) {
          assertTrue(ev.eventIndex() < t.events().size(), c.id() + ": " + ev);
          assertTrue(ev.eventIndex() >= last, c.id() + ": evidence out of trace order");
          assertFalse(ev.description().isBlank(), c.id().name());
          assertFalse(ev.description().contains("\n"), c.id() + ": evidence is one line");
          last = ev.eventIndex();
        }
        TraceEvent cited = t.events().get(c.evidence().get(c.evidence().size() - 1).eventIndex());
        assertTrue(cited.nanos() <= t.closed().orElseThrow().nanos());
      }
    }
  }

  @Test
  void everyCauseHasAdviceInTheCatalogue() {
    for (CauseId id : CauseId.values()) {
      assertFalse(Remedy.of(id).isEmpty(), id + " has no remedy in the catalogue");
    }
  }

  @Test
  void everyRemedyIsStepsOfWholeSentences() {
    for (Remedy r : Remedy.values()) {
      List<String> steps =
          r.placeholder().isEmpty() ? r.steps() : r.steps(r.placeholder(), "VALUE");
      assertFalse(steps.isEmpty(), r.name());
      for (String step : steps) {
        assertFalse(step.isBlank(), r.name());
        assertTrue(Character.isUpperCase(step.charAt(0)), r + ": " + step);
        assertTrue(step.endsWith("."), r + ": " + step);
        assertFalse(step.contains("{") || step.contains("}"), r + ": " + step);
      }
    }
  }

  /** Each cause's advice is the steps of one of its remedies, its placeholder filled. */
  @Test
  void theAdviceOfEveryCauseComesFromTheCatalogue() {
    for (Trace t : traces().values()) {
      for (Cause c : Diagnoser.diagnose(t).causes()) {
        assertTrue(
            Remedy.of(c.id()).stream().anyMatch(r -> CatalogueAdvice.isRemedy(r, c.advice())),
            c.id() + " advises what no remedy of its says: " + c.advice());
      }
    }
  }

  @Test
  void aCauseTakesOnlyARemedyOfItsOwn() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Cause(
                CauseId.NOT_LISTENING,
                Confidence.HIGH,
                "why",
                List.of(new Evidence(0, "event")),
                Remedy.PORT_FILTERED));
    assertThrows(IllegalStateException.class, Remedy.MIDDLEBOX_CLOSES::steps);
    assertThrows(IllegalArgumentException.class, () -> Remedy.MIDDLEBOX_CLOSES.steps("port", 3389));
  }

  @Test
  void titlesAreUnique() {
    assertEquals(
        CauseId.values().length,
        EnumSet.allOf(CauseId.class).stream().map(CauseId::title).distinct().count());
  }
}
