package dev.rdpprobe.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.testing.PacketCapture;
import dev.rdpprobe.tls.TlsOffer;
import dev.rdpprobe.tls.TlsVersion;
import dev.rdpprobe.trace.CloseKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's key log opens its own capture: tshark, given the NSS key-log lines, decrypts the
 * encrypted handshake messages of a TLS 1.3 and a TLS 1.2 session captured on loopback, and cannot
 * without them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KeyLogCaptureTest {
  @TempDir Path dir;

  @Test
  void tsharkDecryptsTheProbesSessionsWithItsKeyLog() throws Exception {
    List<String> keyLog = new ArrayList<>();
    Path pcap;
    try (RdpEmulator emulator = RdpEmulator.start(Scenario.HEALTHY);
        RdpProbe probe = RdpProbe.create()) {
      PacketCapture capture = PacketCapture.start(dir, emulator.port());
      try (capture) {
        for (TlsOffer offer :
            List.of(TlsOffer.windowsDefault(), TlsOffer.only(TlsVersion.TLS_1_2))) {
          ProbeResult r =
              probe
                  .probe(
                      ProbeSpec.builder("127.0.0.1")
                          .port(emulator.port())
                          .tlsOffer(offer)
                          .keyLog(true)
                          .build())
                  .orTimeout(30, TimeUnit.SECONDS)
                  .join();
          assertEquals(CloseKind.STOP_POINT_REACHED, r.closed().kind(), r.closed().detail());
          keyLog.addAll(r.keyLog());
        }
        Thread.sleep(500); // let the last segments reach the capture file
      }
      pcap = capture.file();
      Path keyLogFile = dir.resolve("keys.log");
      Files.write(keyLogFile, keyLog);
      String filter = "tls.handshake.type == 11 || tls.handshake.type == 20";

      List<String> decrypted =
          capture.tshark(
              "-o",
              "tls.keylog_file:" + keyLogFile,
              "-Y",
              filter,
              "-T",
              "fields",
              "-e",
              "tcp.stream",
              "-e",
              "tls.handshake.type");
      // stream 0, TLS 1.3: the server's encrypted Certificate (11) and both Finished (20)
      assertTrue(
          decrypted.stream().anyMatch(l -> l.startsWith("0\t") && l.contains("11")),
          "TLS 1.3 Certificate decrypted: " + decrypted);
      assertEquals(
          2,
          decrypted.stream().filter(l -> l.startsWith("0\t") && l.contains("20")).count(),
          "both TLS 1.3 Finished decrypted: " + decrypted);
      // stream 1, TLS 1.2: both Finished messages are encrypted
      assertEquals(
          2,
          decrypted.stream().filter(l -> l.startsWith("1\t") && l.contains("20")).count(),
          "both TLS 1.2 Finished decrypted: " + decrypted);

      List<String> without =
          capture.tshark(
              "-Y", filter, "-T", "fields", "-e", "tcp.stream", "-e", "tls.handshake.type");
      assertTrue(
          without.stream().noneMatch(l -> l.contains("20")),
          "without the key log nothing encrypted is readable: " + without);
    }
    assertTrue(Files.size(pcap) > 0);
  }
}
