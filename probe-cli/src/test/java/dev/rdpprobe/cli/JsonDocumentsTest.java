package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rdpprobe.ProbeResult;
import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.RdpProbe;
import dev.rdpprobe.doctor.Doctor;
import dev.rdpprobe.doctor.DoctorReport;
import dev.rdpprobe.doctor.DoctorSpec;
import dev.rdpprobe.doctor.FollowUp;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.emulate.Scenario;
import dev.rdpprobe.ntlm.NtlmServer;
import dev.rdpprobe.report.DoctorReportDocument;
import dev.rdpprobe.report.ProbeReport;
import dev.rdpprobe.testing.JsonSchemas;
import dev.rdpprobe.testing.SharedProbe;
import dev.rdpprobe.testing.TraceBuilder;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.ntlm.NtlmVersion;
import dev.rdpprobe.wire.share.ErrorInfo;
import dev.rdpprobe.wire.x224.NegotiationFailure;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.NegotiationResponse;
import dev.rdpprobe.wire.x224.NegotiationResponseFlags;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JSON documents of the core's report model are byte for byte the ones the CLI wrote with
 * Jackson before ({@link FormerJsonReport}): over every emulator scenario probed two ways (the
 * client's trace and the emulator's own), doctor examinations and their follow-ups, and synthetic
 * traces whose strings hold every kind of character JSON escapes or does not.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class JsonDocumentsTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();
  private static final Duration IDLE = Duration.ofMillis(700);
  private static final Duration DEADLINE = Duration.ofSeconds(6);

  /** The results of every scenario, the emulator's traces as results too. */
  private static final List<ProbeResult> SCENARIO_RESULTS =
      Collections.synchronizedList(new ArrayList<>());

  private static final RdpProbe probe = SharedProbe.get();

  @BeforeAll
  static void probeEveryScenario() throws Exception {
    List<Callable<Void>> runs = new ArrayList<>();
    for (Scenario s : Scenario.values()) {
      runs.add(() -> run(RdpEmulator.builder(s), plain()));
      runs.add(() -> run(RdpEmulator.builder(s), full()));
    }
    // strings from the wire that JSON escapes, and ERRINFO values with the top bit set
    runs.add(
        () ->
            run(
                RdpEmulator.builder(Scenario.NLA)
                    .ntlmIdentity(
                        new NtlmServer.Identity(
                            "Q\"UOTE\\BACK",
                            "TAB\tNL\nBEL\u0007",
                            "h\u00e9t\u00e9.\u20ac.\ud83d\ude00.test",
                            "del\u007f/slash",
                            "\u2028\u2029",
                            NtlmVersion.of(6, 3, 9600))),
                full()));
    for (int code : new int[] {0x10A, 0xFFFFFFFF, 0x80000000, 0x1234}) {
      runs.add(
          () ->
              run(
                  RdpEmulator.builder(Scenario.SET_ERROR_INFO).errorInfo(new ErrorInfo(code)),
                  plain()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      for (Future<Void> f : pool.invokeAll(runs)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static ProbeSpec.Builder plain() {
    return ProbeSpec.builder("127.0.0.1").idleTimeout(IDLE).deadline(DEADLINE);
  }

  /** As far as the probe goes: credentials, channels, multitransport and the UDP probe. */
  private static ProbeSpec.Builder full() {
    return ProbeSpec.builder("localhost")
        .idleTimeout(IDLE)
        .deadline(DEADLINE)
        .credentials("rdpprobe", "", "rdpprobe-Pass1".toCharArray())
        .staticChannels("cliprdr", "rdpsnd")
        .multitransport(true)
        .udpProbe(true, Duration.ofMillis(500))
        .stopAfter(Phase.FINALIZATION);
  }

  private static Void run(RdpEmulator.Builder emulator, ProbeSpec.Builder spec) throws Exception {
    List<Trace> served = Collections.synchronizedList(new ArrayList<>());
    ProbeSpec built;
    try (RdpEmulator e =
        emulator
            .listener(served::add)
            .trickleInterval(Duration.ofMillis(20))
            .maxConnectionTime(Duration.ofSeconds(10))
            .start()) {
      built = spec.port(e.port()).build();
      SCENARIO_RESULTS.add(probe.probe(built).orTimeout(30, TimeUnit.SECONDS).join());
    }
    for (Trace t : List.copyOf(served)) {
      if (t.closed().isPresent()) {
        SCENARIO_RESULTS.add(ProbeResult.of(built, t, List.of()));
      }
    }
    return null;
  }

  /**
   * The core's document matches its JSON Schema, and keeps every field of the former one: as JSON
   * trees, as text, as UTF-8 bytes, once it is written back in the shape of schema version 1 (the
   * fields added since set aside, the close's socket error among them, flag sets joined with {@code
   * |} again, the CredSSP error code as its hex string, the Standard Security and timing facts set
   * aside).
   */
  private static void assertSameDocument(String what, String former, String now) throws Exception {
    JsonSchemas.assertValid(now);
    String kept = JACKSON.writeValueAsString(asVersion1(JACKSON.readTree(now)));
    assertEquals(JACKSON.readTree(former), JACKSON.readTree(kept), what);
    assertEquals(former, kept, what);
    assertArrayEquals(
        former.getBytes(StandardCharsets.UTF_8), kept.getBytes(StandardCharsets.UTF_8), what);
  }

  /** The members schema version 2 added at the top of a document. */
  private static final List<String> ADDED_AT_TOP =
      List.of("document", "tool", "startedAt", "endedAt", "ip", "tag", "scenario");

  /** The facts version 2 added since (fields added: the schema version stays). */
  private static final List<String> ADDED_TO_FACTS = List.of("standardSecurity", "timing");

  /** The flag sets that version 1 wrote as names joined with {@code |} ({@code none} for none). */
  private static final List<String> FLAG_SETS =
      List.of(
          "requestedProtocols",
          "responseFlags",
          "clientRequestedProtocols",
          "earlyCapabilityFlags",
          "multitransport",
          "negotiateFlags");

  /** A version 2 document in the shape of version 1. */
  private static JsonNode asVersion1(JsonNode doc) {
    ObjectNode o = (ObjectNode) doc;
    boolean doctor = "doctor".equals(o.path("document").asText());
    ObjectNode out = JACKSON.createObjectNode();
    out.put("schemaVersion", 1);
    if (doctor) {
      out.put("document", "doctor");
    }
    o.properties()
        .forEach(
            e -> {
              if (!ADDED_AT_TOP.contains(e.getKey()) && !e.getKey().equals("schemaVersion")) {
                out.set(e.getKey(), version1Members(e.getKey(), e.getValue()));
              }
            });
    if (doctor) {
      ObjectNode baseline = (ObjectNode) asVersion1(out.get("baseline"));
      baseline.remove("schemaVersion"); // version 1 embedded the baseline without it
      out.set("baseline", baseline);
    }
    return out;
  }

  private static JsonNode version1Members(String name, JsonNode node) {
    if (node.isArray() && FLAG_SETS.contains(name)) {
      List<String> names = new ArrayList<>();
      node.forEach(n -> names.add(n.asText()));
      return JACKSON.getNodeFactory().textNode(names.isEmpty() ? "none" : String.join("|", names));
    }
    if (node.isArray()) {
      ArrayNode a = JACKSON.createArrayNode();
      node.forEach(n -> a.add(version1Members("", n)));
      return a;
    }
    if (!node.isObject() || name.equals("baseline")) {
      return node;
    }
    ObjectNode out = JACKSON.createObjectNode();
    node.properties()
        .forEach(
            e -> {
              String key = e.getKey();
              boolean addedNumber =
                  key.endsWith("Value") && node.has(key.substring(0, key.length() - 5));
              boolean addedHex = key.equals("hex") && node.has("value") && node.has("meaning");
              boolean addedFact = name.equals("facts") && ADDED_TO_FACTS.contains(key);
              // the close's socket error and the doctor's rate came after the former writer too
              boolean added = key.equals("exception") || key.equals("maxNewConnectionsPerSecond");
              if (!addedNumber && !addedHex && !addedFact && !added) {
                out.set(key, version1Members(key, e.getValue()));
              }
            });
    if (name.equals("errorCode") && node.has("hex")) {
      out.set("value", node.get("hex")); // version 1 wrote the NTSTATUS as its hex string
    } else if (node.has("hex") && node.has("value") && node.has("meaning")) {
      out.put("value", (int) node.get("value").asLong()); // and ERRINFO as a signed int
    }
    return out;
  }

  private static void assertSameDocument(ProbeResult r) throws Exception {
    assertSameDocument(
        r.spec().target() + " " + r.closed(), FormerJsonReport.line(r), ProbeReport.of(r).toJson());
  }

  @Test
  void everyEmulatorScenarioBothSides() throws Exception {
    int documents = 0;
    for (ProbeResult r : List.copyOf(SCENARIO_RESULTS)) {
      assertSameDocument(r);
      documents++;
    }
    // two probes per scenario, and most scenarios accept a connection the emulator traces
    assertTrue(documents >= 3 * Scenario.values().length, documents + " documents");
    System.out.println("JsonDocumentsTest: " + documents + " scenario documents identical");
  }

  @Test
  void doctorExaminations() throws Exception {
    Doctor doctor = Doctor.create(probe);
    int documents = 0;
    for (Scenario s :
        List.of(
            Scenario.HEALTHY,
            Scenario.NOT_LISTENING,
            Scenario.NEG_FAILURE_HYBRID_REQUIRED_BY_SERVER,
            Scenario.TLS_ALERT_PROTOCOL_VERSION,
            Scenario.TLS_RST_AFTER_CLIENT_HELLO,
            Scenario.NLA)) {
      DoctorReport report;
      try (RdpEmulator e = RdpEmulator.start(s)) {
        DoctorSpec spec =
            DoctorSpec.builder("localhost")
                .port(e.port())
                .probeSettings(plain().port(e.port()).build())
                .delayBetweenConnections(Duration.ofMillis(20))
                .deadline(Duration.ofSeconds(60))
                .build();
        report = doctor.examine(spec).orTimeout(90, TimeUnit.SECONDS).join();
      }
      DoctorReportDocument doc = DoctorReportDocument.of(report);
      assertSameDocument(
          s.cliName() + " doctor", FormerJsonReport.doctorLine(report), doc.toJson());
      documents++;
      assertSameDocument(report.baseline());
      documents++;
      for (FollowUp f : report.followUps()) {
        assertSameDocument(f.result());
        documents++;
      }
    }
    System.out.println("JsonDocumentsTest: " + documents + " doctor documents identical");
  }

  @Test
  void tracesBuiltStepByStep() throws Exception {
    SecurityProtocols offer =
        SecurityProtocols.of(
            SecurityProtocols.SSL, SecurityProtocols.HYBRID, SecurityProtocols.HYBRID_EX);
    List<Trace> traces = new ArrayList<>();
    traces.add(TraceBuilder.start().close(CloseKind.DNS_FAILURE));
    traces.add(
        TraceBuilder.start()
            .resolved("rdp.example", "192.0.2.10")
            .after(3001)
            .close(CloseKind.CONNECT_TIMEOUT));
    for (CloseKind kind : CloseKind.values()) {
      traces.add(
          TraceBuilder.start()
              .resolved("rdp.example", "192.0.2.10")
              .after(2)
              .connected()
              .connectionRequest(offer)
              .afterNanos(1_234_567)
              .close(kind));
    }
    traces.add(
        TraceBuilder.start()
            .connected()
            .connectionRequest(offer)
            .after(5)
            .connectionConfirm(
                new NegotiationResponse(
                    NegotiationResponseFlags.NONE, SecurityProtocols.of(SecurityProtocols.SSL)))
            .clientHello(312)
            .after(40)
            .alert(Direction.SERVER_TO_CLIENT, "fatal", "protocol_version", 70)
            .close(
                CloseKind.TLS_ALERT, ClosedBy.SERVER, "the server's alert \"protocol_version\""));
    traces.add(
        TraceBuilder.start()
            .connected()
            .connectionRequest(offer)
            .after(5)
            .connectionConfirm(
                NegotiationFailure.of(NegotiationFailureCode.HYBRID_REQUIRED_BY_SERVER))
            .close(CloseKind.REFUSED_BY_SERVER));
    traces.add(
        TraceBuilder.start()
            .connected()
            .connectionRequest(offer)
            .after(1)
            .undecodable(new byte[] {0x48, 0x54, 0x54, 0x50, 0x2f, 0x31, 0x2e, 0x31, 0x20, 0x34})
            .close(CloseKind.MALFORMED_PDU));
    traces.add(
        TraceBuilder.start()
            .connected()
            .connectionRequest(offer)
            .receivePartial(3)
            .after(700)
            .note("waited\tfor the rest\n of \"the\" PDU \\ 3 bytes")
            .close(CloseKind.IDLE_TIMEOUT));
    for (Trace t : traces) {
      assertSameDocument(ProbeResult.of(plain().port(3389).build(), t, List.of()));
    }
  }

  /**
   * Random traces: every event type, strings drawn from every class of character (controls, quotes,
   * reverse solidus, DEL, non-ASCII, surrogate pairs, lone surrogates), times from zero to days and
   * negative, absent optional strings, and PDUs, TLS messages and notes taken from the scenarios'
   * traces so the facts and the diagnosis are not empty.
   */
  @Test
  void randomTraces() throws Exception {
    List<TraceEvent> real = new ArrayList<>();
    for (ProbeResult r : List.copyOf(SCENARIO_RESULTS)) {
      for (TraceEvent e : r.trace().events()) {
        if (!(e instanceof TraceEvent.Closed)) {
          real.add(e);
        }
      }
    }
    Random random = new Random(20261206);
    int documents = 0;
    for (int i = 0; i < 1500; i++) {
      List<TraceEvent> events = new ArrayList<>();
      int n = random.nextInt(12);
      for (int k = 0; k < n; k++) {
        events.add(
            !real.isEmpty() && random.nextInt(3) == 0
                ? real.get(random.nextInt(real.size()))
                : randomEvent(random));
      }
      events.add(randomClose(random));
      Trace trace = new Trace(events);
      String host = randomHost(random);
      ProbeSpec spec = ProbeSpec.builder(host).port(1 + random.nextInt(65535)).build();
      assertSameDocument(ProbeResult.of(spec, trace, List.of()));
      documents++;
    }
    System.out.println("JsonDocumentsTest: " + documents + " random documents identical");
  }

  private static final String[] PIECES = {
    "a",
    "Z",
    "0",
    " ",
    "\"",
    "\\",
    "/",
    "\b",
    "\f",
    "\n",
    "\r",
    "\t",
    "\u0000",
    "\u0001",
    "\u001f",
    "\u001b",
    "\u007f",
    "\u0080",
    "\u00e9",
    "\u2028",
    "\u2029",
    "\u20ac",
    "\ud83d\ude00",
    "\ud800",
    "\udfff",
    "\ufeff",
    "\uffff",
    "{}",
    "[]",
    ":",
    ",",
    "null",
    "ERRINFO_",
    "0x904"
  };

  private static String randomText(Random random) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(10);
    for (int i = 0; i < n; i++) {
      b.append(
          random.nextInt(4) == 0
              ? String.valueOf((char) random.nextInt(0x10000))
              : PIECES[random.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  private static String maybeNull(Random random) {
    return random.nextInt(5) == 0 ? null : randomText(random);
  }

  private static String randomHost(Random random) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789.-_\"\\:[]~!$%^&*()+={}|;'<>?,`";
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(20);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static long randomNanos(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> random.nextInt(2_000);
      case 1 -> random.nextInt(2_000_000_000);
      case 2 -> random.nextLong() >>> random.nextInt(64);
      case 3 -> -random.nextInt(5_000_000);
      case 4 -> 500L * (1 + random.nextInt(20_000));
      default -> (long) random.nextInt(100_000) * 1_000_000L;
    };
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }

  private static byte[] randomBytes(Random random) {
    byte[] b = new byte[random.nextInt(40)];
    random.nextBytes(b);
    return b;
  }

  private static TraceEvent randomEvent(Random random) {
    long t = randomNanos(random);
    Phase phase = pick(random, Phase.values());
    Direction direction =
        random.nextBoolean() ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
    long client = random.nextInt(100_000);
    long server = random.nextBoolean() ? random.nextInt(100_000) : random.nextLong() >>> 1;
    return switch (random.nextInt(8)) {
      case 0 ->
          new TraceEvent.Resolved(
              t,
              randomText(random),
              List.of(randomText(random), randomText(random)),
              randomText(random));
      case 1 ->
          new TraceEvent.Connected(t, maybeNull(random), maybeNull(random), maybeNull(random));
      case 2 ->
          new TraceEvent.Pdu(
              t,
              phase,
              direction,
              client,
              server,
              randomText(random),
              randomText(random),
              null,
              randomBytes(random));
      case 3 ->
          new TraceEvent.Undecodable(
              t,
              phase,
              direction,
              client,
              server,
              randomText(random),
              maybeNull(random),
              randomText(random),
              random.nextInt(),
              randomBytes(random));
      case 4 ->
          new TraceEvent.Tls(
              t,
              phase,
              direction,
              client,
              server,
              maybeNull(random),
              maybeNull(random),
              random.nextInt(),
              random.nextBoolean(),
              null);
      case 5 ->
          new TraceEvent.TlsAlert(
              t,
              phase,
              direction,
              client,
              server,
              maybeNull(random),
              maybeNull(random),
              random.nextInt(256),
              maybeNull(random));
      default -> new TraceEvent.Note(t, phase, client, server, randomText(random));
    };
  }

  private static TraceEvent.Closed randomClose(Random random) {
    return new TraceEvent.Closed(
        randomNanos(random),
        pick(random, Phase.values()),
        random.nextInt(100_000),
        random.nextInt(100_000),
        pick(random, CloseKind.values()),
        pick(random, ClosedBy.values()),
        randomText(random),
        randomText(random),
        randomText(random),
        random.nextBoolean() ? -1 : randomNanos(random),
        random.nextBoolean() ? -1 : randomNanos(random),
        random.nextInt(70_000),
        randomText(random),
        random.nextBoolean() ? "" : randomText(random));
  }
}
