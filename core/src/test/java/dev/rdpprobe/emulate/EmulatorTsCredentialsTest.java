package dev.rdpprobe.emulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.facts.CredentialOutcome;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.Asn1Oracle;
import dev.rdpprobe.wire.WireVectors;
import dev.rdpprobe.wire.credssp.TestDer;
import dev.rdpprobe.wire.credssp.TsCredentials;
import dev.rdpprobe.wire.credssp.TsPasswordCreds;
import dev.rdpprobe.wire.credssp.TsRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The emulator's CredSSP server checks the TSCredentials a client delegates with the project's own
 * decoder: a malformed one (sent by {@link CredSspTestClient}) ends the connection, recorded as
 * MALFORMED_PDU with a note; the well-formed Restricted Admin one, from the test client or from the
 * probe itself, is accepted and the sequence goes on.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EmulatorTsCredentialsTest {
  static final String USER = CredSspServer.USER;
  static final String PASSWORD = CredSspServer.PASSWORD;

  /** The emulator's trace of each connection, as each ends. */
  private final BlockingQueue<Trace> traces = new LinkedBlockingQueue<>();

  private RdpEmulator start() throws IOException {
    return RdpEmulator.builder(Scenario.NLA).listener(traces::add).start();
  }

  private Trace serverTrace() throws InterruptedException {
    Trace t = traces.poll(10, TimeUnit.SECONDS);
    assertNotNull(t, "the emulator reported no trace");
    return t;
  }

  private static boolean hasNote(Trace t, String text) {
    return t.events().stream()
        .anyMatch(e -> e instanceof TraceEvent.Note n && n.text().contains(text));
  }

  static Stream<Arguments> malformed() {
    byte[] emptyCreds = TestDer.passwordCreds("", "", "");
    return Stream.of(
        Arguments.of(
            "the probe's Restricted Admin bytes before issue 18 (lengths 3 octets too long)",
            WireVectors.bytes(
                "30 1a a0 03 02 01 01 a1 13 04 11 30 0f a0 02 04 00 a1 02 04 00 a2 02 04 00")),
        Arguments.of(
            "a byte after the TSCredentials",
            WireVectors.concat(TsCredentials.RESTRICTED_ADMIN.toByteArray(), new byte[] {0})),
        Arguments.of(
            "a TSPasswordCreds with a byte after it",
            TestDer.credentials(1, WireVectors.concat(emptyCreds, new byte[] {0}))),
        Arguments.of(
            "a user name of an odd number of octets",
            TestDer.credentials(
                1,
                TestDer.tlv(
                    0x30,
                    TestDer.cat(
                        TestDer.explicitOctets(0, new byte[0]),
                        TestDer.explicitOctets(1, new byte[] {0x41}),
                        TestDer.explicitOctets(2, new byte[0]))))),
        Arguments.of("a SET instead of the SEQUENCE", WireVectors.bytes("31 00")),
        Arguments.of("nothing at all", new byte[0]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aMalformedTsCredentialsEndsTheConnection(String what, byte[] plaintext) throws Exception {
    try (RdpEmulator e = start();
        CredSspTestClient client = CredSspTestClient.connect(e.port())) {
      client.authenticate(USER, PASSWORD);
      client.sendCredentials(plaintext);
      assertTrue(client.serverCloses(), "the emulator keeps a connection after " + what);
      Trace t = serverTrace();
      TraceEvent.Closed c = t.closed().orElseThrow();
      assertEquals(CloseKind.MALFORMED_PDU, c.kind(), c.toString());
      assertEquals(ClosedBy.SERVER, c.closedBy(), c.toString());
      assertEquals(Phase.BASIC_SETTINGS, c.phase(), c.toString());
      assertTrue(c.detail().contains("TSCredentials"), c.detail());
      assertTrue(c.detail().contains("not well-formed DER"), c.detail());
      assertTrue(hasNote(t, "the connection ends"), t.toString());
    }
  }

  @Test
  void anAuthInfoThatDoesNotVerifyEndsTheConnection() throws Exception {
    try (RdpEmulator e = start();
        CredSspTestClient client = CredSspTestClient.connect(e.port())) {
      client.authenticate(USER, PASSWORD);
      client.send(
          TsRequest.of(CredSspTestClient.VERSION)
              .withAuthInfo(dev.rdpprobe.wire.Octets.of(new byte[41])));
      assertTrue(client.serverCloses());
      TraceEvent.Closed c = serverTrace().closed().orElseThrow();
      assertEquals(CloseKind.PROTOCOL_VIOLATION, c.kind(), c.toString());
      assertTrue(c.detail().contains("does not verify"), c.detail());
    }
  }

  @Test
  void theWellFormedRestrictedAdminTsCredentialsIsAcceptedAndTheConnectionGoesOn()
      throws Exception {
    try (RdpEmulator e = start();
        CredSspTestClient client = CredSspTestClient.connect(e.port())) {
      client.authenticate(USER, PASSWORD);
      client.sendCredentials(TsCredentials.RESTRICTED_ADMIN.toByteArray());
      // a TSRequest after it, which the emulator only notes if it is still reading
      client.send(TsRequest.of(CredSspTestClient.VERSION));
      client.timeout(500);
      assertFalse(client.serverCloses(), "the emulator closed after a well-formed TSCredentials");
      client.close();
      Trace t = serverTrace();
      assertTrue(hasNote(t, "TSCredentials (25 bytes): Restricted Admin mode"), t.toString());
      assertTrue(hasNote(t, "a TSRequest after the exchange"), t.toString());
      TraceEvent.Closed c = t.closed().orElseThrow();
      assertEquals(ClosedBy.CLIENT, c.closedBy(), c.toString());
    }
  }

  @Test
  void aDelegatedPasswordIsCheckedAndNamedButNeverShown() throws Exception {
    String secret = "Delegated-Secret-42";
    try (RdpEmulator e = start();
        CredSspTestClient client = CredSspTestClient.connect(e.port());
        TsPasswordCreds creds = TsPasswordCreds.of("CORP", USER, secret.toCharArray());
        TsCredentials c = TsCredentials.password(creds)) {
      client.authenticate(USER, PASSWORD);
      client.sendCredentials(WireVectors.encode(c));
      client.send(TsRequest.of(CredSspTestClient.VERSION));
      client.timeout(500);
      assertFalse(client.serverCloses());
      client.close();
      Trace t = serverTrace();
      assertTrue(hasNote(t, "a password delegated for CORP\\" + USER), t.toString());
      byte[] utf16 = secret.getBytes(StandardCharsets.UTF_16LE);
      for (TraceEvent ev : t.events()) {
        assertFalse(ev.toString().contains(secret), ev.toString());
        if (ev instanceof TraceEvent.Pdu p) {
          assertFalse(EmulatorCredSspScenariosTest.contains(p.raw(), utf16), p.name());
        }
      }
    }
  }

  @Test
  void theProbeInRestrictedAdminModeReachesTheDemandActive() throws Exception {
    ProbeResult r;
    try (RdpEmulator e = start();
        RdpProbe probe = RdpProbe.create()) {
      r =
          probe
              .probe(
                  ProbeSpec.builder("127.0.0.1")
                      .port(e.port())
                      .credentials(USER, "", PASSWORD.toCharArray())
                      .restrictedAdmin(true)
                      .idleTimeout(Duration.ofSeconds(3))
                      .deadline(Duration.ofSeconds(15))
                      .build())
              .orTimeout(30, TimeUnit.SECONDS)
              .join();
    }
    assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
    assertEquals(Phase.CAPABILITIES, r.closed().phase());
    assertEquals(CredentialOutcome.ACCEPTED, r.facts().credssp().outcome());
    Trace server = serverTrace();
    assertTrue(
        hasNote(server, "TSCredentials (25 bytes): Restricted Admin mode"), server.toString());
    // every TSRequest either side wrote is DER (the traces keep them redacted, same structure)
    for (Trace t : new Trace[] {r.trace(), server}) {
      for (TraceEvent.Pdu p : t.eventsOf(TraceEvent.Pdu.class)) {
        if (p.pdu() instanceof TsRequest) {
          Asn1Oracle.assertDer(p.raw(), p.direction() + " " + p.summary());
        }
      }
    }
  }
}
