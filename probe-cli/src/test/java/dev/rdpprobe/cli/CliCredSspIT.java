package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.credssp.TsRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI with NLA: the NTLM identity, --user with the password from a file or the environment, for
 * the probe and the doctor.
 */
class CliCredSspIT {
  static final String PASSWORD = "rdpprobe-Pass1";

  @TempDir Path dir;

  @Test
  void withoutCredentialsTheTextShowsTheNtlmIdentity() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.NLA)) {
      CliProcess.Result r = CliProcess.run("127.0.0.1:" + e.port());
      assertEquals(0, r.exitCode(), r.toString());
      String out = r.out();
      assertTrue(
          out.contains(
              "ntlm: computer RDP-EMULATOR (rdp-emulator.rdpprobe.test), domain RDPPROBE"
                  + " (rdpprobe.test), forest rdpprobe.test, version 10.0.20348"),
          out);
      assertTrue(out.contains("nla: supported"), out);
      assertTrue(out.contains("CredSSP version 6"), out);
      assertTrue(out.contains("credentials: NOT_ATTEMPTED"), out);
      assertTrue(out.contains("closed: STOP_POINT_REACHED"), out);
    }
  }

  @Test
  void thePasswordFromAFileIsProvedAndNeverPrinted() throws Exception {
    Path file = dir.resolve("password");
    Files.writeString(file, PASSWORD + "\n", StandardCharsets.UTF_8);
    try (RdpEmulator e = RdpEmulator.start(Scenario.NLA)) {
      CliProcess.Result r =
          CliProcess.run(
              "127.0.0.1:" + e.port(),
              "--user",
              "rdpprobe",
              "--password-file",
              file.toString(),
              "--json",
              "--hex");
      assertEquals(0, r.exitCode(), r.toString());
      assertFalse(r.out().contains(PASSWORD), "the password is never printed");
      JsonNode c = new ObjectMapper().readTree(r.out()).get("facts").get("credssp");
      assertEquals("SUPPORTED", c.get("nla").asText());
      assertEquals(6, c.get("serverVersion").asInt());
      assertEquals("rdpprobe", c.get("account").asText());
      assertEquals("ACCEPTED", c.get("credentials").asText());
      assertEquals("AUTHZ_SUCCESS", c.get("earlyAuthorization").asText());
      JsonNode n = c.get("ntlm");
      assertEquals("RDP-EMULATOR", n.get("nbComputerName").asText());
      assertEquals("rdpprobe.test", n.get("dnsTreeName").asText());
      assertEquals("10.0.20348", n.get("productVersion").asText());
      assertTrue(Math.abs(n.get("clockSkewMs").asLong()) < 5000, n.toString());
    }
  }

  @Test
  void aWrongPasswordFromTheEnvironmentIsRejectedWithItsCode() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.NLA)) {
      CliProcess.Result r =
          CliProcess.run(
              Map.of(CredentialOptions.PASSWORD_VARIABLE, "not-it"),
              "127.0.0.1:" + e.port(),
              "--user",
              "rdpprobe",
              "--domain",
              "RDPPROBE");
      assertEquals(1, r.exitCode(), r.toString());
      String out = r.out();
      assertTrue(out.contains("credentials: REJECTED for RDPPROBE\\rdpprobe"), out);
      assertTrue(out.contains("STATUS_LOGON_FAILURE (0xc000006d)"), out);
      assertTrue(out.contains("diagnosis: error code 0x807"), out);
      assertFalse(out.contains("not-it"), out);
    }
  }

  /**
   * {@code doctor} takes the probe's credential options (issue 18): the baseline proves the account
   * once and shows the outcome; no follow-up sends an AUTHENTICATE, which the emulator's traces of
   * every connection show.
   */
  @Test
  void doctorTakesTheCredentialOptionsAndProvesThemOnce() throws Exception {
    Path file = dir.resolve("password");
    Files.writeString(file, PASSWORD + "\n", StandardCharsets.UTF_8);
    List<Trace> traces = new CopyOnWriteArrayList<>();
    try (RdpEmulator e = RdpEmulator.builder(Scenario.NLA).listener(traces::add).start()) {
      CliProcess.Result r =
          CliProcess.run(
              "doctor",
              "--user",
              "rdpprobe",
              "--password-file",
              file.toString(),
              "127.0.0.1:" + e.port(),
              "--delay",
              "20");
      assertTrue(r.exitCode() == 0 || r.exitCode() == 1, r.toString());
      String out = r.out();
      assertTrue(out.startsWith("rdp-probe doctor 127.0.0.1:" + e.port() + "\n"), r.toString());
      assertTrue(out.contains("credentials: ACCEPTED for rdpprobe"), out);
      assertTrue(out.contains("== follow-ups"), out);
      assertFalse(out.contains(PASSWORD), "the password is never printed");
      assertFalse(r.err().contains(PASSWORD), "nor logged");
      // the CLI has exited, so every connection has ended; its trace comes a moment later
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (traces.size() < 2 && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      Thread.sleep(200);
      long authenticates =
          traces.stream()
              .filter(
                  t ->
                      t.eventsOf(TraceEvent.Pdu.class).stream()
                          .anyMatch(
                              p ->
                                  p.direction() == Direction.CLIENT_TO_SERVER
                                      && p.pdu() instanceof TsRequest q
                                      && q.negoToken() != null
                                      && q.negoToken().length() > 8
                                      && q.negoToken().get(8) == 3))
              .count();
      assertTrue(traces.size() > 1, "the doctor ran follow-ups: " + traces.size());
      assertEquals(1, authenticates, "connections that sent an NTLM AUTHENTICATE");
    }
  }

  @Test
  void doctorWithAWrongPasswordShowsTheRejectionAndFails() throws Exception {
    try (RdpEmulator e = RdpEmulator.start(Scenario.NLA)) {
      CliProcess.Result r =
          CliProcess.run(
              Map.of(CredentialOptions.PASSWORD_VARIABLE, "not-it"),
              "doctor",
              "127.0.0.1:" + e.port(),
              "--user",
              "rdpprobe",
              "--delay",
              "20",
              "--json");
      assertEquals(1, r.exitCode(), r.toString());
      assertFalse(r.out().contains("not-it"), r.out());
      JsonNode c = new ObjectMapper().readTree(r.out()).get("baseline").get("facts").get("credssp");
      assertEquals("REJECTED", c.get("credentials").asText());
      assertEquals("rdpprobe", c.get("account").asText());
    }
  }

  @Test
  void doctorCredentialOptionsAreCheckedLikeTheProbes() throws Exception {
    CliProcess.Result r = CliProcess.run("doctor", "--domain", "CORP", "127.0.0.1:1");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--domain needs --user"), r.toString());
    assertFalse(r.err().contains("Unknown option"), r.toString());
  }

  @Test
  void noPasswordAndNoTerminalIsAUsageError() throws Exception {
    CliProcess.Result r = CliProcess.run("127.0.0.1:1", "--user", "rdpprobe");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("RDP_PROBE_PASSWORD"), r.toString());
  }

  @Test
  void thereIsNoPasswordOption() throws Exception {
    CliProcess.Result r =
        CliProcess.run("127.0.0.1:1", "--user", "rdpprobe", "--password", "secret");
    assertEquals(2, r.exitCode(), r.toString());
  }
}
