package dev.rdpprobe.capture;

import static dev.rdpprobe.capture.OwnCaptures.epoch;
import static dev.rdpprobe.capture.OwnCaptures.messages;
import static dev.rdpprobe.capture.OwnCaptures.port;
import static dev.rdpprobe.capture.OwnCaptures.streams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.doctor.Doctor;
import dev.rdpprobe.doctor.DoctorReport;
import dev.rdpprobe.doctor.DoctorSpec;
import dev.rdpprobe.doctor.FollowUp;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.TraceEvent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor writes every connection of an examination to one pcapng file ({@code
 * DoctorSpec.pcap}): its follow-ups run side by side, and each is its own TCP flow with its real
 * times and its TLS secrets. tshark counts the flows the doctor reports and opens every TLS
 * handshake from the file alone; analysing the file gives each connection the doctor's own ending.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DoctorPcapTest {
  @TempDir static Path dir;

  /** One examination, its file and the file analysed. */
  private record Examined(
      DoctorReport report, Path file, int written, CaptureAnalysis.Result analysis) {
    /** Every connection the doctor reports: the baseline and each follow-up. */
    List<ProbeResult> connections() {
      List<ProbeResult> out = new ArrayList<>();
      out.add(report.baseline());
      report.followUps().stream().map(FollowUp::result).forEach(out::add);
      return out;
    }
  }

  private final List<Examined> examined = new ArrayList<>();

  @BeforeAll
  void examineTwoServersEachIntoItsFile() throws Exception {
    try (RdpProbe probe = RdpProbe.create()) {
      Doctor doctor = Doctor.create(probe);
      for (String scenario : List.of("healthy", "neg-failure-ssl-required-by-server")) {
        Path file = dir.resolve(scenario + ".pcapng");
        DoctorReport report;
        int written;
        try (ProbePcap pcap = ProbePcap.create(file);
            RdpEmulator emulator = RdpEmulator.start(Scenario.parse(scenario))) {
          DoctorSpec spec =
              DoctorSpec.builder("127.0.0.1")
                  .port(emulator.port())
                  .probeSettings(
                      ProbeSpec.builder("127.0.0.1")
                          .idleTimeout(Duration.ofMillis(1500))
                          .deadline(Duration.ofSeconds(10))
                          .build())
                  .deadline(Duration.ofSeconds(60))
                  .pcap(pcap)
                  .build();
          report = doctor.examine(spec).orTimeout(80, TimeUnit.SECONDS).join();
          written = pcap.connections();
        }
        examined.add(new Examined(report, file, written, CaptureAnalysis.analyze(file)));
      }
    }
  }

  @Test
  void everyConnectionOfTheExaminationIsItsOwnFlow() throws Exception {
    assertTrue(
        examined.get(0).report().followUps().size() >= 5,
        examined.get(0).report().followUps().toString());
    for (Examined e : examined) {
      assertTrue(e.report().followUps().stream().noneMatch(FollowUp::repeatedAlone));
      List<ProbeResult> all = e.connections();
      assertEquals(all.size(), e.written());
      // tshark: one TCP conversation per connection, from the client port the doctor's probe had
      TreeSet<String> streams =
          new TreeSet<>(
              Tshark.fields(e.file(), "tcp.flags.syn == 1 && tcp.flags.ack == 0", "tcp.srcport"));
      TreeSet<String> ports = new TreeSet<>();
      for (ProbeResult r : all) {
        ports.add(port(r.trace().header().client()));
      }
      assertEquals(all.size(), ports.size(), "distinct client ports");
      assertEquals(ports, streams);
      assertEquals(all.size(), e.analysis().flows().size(), e.analysis().otherFlows().toString());
    }
  }

  @Test
  void eachFlowsPacketsHaveTheConnectionsOwnTimes() throws Exception {
    for (Examined e : examined) {
      eachFlowsPacketsHaveTheConnectionsOwnTimes(e);
    }
  }

  private static void eachFlowsPacketsHaveTheConnectionsOwnTimes(Examined e) throws Exception {
    Map<String, List<BigDecimal>> times = new HashMap<>();
    streams(e.file()).forEach(s -> times.put(s.clientPort(), s.times()));
    for (ProbeResult r : e.connections()) {
      List<BigDecimal> t = times.get(port(r.trace().header().client()));
      for (int i = 1; i < t.size(); i++) {
        assertTrue(t.get(i - 1).compareTo(t.get(i)) <= 0, "in time order within the flow: " + t);
      }
      Instant start = r.trace().header().startedAt();
      long connected = r.trace().eventsOf(TraceEvent.Connected.class).get(0).nanos();
      long closed = r.trace().closed().orElseThrow().nanos();
      assertEquals(epoch(start, connected), t.get(0), "the SYN at the connect time");
      assertEquals(epoch(start, closed), t.get(t.size() - 1), "the last packet at the close");
    }
  }

  @Test
  void tsharkOpensEveryTlsHandshakeFromTheFilesSecrets() throws Exception {
    // the Finished messages are encrypted in TLS 1.2 and 1.3: tshark shows them only decrypted
    Examined e = examined.get(0);
    List<String> finished =
        Tshark.decodedAs(e.file(), "tls.handshake.type == 20", "tcp.port==3389,tls", "tcp.srcport");
    List<String> mcs =
        Tshark.decodedAs(e.file(), "rdp.client.coreData", "tcp.port==3389,tls", "tcp.srcport");
    int tls = 0;
    for (ProbeResult r : e.connections()) {
      String port = port(r.trace().header().client());
      if (r.trace().eventsOf(TraceEvent.Tls.class).stream()
          .anyMatch(t -> t.message().equals("Finished"))) {
        tls++;
        assertTrue(finished.contains(port), "the Finished of " + port + " decrypted: " + finished);
      }
      if (r.trace().events().stream()
          .anyMatch(
              event ->
                  event instanceof TraceEvent.Pdu p
                      && p.phase() == Phase.BASIC_SETTINGS
                      && p.name().contains("Connect Initial"))) {
        assertTrue(mcs.contains(port), "the MCS Connect Initial of " + port + ": " + mcs);
      }
    }
    assertTrue(tls >= 3, "several TLS connections: " + tls);
    assertTrue(!mcs.isEmpty());
  }

  private static TreeSet<CauseId> causes(Diagnosis d) {
    TreeSet<CauseId> causes = new TreeSet<>();
    for (Cause c : d.causes()) {
      causes.add(c.id());
    }
    return causes;
  }

  @Test
  void analysingTheFileGivesEveryConnectionTheDoctorsEnding() {
    List<String> differ = new ArrayList<>();
    int stopped = 0;
    int ended = 0;
    int cbc = 0;
    for (Examined e : examined) {
      Map<String, CaptureAnalysis.Flow> byClient = new LinkedHashMap<>();
      for (CaptureAnalysis.Flow f : e.analysis().flows()) {
        byClient.put(f.client(), f);
      }
      for (ProbeResult r : e.connections()) {
        String client = r.trace().header().client();
        CaptureAnalysis.Flow f = byClient.get(client);
        Diagnosis live = r.diagnose();
        Diagnosis captured = f.diagnosis();
        if (r.facts().tls() != null && r.facts().tls().cipherSuite().contains("_CBC_")) {
          cbc++; // the cipher family follow-up: the file opens AES-CBC with HMAC too
        }
        if (!messages(r.trace()).equals(messages(f.trace()))) {
          differ.add(client + ": live " + messages(r.trace()) + ", capture " + messages(f.trace()));
        }
        boolean same;
        if (live.closeKind() == CloseKind.STOP_POINT_REACHED) {
          // a capture cannot know a probe's stop point: it sees the client's FIN, in the phase the
          // stop point completed or the one after it, with the same causes
          stopped++;
          List<Object> a = List.of(CloseKind.CLIENT_FIN, live.closedBy(), causes(live));
          List<Object> b = List.of(captured.closeKind(), captured.closedBy(), causes(captured));
          same = a.equals(b) && captured.phase().compareTo(live.phase()) >= 0;
        } else {
          ended++;
          same = OwnCaptures.ending(live).equals(OwnCaptures.ending(captured));
        }
        if (!same) {
          differ.add(
              client
                  + ": live "
                  + OwnCaptures.ending(live)
                  + ", capture "
                  + OwnCaptures.ending(captured));
        }
      }
    }
    assertEquals(List.of(), differ);
    assertTrue(stopped > 0 && ended > 0, stopped + " stopped, " + ended + " ended otherwise");
    assertTrue(cbc > 0, "a connection with an AES-CBC suite");
  }
}
