package dev.rdpprobe.emulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.facts.CredSspFacts;
import dev.rdpprobe.facts.CredentialOutcome;
import dev.rdpprobe.facts.NlaPolicy;
import dev.rdpprobe.facts.NtlmIdentity;
import dev.rdpprobe.ntlm.NtlmServer;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.credssp.AuthorizationResult;
import dev.rdpprobe.wire.credssp.NtStatus;
import dev.rdpprobe.wire.credssp.TsRequest;
import dev.rdpprobe.wire.ntlm.AuthenticateMessage;
import dev.rdpprobe.wire.ntlm.NtlmMessage;
import dev.rdpprobe.wire.ntlm.NtlmVersion;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The emulator's NLA scenarios, probed with and without credentials: the NTLM identity, the CredSSP
 * version, the credential outcome with the errorCode named, the closes after the NEGOTIATE and the
 * AUTHENTICATE, and the Early User Authorization Result.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EmulatorCredSspScenariosTest {
  static final String USER = CredSspServer.USER;
  static final String PASSWORD = CredSspServer.PASSWORD;

  private static final RdpProbe probe = SharedProbe.get();

  private static ProbeSpec.Builder spec() {
    return ProbeSpec.builder("127.0.0.1")
        .idleTimeout(Duration.ofSeconds(3))
        .deadline(Duration.ofSeconds(15));
  }

  private static ProbeSpec.Builder as(String password) {
    return spec().credentials(USER, "", password.toCharArray());
  }

  private static ProbeResult probe(RdpEmulator.Builder emulator, ProbeSpec.Builder spec)
      throws IOException {
    try (RdpEmulator e = emulator.start()) {
      return probe.probe(spec.port(e.port()).build()).orTimeout(30, TimeUnit.SECONDS).join();
    }
  }

  private static ProbeResult probe(Scenario scenario, ProbeSpec.Builder spec) throws IOException {
    return probe(RdpEmulator.builder(scenario), spec);
  }

  private static void assertClose(ProbeResult r, CloseKind kind, Phase phase) {
    assertEquals(kind, r.closed().kind(), r.closed().detail());
    assertEquals(phase, r.closed().phase(), r.closed().detail());
  }

  @Test
  void withoutCredentialsTheIdentityIsRecordedAndTheProbeStopsByChoice() throws IOException {
    ProbeResult r = probe(Scenario.NLA, spec());
    assertClose(r, CloseKind.STOP_POINT_REACHED, Phase.CREDSSP);
    assertTrue(r.closed().detail().contains("no credentials"), r.closed().detail());
    assertTrue(r.reachedStopPoint());
    assertEquals(SecurityProtocols.HYBRID_EX, r.facts().negotiation().selectedProtocol());
    CredSspFacts f = r.facts().credssp();
    assertEquals(NlaPolicy.SUPPORTED, f.nla());
    assertEquals(6, f.serverVersion());
    assertEquals(CredentialOutcome.NOT_ATTEMPTED, f.outcome());
    NtlmIdentity id = f.identity();
    assertEquals("RDP-EMULATOR", id.nbComputerName());
    assertEquals("RDPPROBE", id.nbDomainName());
    assertEquals("rdp-emulator.rdpprobe.test", id.dnsComputerName());
    assertEquals("rdpprobe.test", id.dnsDomainName());
    assertEquals("rdpprobe.test", id.dnsTreeName());
    assertEquals("10.0.20348", id.productVersion());
    assertTrue(
        id.clockSkew().abs().compareTo(Duration.ofSeconds(5)) < 0, id.clockSkew().toString());
    // the TLS session ends with our close_notify
    assertTrue(
        r.trace().eventsOf(TraceEvent.TlsAlert.class).stream()
            .anyMatch(
                a ->
                    a.direction() == Direction.CLIENT_TO_SERVER
                        && a.description().equals("close_notify")),
        r.trace().toString());
    assertFalse(r.diagnose().clientCode().isError());
  }

  @Test
  void aChosenIdentityIsShown() throws IOException {
    NtlmServer.Identity chosen =
        new NtlmServer.Identity(
            "TS01", "CONTOSO", "ts01.contoso.com", "contoso.com", "", NtlmVersion.of(6, 3, 9600));
    ProbeResult r = probe(RdpEmulator.builder(Scenario.NLA).ntlmIdentity(chosen), spec());
    NtlmIdentity id = r.facts().credssp().identity();
    assertEquals("TS01", id.nbComputerName());
    assertEquals("contoso.com", id.dnsDomainName());
    assertEquals("", id.dnsTreeName());
    assertEquals("6.3.9600", id.productVersion());
  }

  @Test
  void theRightPasswordIsAcceptedAndTheSequenceGoesOnToMcs() throws IOException {
    ProbeResult r = probe(Scenario.NLA, as(PASSWORD));
    assertClose(r, CloseKind.STOP_POINT_REACHED, Phase.CAPABILITIES);
    CredSspFacts f = r.facts().credssp();
    assertEquals(CredentialOutcome.ACCEPTED, f.outcome());
    assertEquals(USER, f.account());
    assertEquals(AuthorizationResult.AUTHZ_SUCCESS, f.earlyAuthorization());
    assertNotNull(r.facts().basicSettings());
    assertNull(r.spec().credentials(), "the result keeps no credentials");
    assertNeverShowsThePassword(r, PASSWORD);
    assertFalse(
        r.trace().eventsOf(TraceEvent.Pdu.class).stream()
            .anyMatch(
                p ->
                    p.direction() == Direction.CLIENT_TO_SERVER
                        && p.pdu() instanceof TsRequest t
                        && t.authInfo() != null),
        "the probe never sends TSCredentials");
  }

  @Test
  void aPasswordSupplierIsAskedOnceAndItsArrayOverwritten() throws IOException {
    java.util.List<char[]> given = new CopyOnWriteArrayList<>();
    ProbeSpec.Builder spec =
        spec()
            .credentials(
                USER,
                "",
                () -> {
                  char[] p = PASSWORD.toCharArray();
                  given.add(p);
                  return p;
                });
    ProbeResult r = probe(Scenario.NLA, spec.stopAfter(Phase.CREDSSP));
    assertEquals(CredentialOutcome.ACCEPTED, r.facts().credssp().outcome());
    assertEquals(1, given.size());
    assertEquals(new String(new char[PASSWORD.length()]), new String(given.get(0)));
    assertFalse(spec.build().toString().contains(PASSWORD));
    assertTrue(spec.build().toString().contains("account=" + USER), spec.build().toString());
  }

  @Test
  void hybridWithoutExHasNoEarlyAuthorization() throws IOException {
    ProbeResult r =
        probe(
            Scenario.NLA,
            as(PASSWORD)
                .requestedProtocols(
                    SecurityProtocols.of(SecurityProtocols.SSL, SecurityProtocols.HYBRID)));
    assertClose(r, CloseKind.STOP_POINT_REACHED, Phase.CAPABILITIES);
    assertEquals(SecurityProtocols.HYBRID, r.facts().negotiation().selectedProtocol());
    assertEquals(CredentialOutcome.ACCEPTED, r.facts().credssp().outcome());
    assertNull(r.facts().credssp().earlyAuthorization());
    assertTrue(r.trace().events().stream().noneMatch(e -> e.phase() == Phase.EARLY_USER_AUTH));
  }

  @Test
  void aWrongPasswordIsRejectedWithLogonFailure() throws IOException {
    ProbeResult r = probe(Scenario.NLA, as("not-the-password"));
    assertClose(r, CloseKind.REFUSED_BY_SERVER, Phase.CREDSSP);
    assertTrue(r.closed().detail().contains("STATUS_LOGON_FAILURE"), r.closed().detail());
    assertEquals(CredentialOutcome.REJECTED, r.facts().credssp().outcome());
    assertEquals(NtStatus.LOGON_FAILURE, r.facts().credssp().errorCode());
    assertNeverShowsThePassword(r, "not-the-password");
  }

  @Test
  void anExpiredPasswordIsNamed() throws IOException {
    ProbeResult r = probe(Scenario.NLA_PASSWORD_EXPIRED, as(PASSWORD));
    assertClose(r, CloseKind.REFUSED_BY_SERVER, Phase.CREDSSP);
    assertEquals(NtStatus.PASSWORD_EXPIRED, r.facts().credssp().errorCode());
  }

  @Test
  void aRequestWithoutHybridLearnsThatNlaIsRequired() throws IOException {
    ProbeResult r = probe(Scenario.NLA, spec().requestedProtocols(SecurityProtocols.SSL));
    assertClose(r, CloseKind.REFUSED_BY_SERVER, Phase.X224_NEGOTIATION);
    assertEquals(NlaPolicy.REQUIRED, r.facts().credssp().nla());
  }

  @Test
  void aVersion2ServerAcceptsTheRightPassword() throws IOException {
    ProbeResult r = probe(Scenario.NLA_VERSION_2, as(PASSWORD));
    assertClose(r, CloseKind.STOP_POINT_REACHED, Phase.CAPABILITIES);
    assertEquals(2, r.facts().credssp().serverVersion());
    assertEquals(CredentialOutcome.ACCEPTED, r.facts().credssp().outcome());
    TsRequest ours =
        r.trace().eventsOf(TraceEvent.Pdu.class).stream()
            .filter(
                p -> p.direction() == Direction.CLIENT_TO_SERVER && p.pdu() instanceof TsRequest)
            .map(p -> (TsRequest) p.pdu())
            .reduce((a, b) -> b)
            .orElseThrow();
    assertNull(ours.clientNonce(), "version 2: the public key itself, no nonce");
  }

  @Test
  void aVersion2ServerClosesOnAWrongPassword() throws IOException {
    ProbeResult r = probe(Scenario.NLA_VERSION_2, as("wrong"));
    assertClose(r, CloseKind.PEER_FIN, Phase.CREDSSP);
    assertTrue(r.closed().detail().contains("after our AUTHENTICATE"), r.closed().detail());
    assertEquals("TSRequest with the server's pubKeyAuth", r.closed().awaiting());
    assertEquals(CredentialOutcome.CLOSED_BY_SERVER, r.facts().credssp().outcome());
    assertNull(r.facts().credssp().errorCode());
  }

  @Test
  void aVersion6ServerUsesTheHashWithANonce() throws IOException {
    ProbeResult r = probe(Scenario.NLA, as(PASSWORD).stopAfter(Phase.CREDSSP));
    assertClose(r, CloseKind.STOP_POINT_REACHED, Phase.CREDSSP);
    assertTrue(r.closed().detail().contains("after CREDSSP"), r.closed().detail());
    assertEquals(6, r.facts().credssp().serverVersion());
    assertEquals(CredentialOutcome.ACCEPTED, r.facts().credssp().outcome());
    assertTrue(
        r.trace().eventsOf(TraceEvent.Pdu.class).stream()
            .anyMatch(
                p ->
                    p.direction() == Direction.CLIENT_TO_SERVER
                        && p.pdu() instanceof TsRequest t
                        && t.clientNonce() != null
                        && t.clientNonce().length() == 32));
  }

  @Test
  void aStopPointBeforeCredSspStillStops() throws IOException {
    ProbeResult r = probe(Scenario.NLA, as(PASSWORD).stopAfter(Phase.TLS_HANDSHAKE));
    assertClose(r, CloseKind.STOP_POINT_REACHED, Phase.TLS_HANDSHAKE);
    assertNull(r.facts().credssp().identity());
  }

  @Test
  void rstAfterNegotiate() throws IOException {
    ProbeResult r = probe(Scenario.NLA_RST_AFTER_NEGOTIATE, as(PASSWORD));
    assertClose(r, CloseKind.PEER_RST, Phase.CREDSSP);
    assertTrue(r.closed().detail().contains("RST after our NTLM NEGOTIATE"), r.closed().detail());
    assertEquals(CredentialOutcome.NOT_SENT, r.facts().credssp().outcome());
  }

  @Test
  void rstAfterAuthenticate() throws IOException {
    ProbeResult r = probe(Scenario.NLA_RST_AFTER_AUTHENTICATE, as(PASSWORD));
    assertClose(r, CloseKind.PEER_RST, Phase.CREDSSP);
    assertTrue(r.closed().detail().contains("RST after our AUTHENTICATE"), r.closed().detail());
    assertEquals(CredentialOutcome.RESET_BY_SERVER, r.facts().credssp().outcome());
  }

  @Test
  void earlyAuthorizationDenied() throws IOException {
    ProbeResult r = probe(Scenario.NLA_EARLY_AUTH_DENIED, as(PASSWORD));
    assertClose(r, CloseKind.REFUSED_BY_SERVER, Phase.EARLY_USER_AUTH);
    assertTrue(r.closed().detail().contains("AUTHZ_ACCESS_DENIED"), r.closed().detail());
    assertEquals(CredentialOutcome.ACCEPTED, r.facts().credssp().outcome());
    assertEquals(AuthorizationResult.AUTHZ_ACCESS_DENIED, r.facts().credssp().earlyAuthorization());
  }

  @Test
  void theEmulatorTracesTheExchangeFromItsSide() throws IOException {
    CopyOnWriteArrayList<Trace> server = new CopyOnWriteArrayList<>();
    ProbeResult r = probe(RdpEmulator.builder(Scenario.NLA).listener(server::add), as("wrong"));
    assertEquals(CloseKind.REFUSED_BY_SERVER, r.closed().kind());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    Trace t = server.get(0);
    assertTrue(
        t.events().stream()
            .anyMatch(
                e ->
                    e instanceof TraceEvent.Note n
                        && n.text().contains("logon refused with STATUS_LOGON_FAILURE")),
        t.toString());
    // the client's AUTHENTICATE is kept without its proofs on the emulator's side too
    assertTrue(
        t.eventsOf(TraceEvent.Pdu.class).stream()
            .anyMatch(
                p -> p.direction() == Direction.CLIENT_TO_SERVER && p.pdu() instanceof TsRequest));
    assertProofsZeroed(t, Direction.CLIENT_TO_SERVER);
  }

  /** No event of the trace, nor any string of the result, holds the password. */
  static void assertNeverShowsThePassword(ProbeResult r, String password) {
    byte[] utf16 = password.getBytes(StandardCharsets.UTF_16LE);
    byte[] ascii = password.getBytes(StandardCharsets.US_ASCII);
    for (TraceEvent e : r.trace().events()) {
      assertFalse(e.toString().contains(password), e.toString());
      if (e instanceof TraceEvent.Pdu p) {
        assertFalse(contains(p.raw(), utf16), p.name());
        assertFalse(contains(p.raw(), ascii), p.name());
      }
    }
    assertFalse(r.toString().contains(password));
    assertProofsZeroed(r.trace(), Direction.CLIENT_TO_SERVER);
  }

  /**
   * What would let anyone guess the password offline, the proofs of an AUTHENTICATE, are zeroed in
   * every TSRequest the trace keeps in {@code direction}.
   */
  static void assertProofsZeroed(Trace trace, Direction direction) {
    for (TraceEvent.Pdu p : trace.eventsOf(TraceEvent.Pdu.class)) {
      if (p.direction() != direction || !(p.pdu() instanceof TsRequest)) {
        continue;
      }
      TsRequest recorded = TsRequest.decode(io.netty.buffer.Unpooled.wrappedBuffer(p.raw()));
      if (recorded.pubKeyAuth() != null) {
        assertTrue(allZero(recorded.pubKeyAuth().toByteArray()), "pubKeyAuth in the trace");
      }
      if (recorded.negoToken() != null
          && NtlmMessage.decode(recorded.negoToken().asByteBuf())
              instanceof AuthenticateMessage a) {
        assertTrue(allZero(a.ntChallengeResponse().toByteArray()), "NTLMv2 response in the trace");
        assertTrue(allZero(a.lmChallengeResponse().toByteArray()), "LM response in the trace");
        assertTrue(
            allZero(a.encryptedRandomSessionKey().toByteArray()), "session key in the trace");
        assertTrue(a.mic() == null || allZero(a.mic().toByteArray()), "MIC in the trace");
      }
    }
  }

  static boolean allZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
