package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.connect.ConnectorConfig;
import dev.rdpprobe.facts.ServerFacts;
import dev.rdpprobe.facts.StandardSecurityFacts;
import dev.rdpprobe.rdpsec.EncryptionMethod;
import dev.rdpprobe.testing.BlockingProbe;
import dev.rdpprobe.testing.ShadowServer;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import dev.rdpprobe.wire.share.FontMapPdu;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * FreeRDP's shadow server with {@code /sec:rdp}: a second server implementation of Standard RDP
 * Security that the probe follows through the Security Exchange to the Font Map.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShadowStandardSecurityTest {
  @TempDir Path dir;

  @Test
  void theProbeFollowsStandardSecurityToTheFontMap() throws Exception {
    try (ShadowServer shadow = ShadowServer.start(dir, "rdp", "rdpprobe", "rdpprobe-Pass1")) {
      // from 127.0.0.2: FreeRDP turns encryption off for a peer at 127.0.0.1
      Trace trace =
          BlockingProbe.run(
              InetAddress.getByName("127.0.0.2"),
              shadow.port(),
              ConnectorConfig.builder()
                  .requestedProtocols(SecurityProtocols.RDP)
                  .stopAfter(Phase.FINALIZATION)
                  .build(),
              5_000,
              20_000);
      TraceEvent.Closed c = trace.closed().orElseThrow();
      String why = c.detail() + "\n" + trace + "\n" + shadow.logs();
      assertEquals(CloseKind.STOP_POINT_REACHED, c.kind(), why);
      assertEquals(FontMapPdu.NAME, c.lastServerPdu(), why);
      StandardSecurityFacts f = ServerFacts.of(trace).standardSecurity();
      // FreeRDP's server at ENCRYPTION_LEVEL_CLIENT_COMPATIBLE picks the strongest RC4 offered
      assertEquals(EncryptionMethod.RC4_128, f.selectedMethod().orElseThrow(), f.summary());
      assertEquals(EncryptionLevel.CLIENT_COMPATIBLE, f.level(), f.summary());
      assertTrue(f.exchangeSent(), f.summary());
      assertEquals(32, f.serverRandom().length(), f.summary());
      assertTrue(f.keyBits() >= 512, f.summary());
      assertEquals(List.of(), f.badSignatures(), why);
    }
  }
}
