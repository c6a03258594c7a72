package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rdpprobe.testing.XrdpServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command against a real xrdp, in text and in JSON. */
class CliXrdpIT {
  @TempDir Path dir;

  @Test
  void probesXrdpThroughTls() throws Exception {
    try (XrdpServer xrdp =
        XrdpServer.start(dir, new XrdpServer.Config().securityLayer("negotiate"))) {
      CliProcess.Result text = CliProcess.run("127.0.0.1:" + xrdp.port());
      assertEquals(0, text.exitCode(), text.toString());
      assertTrue(text.out().contains("selectedProtocol=SSL"), text.toString());
      assertTrue(text.out().contains("TLS ServerHello"), text.toString());
      assertTrue(text.out().contains("certificate 0: CN=rdp-probe-test"), text.toString());
      assertTrue(text.out().contains("diagnosis: no error"), text.toString());

      CliProcess.Result json = CliProcess.run("--json", "127.0.0.1:" + xrdp.port());
      assertEquals(0, json.exitCode(), json.toString());
      JsonNode doc = new ObjectMapper().readTree(json.out());
      assertEquals("SSL", doc.at("/facts/negotiation/selectedProtocol").asText());
      assertEquals("CN=rdp-probe-test", doc.at("/facts/tls/certificates/0/subject").asText());
      assertEquals("SELF_SIGNED", doc.at("/facts/tls/objections/0/kind").asText());
    }
  }
}
