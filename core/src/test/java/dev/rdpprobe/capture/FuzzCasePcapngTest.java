package dev.rdpprobe.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.fuzz.CaseFiles;
import dev.rdpprobe.fuzz.FuzzCase;
import dev.rdpprobe.fuzz.ServerFuzzer;
import dev.rdpprobe.trace.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each fuzz case written out with its connection as a pcapng, the probe's own writer's: tshark
 * opens it, decrypts the TLS with the file's secrets and finds the mutated MCS Connect Initial that
 * the case's sent.bin holds; the capture reader reads the same connection back.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FuzzCasePcapngTest {
  @TempDir Path out;

  @Test
  void everyKeptCaseHasAPcapngTsharkDecrypts() throws Exception {
    ServerFuzzer.Report r;
    try (RdpEmulator e = RdpEmulator.start(Scenario.HEALTHY);
        ServerFuzzer f =
            ServerFuzzer.create(
                ServerFuzzer.Spec.of(
                        ProbeSpec.builder("127.0.0.1")
                            .port(e.port())
                            .connectTimeout(Duration.ofSeconds(2))
                            .idleTimeout(Duration.ofMillis(500))
                            .deadline(Duration.ofSeconds(10))
                            .build(),
                        Phase.BASIC_SETTINGS,
                        6,
                        3)
                    .rate(0)
                    .traces(true)
                    .out(out))) {
      r = f.run(c -> {});
    }
    assertEquals(6, r.cases().size(), r.stoppedBecause());
    int decoded = 0;
    for (FuzzCase c : r.cases()) {
      Path dir = out.resolve("cases").resolve(String.format("%06d", c.number()));
      Path pcapng = dir.resolve(CaseFiles.PCAPNG);
      assertTrue(Files.isRegularFile(pcapng), dir.toString());
      // the TLS opened with the file's own secrets: the client's Finished, encrypted under TLS
      // 1.3, reads as a Finished
      List<String> finished =
          Tshark.decodedAs(
              pcapng,
              "tcp.dstport == 3389 && tls.handshake.type == 20",
              "tcp.port==3389,tls",
              "tcp.srcport");
      assertEquals(1, finished.size(), c.line() + ": " + finished);
      // and RDP inside it, unless the mutated frame is cut short
      decoded +=
          Tshark.decodedAs(
                  pcapng, "tls && tpkt && tcp.dstport == 3389", "tcp.port==3389,tls", "tcp.srcport")
              .size();
      CaptureAnalysis.Result read = CaptureAnalysis.analyze(pcapng);
      assertEquals(1, read.flows().size(), c.line());
      // every byte the probe sent, the mutated PDU's included, is in the file
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\"bytesSent\"\\s*:\\s*(\\d+)")
              .matcher(Files.readString(dir.resolve(CaseFiles.TRACE)));
      assertTrue(m.find(), dir.toString());
      assertEquals(
          Long.parseLong(m.group(1)),
          read.flows().get(0).trace().closed().orElseThrow().clientOffset(),
          c.line());
    }
    assertTrue(decoded > 0, "tshark dissects a decrypted client TPKT frame");
  }
}
