package dev.rdpprobe.capture;

import static dev.rdpprobe.capture.OwnCaptures.epoch;
import static dev.rdpprobe.capture.OwnCaptures.messages;
import static dev.rdpprobe.capture.OwnCaptures.packetTimes;
import static dev.rdpprobe.capture.OwnCaptures.port;
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
  private Path file;
  private final List<DoctorReport> reports = new ArrayList<>();
  private CaptureAnalysis.Result analysis;
  private int written;

  @BeforeAll
  void examineTwoServersIntoOneFile() throws Exception {
    file = dir.resolve("doctor.pcapng");
    try (ProbePcap pcap = ProbePcap.create(file);
        RdpProbe probe = RdpProbe.create()) {
      Doctor doctor = Doctor.create(probe);
      for (String scenario : List.of("healthy", "neg-failure-ssl-required-by-server")) {
        try (RdpEmulator emulator = RdpEmulator.start(Scenario.parse(scenario))) {
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
          assertTrue(spec.pcap() == pcap);
          reports.add(doctor.examine(spec).orTimeout(80, TimeUnit.SECONDS).join());
        }
      }
      written = pcap.connections();
    }
    analysis = CaptureAnalysis.analyze(file);
  }

  /** Every connection the doctor reports: the baseline and each follow-up. */
  private List<ProbeResult> connections() {
    List<ProbeResult> out = new ArrayList<>();
    for (DoctorReport r : reports) {
      out.add(r.baseline());
      r.followUps().stream().map(FollowUp::result).forEach(out::add);
    }
    return out;
  }

  @Test
  void everyConnectionOfTheExaminationIsItsOwnFlow() throws Exception {
    assertTrue(reports.get(0).followUps().size() >= 5, reports.get(0).followUps().toString());
    assertTrue(
        reports.stream().flatMap(r -> r.followUps().stream()).noneMatch(f -> f.repeatedAlone()));
    List<ProbeResult> all = connections();
    assertEquals(all.size(), written);
    // tshark: one TCP conversation per connection, from the client port the doctor's probe had
    TreeSet<String> streams =
        new TreeSet<>(
            Tshark.fields(file, "tcp.flags.syn == 1 && tcp.flags.ack == 0", "tcp.srcport"));
    TreeSet<String> ports = new TreeSet<>();
    for (ProbeResult r : all) {
      ports.add(port(r.trace().header().client()));
    }
    assertEquals(all.size(), ports.size(), "distinct client ports");
    assertEquals(ports, streams);
    assertEquals(all.size(), analysis.flows().size(), analysis.otherFlows().toString());
  }

  @Test
  void eachFlowsPacketsHaveTheConnectionsOwnTimes() throws Exception {
    Map<String, List<BigDecimal>> times = packetTimes(file);
    for (ProbeResult r : connections()) {
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
    List<String> finished =
        Tshark.decodedAs(file, "tls.handshake.type == 20", "tcp.port==3389,tls", "tcp.srcport");
    List<String> mcs =
        Tshark.decodedAs(file, "rdp.client.coreData", "tcp.port==3389,tls", "tcp.srcport");
    int tls = 0;
    for (ProbeResult r : connections()) {
      String port = port(r.trace().header().client());
      if (r.trace().eventsOf(TraceEvent.Tls.class).stream()
          .anyMatch(t -> t.message().equals("Finished"))) {
        tls++;
        assertTrue(finished.contains(port), "the Finished of " + port + " decrypted: " + finished);
      }
      if (r.trace().events().stream()
          .anyMatch(
              e ->
                  e instanceof TraceEvent.Pdu p
                      && p.phase() == Phase.BASIC_SETTINGS
                      && p.name().contains("Connect Initial"))) {
        assertTrue(mcs.contains(port), "the MCS Connect Initial of " + port + ": " + mcs);
      }
    }
    assertTrue(tls >= 3, "several TLS connections: " + tls);
    assertTrue(!mcs.isEmpty());
  }

  private static List<Object> ending(Diagnosis d) {
    return List.of(d.phase(), d.closeKind(), d.closedBy(), d.clientCode().summary(), causes(d));
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
    Map<String, CaptureAnalysis.Flow> byClient = new LinkedHashMap<>();
    for (CaptureAnalysis.Flow f : analysis.flows()) {
      byClient.put(f.client(), f);
    }
    List<String> differ = new ArrayList<>();
    int stopped = 0;
    int ended = 0;
    for (ProbeResult r : connections()) {
      String client = r.trace().header().client();
      CaptureAnalysis.Flow f = byClient.get(client);
      Diagnosis live = r.diagnose();
      Diagnosis captured = f.diagnosis();
      // the analyser leaves CBC suites closed (TlsDecrypter); tshark opens them (test above)
      boolean opened = r.facts().tls() == null || !r.facts().tls().cipherSuite().contains("_CBC_");
      if (opened && !messages(r.trace()).equals(messages(f.trace()))) {
        differ.add(client + ": live " + messages(r.trace()) + ", capture " + messages(f.trace()));
      }
      if (live.closeKind() == CloseKind.STOP_POINT_REACHED) {
        // a capture cannot know a probe's stop point: it sees the client's FIN, in the phase the
        // stop point completed or the one after it, with the same causes
        stopped++;
        List<Object> a = List.of(CloseKind.CLIENT_FIN, live.closedBy(), causes(live));
        List<Object> b = List.of(captured.closeKind(), captured.closedBy(), causes(captured));
        if (!a.equals(b) || captured.phase().compareTo(live.phase()) < 0) {
          differ.add(client + ": live " + ending(live) + ", capture " + ending(captured));
        }
      } else {
        ended++;
        if (!ending(live).equals(ending(captured))) {
          differ.add(client + ": live " + ending(live) + ", capture " + ending(captured));
        }
      }
    }
    assertEquals(List.of(), differ);
    assertTrue(stopped > 0 && ended > 0, stopped + " stopped, " + ended + " ended otherwise");
  }
}
