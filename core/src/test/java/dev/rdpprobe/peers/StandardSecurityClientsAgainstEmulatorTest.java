package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.facts.BadSignature;
import dev.rdpprobe.testing.FreeRdpClient;
import dev.rdpprobe.testing.Peers;
import dev.rdpprobe.testing.RdesktopClient;
import dev.rdpprobe.testing.XvfbDisplay;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real clients through the emulator's Standard RDP Security: xfreerdp 2.11 with {@code /sec:rdp
 * +auth-only} at every level reaches an active session (the emulator decrypts its salted RC4 and
 * its FIPS PDUs and checks their signatures; xfreerdp decrypts the emulator's and accepts its
 * proprietary certificate); rdesktop 1.9 at every RC4 level and at NONE reaches the Font Map.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StandardSecurityClientsAgainstEmulatorTest {
  private static final Duration CLIENT_LIMIT = Duration.ofSeconds(30);

  @TempDir static Path dir;

  private static XvfbDisplay xvfb;
  private static FreeRdpClient xfreerdp;
  private static RdesktopClient rdesktop;

  @BeforeAll
  static void startDisplay() throws Exception {
    Peers.require("xfreerdp", "freerdp2-x11");
    Peers.require("rdesktop", "rdesktop");
    xvfb = XvfbDisplay.start(dir);
    xfreerdp = FreeRdpClient.create(dir, xvfb);
    rdesktop = RdesktopClient.create(dir, xvfb);
  }

  @AfterAll
  static void stopDisplay() throws Exception {
    if (xvfb != null) {
      xvfb.close();
    }
  }

  private record Outcome(FreeRdpClient.Run run, List<Trace> traces) {
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

  private static Outcome xfreerdp(Scenario scenario) throws Exception {
    List<Trace> traces = new CopyOnWriteArrayList<>();
    try (RdpEmulator emulator =
        RdpEmulator.builder(scenario)
            .maxConnectionTime(CLIENT_LIMIT)
            .listener(traces::add)
            .start()) {
      List<String> args = new ArrayList<>();
      args.add("/v:127.0.0.1:" + emulator.port());
      args.addAll(
          List.of(
              "/u:rdpprobe",
              "/p:x",
              "/sec:rdp",
              "/cert:ignore",
              "+auth-only",
              "/timeout:2000",
              "/log-filters:com.freerdp.core.connection:DEBUG"));
      FreeRdpClient.Run run = xfreerdp.run(CLIENT_LIMIT, args.toArray(String[]::new));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (traces.isEmpty() && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      Thread.sleep(100);
      Outcome o = new Outcome(run, List.copyOf(traces));
      assertFalse(run.timedOut(), "xfreerdp hit the hard time limit:\n" + o);
      return o;
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {
        "RDP_SECURITY_NONE",
        "RDP_SECURITY_LOW",
        "RDP_SECURITY_CLIENT_COMPATIBLE",
        "RDP_SECURITY_HIGH",
        "RDP_SECURITY_FIPS"
      })
  void xfreerdpReachesAnActiveSession(Scenario scenario) throws Exception {
    Outcome o = xfreerdp(scenario);
    assertTrue(
        o.run().logged("CONNECTION_STATE_FINALIZATION --> CONNECTION_STATE_ACTIVE"), o.toString());
    assertEquals(0, o.run().exitCode(), o.toString());
    Trace t = o.trace();
    assertTrue(
        t.eventsOf(TraceEvent.Pdu.class).stream()
            .anyMatch(
                e ->
                    e.direction() == Direction.SERVER_TO_CLIENT && e.name().equals("Font Map PDU")),
        o.toString());
    assertNoBadSignature(t, o.toString());
    if (scenario != Scenario.RDP_SECURITY_NONE) {
      // xfreerdp salts its signatures from the Client Info on; the emulator checked them so
      assertTrue(
          clientPdu(t, "Client Info PDU").summary().contains("salted MAC valid"), o.toString());
    }
  }

  /**
   * rdesktop 1.9 at every RC4 level (it offers 40- and 128-bit RC4, no FIPS): it reaches the Font
   * Map and goes on with its session, its PDUs decrypted and their signatures checked, until the
   * emulator ends the connection after its idle timeout.
   */
  @ParameterizedTest
  @EnumSource(
      value = Scenario.class,
      names = {"RDP_SECURITY_LOW", "RDP_SECURITY_CLIENT_COMPATIBLE", "RDP_SECURITY_HIGH"})
  void rdesktopReachesAnActiveSession(Scenario scenario) throws Exception {
    RdesktopOutcome o = rdesktop(scenario);
    Trace t = o.trace();
    assertTrue(
        t.eventsOf(TraceEvent.Pdu.class).stream()
            .anyMatch(
                e ->
                    e.direction() == Direction.SERVER_TO_CLIENT && e.name().equals("Font Map PDU")),
        o.toString());
    assertNoBadSignature(t, o.toString());
    // rdesktop signs plainly; the emulator checked every signature up to the Font List
    assertTrue(
        clientPdu(t, "Client Info PDU").summary().contains("decrypted, PDU #0, MAC valid"),
        o.toString());
    assertTrue(clientPdu(t, "Font List PDU").summary().contains(" MAC valid"), o.toString());
    assertTrue(clientPdu(t, "Confirm Active PDU").summary().contains(" MAC valid"), o.toString());
  }

  /**
   * rdesktop 1.9 encrypts at level NONE all the same (its encryption switch is its own, and {@code
   * -E} only stops it after the logon): it sends a Security Exchange PDU with no key to encrypt to
   * (8 bytes of padding and nothing else), which the emulator records and passes over as xrdp does,
   * then a Client Info PDU with SEC_ENCRYPT under keys no server random made, which no server can
   * read.
   */
  @org.junit.jupiter.api.Test
  void rdesktopEncryptsAtLevelNoneAllTheSame() throws Exception {
    RdesktopOutcome o = rdesktop(Scenario.RDP_SECURITY_NONE);
    Trace t = o.trace();
    TraceEvent.Pdu exchange = clientPdu(t, "Client Security Exchange PDU");
    assertTrue(exchange.summary().contains("at level NONE"), o.toString());
    TraceEvent.Undecodable info =
        t.eventsOf(TraceEvent.Undecodable.class).stream().findFirst().orElseThrow();
    assertTrue(info.error().contains("SEC_ENCRYPT"), o.toString());
    assertEquals(CloseKind.MALFORMED_PDU, t.closed().orElseThrow().kind(), o.toString());
  }

  private record RdesktopOutcome(RdesktopClient.Run run, List<Trace> traces) {
    Trace trace() {
      assertEquals(1, traces.size(), "connections to the emulator:\n" + this);
      return traces.get(0);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(run.describe());
      traces.forEach(t -> b.append("--- emulator trace\n").append(t));
      return b.toString();
    }
  }

  private static RdesktopOutcome rdesktop(Scenario scenario) throws Exception {
    List<Trace> traces = new CopyOnWriteArrayList<>();
    RdesktopClient.Run run;
    try (RdpEmulator emulator =
        RdpEmulator.builder(scenario)
            .idleTimeout(Duration.ofSeconds(2))
            .maxConnectionTime(CLIENT_LIMIT)
            .listener(traces::add)
            .start()) {
      List<String> args = new ArrayList<>(List.of("-u", "rdpprobe", "-g", "800x600", "-a", "16"));
      args.add("127.0.0.1:" + emulator.port());
      run = rdesktop.run(CLIENT_LIMIT, args.toArray(String[]::new));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (traces.isEmpty() && System.nanoTime() < end) {
        Thread.sleep(20);
      }
    }
    RdesktopOutcome o = new RdesktopOutcome(run, List.copyOf(traces));
    assertFalse(run.timedOut(), o.toString());
    return o;
  }

  private static TraceEvent.Pdu clientPdu(Trace t, String name) {
    return t.eventsOf(TraceEvent.Pdu.class).stream()
        .filter(e -> e.direction() == Direction.CLIENT_TO_SERVER && e.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " from the client:\n" + t));
  }

  private static void assertNoBadSignature(Trace t, String why) {
    assertTrue(
        t.eventsOf(TraceEvent.Note.class).stream()
            .noneMatch(n -> n.detail() instanceof BadSignature),
        why);
  }
}
