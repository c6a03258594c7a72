package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI with NLA: the NTLM identity, --user with the password from a file or the environment. */
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
