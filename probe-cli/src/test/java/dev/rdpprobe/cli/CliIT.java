package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import org.junit.jupiter.api.Test;

/** The packaged command, run as a process against the emulator and bad input. */
class CliIT {
  @Test
  void versionPrintsOneLine() throws Exception {
    CliProcess.Result r = CliProcess.run("version");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("rdp-probe "), r.toString());
  }

  @Test
  void probeAgainstTheEmulatorPrintsTheTraceAndSucceeds() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY)) {
      CliProcess.Result r =
          CliProcess.run("127.0.0.1:" + e.port(), "--stop-after", "X224_NEGOTIATION");
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.out().contains("->  X224_NEGOTIATION  X.224 Connection Request"), r.toString());
      assertTrue(r.out().contains("<-  X224_NEGOTIATION  X.224 Connection Confirm"), r.toString());
      assertTrue(r.out().contains("closed: STOP_POINT_REACHED"), r.toString());
    }
  }

  @Test
  void aResetIsAFailureWithTheCloseLine() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.RST_AFTER_CONNECTION_REQUEST)) {
      CliProcess.Result r = CliProcess.run("127.0.0.1:" + e.port());
      assertEquals(1, r.exitCode(), r.toString());
      assertTrue(r.out().contains("closed: PEER_RST by PEER"), r.toString());
    }
  }

  @Test
  void aClosedPortIsRefusedInTcpConnect() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.NOT_LISTENING)) {
      CliProcess.Result r = CliProcess.run("127.0.0.1:" + e.port());
      assertEquals(1, r.exitCode(), r.toString());
      assertTrue(r.out().contains("TCP_CONNECT       closed: CONNECT_REFUSED"), r.toString());
    }
  }

  @Test
  void badInputIsOneLineAndExitCode2() throws Exception {
    for (String[] args :
        new String[][] {
          {"host:99999"},
          {"--protocols", "ssl|bogus", "host"},
          {"--deadline", "abc", "host"},
          {"serve", "--scenario", "nope", "--port", "0"}
        }) {
      CliProcess.Result r = CliProcess.run(args);
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().startsWith("rdp-probe: "), r.toString());
      assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    }
  }

  @Test
  void demoExplainsTheHealthyServerAndTheClassicFailures() throws Exception {
    CliProcess.Result r = CliProcess.run("demo");
    assertEquals(0, r.exitCode(), r.toString());
    for (Scenario s : DemoCommand.SCENARIOS) {
      assertTrue(r.out().contains("=== emulator scenario " + s.cliName()), s.cliName());
    }
    assertTrue(
        r.out().contains("diagnosis: error code 0x904, extended error code 0x7"), r.toString());
    assertTrue(r.out().contains("diagnosis: error code 0x204"), r.toString());
    assertTrue(r.out().contains("TLS ServerHello"), r.toString());
  }

  @Test
  void serveListNamesEveryScenario() throws Exception {
    CliProcess.Result r = CliProcess.run("serve", "--list");
    assertEquals(0, r.exitCode(), r.toString());
    for (Scenario s : Scenario.values()) {
      assertTrue(r.out().contains(s.cliName()), s.cliName());
    }
  }
}
